"""`skillpath serve` in local mode serves only on this machine."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from skillpath.cli.main import app

runner = CliRunner()


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10", "skillpath.example.org"])
def test_local_mode_refuses_to_serve_on_an_address_others_can_reach(settings, host):
    settings.LOCAL_MODE, settings.BEHIND_PROXY = True, False

    result = runner.invoke(app, ["serve", "--host", host, "--port", "8765"])

    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: local mode signs in everyone who reaches it")
    assert f"to serve on {host}, set SKILLPATH_LOCAL_MODE=false" in line
    assert "running at" not in result.stdout


def test_local_mode_refuses_to_serve_behind_a_proxy(settings):
    settings.LOCAL_MODE, settings.BEHIND_PROXY = True, True

    result = runner.invoke(app, ["serve", "--host", "127.0.0.1", "--port", "8765"])

    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert "SKILLPATH_BEHIND_PROXY" in line and "SKILLPATH_LOCAL_MODE=false" in line


# --- The production server, for real: a process serving a fresh data directory ------------


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux's /proc)."""
    from pathlib import Path

    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines())
        except (OSError, ValueError):
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


@pytest.fixture
def served(tmp_path):
    """Start `skillpath serve` with the given arguments on an empty data directory; yield
    (process, base URL); stop it with SIGTERM afterwards and check it stopped cleanly."""
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    import httpx

    started = []

    def start(*args: str, local: bool = True):  # type: ignore[no-untyped-def]
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        env.update(SKILLPATH_DATA_DIR=str(tmp_path), SKILLPATH_LOCAL_MODE=str(local).lower())
        env.update(SKILLPATH_ALLOWED_HOSTS="127.0.0.1")
        command = [str(Path(sys.executable).parent / "skillpath"), "serve", "--port", str(port)]
        process = subprocess.Popen(
            [*command, *args], env=env, stdout=subprocess.PIPE, text=True, start_new_session=True
        )
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            try:
                httpx.get(base + "/", timeout=2)
                return process, base
            except httpx.TransportError:
                time.sleep(0.3)
        raise AssertionError(f"`skillpath serve {' '.join(args)}` did not answer in 90 s")

    yield start
    for process in started:
        # The whole group: the development server's reloader runs the server as a child.
        os.killpg(process.pid, signal.SIGTERM)
        code = process.wait(timeout=40)
        if "--dev" not in process.args:
            assert code == 0  # gunicorn stops its workers and exits cleanly on SIGTERM


def test_serve_runs_the_production_server_with_the_workers_asked_for(served):
    import httpx

    process, base = served("--workers", "2", "--threads", "2")

    response = httpx.get(base + "/c/backend/topics/git/", follow_redirects=True)
    assert response.status_code == 200
    assert "Git" in response.text
    assert response.headers["server"].startswith("gunicorn")
    assert len(_children(process.pid)) == 2  # the arbiter's two workers
    static = httpx.get(base + "/static/skillpath/app.css")
    assert static.status_code == 200 and "sp-concepts" in static.text
    # Both workers count into one /metrics (prometheus-client's multiprocess files).
    for _ in range(20):
        httpx.get(base + "/health/live")
    metrics = httpx.get(base + "/metrics").text
    live = [
        line
        for line in metrics.splitlines()
        if line.startswith("skillpath_http_request_duration_seconds_count")
        and 'view="ops:live"' in line
    ]
    assert live and sum(float(line.rsplit(" ", 1)[1]) for line in live) == 20


def test_serve_on_a_server_defaults_to_a_worker_per_core_and_dev_runs_runserver(served):
    import os

    import httpx

    process, base = served("--host", "127.0.0.1", local=False)
    assert len(_children(process.pid)) == max(2, os.cpu_count() or 1)
    assert httpx.get(base + "/accounts/login/").status_code == 200

    _, dev_base = served("--dev")
    assert httpx.get(dev_base + "/c/backend/").headers["server"].startswith("WSGIServer")
