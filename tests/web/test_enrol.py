"""The enrolment page: a Django form that validates every field with a message beside it
and then calls planning.services.enrol; a second visit edits the settings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from skillpath.planning.models import Enrolment
from tests.web.conftest import in_language
from tests.web.learner import body, html_lang, shows

VALID = {
    "curriculum": None,  # filled in by the fixture
    "start_on": "2026-02-02",
    "hours_per_week": "12.5",
    "study_weekdays": ["0", "2", "4"],
    "days_off": "2026-12-30 – 2027-01-05\n\n2027-03-08",
    "pace": "21",
    "target_on": "",
}


@pytest.fixture
def signed_in(client, builtin, alice):
    client.force_login(alice)
    return in_language(client, "en")


@pytest.fixture
def data(builtin):
    return {**VALID, "curriculum": str(builtin.pk)}


def field_error(page: str, field: str) -> str:
    """The error text shown under a field (its id is id_<field>_error)."""
    start = page.index(f'id="id_{field}_error"')
    return page[page.index(">", start) + 1 : page.index("</div>", start)]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_enrol_page_offers_sensible_defaults(client, builtin, alice, language):
    client.force_login(alice)
    response = in_language(client, language).get("/start/")
    assert html_lang(response) == language
    page = body(response)
    assert f'<option value="{builtin.pk}" selected>{builtin.title}</option>' in page
    assert 'name="hours_per_week" value="20"' in page
    assert page.count('name="study_weekdays"') == 7
    assert page.count("checked") >= 6 + 1  # Monday to Saturday, and the 18-month pace
    assert 'name="days_off"' in page and 'type="date"' in page


def test_enrolling_builds_the_plan_and_goes_to_today(signed_in, data, alice):
    response = signed_in.post("/start/", data)
    assert response.status_code == 302
    assert response["Location"] == "/today/"
    enrolment = Enrolment.objects.get(learner=alice)
    assert enrolment.start_on == date(2026, 2, 2)
    assert enrolment.hours_per_week == Decimal("12.5")
    assert enrolment.study_weekdays == "024"
    assert enrolment.pace == "21"
    assert enrolment.target_on == date(2027, 11, 2)
    assert [(d.start_on, d.end_on) for d in enrolment.days_off.all()] == [
        (date(2026, 12, 30), date(2027, 1, 5)),
        (date(2027, 3, 8), date(2027, 3, 8)),
    ]
    assert enrolment.entries.count() == 144
    shows(signed_in.get("/today/"), "You are enrolled. Here is what to study today.")


@pytest.mark.parametrize("hours", ["0", "81", "-3", "100.5"])
def test_hours_out_of_range_are_refused_beside_the_field(signed_in, data, hours):
    response = signed_in.post("/start/", {**data, "hours_per_week": hours})
    page = body(response)
    assert field_error(page, "hours_per_week") == "Hours per week must be between 1 and 80."
    assert 'aria-invalid="true"' in page
    assert f'value="{hours}"' in page  # what was typed stays
    assert "2026-12-30 – 2027-01-05" in page
    assert not Enrolment.objects.exists()


def test_hours_that_are_not_a_number_are_refused(signed_in, data):
    page = body(signed_in.post("/start/", {**data, "hours_per_week": "lots"}))
    assert field_error(page, "hours_per_week") == "Enter a number of hours, like 20 or 12.5."


def test_a_bad_day_off_line_is_named(signed_in, data):
    days_off = "2026-12-30 – 2027-01-05\n2026-13-01\n2027-03-08"
    page = body(signed_in.post("/start/", {**data, "days_off": days_off}))
    assert field_error(page, "days_off") == (
        "Line 2, “2026-13-01”, is not a date or a range of dates: "
        "write 2026-12-31 or 2026-12-30 – 2027-01-05."
    )
    assert not Enrolment.objects.exists()


def test_a_backwards_range_is_named(signed_in, data):
    page = body(signed_in.post("/start/", {**data, "days_off": "2027-01-05 - 2026-12-30"}))
    assert "Line 1, “2027-01-05 - 2026-12-30”: the range ends before it starts." in page


def test_at_least_one_study_day_is_needed(signed_in, data):
    page = body(signed_in.post("/start/", {**data, "study_weekdays": []}))
    assert field_error(page, "study_weekdays") == "Choose at least one study day of the week."


def test_a_custom_pace_needs_a_target_date_after_the_start(signed_in, data):
    page = body(signed_in.post("/start/", {**data, "pace": "custom"}))
    assert field_error(page, "target_on") == "A custom pace needs a target date."
    page = body(signed_in.post("/start/", {**data, "pace": "custom", "target_on": "2026-01-01"}))
    assert field_error(page, "target_on") == "The target date must come after the start date."
    response = signed_in.post("/start/", {**data, "pace": "custom", "target_on": "2027-12-31"})
    assert response.status_code == 302
    assert Enrolment.objects.get().target_on == date(2027, 12, 31)


def test_a_second_visit_shows_and_edits_the_current_settings(signed_in, data, alice):
    signed_in.post("/start/", data)
    page = body(signed_in.get("/start/"))
    assert "Plan settings" in page
    assert 'name="hours_per_week" value="12.5"' in page
    assert 'name="start_on" value="2026-02-02"' in page
    assert "2026-12-30 – 2027-01-05\n2027-03-08</textarea>" in page
    for day in ("0", "2", "4"):
        assert f'value="{day}" id="id_study_weekdays_{day}" autocomplete="off" checked' in page
    assert 'value="1" id="id_study_weekdays_1" autocomplete="off">' in page

    response = signed_in.post("/start/", {**data, "hours_per_week": "30", "days_off": ""})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(learner=alice)
    assert enrolment.hours_per_week == 30
    assert not enrolment.days_off.exists()
    shows(signed_in.get("/today/"), "Your settings are saved and the plan was rebuilt.")


def shown_form(page: str) -> dict[str, object]:
    """What the settings page sends back as it is: its fields' values and its hidden ones."""
    import html
    import re

    found = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page)
    return {name: html.unescape(value) for name, value in found if name != "csrfmiddlewaretoken"}


def test_a_setting_left_as_shown_keeps_a_value_changed_meanwhile(signed_in, data, alice):
    """The page sent every field back, so a setting changed from the terminal while the page
    was open went back to what the page had shown."""
    from typer.testing import CliRunner

    from skillpath.cli.main import app

    signed_in.post("/start/", data)
    page = body(signed_in.get("/start/"))
    # Meanwhile, in a terminal:
    terminal = ["enroll", "--user", alice.username, "--hours", "15", "--days", "mon,tue"]
    assert CliRunner().invoke(app, terminal).exit_code == 0
    enrolment = Enrolment.objects.get(learner=alice)
    assert enrolment.hours_per_week == 15

    posted = {**data, **shown_form(page), "start_on": "2026-02-09"}
    response = signed_in.post("/start/", posted)
    assert response.status_code == 302, body(response)
    enrolment.refresh_from_db()
    assert enrolment.start_on == date(2026, 2, 9)
    assert (enrolment.hours_per_week, enrolment.study_weekdays) == (15, "01")
    assert enrolment.days_off.count() == 2 and enrolment.pace == "21"


def test_a_setting_changed_on_the_page_is_saved_even_over_the_same_value(signed_in, data, alice):
    signed_in.post("/start/", data)
    shown = shown_form(body(signed_in.get("/start/")))
    response = signed_in.post("/start/", {**data, **shown, "days_off": "", "pace": "18"})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(learner=alice)
    assert not enrolment.days_off.exists()
    assert (enrolment.pace, enrolment.target_on) == ("18", date(2027, 8, 2))
    assert enrolment.hours_per_week == Decimal("12.5")


@pytest.mark.parametrize(
    "shown",
    ["not json", "[1, 2]", '{"start_on": ["x"], "hours_per_week": {"a": 1}, "pace": 7}'],
)
def test_a_record_of_the_page_that_makes_no_sense_saves_every_field(signed_in, data, alice, shown):
    signed_in.post("/start/", data)
    response = signed_in.post("/start/", {**data, "shown": shown, "hours_per_week": "16"})
    assert response.status_code == 302
    assert Enrolment.objects.get(learner=alice).hours_per_week == 16


# --- Bounds: every date of the form falls between 1900-01-01 and 2199-12-31 ---------------


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"])
@pytest.mark.parametrize("field", ["start_on", "target_on"])
def test_a_date_outside_the_bounds_is_refused_beside_its_field(signed_in, data, field, day):
    # 9999-12-31 was a 500 (its target 18 months later is past year 9999); 0001-01-01 made
    # a dashboard of two thousand years.
    page = body(signed_in.post("/start/", {**data, "pace": "custom", field: day}))
    assert field_error(page, field) == "Enter a date between 1900-01-01 and 2199-12-31."
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize("day", ["1900-01-01", "2199-12-31"])
def test_the_first_and_last_days_of_the_bounds_are_a_start(signed_in, data, alice, day):
    response = signed_in.post("/start/", {**data, "start_on": day, "days_off": ""})
    assert response.status_code == 302
    assert Enrolment.objects.get(learner=alice).start_on == date.fromisoformat(day)


def test_the_date_pickers_show_the_bounds(signed_in):
    page = body(signed_in.get("/start/"))
    assert page.count('min="1900-01-01"') == page.count('type="date"') == 2
    assert page.count('max="2199-12-31"') == 2


def test_a_day_off_outside_the_bounds_is_named(signed_in, data):
    days_off = "2026-12-30\n\n2026-12-31 – 9999-12-31"
    page = body(signed_in.post("/start/", {**data, "days_off": days_off}))
    assert field_error(page, "days_off") == (
        "Line 3, “2026-12-31 – 9999-12-31”: dates go from 1900-01-01 to 2199-12-31."
    )


def test_at_most_a_hundred_days_off(signed_in, data):
    days_off = "\n".join(
        f"2027-{month:02d}-{day:02d}" for month in (1, 2, 3, 4) for day in (1, 2, 3) * 9
    )
    page = body(signed_in.post("/start/", {**data, "days_off": days_off}))
    assert field_error(page, "days_off") == "Give at most 100 days off or ranges."
