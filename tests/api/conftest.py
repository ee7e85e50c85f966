"""Fixtures for the API tests: clients from another machine (anonymous or signed in), a
stopped clock, and the API's own schema."""

from __future__ import annotations

from datetime import UTC, datetime
from unittest import mock

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory

from tests.api.conformance import assert_conforms, load_openapi


@pytest.fixture
def api_client() -> Client:
    """An anonymous client on another machine.

    Local mode signs in requests from loopback (the test client's default address), which
    costs session queries; curricula are public, so the API tests count only their own.
    """
    return Client(REMOTE_ADDR="192.0.2.10")


@pytest.fixture(scope="session")
def openapi():
    return load_openapi()


@pytest.fixture
def conforms(openapi):
    """`conforms(response)` fails unless the response matches the OpenAPI schema."""
    return lambda response: assert_conforms(openapi, response)


# --- Signed-in learners -------------------------------------------------------------------

# A Wednesday in the second week of alice's plan (see the root `enrolled` fixture), 18:00 UTC.
NOW = datetime(2026, 1, 14, 18, 0, tzinfo=UTC)
TODAY = NOW.date()


def signed_in(user, **options) -> Client:
    """A client on another machine (so local mode stays out of it), signed in as `user`."""
    client = Client(REMOTE_ADDR="192.0.2.10", **options)
    client.force_login(user)
    return client


def signed_in_with_csrf(user, **options) -> Client:
    """`signed_in`, with CSRF enforced as in a browser: the client holds the CSRF cookie and
    its token (`client.token`), which a write sends in the `X-CSRFToken` header."""
    client = signed_in(user, enforce_csrf_checks=True, **options)
    request = RequestFactory().get("/")
    client.token = get_token(request)
    client.cookies["csrftoken"] = request.META["CSRF_COOKIE"]
    return client


@pytest.fixture
def as_alice(alice) -> Client:
    return signed_in(alice)


@pytest.fixture
def as_charlie(charlie) -> Client:
    return signed_in(charlie)


@pytest.fixture
def clock():
    """The clock stopped at `NOW` (the outside world the endpoints read "now" from); move it
    with `clock.return_value = ...`."""
    with mock.patch("django.utils.timezone.now", return_value=NOW) as stopped:
        yield stopped


@pytest.fixture
def second(builtin, seed_en):
    """A second curriculum (the English plan under its own slug) beside the built-in one."""
    from skillpath.curriculum.importers.loader import read_plan
    from skillpath.curriculum.models import Curriculum
    from skillpath.curriculum.services import import_curriculum

    import_curriculum(parsed=read_plan(seed_en), slug="second")
    return Curriculum.objects.get(slug="second")


@pytest.fixture
def server_mode(settings):
    """Local mode off, as on a server: nobody is signed in automatically."""
    settings.LOCAL_MODE = False
    return settings


def post(client: Client, path: str, data: object = None, **extra) -> HttpResponse:
    return client.post(path, data or {}, content_type="application/json", **extra)


def put(client: Client, path: str, data: object = None, **extra) -> HttpResponse:
    return client.put(path, data or {}, content_type="application/json", **extra)
