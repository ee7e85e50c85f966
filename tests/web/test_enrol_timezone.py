"""The enrolment form sets the learner's time zone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from skillpath.people.models import Profile

pytestmark = pytest.mark.django_db


def test_the_enrol_form_saves_the_time_zone(client, alice, builtin):
    client.force_login(alice)
    form = client.get(reverse("web:enrol")).context["form"]
    assert form.initial["time_zone"] == "UTC"
    data = {
        "curriculum": builtin.pk,
        "start_on": "2026-01-05",
        "hours_per_week": "20",
        "study_weekdays": ["0", "1", "2", "3", "4"],
        "days_off": "",
        "pace": "18",
        "time_zone": "Asia/Vladivostok",
    }

    response = client.post(reverse("web:enrol"), data)

    assert response.status_code == 302
    assert Profile.objects.get(user=alice).time_zone == "Asia/Vladivostok"
    again = client.get(reverse("web:enrol")).context["form"]
    assert again.initial["time_zone"] == "Asia/Vladivostok"
