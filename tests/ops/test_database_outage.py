"""PostgreSQL goes away under a running server and comes back: while it is gone, pages and
the API answer 503 with Retry-After (no 500, no traceback) and nothing is half written;
once it is back, the server recovers by itself within seconds.

The outage is real: the server reaches PostgreSQL through a TCP relay of the test's own,
which the test shuts (every connection cut, the port refusing) and opens again — the way
a database restart or a failover looks from the web process. The machine's PostgreSQL
itself is never touched.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import need

POSTGRES = ("127.0.0.1", 5432)


class Relay:
    """A TCP relay on a fixed local port to PostgreSQL that can be cut and restored."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self._lock = threading.Lock()

    def open(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        with self._lock:
            if self._listener is not None:
                # Closing alone leaves a blocked accept() listening (Linux); shutdown ends it.
                with contextlib.suppress(OSError):
                    self._listener.shutdown(socket.SHUT_RDWR)
                self._listener.close()
                self._listener = None
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            upstream = socket.create_connection(POSTGRES)
            with self._lock:
                self._sockets += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while True:
                ready, _, _ = select.select([a, b], [], [], 1.0)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (b if sock is a else a).sendall(data)
        except OSError:
            return


@pytest.fixture
def database():
    psycopg = pytest.importorskip("psycopg")
    name = f"skillpath_outage_{os.getpid()}"
    try:
        admin = psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True)
    except psycopg.Error as error:
        need(False, f"PostgreSQL is not reachable: {error}")
    admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _sessions(database: str) -> int:
    import psycopg

    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{database}") as conn:
        return conn.execute("SELECT count(*) FROM tracking_studysession").fetchone()[0]


def test_a_database_outage_is_a_503_and_the_server_recovers_by_itself(database, tmp_path):
    relay = Relay()
    relay.open()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SKILLPATH_", "REDIS"))}
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{relay.port}/{database}",
        SKILLPATH_DATA_DIR=str(tmp_path),
        SKILLPATH_LOG_LEVEL="ERROR",
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    skillpath = str(Path(sys.executable).parent / "skillpath")
    subprocess.run([skillpath, "enroll", "--hours", "10"], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [skillpath, "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        browser = httpx.Client(base_url=base, timeout=10)
        deadline = time.monotonic() + 90
        while True:
            try:
                if browser.get("/today/").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.3)
        csrf = browser.cookies["csrftoken"]
        form = {"on": time.strftime("%Y-%m-%d"), "duration": "30m", "kind": "theory"}
        logged = browser.post("/sessions/", data={**form, "csrfmiddlewaretoken": csrf})
        assert logged.status_code == 302
        assert _sessions(database) == 1

        relay.cut()
        for path in ("/today/", "/c/backend/", "/dashboard/"):
            page = browser.get(path)
            assert page.status_code == 503, (path, page.status_code)
            assert page.headers["retry-after"] == "5"
            assert "Traceback" not in page.text and "OperationalError" not in page.text
            assert "unavailable for a moment" in page.text or "недоступен" in page.text
        api = browser.get("/api/curricula")
        assert api.status_code == 503, (api.status_code, api.text[:300])
        assert "detail" in api.json(), api.text[:300]
        attempt = browser.post(
            "/sessions/", data={**form, "duration": "20m", "csrfmiddlewaretoken": csrf}
        )
        assert attempt.status_code == 503
        ready = httpx.get(base + "/health/ready", timeout=10)  # a probe: no cookies
        assert ready.status_code == 503 and ready.json()["status"] == "fail"

        relay.open()
        back = time.monotonic()
        while browser.get("/today/").status_code != 200:
            assert time.monotonic() - back < 10, "the server did not recover within 10 s"
            time.sleep(0.2)
        assert all(browser.get(p).status_code == 200 for p in ("/dashboard/", "/c/backend/"))
        # The session logged before the outage is there once; the one tried during it, not.
        assert _sessions(database) == 1
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=40)
        relay.cut()
