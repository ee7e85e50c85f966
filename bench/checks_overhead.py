"""What the check framework costs: the whole `todo-api` suite against its reference, versus
a plain httpx script sending the very same requests, in the same order.

The reference is started once (with the runner's own `Service`: a free port, a throwaway
DATA_DIR) and both sides talk to it while it runs, so process start is left out. The suite
runs through the runner's Python API, `run_check(suite, url=...)` — as `skillpath check
todo-api --url` would, so its restart stage is skipped — and its requests are recorded once
from its HTTP client; the plain side replays that recording with a fresh `httpx.Client`,
reading every answer and checking nothing. Runs alternate (suite, plain, suite, …) so both
meet a database of about the same size. The target is `ratio < 2` (bench/README.md).

    python bench/checks_overhead.py [--repeats 10]
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
SEED = 20261127
TARGET_RATIO = 2.0


@dataclass(frozen=True)
class Sent:
    """One request as the suite's client sent it."""

    method: str
    url: str
    headers: dict[str, str]
    content: bytes


def _setup_django() -> None:
    """Load Django for the runner (gettext); a throwaway data folder when run on its own."""
    import django
    from django.apps import apps

    if apps.ready:
        return
    if "DJANGO_SETTINGS_MODULE" not in os.environ:
        os.environ["DJANGO_SETTINGS_MODULE"] = "skillpath.config.settings"
        if "SKILLPATH_DATA_DIR" not in os.environ:
            data_dir = tempfile.mkdtemp(prefix="skillpath-bench-")
            atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
            os.environ["SKILLPATH_DATA_DIR"] = data_dir
    django.setup()


@contextmanager
def _recording() -> Iterator[list[Sent]]:
    """Every request any httpx.Client sends meanwhile (the suite's client is one)."""
    sent: list[Sent] = []
    send = httpx.Client.send

    def recording_send(client: httpx.Client, request: httpx.Request, **kwargs: Any):  # type: ignore[no-untyped-def]
        kept = ("content-type",)
        headers = {k: v for k, v in request.headers.items() if k.lower() in kept}
        sent.append(Sent(request.method, str(request.url), headers, request.read()))
        return send(client, request, **kwargs)

    httpx.Client.send = recording_send  # type: ignore[method-assign]
    try:
        yield sent
    finally:
        httpx.Client.send = send  # type: ignore[method-assign]


def _run_suite(url: str) -> float:
    """Milliseconds for one whole run of the suite; fails loudly unless it passed."""
    from skillpath.checks.runner import run_check
    from skillpath.checks.suites import suite_by_slug

    suite = suite_by_slug("todo-api")
    assert suite is not None
    started = time.perf_counter()
    result = run_check(suite, url=url, seed=SEED)
    elapsed = (time.perf_counter() - started) * 1000
    if result.status != "pass":
        failed = result.failed_stage
        raise RuntimeError(f"the suite did not pass: {failed and (failed.slug, failed.message)}")
    return elapsed


def _run_plain(requests: list[Sent]) -> float:
    """Milliseconds for the same requests sent by a plain httpx client."""
    started = time.perf_counter()
    with httpx.Client(follow_redirects=False, timeout=5.0, trust_env=False) as client:
        for sent in requests:
            response = client.request(
                sent.method, sent.url, headers=sent.headers, content=sent.content or None
            )
            response.read()
    return (time.perf_counter() - started) * 1000


def measure(repeats: int) -> dict[str, Any]:
    """Median milliseconds of the suite and of the plain script, and their ratio."""
    _setup_django()
    suite_ms: list[float] = []
    plain_ms: list[float] = []
    from skillpath.checks.proof import serving_reference

    with serving_reference("todo-api") as url:
        with _recording() as requests:  # also the warm-up: imports, first connections
            _run_suite(url)
        _run_plain(requests)
        for _ in range(repeats):
            suite_ms.append(_run_suite(url))
            plain_ms.append(_run_plain(requests))
    suite_median = statistics.median(suite_ms)
    plain_median = statistics.median(plain_ms)
    return {
        "suite_ms": round(suite_median, 1),
        "plain_ms": round(plain_median, 1),
        "ratio": round(suite_median / plain_median, 2),
        "requests": len(requests),
        "repeats": repeats,
        "target_ratio": TARGET_RATIO,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    print(json.dumps(measure(args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
