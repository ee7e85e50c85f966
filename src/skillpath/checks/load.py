"""Load stages: drive a learner's service with Locust and report throughput and latency.

Locust runs as a child process (`python -m locust --headless`) with the test in
`locustfile.py` beside this module: importing locust monkeypatches the standard library
with gevent, which must never happen in the checker's own process. The child gets its plan
and writes its result through two JSON files in a temporary directory, is killed with its
whole process group if it overruns, and leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

LOCUSTFILE = Path(__file__).resolve().with_name("locustfile.py")
# Locust's start-up (imports, gevent) and shutdown, on top of the measured seconds.
OVERHEAD_SECONDS = 20.0
# Settings from the environment that would change what Locust does.
IGNORED_ENVIRONMENT_PREFIXES = ("LOCUST_", "OTEL_")


class LoadError(Exception):
    """The load generator itself failed (a fault of the checker, not of the service)."""


@dataclass(frozen=True)
class LoadReport:
    """What one load run measured; latencies in milliseconds."""

    users: int
    requests: int
    failures: int
    seconds: float
    rps: float
    p50: float
    p95: float
    p99: float
    # Up to five kinds of wrong answer, each with how many times it came.
    errors: dict[str, int] = field(default_factory=dict)


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile of already sorted values (0.0 for none)."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return float(sorted_values[rank - 1])


def summarize(raw: Mapping, users: int) -> LoadReport:
    """A report from the locustfile's result document."""
    times = sorted(raw["times_ms"])
    started, finished = raw.get("started"), raw.get("finished")
    seconds = (finished - started) if started is not None and finished is not None else 0.0
    requests = int(raw["requests"])
    return LoadReport(
        users=users,
        requests=requests,
        failures=int(raw["failures"]),
        seconds=round(seconds, 3),
        rps=round(requests / seconds, 1) if seconds > 0 else 0.0,
        p50=round(percentile(times, 0.50), 2),
        p95=round(percentile(times, 0.95), 2),
        p99=round(percentile(times, 0.99), 2),
        errors=dict(raw.get("errors", {})),
    )


def locust_command(base_url: str, *, users: int, seconds: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "locust",
        "--locustfile",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        base_url.rstrip("/"),
        "--users",
        str(users),
        "--spawn-rate",
        str(users),  # every user at once: the measured window is all at full load
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "1",
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
    ]


def run_load(
    base_url: str,
    paths: Sequence[str],
    *,
    users: int = 20,
    seconds: int = 4,
    status: int = 200,
    locations: Mapping[str, str] | None = None,
) -> LoadReport:
    """GET `paths` of `base_url` from `users` simulated users for `seconds`, as fast as
    the service answers (no pause, no redirects followed); an answer counts as a failure
    unless it has `status` and, for a path in `locations`, that Location header."""
    if not paths:
        raise ValueError("run_load needs at least one path")
    with tempfile.TemporaryDirectory(prefix="skillpath-load-") as folder:
        work = Path(folder)
        plan, result = work / "plan.json", work / "result.json"
        plan.write_text(
            json.dumps({"paths": list(paths), "status": status, "locations": locations or {}}),
            encoding="utf-8",
        )
        environment = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(IGNORED_ENVIRONMENT_PREFIXES)
        }
        environment |= {"SKILLPATH_LOAD_PLAN": str(plan), "SKILLPATH_LOAD_RESULT": str(result)}
        # Run in the empty folder: Locust reads locust.conf and pyproject.toml from there.
        process = subprocess.Popen(
            locust_command(base_url, users=users, seconds=seconds),
            cwd=work,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            output, _ = process.communicate(timeout=seconds + OVERHEAD_SECONDS)
        except subprocess.TimeoutExpired:
            raise LoadError(
                f"locust did not finish within {seconds + OVERHEAD_SECONDS} s"
            ) from None
        finally:
            # Locust and anything it started go, whether it finished or not.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if not result.is_file():
            shown = output.decode("utf-8", errors="replace")[-2000:]
            raise LoadError(f"locust exited with {process.returncode} and no result:\n{shown}")
        return summarize(json.loads(result.read_text(encoding="utf-8")), users)
