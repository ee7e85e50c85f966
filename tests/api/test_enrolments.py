"""Enrolments over the API: list, enrol and change settings, make current, the private
calendar URL (its feed is a page of the web app). Real services on the test database; every
API response is checked against the OpenAPI schema (`conforms`)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from skillpath.planning.models import Enrolment
from skillpath.planning.selectors import plan_items
from tests.api.conftest import TODAY, post

pytestmark = pytest.mark.django_db


def enrolment_body(**changes):
    body = {
        "curriculum": "backend",
        "start_on": "2026-01-19",
        "hours_per_week": 15,
        "study_weekdays": [0, 2, 4],
        "days_off": [{"start_on": "2026-02-02", "end_on": "2026-02-08"}],
        "pace": "21",
    }
    return {**body, **changes}


# --- List and read -------------------------------------------------------------------------


def test_the_list_shows_my_enrolment_with_its_settings(as_alice, enrolled, conforms):
    response = as_alice.get("/api/enrolments", HTTP_ACCEPT_LANGUAGE="en")

    conforms(response)
    [enrolment] = response.json()
    assert enrolment["id"] == enrolled.pk
    assert enrolment["curriculum"] == {
        "slug": "backend",
        "title": "Comprehensive Backend Developer Learning Plan",
    }
    assert enrolment["is_current"] is True
    assert enrolment["start_on"] == "2026-01-05"
    assert enrolment["hours_per_week"] == 20.0
    assert enrolment["study_weekdays"] == [0, 1, 2, 3, 4]
    assert enrolment["days_off"] == []
    assert (enrolment["pace"], enrolment["target_on"]) == ("18", "2027-07-05")
    assert enrolment["calendar_url"] == (
        f"http://testserver/calendar/{enrolled.calendar_token}.ics"
    )


def test_the_list_is_empty_before_enrolling(as_charlie, enrolled, conforms):
    response = as_charlie.get("/api/enrolments")

    conforms(response)
    assert response.json() == []


def test_one_enrolment_reads_like_its_list_entry(as_alice, enrolled, conforms):
    response = as_alice.get(f"/api/enrolments/{enrolled.pk}")

    conforms(response)
    assert response.json() == as_alice.get("/api/enrolments").json()[0]


def test_an_unknown_enrolment_is_a_404_that_names_it(as_alice, enrolled, conforms):
    response = as_alice.get("/api/enrolments/999999", HTTP_ACCEPT_LANGUAGE="en")

    conforms(response)
    assert response.status_code == 404
    assert response.json() == {"detail": "You have no enrolment with the id 999999."}


# --- Enrol ---------------------------------------------------------------------------------


def test_enrolling_makes_a_dated_plan_on_the_chosen_days(
    as_charlie, charlie, builtin, clock, conforms
):
    response = post(as_charlie, "/api/enrolments", enrolment_body())

    conforms(response)
    assert response.status_code == 201
    body = response.json()
    assert body["is_current"] is True
    assert body["start_on"] == "2026-01-19"
    assert body["hours_per_week"] == 15.0
    assert body["study_weekdays"] == [0, 2, 4]
    assert body["days_off"] == [{"start_on": "2026-02-02", "end_on": "2026-02-08"}]
    assert (body["pace"], body["target_on"]) == ("21", "2027-10-19")
    enrolment = Enrolment.objects.get(pk=body["id"], learner=charlie)
    items = plan_items(enrolment)
    assert len(items) == 144
    assert items[0].entry.start_on == date(2026, 1, 19)
    holiday = {date(2026, 2, 2) + timedelta(days=i) for i in range(7)}
    for item in items:
        assert item.entry.start_on.weekday() in {0, 2, 4}
        assert item.entry.start_on not in holiday


def test_enrolling_with_no_settings_takes_the_defaults(as_charlie, builtin, clock, conforms):
    response = post(as_charlie, "/api/enrolments")

    conforms(response)
    assert response.status_code == 201
    body = response.json()
    assert body["curriculum"]["slug"] == "backend"
    assert body["start_on"] == TODAY.isoformat()
    assert body["hours_per_week"] == 20.0
    assert body["study_weekdays"] == [0, 1, 2, 3, 4, 5]
    assert body["pace"] == "18"


def test_enrolling_again_changes_the_settings_of_the_same_enrolment(
    as_alice, enrolled, clock, conforms
):
    response = post(as_alice, "/api/enrolments", enrolment_body(hours_per_week=12.5))

    conforms(response)
    assert response.status_code == 200
    assert response.json()["id"] == enrolled.pk
    assert response.json()["hours_per_week"] == 12.5
    assert Enrolment.objects.filter(learner=enrolled.learner).count() == 1


def test_hours_are_kept_to_a_tenth(as_charlie, builtin, clock, conforms):
    response = post(as_charlie, "/api/enrolments", enrolment_body(hours_per_week=12.34))

    conforms(response)
    assert response.json()["hours_per_week"] == 12.3


def test_a_weekday_written_as_a_whole_float_is_a_weekday(as_charlie, builtin, clock, conforms):
    # JSON Schema counts 2.0 as an integer; schemathesis sent it and got a 422.
    response = post(as_charlie, "/api/enrolments", enrolment_body(study_weekdays=[0, 2.0]))

    conforms(response)
    assert response.status_code == 201
    assert response.json()["study_weekdays"] == [0, 2]


def test_a_custom_pace_aims_at_its_target_date(as_charlie, builtin, clock, conforms):
    body = enrolment_body(pace="custom", target_on="2028-01-31")

    response = post(as_charlie, "/api/enrolments", body)

    conforms(response)
    assert (response.json()["pace"], response.json()["target_on"]) == ("custom", "2028-01-31")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"hours_per_week": 0}, "hours_per_week"),
        ({"hours_per_week": 81}, "hours_per_week"),
        ({"hours_per_week": "many"}, "hours_per_week"),
        ({"study_weekdays": [0, 7]}, "study_weekdays"),
        ({"study_weekdays": [-1]}, "study_weekdays"),
        ({"study_weekdays": []}, "study_weekdays"),
        ({"pace": "12"}, "pace"),
        ({"start_on": "2026-13-01"}, "start_on"),
        ({"start_on": "9999-12-01"}, "start_on"),
        ({"curriculum": "not a slug"}, "curriculum"),
        ({"days_off": [{"start_on": "2026-02-02"}]}, "days_off"),
        ({"study_weekdays": [False]}, "study_weekdays"),
        ({"study_weekdays": ["1"]}, "study_weekdays"),
        ({"study_weekdays": [2.5]}, "study_weekdays"),
        ({"hours_per_week": "20"}, "hours_per_week"),
        ({"start_on": 0}, "start_on"),
        ({"hours": 20}, "hours"),  # a misspelt field is not silently ignored
    ],
)
def test_a_setting_outside_the_schema_is_a_422_naming_the_field(
    as_charlie, builtin, clock, conforms, change, field
):
    response = post(as_charlie, "/api/enrolments", enrolment_body(**change))

    conforms(response)
    assert response.status_code == 422
    assert field in {part for error in response.json()["detail"] for part in error["loc"]}
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"pace": "custom"}, "A custom pace needs a target date after the start date."),
        (
            {"pace": "custom", "target_on": "2026-01-01"},
            "A custom pace needs a target date after the start date.",
        ),
        (
            {"days_off": [{"start_on": "2026-02-08", "end_on": "2026-02-02"}]},
            "A day-off range must not end before it starts: 2026-02-08 – 2026-02-02.",
        ),
        ({"curriculum": "nope"}, "No curriculum has the slug “nope”."),
        (
            # An hour a week on Sundays, with three years off: the plan would pass thirty years.
            {
                "hours_per_week": 1,
                "study_weekdays": [6],
                "days_off": [{"start_on": "2026-01-19", "end_on": "2029-01-19"}],
            },
            "These settings leave too little study time: the plan would run past thirty "
            "years. Add hours, study days, or shorten the days off.",
        ),
    ],
)
def test_a_calendar_the_rules_refuse_is_a_400_with_their_message(
    as_charlie, builtin, clock, conforms, change, message
):
    response = post(
        as_charlie, "/api/enrolments", enrolment_body(**change), HTTP_ACCEPT_LANGUAGE="en"
    )

    conforms(response)
    assert response.status_code == 400
    assert response.json() == {"detail": message}
    assert not Enrolment.objects.exists()


# --- Make current ------------------------------------------------------------------------


def test_an_earlier_enrolment_can_be_made_current_again(
    as_alice, enrolled, second, clock, conforms
):
    other = post(as_alice, "/api/enrolments", enrolment_body(curriculum="second")).json()
    assert other["is_current"] is True
    assert as_alice.get("/api/plan").json()["curriculum"] == "second"

    response = post(as_alice, f"/api/enrolments/{enrolled.pk}/make-current")

    conforms(response)
    assert response.json()["id"] == enrolled.pk
    assert response.json()["is_current"] is True
    listed = as_alice.get("/api/enrolments").json()
    assert [(e["id"], e["is_current"]) for e in listed] == [
        (enrolled.pk, True),
        (other["id"], False),
    ]
    assert as_alice.get("/api/plan").json()["curriculum"] == "backend"


# --- The private calendar URL ------------------------------------------------------------


def test_the_calendar_url_serves_the_plan_without_sign_in(
    as_alice, api_client, enrolled, server_mode
):
    url = as_alice.get("/api/enrolments").json()[0]["calendar_url"]

    response = api_client.get(url)  # anonymous: the token in the URL is the secret

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR")
    assert f"UID:skillpath-{enrolled.pk}-topic-linux" in body


def test_revoking_the_calendar_url_makes_a_new_one_and_kills_the_old(
    as_alice, api_client, enrolled, conforms
):
    old_url = as_alice.get(f"/api/enrolments/{enrolled.pk}").json()["calendar_url"]

    response = post(as_alice, f"/api/enrolments/{enrolled.pk}/revoke-calendar-token")

    conforms(response)
    new_url = response.json()["calendar_url"]
    assert new_url != old_url
    assert api_client.get(old_url).status_code == 404
    assert api_client.get(new_url).status_code == 200


@pytest.mark.parametrize("body", ["[null, null]", '"backend"', "{"])
def test_a_body_that_is_not_a_json_object_is_refused(as_charlie, builtin, clock, conforms, body):
    response = as_charlie.post("/api/enrolments", body, content_type="application/json")

    conforms(response)
    assert response.status_code in (400, 422)
    assert not Enrolment.objects.exists()


def test_a_field_left_out_keeps_its_value(as_alice, builtin, conforms):
    """Changing the start once put hours back to 20, re-added days and dropped a holiday."""
    assert post(as_alice, "/api/enrolments", enrolment_body()).status_code == 201
    changed = post(as_alice, "/api/enrolments", {"start_on": "2026-02-16"})
    conforms(changed)
    assert changed.status_code == 200, changed.content
    found = changed.json()
    assert found["start_on"] == "2026-02-16"
    assert found["hours_per_week"] == 15 and found["study_weekdays"] == [0, 2, 4]
    assert found["days_off"] == [{"start_on": "2026-02-02", "end_on": "2026-02-08"}]
    assert found["pace"] == "21"


def test_a_target_date_alone_makes_the_pace_custom(as_alice, builtin, conforms):
    """A target sent without a pace was dropped without a word by the 21-month pace."""
    assert post(as_alice, "/api/enrolments", enrolment_body()).status_code == 201
    changed = post(as_alice, "/api/enrolments", {"target_on": "2027-09-30"})
    conforms(changed)
    assert changed.status_code == 200, changed.content
    found = changed.json()
    assert (found["pace"], found["target_on"]) == ("custom", "2027-09-30")
    assert found["hours_per_week"] == 15 and found["study_weekdays"] == [0, 2, 4]
