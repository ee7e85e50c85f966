"""Sessions from the browser's side: idle and absolute timeouts, the page of one's
sessions (ending one or all, with the password), changing the password, and the headers
of pages made for a signed-in user."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from skillpath.people.models import Session
from skillpath.people.sessions import SEEN_AT, SIGNED_IN_AT, public_id
from tests.web.learner import body

PASSWORD = "alice-pass-123"


def browser(agent: str = "Firefox") -> Client:
    return Client(REMOTE_ADDR="192.0.2.10", HTTP_USER_AGENT=agent, HTTP_ACCEPT_LANGUAGE="en")


def sign_in(client: Client, username: str = "alice", password: str = PASSWORD) -> Client:
    response = client.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code == 302, body(response)
    return client


def is_signed_in(client: Client) -> bool:
    return client.get("/today/").status_code == 200


def edit_session(client: Client, **changes) -> None:
    session = client.session
    for key, value in changes.items():
        session[key] = value
    session.save()


@pytest.fixture
def laptop(builtin, alice, server_mode) -> Client:
    return sign_in(browser("Laptop"))


# --- Lifetime ----------------------------------------------------------------------------


def test_an_idle_session_ends(laptop):
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert not is_signed_in(laptop)


def test_activity_pushes_the_idle_expiry_forward(laptop):
    edit_session(laptop, **{SEEN_AT: time.time() - 120})
    soon = timezone.now() + timedelta(minutes=5)
    Session.objects.update(expire_date=soon)

    assert is_signed_in(laptop)

    expiry = Session.objects.get().expire_date
    idle = timedelta(seconds=settings.SKILLPATH_SESSION_IDLE_SECONDS)
    assert expiry > soon and expiry <= timezone.now() + idle
    assert laptop.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == idle.total_seconds()


def test_a_request_within_the_minute_writes_nothing(laptop):
    before = Session.objects.get().expire_date
    assert is_signed_in(laptop)
    assert Session.objects.get().expire_date == before


def test_a_session_ends_twelve_hours_after_sign_in_however_active(laptop):
    edit_session(laptop, **{SIGNED_IN_AT: time.time() - 12 * 3600, SEEN_AT: time.time()})

    response = laptop.get("/today/")

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Session.objects.filter(user__isnull=False).exists()


def test_the_api_answers_401_once_a_session_is_over(laptop):
    edit_session(laptop, **{SIGNED_IN_AT: time.time() - 13 * 3600})
    assert laptop.get("/api/timer").status_code == 401


# --- The page of one's sessions --------------------------------------------------------


def test_the_page_lists_where_one_is_signed_in(laptop):
    sign_in(browser("Phone"))

    page = body(laptop.get("/accounts/sessions/"))

    assert "Where you are signed in" in page
    assert "Laptop" in page and "Phone" in page and "this browser" in page
    assert "192.0.2.10" in page
    for key in Session.objects.values_list("session_key", flat=True):
        assert key not in page


def test_ending_another_session_needs_the_password(laptop):
    phone = sign_in(browser("Phone"))
    other = public_id(phone.session.session_key)

    refused = laptop.post(f"/accounts/sessions/{other}/sign-out/", {"password": "guess"})
    assert refused.status_code == 400
    assert "That is not your password" in refused.content.decode()
    assert is_signed_in(phone)

    ended = laptop.post(f"/accounts/sessions/{other}/sign-out/", {"password": PASSWORD})
    assert ended.status_code == 302
    assert not is_signed_in(phone)
    assert is_signed_in(laptop)


def test_signing_out_everywhere_ends_every_session(laptop):
    phone = sign_in(browser("Phone"))

    response = laptop.post("/accounts/sessions/sign-out-everywhere/", {"password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert not is_signed_in(phone) and not is_signed_in(laptop)


def test_charlie_cannot_end_alices_session(laptop, charlie):
    intruder = sign_in(browser("Charlie"), "charlie", "charlie-pass-123")
    alices = public_id(laptop.session.session_key)

    intruder.post(f"/accounts/sessions/{alices}/sign-out/", {"password": "charlie-pass-123"})

    assert is_signed_in(laptop)
    assert "Laptop" not in body(intruder.get("/accounts/sessions/"))


def test_the_local_learner_ends_sessions_without_a_password(local_browser, builtin):
    page = body(local_browser.get("/accounts/sessions/"))
    assert 'name="password"' not in page
    response = local_browser.post("/accounts/sessions/sign-out-everywhere/")
    assert response.status_code == 302


# --- Password change -------------------------------------------------------------------


def test_changing_the_password_renews_the_key_and_signs_out_the_other_sessions(laptop, alice):
    phone = sign_in(browser("Phone"))
    old_key = laptop.session.session_key

    response = laptop.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-passphrase-7",
            "new_password2": "a-much-longer-passphrase-7",
        },
    )

    assert response.status_code == 302
    assert laptop.session.session_key != old_key
    assert is_signed_in(laptop)
    assert not is_signed_in(phone)
    assert not Session.objects.filter(session_key=old_key).exists()


def test_a_wrong_old_password_changes_nothing(laptop, alice):
    response = laptop.post(
        "/accounts/password/",
        {
            "old_password": "nope",
            "new_password1": "x-long-pass-99",
            "new_password2": "x-long-pass-99",
        },
    )
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


# --- Headers ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/today/", "/dashboard/", "/accounts/sessions/", "/api/timer"])
def test_nothing_made_for_a_signed_in_user_is_cached(laptop, enrolled, path):
    response = laptop.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_public_pages_for_visitors_may_be_cached(client, builtin, server_mode):
    response = client.get("/c/backend/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/admin/login/", "/api/docs", "/c/backend/"])
def test_every_page_has_a_content_security_policy(client, builtin, server_mode, path):
    policy = client.get(path)["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
