"""Local mode signs in only the browser on this machine: a loopback address, a loopback
Host, no proxy in between; and a server in local mode behind a proxy refuses to start."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory, override_settings

from skillpath.people import local_mode
from skillpath.people.addresses import client_address, is_loopback_address, is_loopback_host

pytestmark = pytest.mark.django_db


@pytest.fixture
def local(settings, enrolled):
    settings.LOCAL_MODE = True
    settings.BEHIND_PROXY = False
    return settings


def timer(**request) -> int:
    """The status of `GET /api/timer` (200 signed in, 401 not) for a request like this."""
    defaults = {"REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "127.0.0.1:8000"}
    return Client().get("/api/timer", **(defaults | request)).status_code


def test_the_browser_on_this_machine_is_signed_in(local):
    assert timer() == 200
    assert timer(HTTP_HOST="localhost:8000") == 200
    assert timer(REMOTE_ADDR="::1", HTTP_HOST="[::1]:8000") == 200


@pytest.mark.parametrize(
    "header",
    [
        {"HTTP_X_FORWARDED_FOR": "203.0.113.5"},
        {"HTTP_FORWARDED": "for=203.0.113.5"},
        {"HTTP_X_REAL_IP": "203.0.113.5"},
        {"HTTP_X_FORWARDED_PROTO": "https"},
        {"HTTP_VIA": "1.1 proxy"},
    ],
)
def test_a_request_through_a_proxy_on_this_machine_is_not_signed_in(local, header):
    assert timer(**header) == 401


def test_a_request_from_another_machine_is_not_signed_in(local):
    assert timer(REMOTE_ADDR="192.0.2.10") == 401


def test_a_stranger_s_site_resolving_to_this_machine_is_not_signed_in(local):
    # DNS rebinding: only reachable at all if ALLOWED_HOSTS lets the name in.
    local.ALLOWED_HOSTS = ["*"]

    assert timer(HTTP_HOST="rebind.example:8000") == 401


def test_behind_a_proxy_the_middleware_signs_nobody_in():
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_HOST="localhost")

    assert local_mode.is_from_this_machine(request)
    with override_settings(BEHIND_PROXY=True):
        assert not local_mode.is_from_this_machine(request)


def test_the_web_application_refuses_to_start_in_local_mode_behind_a_proxy(local):
    local.BEHIND_PROXY = True

    with pytest.raises(ImproperlyConfigured, match="SKILLPATH_LOCAL_MODE=false"):
        Client().get("/api/timer", HTTP_X_FORWARDED_FOR="203.0.113.5")


def test_the_system_check_reports_local_mode_behind_a_proxy(settings):
    settings.LOCAL_MODE, settings.BEHIND_PROXY = True, True
    assert [e.id for e in run_checks() if e.id.startswith("skillpath.")] == ["skillpath.E001"]

    settings.LOCAL_MODE = False
    assert [e.id for e in run_checks() if e.id.startswith("skillpath.")] == []


# --- Addresses --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.0.2.10", False),
        ("localhost", False),  # a name, not an address
        ("", False),
        (None, False),
    ],
)
def test_loopback_addresses(address, loopback):
    assert is_loopback_address(address) is loopback


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost", True),
        ("localhost:8000", True),
        ("LOCALHOST.", True),
        ("app.localhost:8000", True),
        ("127.0.0.1:8000", True),
        ("[::1]:8000", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("skillpath.example.org", False),
        ("localhost.example.org", False),
        ("127.0.0.1.nip.io", False),
    ],
)
def test_loopback_host_names(host, loopback):
    assert is_loopback_host(host) is loopback


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(settings):
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7"}

    settings.BEHIND_PROXY = False
    assert client_address(meta) == "10.0.0.2"
    settings.BEHIND_PROXY = True
    assert client_address(meta) == "203.0.113.7"


def test_a_server_serves_on_any_address_and_local_mode_on_this_machine(settings):
    settings.BEHIND_PROXY = False
    settings.LOCAL_MODE = False
    assert local_mode.serving_error(host="0.0.0.0") is None

    settings.LOCAL_MODE = True
    assert local_mode.serving_error(host="127.0.0.1") is None
    assert local_mode.serving_error(host="localhost") is None
    assert local_mode.serving_error(host="0.0.0.0") is not None
