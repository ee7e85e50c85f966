"""The admin lists and edits curriculum items for a staff author; others are sent to log in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from skillpath.curriculum import models as m

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_superuser("author", "a@example.com", "author-pass-1")


@pytest.mark.parametrize(
    "model",
    [
        m.Curriculum,
        m.Phase,
        m.Month,
        m.Block,
        m.Topic,
        m.Practice,
        m.Milestone,
        m.Project,
        m.Resource,
        m.KpiTarget,
    ],
)
def test_every_list_opens_for_an_author(client, author, builtin, model):
    client.force_login(author)

    response = client.get(reverse(f"admin:curriculum_{model._meta.model_name}_changelist"))

    assert response.status_code == 200


def test_an_author_fixes_a_translation(client, author, builtin):
    client.force_login(author)
    topic = m.Topic.objects.get(curriculum=builtin, slug="linux")
    url = reverse("admin:curriculum_topic_change", args=[topic.pk])
    page = client.get(url).context
    form = page["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(slug=topic.slug, position=topic.position, title_en="Linux basics")
    for inline in page["inline_admin_formsets"]:  # objectives, concepts and materials, as shown
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
        for sub in formset.forms:
            data.update({sub.add_prefix(k): v for k, v in sub.initial.items() if v is not None})
            data[sub.add_prefix("id")] = sub.instance.pk

    response = client.post(url, data)

    assert response.status_code == 302, [
        response.context["adminform"].form.errors,
        *(i.formset.errors for i in response.context["inline_admin_formsets"]),
    ]
    topic.refresh_from_db()
    assert topic.title_en == "Linux basics"


def test_a_learner_without_staff_rights_is_sent_to_log_in(client, alice, builtin):
    client.force_login(alice)

    response = client.get(reverse("admin:curriculum_topic_changelist"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
