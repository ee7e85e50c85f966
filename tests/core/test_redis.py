"""With REDIS_URL: the cache, sessions (`cached_db`) and the sign-in throttle on a real Redis
(db 9 of the one on this machine), shared between processes; and a Redis that is gone
(a port where nothing listens: a real refused connection) costs no page its answer."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid

import pytest
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.core.cache import cache, caches

from skillpath.config.settings import redis_caches
from skillpath.people import services as people
from skillpath.people import throttle
from skillpath.people.models import Session, ThrottleCount
from tests.conftest import REDIS_TEST_URL, ROOT

pytestmark = pytest.mark.django_db

PASSWORD = "alice-pass-123"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def use_redis(settings, url: str, prefix: str = "skillpath") -> None:
    """This test's server runs with REDIS_URL=`url`: what settings.py configures then."""
    from skillpath.people import throttle_store

    throttle_store._down_until = 0.0  # a fresh process: it has not seen Redis fail yet
    settings.REDIS_URL = url
    settings.CACHES = redis_caches(url, prefix)
    settings.SESSION_ENGINE = "skillpath.people.cached_sessions"
    settings.LOCAL_MODE = False


@pytest.fixture
def prefix() -> str:
    """Keys of this test's own: tests run in parallel on one Redis database, and clearing
    the cache there (FLUSHDB) would empty it under the others' feet."""
    return f"skillpath-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def on_redis(settings, prefix):
    import redis

    use_redis(settings, REDIS_TEST_URL, prefix)
    yield
    raw = redis.Redis.from_url(REDIS_TEST_URL)
    for key in raw.scan_iter(f"{prefix}:*"):
        raw.delete(key)


@pytest.fixture
def redis_gone(settings):
    use_redis(settings, f"redis://127.0.0.1:{free_port()}/0")


def sign_in(client, username: str = "alice", password: str = PASSWORD, ip: str = "192.0.2.10"):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        HTTP_COOKIE="django_language=en",
    )


# --- The cache and sessions on Redis -----------------------------------------------------


@pytest.mark.redis
def test_the_cache_keeps_values_in_redis(on_redis):
    import redis

    cache.set("greeting", {"hello": "world"}, 60)

    assert cache.get("greeting") == {"hello": "world"}
    raw = redis.Redis.from_url(REDIS_TEST_URL)
    assert raw.exists(cache.make_key("greeting")) == 1


@pytest.mark.redis
def test_a_session_is_kept_in_redis_and_in_the_database(on_redis, client, alice):
    response = sign_in(client)

    assert response.status_code == 302
    key = client.cookies["sessionid"].value
    assert Session.objects.get(session_key=key).user_id == alice.pk
    assert cache.get(KEY_PREFIX + key)["_auth_user_id"] == str(alice.pk)
    assert client.get("/today/").status_code == 200


@pytest.mark.redis
def test_a_signed_in_page_reads_its_session_from_redis_not_the_database(
    on_redis, client, alice, django_assert_num_queries
):
    sign_in(client)
    key = client.cookies["sessionid"].value
    # The row's data is replaced: a page that still sees alice read the session from Redis.
    Session.objects.filter(session_key=key).update(session_data="")

    response = client.get("/accounts/sessions/")

    assert response.status_code == 200
    assert response.wsgi_request.user == alice


@pytest.mark.redis
def test_signing_out_everywhere_ends_the_cached_sessions_too(on_redis, client, alice):
    from django.test import Client

    other = Client()
    sign_in(client)
    sign_in(other, ip="192.0.2.11")
    other_key = other.cookies["sessionid"].value

    ended = people.sign_out_everywhere(user=alice, keep_key=client.cookies["sessionid"].value)

    assert ended == 1
    assert cache.get(KEY_PREFIX + other_key) is None
    assert other.get("/today/").status_code == 302  # to the sign-in page
    assert client.get("/today/").status_code == 200


# --- The throttle, shared by every web process -------------------------------------------


def _other_process(code: str, prefix: str) -> str:
    """Run `code` in another Django process on the same Redis, as another web worker."""
    environment = {
        **os.environ,
        "REDIS_URL": REDIS_TEST_URL,
        "SKILLPATH_REDIS_PREFIX": prefix,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "skillpath.config.settings",
    }
    script = "import django; django.setup()\n" + code
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


@pytest.mark.redis
def test_failures_counted_by_one_process_lock_the_seat_in_another(on_redis, prefix):
    for _ in range(throttle.PAIR_MAX_FAILURES):
        throttle.record_failure(username="alice", address="192.0.2.10")

    seen = _other_process(
        "from skillpath.people import throttle\n"
        "held = throttle.hold(username='alice', address='192.0.2.10')\n"
        "print(held.rule if held else 'free')",
        prefix,
    )

    assert seen == str(throttle.Rule.PAIR)


@pytest.mark.redis
def test_failures_made_in_another_process_refuse_the_right_password_here(
    on_redis, prefix, client, alice
):
    _other_process(
        "from skillpath.people import throttle\n"
        f"for _ in range({throttle.PAIR_MAX_FAILURES}):\n"
        "    throttle.record_failure(username='alice', address='192.0.2.10')\n",
        prefix,
    )

    response = sign_in(client)

    assert response.status_code == 200  # the form again, with the lock's message
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.redis
def test_the_throttle_writes_nothing_to_the_database_while_redis_answers(on_redis, alice, client):
    sign_in(client, password="wrong")

    assert not ThrottleCount.objects.exists()
    assert caches["throttle"].get(throttle._key("failures", throttle._name("alice"), "x")) is None


# --- Redis gone: pages still served, the throttle on the database ------------------------


def test_with_redis_gone_the_cache_misses_instead_of_failing(redis_gone):
    cache.set("greeting", "hello", 60)

    assert cache.get("greeting") is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("x", 1) is False
    assert cache.is_reachable() is False  # type: ignore[attr-defined]
    with pytest.raises(ValueError):
        cache.incr("counter")


def test_with_redis_gone_pages_are_still_served(redis_gone, client, enrolled, alice):
    response = sign_in(client)
    assert response.status_code == 302

    for path in ("/today/", "/dashboard/", "/c/backend/", "/report/week/", "/accounts/sessions/"):
        assert client.get(path).status_code == 200, path


def test_with_redis_gone_the_throttle_counts_in_the_database(redis_gone, client, alice):
    for _ in range(throttle.PAIR_MAX_FAILURES):
        sign_in(client, password="wrong")

    response = sign_in(client)

    assert ThrottleCount.objects.exists()
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address still signs alice in: the lock is the seat's, as on Redis.
    assert sign_in(client, ip="192.0.2.99").status_code == 302


def test_with_redis_gone_a_success_forgets_the_seats_failures_in_the_database(redis_gone, alice):
    throttle.record_failure(username="alice", address="192.0.2.10")
    pair = throttle._key("failures", throttle._name("alice"), throttle._seat("192.0.2.10"))
    assert ThrottleCount.objects.filter(key=pair).exists()

    throttle.record_success(username="alice", address="192.0.2.10")

    assert not ThrottleCount.objects.filter(key=pair).exists()


def test_the_session_engine_and_caches_follow_redis_url(tmp_path):
    """settings.py itself, read in a process of its own with and without REDIS_URL."""
    code = (
        "from django.conf import settings; import json; "
        "print(json.dumps([settings.SESSION_ENGINE, sorted(settings.CACHES), "
        "settings.CACHES['default']['BACKEND']]))"
    )
    base = {**os.environ, "SKILLPATH_DATA_DIR": str(tmp_path)}
    base.pop("REDIS_URL", None)
    with_redis = {**base, "REDIS_URL": REDIS_TEST_URL}
    found = []
    for environment in (base, with_redis):
        environment["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
        environment["DJANGO_SETTINGS_MODULE"] = "skillpath.config.settings"
        done = subprocess.run(
            [sys.executable, "-c", "import django; django.setup(); " + code],
            capture_output=True,
            text=True,
            env=environment,
            timeout=60,
            check=True,
        )
        found.append(json.loads(done.stdout))

    assert found[0] == [
        "skillpath.people.sessions",
        ["default"],
        "skillpath.ops.cache.LocMemCache",
    ]
    assert found[1] == [
        "skillpath.people.cached_sessions",
        ["default", "throttle"],
        "skillpath.ops.cache.RedisCache",  # resilient, and counted,
    ]
