"""Fixtures for the API tests: a client from another machine, and the API's own schema."""

from __future__ import annotations

import pytest
from django.test import Client

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
