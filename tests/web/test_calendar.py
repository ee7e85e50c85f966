"""The calendar page and the private iCalendar feed: the feed needs no sign-in (its token
is the secret), parses as RFC 5545, and stops working once the token is revoked."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from skillpath.people.models import Profile
from skillpath.planning.models import Enrolment
from tests.web.conftest import in_language
from tests.web.learner import body, hides, html_lang, shows


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_calendar_page_gives_the_private_addresses(client, enrolled, alice, language):
    client.force_login(alice)
    response = in_language(client, language).get("/calendar/")
    assert html_lang(response) == language
    page = body(response)
    token = enrolled.calendar_token
    assert f'value="http://testserver/calendar/{token}.ics"' in page
    assert f'href="webcal://testserver/calendar/{token}.ics"' in page
    assert f'href="/calendar/{token}.ics?download=1"' in page
    assert f'action="/calendar/{enrolled.pk}/revoke/"' in page
    assert "data-sp-copy" in page


ONLINE_CALENDARS = "Online calendars (Google Calendar, Outlook.com) fetch subscriptions"


def test_in_local_mode_the_page_says_online_calendars_cannot_reach_it(as_alice, settings):
    settings.LOCAL_MODE = True
    page = as_alice.get("/calendar/")
    shows(page, "This address is on this computer.", ONLINE_CALENDARS, "Apple Calendar")
    hides(page, "Subscribe from Google Calendar")
    # The download comes first, then the desktop apps' subscription.
    text = body(page)
    assert text.index("?download=1") < text.index('href="webcal://testserver/calendar/')


def test_on_a_server_the_page_promises_the_subscription(as_alice, enrolled, server_mode):
    server_mode.ALLOWED_HOSTS = ["skillpath.example.org"]
    page = as_alice.get("/calendar/", HTTP_HOST="skillpath.example.org")
    shows(page, "Subscribe from Google Calendar", "Subscribe (webcal)", "from 18:00 your time")
    hides(page, "This address is on this computer.", ONLINE_CALENDARS)


def test_on_a_server_reached_at_a_loopback_address_the_page_says_so(
    as_alice, enrolled, server_mode
):
    shows(as_alice.get("/calendar/", HTTP_HOST="127.0.0.1:8000"), ONLINE_CALENDARS)


def test_the_feed_parses_and_needs_no_sign_in(client, enrolled, server_mode):
    response = client.get(f"/calendar/{enrolled.calendar_token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    summaries = {str(e["SUMMARY"]) for e in events}
    assert len([e for e in events if str(e["UID"]).startswith(f"skillpath-{enrolled.pk}-topic-")])
    assert len(events) >= 144 + 36
    assert "Git" in summaries
    assert str(calendar["X-WR-CALNAME"]).startswith("Skillpath · ")


def test_the_download_is_an_attachment(client, enrolled):
    response = client.get(f"/calendar/{enrolled.calendar_token}.ics?download=1")
    assert response["Content-Disposition"] == 'attachment; filename="skillpath-plan.ics"'


def test_an_unknown_token_is_a_404(client, enrolled):
    assert client.get("/calendar/not-a-real-token.ics").status_code == 404
    assert client.get("/calendar/" + "a" * 65 + ".ics").status_code == 404


def test_revoking_makes_a_new_address_and_the_old_one_404s(as_alice, enrolled, client):
    old = enrolled.calendar_token
    response = as_alice.post(f"/calendar/{enrolled.pk}/revoke/", {"confirm": "yes"})
    assert response["Location"] == "/calendar/"
    shows(as_alice.get("/calendar/"), "The old calendar address no longer works.")
    new = Enrolment.objects.get(pk=enrolled.pk).calendar_token
    assert new != old
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200


def test_revoking_needs_the_box_ticked(as_alice, enrolled):
    as_alice.post(f"/calendar/{enrolled.pk}/revoke/")
    assert Enrolment.objects.get(pk=enrolled.pk).calendar_token == enrolled.calendar_token
    shows(as_alice.get("/calendar/"), "Tick the box to confirm")


def _summaries(response) -> set[str]:
    return {str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}


@pytest.mark.parametrize(
    ("chosen", "asked", "study", "category"),
    [("en", "ru", "Study: Linux", "Topic"), ("ru", "en", "Занятие: Linux", "Тема")],
)
def test_the_feed_speaks_the_language_the_learner_chose(
    client, enrolled, alice, chosen, asked, study, category
):
    # A calendar app's fetch carries a language of its own, or none (Google's servers).
    Profile.objects.create(user=alice, language=chosen)

    response = client.get(f"/calendar/{enrolled.calendar_token}.ics", HTTP_ACCEPT_LANGUAGE=asked)

    assert response["Content-Language"] == chosen
    assert study in _summaries(response)
    events = Calendar.from_ical(response.content).walk("VEVENT")
    linux = next(e for e in events if str(e["UID"]).endswith("-topic-linux"))
    assert [str(c) for c in linux["CATEGORIES"].cats] == [category]


def test_without_a_chosen_language_the_feed_follows_the_request(client, enrolled):
    response = client.get(f"/calendar/{enrolled.calendar_token}.ics", HTTP_ACCEPT_LANGUAGE="en")

    assert response["Content-Language"] == "en"
    assert "Study: Linux" in _summaries(response)
