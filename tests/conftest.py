"""Shared fixtures: the personas (alice the learner, bob her mentor, charlie an outsider),
the seed files, the built-in curriculum, and `need()` for tests that want PostgreSQL or
Chromium — and the `redis` and `rabbitmq` markers, which `need()` the server running here.

`need()` skips with a reason on a laptop that lacks the tool, and fails instead when
SKILLPATH_REQUIRE_ALL=1 (CI sets it), so CI never silently skips a test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skillpath.curriculum.importers.loader import read_plan
from skillpath.curriculum.services import builtin_package_path, import_curriculum

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The seed lives beside the repository in `shared/seed`; SKILLPATH_SEED_DIR points elsewhere.
SEED_DIR = Path(os.environ.get("SKILLPATH_SEED_DIR", ROOT.parent / "shared" / "seed"))
REQUIRE_ALL = os.environ.get("SKILLPATH_REQUIRE_ALL", "") in ("1", "true", "yes")


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    assert "skillpath-tests-" in str(settings.DATA_DIR), "tests must not use a real data dir"

    # Password hashing is deliberately slow; tests create many users and test no hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# A test uses our database when it is marked for it or asks (directly or through another
# fixture) for one of these.
DB_FIXTURES = frozenset({"db", "transactional_db", "django_db_reset_sequences", "live_server"})
DB_TESTS_ONLY = os.environ.get("SKILLPATH_DB_TESTS_ONLY", "") in ("1", "true", "yes")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With SKILLPATH_DB_TESTS_ONLY=1 (CI's PostgreSQL pass) only the tests that use our
    database run: the others (pure rules, parsers, check suites against their reference
    solutions) give the same result on any database and ran in the SQLite pass."""
    if not DB_TESTS_ONLY:
        return
    kept, dropped = [], []
    for item in items:
        uses_db = item.get_closest_marker("django_db") is not None or bool(
            DB_FIXTURES & set(getattr(item, "fixturenames", ()))
        )
        (kept if uses_db else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A selection with no database test in it (the load-stage proofs, say) is no failure
    of the database pass."""
    if DB_TESTS_ONLY and exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.OK


def need(condition: object, reason: str) -> None:
    """Skip (or, under SKILLPATH_REQUIRE_ALL, fail) when `condition` is falsy."""
    if condition:
        return
    if REQUIRE_ALL:
        pytest.fail(f"required but unavailable: {reason}")
    pytest.skip(reason)


# The servers of the `redis` and `rabbitmq` tests, on this machine. Redis db 9 holds the
# tests' cache and sessions, db 10 their broker queues (a cache test flushes its db).
REDIS_TEST_URL = os.environ.get("SKILLPATH_TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
REDIS_BROKER_TEST_URL = os.environ.get(
    "SKILLPATH_TEST_REDIS_BROKER_URL", "redis://127.0.0.1:6379/10"
)
RABBITMQ_TEST_URL = os.environ.get(
    "SKILLPATH_TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672//"
)


def redis_answers(url: str = REDIS_TEST_URL) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except (redis.RedisError, OSError):
        return False


def rabbitmq_answers(url: str = RABBITMQ_TEST_URL) -> bool:
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1)
        return True
    except Exception:  # kombu raises the transport's own errors
        return False


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test marked `redis` or `rabbitmq` needs that server: skipped without it (failed
    under SKILLPATH_REQUIRE_ALL)."""
    if item.get_closest_marker("redis") is not None:
        need(redis_answers(), f"no Redis answers at {REDIS_TEST_URL} (redis-server)")
    if item.get_closest_marker("rabbitmq") is not None:
        need(rabbitmq_answers(), "no RabbitMQ answers at 127.0.0.1:5672 (rabbitmq-server)")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the sign-in throttle keeps its counts there,
    and one test's failed sign-ins must not hold back the next one's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_messages():
    """Services speak the active language; tests read their messages in English. Pages set
    their language per request (cookie, Accept-Language), as in real use."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def local_browser(client):
    """The test client as the browser on this machine, which local mode signs in: it
    connects from 127.0.0.1 (the test client's default) and names a loopback host (its
    default Host, `testserver`, is not one, and local mode refuses other names)."""
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture(scope="session")
def seed_original() -> Path:
    path = SEED_DIR / "backend-plan.original.txt"
    need(path.exists(), f"the seed file {path.name} is not beside the repository")
    return path


@pytest.fixture(scope="session")
def seed_ru() -> Path:
    path = SEED_DIR / "backend-plan.ru.md"
    need(path.exists(), f"the seed file {path.name} is not beside the repository")
    return path


@pytest.fixture(scope="session")
def seed_en() -> Path:
    return FIXTURES / "backend-plan.en.md"


@pytest.fixture(scope="session")
def builtin_plan():
    """The built-in package, parsed once per test run (it is immutable)."""
    return read_plan(builtin_package_path())


@pytest.fixture
def builtin(db, builtin_plan):
    """The built-in curriculum, imported into the test database."""
    from skillpath.curriculum.models import Curriculum

    import_curriculum(parsed=builtin_plan, builtin=True)
    return Curriculum.objects.get(slug="backend")


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", "alice@example.com", "alice-pass-123")


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user("bob", "bob@example.com", "bob-pass-123")


@pytest.fixture
def charlie(django_user_model):
    return django_user_model.objects.create_user(
        "charlie", "charlie@example.com", "charlie-pass-123"
    )


@pytest.fixture
def enrolled(builtin, alice):
    """alice enrolled in the built-in curriculum from Monday 2026-01-05, 20 h over 5 days."""
    from datetime import date
    from decimal import Decimal

    from skillpath.planning.services import CalendarInput, enrol

    choice = CalendarInput(date(2026, 1, 5), Decimal(20), frozenset(range(5)))
    return enrol(learner=alice, curriculum=builtin, choice=choice, today=date(2026, 1, 5))


GIT_BANK = FIXTURES / "questions-git.yaml"


def load_git_bank(curriculum):
    """Import the five questions on 'git' (of five kinds) into `curriculum`."""
    from skillpath.knowledge.bank import read_bank_file
    from skillpath.knowledge.services import import_bank

    import_bank(curriculum, read_bank_file(GIT_BANK), path=str(GIT_BANK))
    return curriculum


@pytest.fixture
def git_bank(builtin):
    """The built-in curriculum with five questions of five kinds on its topic 'git'."""
    return load_git_bank(builtin)
