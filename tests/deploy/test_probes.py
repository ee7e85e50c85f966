"""The web pod's process for real, short of the container: `skillpath serve` as the Deployment
starts it, in the environment its ConfigMap and Secret give it (HTTPS behind a proxy, local
mode off; SQLite instead of the cluster's database, on loopback), answering its probes as
the kubelet sends them and the image's health check as Docker runs it."""

from __future__ import annotations

import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.deploy import files
from tests.deploy.test_manifests import web_container

SKILLPATH = Path(sys.executable).parent / "skillpath"
STARTUP_SECONDS = 120  # a fresh database: migrations and the built-in curriculum first


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str, host: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def pod(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    container = web_container()
    port = free_port()
    # The Deployment's arguments, on loopback and a free port instead of 0.0.0.0:8000.
    arguments = list(container["args"])
    arguments[arguments.index("--host") + 1] = "127.0.0.1"
    arguments[arguments.index("--port") + 1] = str(port)
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SKILLPATH_") and k != "DATABASE_URL"
    }
    environment |= files.k8s_environment(container)
    for outside in ("DATABASE_URL", "REDIS_URL", "SKILLPATH_BROKER_URL"):
        environment.pop(outside)  # the cluster's servers: SQLite and local memory instead
    environment |= {
        "SKILLPATH_SECRET_KEY": secrets.token_urlsafe(50),
        "SKILLPATH_DATA_DIR": str(tmp_path_factory.mktemp("pod-data")),
        "PYTHONPATH": str(files.ROOT / "src"),
    }
    process = subprocess.Popen(
        [str(SKILLPATH), *arguments],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    host = container["livenessProbe"]["httpGet"]["httpHeaders"][0]["value"]
    deadline = time.monotonic() + STARTUP_SECONDS
    try:
        while True:
            assert process.poll() is None, process.communicate()[0]
            try:
                if get(port, "/health/live", host)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "serve did not answer in time"
            time.sleep(0.5)
        yield {"port": port, "container": container, "environment": environment}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=40)  # the graceful timeout, as the kubelet allows
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if process.stdout:
            process.stdout.close()


@pytest.mark.parametrize("probe", ["startupProbe", "livenessProbe", "readinessProbe"])
def test_each_probe_of_the_deployment_passes_over_plain_http(pod, probe):
    check = pod["container"][probe]["httpGet"]
    headers = {h["name"]: h["value"] for h in check["httpHeaders"]}
    status, _, body = get(pod["port"], check["path"], headers["Host"])
    # 200 and not a redirect to HTTPS: the kubelet speaks plain HTTP to the pod.
    assert status == 200, (status, body[:300])
    assert json.loads(body)["status"] in ("ok", "degraded")


def test_readiness_checks_the_database_and_its_migrations(pod):
    check = pod["container"]["readinessProbe"]["httpGet"]
    host = check["httpHeaders"][0]["value"]
    checks = json.loads(get(pod["port"], check["path"], host)[2])["checks"]
    assert checks["database"]["status"] == "ok"
    assert checks["migrations"]["status"] == "ok"


def test_a_probe_without_an_allowed_host_would_be_refused(pod):
    """Why the probes send a Host header: the kubelet's default (the pod's address) is
    answered 400 by Django."""
    assert get(pod["port"], "/health/live", f"127.0.0.1:{pod['port']}")[0] == 400


def test_the_pages_are_redirected_to_https(pod):
    host = pod["container"]["livenessProbe"]["httpGet"]["httpHeaders"][0]["value"]
    status, headers, _ = get(pod["port"], "/accounts/login/", host)
    assert status == 301 and headers["Location"].startswith("https://")


def test_the_images_health_check_passes_against_it(pod):
    done = subprocess.run(
        [
            sys.executable,
            str(files.DEPLOY / "healthcheck.py"),
            f"http://127.0.0.1:{pod['port']}/health/live",
        ],
        env={"SKILLPATH_ALLOWED_HOSTS": pod["environment"]["SKILLPATH_ALLOWED_HOSTS"]},
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
