"""The security log (`skillpath.security`): failed, refused and successful sign-ins,
lockouts, sign-outs and admin changes, one JSON object a line, never a password or a
session key."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group

from skillpath.core.security_log import JsonLinesFormatter, security_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def security_log(caplog, monkeypatch):
    """The security log's records; `.lines()` gives them as the server writes them."""
    # The logger does not propagate (its lines go to a handler of their own); caplog listens
    # on the root logger.
    monkeypatch.setattr(logging.getLogger("skillpath.security"), "propagate", True)
    caplog.set_level(logging.INFO, logger="skillpath.security")
    formatter = JsonLinesFormatter()

    class Log:
        @staticmethod
        def lines() -> list[str]:
            return [formatter.format(r) for r in caplog.records if r.name == "skillpath.security"]

        def events(self, name: str | None = None) -> list[dict]:
            found = [json.loads(line) for line in self.lines()]
            return [e for e in found if name is None or e["event"] == name]

    return Log()


@pytest.fixture
def server(client, settings):
    settings.LOCAL_MODE = False
    return client


def sign_in(client, username: str, password: str, ip: str = "192.0.2.10", path="/accounts/login/"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_a_failed_sign_in_is_logged_without_its_password(server, alice, security_log):
    sign_in(server, "alice", "s3cret-guess")

    [event] = security_log.events("sign_in_failed")
    assert event["username"] == "alice"
    assert event["address"] == "192.0.2.10"
    assert event["level"] == "warning"
    assert event["time"].endswith("+00:00")
    assert not any("s3cret-guess" in line for line in security_log.lines())


def test_the_failure_that_locks_is_logged_as_a_lockout(server, alice, security_log):
    for _ in range(5):
        sign_in(server, "alice", "wrong")

    [lockout] = security_log.events("lockout")
    assert lockout["username"] == "alice"
    assert lockout["address"] == "192.0.2.10"
    assert lockout["rule"] == "username+address"
    assert lockout["seconds"] == 15 * 60
    assert len(security_log.events("sign_in_failed")) == 5


def test_a_refused_attempt_is_logged_and_its_password_never(server, alice, security_log):
    for _ in range(5):
        sign_in(server, "alice", "wrong")

    sign_in(server, "alice", "alice-pass-123")

    [refused] = security_log.events("sign_in_refused")
    assert refused["username"] == "alice"
    assert refused["rule"] == "username+address"
    assert 14 * 60 < refused["retry_after_seconds"] <= 15 * 60
    assert not any("alice-pass-123" in line for line in security_log.lines())
    assert not any("wrong" in line for line in security_log.lines())


def test_signing_in_and_out_is_logged_without_the_session_key(server, alice, security_log):
    sign_in(server, "alice", "alice-pass-123")
    session_key = server.session.session_key

    server.post("/accounts/logout/", REMOTE_ADDR="192.0.2.10")

    [signed_in] = security_log.events("signed_in")
    [signed_out] = security_log.events("signed_out")
    assert signed_in["username"] == signed_out["username"] == "alice"
    assert signed_in["address"] == signed_out["address"] == "192.0.2.10"
    assert session_key
    assert not any(session_key in line for line in security_log.lines())
    assert not any("alice-pass-123" in line for line in security_log.lines())


def test_signing_out_without_having_signed_in_logs_nothing(server, security_log):
    server.post("/accounts/logout/")

    assert security_log.events() == []


def test_the_admins_sign_in_is_logged_too(server, django_user_model, security_log):
    django_user_model.objects.create_superuser("author", "a@example.com", "author-pass-1")

    sign_in(server, "author", "nope", path="/admin/login/")
    sign_in(server, "author", "author-pass-1", path="/admin/login/")

    assert [e["event"] for e in security_log.events()] == ["sign_in_failed", "signed_in"]


# --- Admin changes ---------------------------------------------------------------------


@pytest.fixture
def admin(server, django_user_model):
    author = django_user_model.objects.create_superuser("author", "a@example.com", "pass-1x")
    server.force_login(author)
    return server


def admin_post(client, path: str, data: dict):
    response = client.post(path, data, REMOTE_ADDR="192.0.2.20")
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def test_an_admin_addition_change_and_deletion_are_logged(admin, security_log):
    admin_post(admin, "/admin/auth/group/add/", {"name": "mentors"})
    group = Group.objects.get(name="mentors")
    admin_post(admin, f"/admin/auth/group/{group.pk}/change/", {"name": "Mentors"})
    admin_post(admin, f"/admin/auth/group/{group.pk}/delete/", {"post": "yes"})

    events = security_log.events("admin_change")
    assert [e["action"] for e in events] == ["add", "change", "delete"]
    for event in events:
        assert event["username"] == "author"
        assert event["address"] == "192.0.2.20"
        assert event["object_type"] == "auth.group"
        assert event["object_id"] == str(group.pk)


def test_a_bulk_deletion_in_the_admin_logs_every_object(admin, security_log):
    groups = [Group.objects.create(name=name) for name in ("a", "b", "c")]

    admin_post(
        admin,
        "/admin/auth/group/",
        {"action": "delete_selected", "_selected_action": [g.pk for g in groups], "post": "yes"},
    )

    deleted = security_log.events("admin_change")
    assert sorted(e["object_id"] for e in deleted) == sorted(str(g.pk) for g in groups)
    assert {e["action"] for e in deleted} == {"delete"}


def test_an_admin_password_change_is_logged_without_the_password(
    admin, django_user_model, security_log
):
    alice = django_user_model.objects.create_user("alice", password="old-pass-123")
    new = "n3w-Secret-pass!"

    admin_post(
        admin,
        f"/admin/auth/user/{alice.pk}/password/",
        {"password1": new, "password2": new, "usable_password": "true"},
    )

    [event] = security_log.events("admin_change")
    assert (event["action"], event["object_type"], event["object_id"]) == (
        "change",
        "auth.user",
        str(alice.pk),
    )
    assert not any(new in line for line in security_log.lines())


def test_every_admin_of_the_site_logs_its_changes():
    from django.contrib import admin as django_admin

    from skillpath.web.admin_site import SecurityLoggedAdmin

    registered = django_admin.site._registry.values()
    assert len(registered) > 10
    assert [a for a in registered if not isinstance(a, SecurityLoggedAdmin)] == []


# --- The format --------------------------------------------------------------------------


def test_each_event_is_one_json_line_even_with_a_newline_in_the_username(security_log):
    security_event("sign_in_failed", username='eve\n{"event": "signed_in"}', address=None)

    [line] = security_log.lines()
    assert "\n" not in line
    assert json.loads(line)["username"] == 'eve\n{"event": "signed_in"}'


def test_the_server_writes_the_security_log_as_json_lines_only():
    logger = logging.getLogger("skillpath.security")

    # (pytest adds capturing handlers of its own beside the configured one)
    assert JsonLinesFormatter in [type(h.formatter) for h in logger.handlers]
    assert logger.propagate is False  # not a second time in the server log's plain format


def test_with_a_path_set_the_security_log_is_appended_to_that_file(tmp_path, settings):
    path = tmp_path / "security.jsonl"
    script = (
        "import django; django.setup()\n"
        "from skillpath.core.security_log import security_event\n"
        "security_event('signed_in', username='alice', address='192.0.2.10')\n"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "skillpath.config.settings",
        "SKILLPATH_DATA_DIR": str(settings.DATA_DIR),
        "SKILLPATH_SECURITY_LOG_PATH": str(path),
    }

    done = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True
    )

    assert done.returncode == 0, done.stderr
    [line] = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(line) | {"time": None} == {
        "time": None,
        "level": "info",
        "event": "signed_in",
        "username": "alice",
        "address": "192.0.2.10",
    }
    assert "signed_in" not in done.stderr


def test_ending_sessions_is_logged_without_their_keys(alice, security_log):
    from django.test import Client

    from skillpath.people.services import sign_out_everywhere

    for agent in ("Laptop", "Phone"):
        Client(REMOTE_ADDR="192.0.2.10", HTTP_USER_AGENT=agent).force_login(alice)

    assert sign_out_everywhere(user=alice) == 2

    assert security_log.events("sessions_ended") == [
        {
            "time": security_log.events("sessions_ended")[0]["time"],
            "level": "info",
            "event": "sessions_ended",
            "username": "alice",
            "scope": "all",
            "count": 2,
        }
    ]


def test_a_session_past_its_lifetime_is_logged_as_expired(server, alice, security_log):
    import time

    from skillpath.people.sessions import SIGNED_IN_AT

    client = server
    client.force_login(alice)
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 13 * 3600
    session.save()

    client.get("/today/")

    assert [e["username"] for e in security_log.events("session_expired")] == ["alice"]
    assert [e["username"] for e in security_log.events("signed_out")] == ["alice"]
