"""The sign-in throttle on every way to sign in: the learner's sign-in page, the admin's,
and any other caller of Django's `authenticate()` (people/backends.py)."""

from __future__ import annotations

import re

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth import aauthenticate, authenticate
from django.test import RequestFactory

from skillpath.people import throttle

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed sign-in attempts. Try again in 15 minutes."


@pytest.fixture
def post(client, settings):
    """`post(path, username, password, ip=...)`: a sign-in form sent from address `ip`, to a
    server (local mode off)."""
    settings.LOCAL_MODE = False

    def send(path: str, username: str, password: str, ip: str = "192.0.2.10", **headers):
        return client.post(
            path,
            {"username": username, "password": password},
            REMOTE_ADDR=ip,
            HTTP_COOKIE="django_language=en",
            **headers,
        )

    return send


@pytest.fixture
def login(post, alice):
    """A sign-in on the learner's page as alice (or `username`)."""

    def attempt(password: str, username: str = "alice", ip: str = "192.0.2.10", **headers):
        return post("/accounts/login/", username, password, ip, **headers)

    return attempt


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_superuser("author", "a@example.com", "author-pass-1")


def is_signed_in(response) -> bool:
    return "_auth_user_id" in response.wsgi_request.session


# --- The learner's sign-in page ----------------------------------------------------------


def test_the_right_password_before_the_limit_signs_in(login):
    for _ in range(4):
        login("wrong")

    response = login("alice-pass-123")

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_after_five_failures_even_the_right_password_is_refused_at_that_address(login):
    for _ in range(5):
        response = login("wrong")
        assert "Please enter a correct username and password" in response.content.decode()

    response = login("alice-pass-123")

    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert not is_signed_in(response)


def test_failing_on_purpose_at_one_address_does_not_lock_the_user_out(login):
    for _ in range(30):
        login("wrong", ip="203.0.113.5")

    response = login("alice-pass-123", ip="192.0.2.44")

    assert response.status_code == 302
    assert is_signed_in(response)


def test_an_address_spraying_usernames_is_stopped(login, bob):
    for i in range(50):
        login("Password1", username=f"user{i}", ip="203.0.113.66")

    response = login("bob-pass-123", username="bob", ip="203.0.113.66")
    assert LOCKED in response.content.decode()
    assert login("bob-pass-123", username="bob", ip="192.0.2.99").status_code == 302


def test_a_guesser_rotating_addresses_is_told_to_wait_seconds(login):
    # Fourteen failures for alice from fourteen addresses: a 32-second slow-down for her.
    for i in range(14):
        throttle.record_failure(username="alice", address=f"203.0.113.{i + 1}")

    response = login("wrong", ip="203.0.113.200")

    body = response.content.decode()
    assert re.search(r"Too many failed sign-in attempts\. Try again in \d+ seconds?\.", body)
    assert not is_signed_in(response)


def test_behind_a_proxy_failures_count_for_the_address_the_proxy_saw(login, settings):
    settings.BEHIND_PROXY = True
    # The client claims 6.6.6.6; the proxy (10.0.0.2) adds the address it saw, last.
    for _ in range(5):
        login("wrong", ip="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")

    through_proxy = {"ip": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.8"}
    assert login("alice-pass-123", **through_proxy).status_code == 302
    refused = login("alice-pass-123", ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert LOCKED in refused.content.decode()


# --- The admin's sign-in page ------------------------------------------------------------


def test_thirty_wrong_admin_passwords_then_the_right_one_does_not_sign_in(post, author, client):
    for _ in range(30):
        post("/admin/login/", "author", "wrong")

    response = post("/admin/login/", "author", "author-pass-1")

    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert not is_signed_in(response)
    assert client.get("/admin/").status_code == 302  # to the admin's login


def test_the_learner_logins_lock_holds_at_the_admin_login(post, author):
    for _ in range(5):
        post("/accounts/login/", "author", "wrong")

    response = post("/admin/login/", "author", "author-pass-1")

    assert LOCKED in response.content.decode()
    assert not is_signed_in(response)


def test_the_admin_logins_lock_holds_at_the_learner_login(post, author):
    for _ in range(5):
        post("/admin/login/", "author", "wrong")

    response = post("/accounts/login/", "author", "author-pass-1")

    assert LOCKED in response.content.decode()


def test_the_right_admin_password_signs_in(post, author):
    response = post("/admin/login/", "author", "author-pass-1")

    assert response.status_code == 302
    assert is_signed_in(response)


# --- Any other way in -------------------------------------------------------------------


def test_every_call_of_authenticate_is_throttled(alice):
    # What an API or CLI sign-in added later would call.
    request = RequestFactory().post("/api/anything", REMOTE_ADDR="192.0.2.10")
    for _ in range(5):
        assert authenticate(request, username="alice", password="wrong") is None

    assert authenticate(request, username="alice", password="alice-pass-123") is None
    assert (
        async_to_sync(aauthenticate)(request, username="alice", password="alice-pass-123") is None
    )
    other = RequestFactory().post("/api/anything", REMOTE_ADDR="192.0.2.11")
    assert authenticate(other, username="alice", password="alice-pass-123") == alice


def test_the_async_sign_in_counts_failures_too(alice):
    request = RequestFactory().post("/api/anything", REMOTE_ADDR="192.0.2.10")
    for _ in range(5):
        assert async_to_sync(aauthenticate)(request, username="alice", password="wrong") is None

    assert authenticate(request, username="alice", password="alice-pass-123") is None
