"""The calendar page and the private iCalendar feed: the feed needs no sign-in (its token
is the secret), parses as RFC 5545, and stops working once the token is revoked."""

from __future__ import annotations

import pytest
from icalendar import Calendar

from skillpath.planning.models import Enrolment
from tests.web.conftest import in_language
from tests.web.learner import body, html_lang, shows


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
