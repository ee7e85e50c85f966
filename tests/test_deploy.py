"""The documented server profile (deploy/server.env): Django's deployment check is clean
with it, its example secrets are refused, and it turns on the cookie and transport rules."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "deploy" / "server.env"


def profile() -> dict[str, str]:
    values = {}
    for line in PROFILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def in_profile(code: list[str], tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess:
    """Run `code` (arguments of python) with the profile as the whole Skillpath environment."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SKILLPATH_")}
    environment.pop("DATABASE_URL", None)
    environment |= profile() | {"SKILLPATH_DATA_DIR": str(tmp_path)} | overrides
    return subprocess.run(
        [sys.executable, *code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def real_secrets() -> dict[str, str]:
    return {
        "SKILLPATH_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://skillpath:s3cret@db.example.org:5432/skillpath",
    }


CHECK = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]


def test_the_deployment_check_is_clean_in_the_server_profile(tmp_path):
    done = in_profile(CHECK, tmp_path, **real_secrets())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_the_profiles_example_secrets_are_refused(tmp_path):
    done = in_profile(CHECK, tmp_path)
    assert done.returncode != 0
    assert "skillpath.E002" in done.stderr
    assert "SKILLPATH_SECRET_KEY still holds the example value" in done.stderr
    assert "DATABASE_URL still holds the example value" in done.stderr


def test_without_https_the_check_names_what_is_missing(tmp_path):
    done = in_profile(CHECK, tmp_path, SKILLPATH_HTTPS="false", **real_secrets())
    assert done.returncode != 0
    for warning in ("security.W008", "security.W012", "security.W016"):
        assert warning in done.stderr


SHOW = (
    "import json, django; from django.conf import settings; django.setup(); print(json.dumps({n: "
    "getattr(settings, n) for n in ['SESSION_COOKIE_NAME', 'SESSION_COOKIE_SECURE', "
    "'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_NAME', "
    "'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', "
    "'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SESSION_COOKIE_AGE']}))"
)


def test_https_turns_on_secure_host_prefixed_cookies_redirects_and_hsts(tmp_path):
    done = in_profile(
        ["-c", SHOW], tmp_path, DJANGO_SETTINGS_MODULE="skillpath.config.settings", **real_secrets()
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 365 * 24 * 3600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_AGE": 30 * 60,
    }


@pytest.fixture
def https(settings, server_mode):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    return settings


@pytest.fixture
def server_mode(settings):
    settings.LOCAL_MODE = False
    return settings


def test_over_https_the_cookies_are_secure_host_only_and_hidden_from_scripts(
    client, builtin, alice, https
):
    page = client.get("/accounts/login/", secure=True)
    csrf = page.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["path"] == "/" and not csrf["domain"]

    response = client.post(
        "/accounts/login/",
        {"username": "alice", "password": "alice-pass-123", "csrfmiddlewaretoken": csrf.value},
        secure=True,
    )
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert session["path"] == "/" and not session["domain"]


def test_plain_http_is_redirected_and_https_answers_with_hsts(client, builtin, https):
    plain = client.get("/c/backend/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = client.get("/c/backend/", secure=True)
    assert secure["Strict-Transport-Security"].startswith("max-age=3600")
