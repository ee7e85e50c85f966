"""Login throttling: five failures for a username or from an address within 15 minutes
lock it for 15 minutes; a success forgets the username's failures."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from skillpath.people import throttle

T0 = 1_800_000_000.0


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def fail(times: int, *, username: str = "alice", ip: str = "10.0.0.1", start: float = T0):
    for i in range(times):
        throttle.record_failure(username=username, ip=ip, now=start + i)


def test_four_failures_do_not_lock():
    fail(4)
    assert throttle.seconds_locked(username="alice", ip="10.0.0.1", now=T0 + 5) == 0


def test_the_fifth_failure_locks_the_username_for_fifteen_minutes():
    fail(5)
    left = throttle.seconds_locked(username="alice", ip="10.0.0.9", now=T0 + 5)
    assert 14 * 60 < left <= 15 * 60
    assert throttle.seconds_locked(username="ALICE ", ip="10.0.0.9", now=T0 + 5) > 0
    assert throttle.seconds_locked(username="bob", ip="10.0.0.9", now=T0 + 5) == 0


def test_the_lock_ends_after_fifteen_minutes():
    fail(5)
    assert throttle.seconds_locked(username="alice", ip="10.0.0.9", now=T0 + 4 + 15 * 60 + 1) == 0


def test_five_failures_from_one_address_lock_it_for_every_username():
    for i, name in enumerate(["a1", "a2", "a3", "a4", "a5"]):
        throttle.record_failure(username=name, ip="10.0.0.7", now=T0 + i)
    assert throttle.seconds_locked(username="someone-else", ip="10.0.0.7", now=T0 + 10) > 0
    assert throttle.seconds_locked(username="someone-else", ip="10.0.0.8", now=T0 + 10) == 0


def test_failures_older_than_the_window_do_not_count():
    fail(4)
    later = T0 + 15 * 60 + 10
    throttle.record_failure(username="alice", ip="10.0.0.1", now=later)
    assert throttle.seconds_locked(username="alice", ip="10.0.0.1", now=later) == 0


def test_a_success_forgets_the_usernames_failures():
    fail(4, ip="10.0.0.1")
    throttle.record_success(username="alice")
    throttle.record_failure(username="alice", ip="10.0.0.2", now=T0 + 10)
    assert throttle.seconds_locked(username="alice", ip="10.0.0.2", now=T0 + 11) == 0


def test_an_unknown_address_still_counts_the_username():
    fail(5, ip=None)
    assert throttle.seconds_locked(username="alice", ip=None, now=T0 + 6) > 0


# --- Through the sign-in page ------------------------------------------------------------


@pytest.fixture
def login(client, alice, settings):
    settings.LOCAL_MODE = False

    def attempt(password: str, username: str = "alice", ip: str = "192.0.2.10"):
        return client.post(
            "/accounts/login/",
            {"username": username, "password": password},
            REMOTE_ADDR=ip,
            HTTP_COOKIE="django_language=en",
        )

    return attempt


def test_the_sign_in_page_refuses_after_five_failures_even_the_right_password(login):
    for _ in range(5):
        response = login("wrong")
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.content.decode()
    response = login("alice-pass-123")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Too many failed sign-in attempts. Try again in 15 minutes." in body
    assert "_auth_user_id" not in response.wsgi_request.session


def test_a_locked_address_cannot_try_other_usernames(login, bob):
    for name in ["x1", "x2", "x3", "x4", "x5"]:
        login("wrong", username=name)
    response = login("bob-pass-123", username="bob")
    assert "Too many failed sign-in attempts" in response.content.decode()
    # Another address is free to sign in as bob.
    response = login("bob-pass-123", username="bob", ip="192.0.2.99")
    assert response.status_code == 302


def test_the_right_password_before_the_limit_signs_in(login):
    for _ in range(4):
        login("wrong")
    response = login("alice-pass-123")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(settings):
    from skillpath.people.throttle import client_address

    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7"}

    assert client_address(meta) == "10.0.0.2"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client_address(meta) == "203.0.113.7"
