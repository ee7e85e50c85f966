"""The load generator of load stages: percentiles, the report, and one real Locust run
against a tiny fixture server (a child process, as in a check)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from skillpath.checks.load import percentile, run_load, summarize


def test_percentiles_are_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.50) == 50
    assert percentile(values, 0.99) == 99
    assert percentile(values, 1.0) == 100
    assert percentile([7.0], 0.99) == 7
    assert percentile([], 0.5) == 0


def test_a_report_counts_requests_per_second_over_the_measured_window():
    raw = {
        "requests": 300,
        "failures": 2,
        "started": 100.0,
        "finished": 102.0,
        "times_ms": [3.0, 1.0, 2.0],
        "errors": {"status 200 instead of 302": 2},
    }
    report = summarize(raw, users=5)
    assert (report.rps, report.seconds, report.p50, report.p99) == (150.0, 2.0, 2.0, 3.0)
    assert report.failures == 2 and report.errors == {"status 200 instead of 302": 2}


def test_a_run_with_no_answers_reports_nothing_per_second():
    raw = {"requests": 0, "failures": 0, "started": None, "finished": None, "times_ms": []}
    assert summarize(raw, users=1).rps == 0


class Redirects(BaseHTTPRequestHandler):
    """Redirects every path to example.com, counting the answers it sent per path."""

    protocol_version = "HTTP/1.1"
    answered: Counter[str]
    lock = threading.Lock()

    def do_GET(self) -> None:
        self.send_response(302)
        self.send_header("Location", "https://example.com" + self.path)
        self.send_header("Content-Length", "0")
        self.end_headers()
        with self.lock:
            self.answered[self.path] += 1

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def redirecting_server() -> Iterator[tuple[str, Counter[str]]]:
    answered: Counter[str] = Counter()
    handler = type("CountingRedirects", (Redirects,), {"answered": answered})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", answered
    server.shutdown()
    server.server_close()


def test_locust_drives_a_service_and_reports_what_it_saw(redirecting_server):
    # How many requests a second of load makes depends on the machine, so the test checks
    # that the report agrees with what the server answered, never how much that was.
    url, answered = redirecting_server
    locations = {"/a": "https://example.com/a", "/b": "https://example.com/elsewhere"}
    users = 2
    report = run_load(url, ["/a", "/b"], users=users, seconds=1, status=302, locations=locations)

    # The two users start on different paths, and a user always finishes the request it
    # began, so both paths are answered at least once.
    assert answered["/a"] >= 1 and answered["/b"] >= 1
    # Every reported answer was served; only a request in flight when Locust was stopped
    # (at most one per user) can be served and not reported.
    served = answered["/a"] + answered["/b"]
    assert served - users <= report.requests <= served
    # Every answer to /b has the wrong Location; every answer to /a is right.
    assert 0 < report.failures < report.requests
    assert answered["/b"] - users <= report.failures <= answered["/b"]
    assert report.errors == {
        "Location 'https://example.com/b' instead of 'https://example.com/elsewhere'": (
            report.failures
        )
    }
    assert 0 < report.p50 <= report.p95 <= report.p99
    assert report.rps == pytest.approx(report.requests / report.seconds, rel=0.01)
