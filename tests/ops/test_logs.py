"""Request ids and the logs: the `X-Request-ID` header echoed, generated or replaced, the id
on every record written during the request, one access-log line per request, JSON lines on
a server and readable lines in local mode."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import textwrap

import pytest
from django.test import Client

from skillpath.core.security_log import JsonLinesFormatter
from skillpath.ops.logs import ReadableFormatter, RequestIdFilter
from skillpath.ops.request_id import (
    current_request_id,
    request_id_scope,
    sane_request_id,
    task_headers,
)

pytestmark = pytest.mark.django_db

GENERATED = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def records(caplog):
    """The records of the request and security logs, as the server's handlers see them."""
    caplog.handler.addFilter(RequestIdFilter())
    caplog.set_level(logging.INFO)
    # The CLI quiets `skillpath` to warnings in its own process; a CLI test run earlier in
    # this process leaves it so, which a server never is.
    caplog.set_level(logging.INFO, logger="skillpath")
    security = logging.getLogger("skillpath.security")
    security.propagate, was = True, security.propagate
    yield caplog
    security.propagate = was


def test_a_sane_incoming_id_is_echoed(client):
    response = client.get("/health/live", HTTP_X_REQUEST_ID="edge-7f3a.b_9")

    assert response["X-Request-ID"] == "edge-7f3a.b_9"


def test_without_an_id_one_is_generated_per_request(client):
    first, second = client.get("/health/live"), client.get("/")

    assert GENERATED.fullmatch(first["X-Request-ID"])
    assert GENERATED.fullmatch(second["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.parametrize(
    "malformed",
    ["a" * 65, "two words", 'id"quote', "line\nbreak", "ид-кириллицей", "a/b", "", "x;y=1"],
)
def test_a_malformed_incoming_id_is_replaced(malformed):
    assert sane_request_id(malformed) is None
    if "\n" in malformed:
        return  # the test client cannot even send it; a server never passes it on
    response = Client().get("/health/live", HTTP_X_REQUEST_ID=malformed)
    assert GENERATED.fullmatch(response["X-Request-ID"])


def test_an_id_of_64_characters_is_kept():
    assert sane_request_id("a" * 64) == "a" * 64


def test_every_record_of_the_request_carries_its_id(client, alice, records):
    response = client.post(
        "/accounts/login/",
        {"username": "alice", "password": "wrong"},
        HTTP_X_REQUEST_ID="req-sign-in-1",
        REMOTE_ADDR="192.0.2.10",
    )

    assert response["X-Request-ID"] == "req-sign-in-1"
    mine = [r for r in records.records if getattr(r, "request_id", None) == "req-sign-in-1"]
    assert {r.name for r in mine} >= {"skillpath.security", "skillpath.request"}
    # Nothing written after the request still claims its id.
    logging.getLogger("skillpath.tests").info("after")
    assert records.records[-1].request_id is None


def test_one_access_log_line_per_request(client, alice, records):
    client.force_login(alice)

    client.get("/today/", HTTP_X_REQUEST_ID="req-today")

    [line] = [r for r in records.records if r.name == "skillpath.request"]
    assert line.levelno == logging.INFO
    assert line.fields == {
        "method": "GET",
        "view": "web:today",
        "status": 200,
        "duration_ms": line.fields["duration_ms"],
        "db_queries": line.fields["db_queries"],
        "user_id": alice.pk,
    }
    assert line.fields["duration_ms"] > 0
    assert line.request_id == "req-today"


def test_the_access_log_names_no_user_for_a_visitor(client, records):
    client.get("/health/live")

    [line] = [r for r in records.records if r.name == "skillpath.request"]
    assert line.fields["user_id"] is None
    assert line.fields["view"] == "ops:live"


def test_records_format_as_json_lines_with_the_id(client, alice, records):
    client.force_login(alice)
    client.get("/today/", HTTP_X_REQUEST_ID="req-json")
    try:
        raise RuntimeError("boom\nsecond line")
    except RuntimeError:
        logging.getLogger("skillpath.tests").exception("it broke")

    formatter = JsonLinesFormatter()
    lines = [formatter.format(r) for r in records.records]
    assert all("\n" not in line for line in lines)
    parsed = [json.loads(line) for line in lines]
    [access] = [p for p in parsed if p.get("logger") == "skillpath.request"]
    assert access["request_id"] == "req-json"
    assert access["view"] == "web:today" and access["status"] == 200
    assert access["event"].startswith("GET web:today 200 ")
    [error] = [p for p in parsed if p.get("logger") == "skillpath.tests"]
    assert "RuntimeError: boom" in error["exception"]
    assert "request_id" not in error  # written outside any request


def test_readable_lines_show_the_id_or_a_dash():
    formatter = ReadableFormatter()
    record = logging.LogRecord("skillpath.x", logging.INFO, __file__, 1, "hello", None, None)

    RequestIdFilter().filter(record)
    assert formatter.format(record).endswith("INFO skillpath.x [-] hello")
    with request_id_scope("req-42"):
        fresh = logging.LogRecord("skillpath.x", logging.INFO, __file__, 1, "hello", None, None)
        RequestIdFilter().filter(fresh)
    assert formatter.format(fresh).endswith("INFO skillpath.x [req-42] hello")


def test_tasks_get_the_id_from_the_request_that_enqueued_them():
    assert current_request_id() is None
    assert task_headers() == {}
    with request_id_scope("req-77"):
        headers = task_headers()
    assert headers == {"request_id": "req-77"}
    # The task's side: it runs under the id it was given, and puts the previous one back.
    with request_id_scope(headers["request_id"]) as chosen:
        assert chosen == current_request_id() == "req-77"
    assert current_request_id() is None
    with request_id_scope("not sane!") as chosen:
        assert GENERATED.fullmatch(chosen)


SERVE = textwrap.dedent(
    """
    import django
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from django.test import Client
    Client(HTTP_HOST="localhost").get("/health/ready", HTTP_X_REQUEST_ID="req-proc")
    Client(HTTP_HOST="localhost").get("/no-such-page/")
    """
)


def _serve(tmp_path, **environment: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", SERVE],
        env={
            **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            "DJANGO_SETTINGS_MODULE": "skillpath.config.settings",
            "SKILLPATH_DATA_DIR": str(tmp_path),
            **environment,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_a_server_logs_json_lines(tmp_path):
    log = _serve(tmp_path, SKILLPATH_LOCAL_MODE="false")

    lines = [json.loads(line) for line in log.splitlines()]
    access = [line for line in lines if line.get("logger") == "skillpath.request"]
    assert [a["view"] for a in access] == ["ops:ready", "<unmatched>"]
    assert access[0]["request_id"] == "req-proc"
    assert access[1]["status"] == 404


def test_local_mode_logs_readable_lines(tmp_path):
    log = _serve(tmp_path, SKILLPATH_LOCAL_MODE="true")

    assert re.search(
        r" INFO skillpath\.request \[req-proc\] GET ops:ready 200 [\d.]+ ms$", log, re.M
    )
    assert not log.lstrip().startswith("{")


@pytest.mark.parametrize(
    "quiet", [{"SKILLPATH_ACCESS_LOG": "false"}, {"SKILLPATH_LOG_LEVEL": "WARNING"}]
)
def test_the_access_log_can_be_left_out(tmp_path, quiet):
    log = _serve(tmp_path, SKILLPATH_LOCAL_MODE="false", **quiet)

    assert "skillpath.request" not in log
