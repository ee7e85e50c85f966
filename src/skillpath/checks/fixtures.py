"""Fixture servers a suite starts on loopback: a site to scrape, a failing upstream…"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FixtureServer(ThreadingHTTPServer):
    """A threaded HTTP server on 127.0.0.1 and a free port, serving in a background thread."""

    daemon_threads = True
    # Stopping does not wait for a handler still busy (a page that never answers, on
    # purpose): its daemon thread ends with the run.
    block_on_close = False
    # Loopback only: a fixture is for the learner's program on this machine, nobody else.
    host = "127.0.0.1"

    def __init__(self, handler_class: type[BaseHTTPRequestHandler]) -> None:
        super().__init__((self.host, 0), handler_class)
        # A short poll, so that stopping one of the many fixtures of a run is quick.
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.server_address[1]}"

    def start(self) -> FixtureServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
