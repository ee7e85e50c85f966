"""Browsers for the ASVS tests: clients on another machine (local mode never applies to
them), signing in through the real sign-in page."""

from __future__ import annotations

import pytest
from django.test import Client

PASSWORDS = {"alice": "alice-pass-123", "bob": "bob-pass-123", "charlie": "charlie-pass-123"}


def browser(agent: str = "Firefox", **extra) -> Client:
    return Client(**{"REMOTE_ADDR": "192.0.2.10", "HTTP_USER_AGENT": agent, **extra})


def sign_in(client: Client, username: str = "alice") -> Client:
    response = client.post(
        "/accounts/login/", {"username": username, "password": PASSWORDS[username]}
    )
    assert response.status_code == 302, response.content.decode()
    return client


def is_signed_in(client: Client) -> bool:
    return client.get("/api/timer").status_code == 200


@pytest.fixture(autouse=True)
def server_mode(settings, builtin):
    """A server: nobody is signed in automatically."""
    settings.LOCAL_MODE = False
    return settings
