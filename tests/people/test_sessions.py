"""Sessions know their user; the lifetime rule (absolute limit, when to touch); listing and
ending a user's sessions."""

from __future__ import annotations

import time

import pytest
from django.test import Client

from skillpath.people import selectors, services
from skillpath.people.models import Session
from skillpath.people.sessions import (
    SEEN_AT,
    SIGNED_IN_AT,
    TOUCH_SECONDS,
    Lifetime,
    lifetime,
    public_id,
)

HOUR = 3600
T0 = 1_800_000_000.0


def test_a_fresh_session_needs_nothing():
    data = {SIGNED_IN_AT: T0, SEEN_AT: T0}
    assert lifetime(data=data, now=T0 + 10, max_seconds=12 * HOUR) is Lifetime.FRESH


def test_a_session_seen_a_minute_ago_is_touched():
    data = {SIGNED_IN_AT: T0, SEEN_AT: T0}
    assert lifetime(data=data, now=T0 + TOUCH_SECONDS, max_seconds=12 * HOUR) is Lifetime.TOUCH


def test_a_session_past_its_absolute_lifetime_is_over_however_active():
    data = {SIGNED_IN_AT: T0, SEEN_AT: T0 + 12 * HOUR - 1}
    assert lifetime(data=data, now=T0 + 12 * HOUR, max_seconds=12 * HOUR) is Lifetime.OVER


@pytest.mark.parametrize("stamp", [None, "yesterday", [T0]])
def test_a_signed_in_session_without_a_stamp_is_over(stamp):
    data = {} if stamp is None else {SIGNED_IN_AT: stamp}
    assert lifetime(data=data, now=T0, max_seconds=12 * HOUR) is Lifetime.OVER


def _signed_in(user, agent: str = "Firefox") -> Client:
    """A browser on another machine, signed in through the sign-in page."""
    client = Client(REMOTE_ADDR="192.0.2.10", HTTP_USER_AGENT=agent)
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": f"{user.username}-pass-123"}
    )
    assert response.status_code == 302, response.content
    return client


@pytest.mark.django_db
def test_a_sign_in_stamps_its_session_and_the_row_knows_the_user(alice):
    before = time.time()
    client = _signed_in(alice, agent="Mozilla/5.0 " + "x" * 500)

    row = Session.objects.get(session_key=client.session.session_key)
    data = row.get_decoded()
    assert row.user_id == alice.pk
    assert before <= data[SIGNED_IN_AT] <= time.time()
    assert data["_sp_agent"].startswith("Mozilla/5.0") and len(data["_sp_agent"]) == 200
    assert data["_sp_address"] == "192.0.2.10"


@pytest.mark.django_db
def test_an_anonymous_session_has_no_user(client):
    session = client.session
    session["something"] = 1
    session.save()
    assert Session.objects.get(session_key=session.session_key).user_id is None


@pytest.mark.django_db
def test_the_list_shows_only_the_users_live_sessions_the_current_first(alice, charlie):
    laptop, phone = _signed_in(alice, "Laptop"), _signed_in(alice, "Phone")
    _signed_in(charlie, "Charlie's")

    found = selectors.signed_in_sessions(user=alice, current_key=phone.session.session_key)

    assert [(s.agent, s.is_current) for s in found] == [("Phone", True), ("Laptop", False)]
    assert found[1].id == public_id(laptop.session.session_key)
    assert laptop.session.session_key not in repr(found)


@pytest.mark.django_db
def test_ending_one_session_leaves_the_others(alice):
    laptop, phone = _signed_in(alice, "Laptop"), _signed_in(alice, "Phone")

    assert services.sign_out_session(user=alice, session_id=public_id(laptop.session.session_key))

    assert laptop.get("/api/timer").status_code == 401
    assert phone.get("/api/timer").status_code != 401


@pytest.mark.django_db
def test_nobody_ends_another_users_session(alice, charlie):
    alices = _signed_in(alice)

    ended = services.sign_out_session(
        user=charlie, session_id=public_id(alices.session.session_key)
    )

    assert not ended
    assert alices.get("/api/timer").status_code != 401


@pytest.mark.django_db
def test_signing_out_everywhere_but_here(alice, charlie):
    here, there = _signed_in(alice), _signed_in(alice)
    charlies = _signed_in(charlie)

    assert services.sign_out_everywhere(user=alice, keep_key=here.session.session_key) == 1

    assert there.get("/api/timer").status_code == 401
    assert here.get("/api/timer").status_code != 401
    assert charlies.get("/api/timer").status_code != 401
