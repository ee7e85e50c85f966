"""The platform under load: `skillpath serve` (gunicorn, 2 workers) on PostgreSQL, driven
on loopback by Locust with simulated learners doing a learner's mix of pages and writes.

`collect(quick)` prepares a PostgreSQL database of its own (the built-in curriculum, 100
learners with 60 days of history each, each signed in), starts the server in server mode,
and runs `bench/locust_learners.py` twice: with 1 learner, then with 100. Per page it
reports requests/s and the p50/p95/p99 latencies seen by the client; the targets are
p95 ≤ 300 ms and p99 ≤ 1 s at 100 learners, no errors, and p95 at 100 learners ÷ p95 at
1 learner ≤ 3. Everything runs in child processes (Django's settings are per process);
without PostgreSQL or Locust the figure says why it was skipped.

    .venv/bin/python bench/serving.py [--quick]     # prints the JSON object
"""

from __future__ import annotations

import json
import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BIN = Path(sys.executable).parent
POSTGRES = os.environ.get(
    "SKILLPATH_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
).rsplit("/", 1)[0]
LEARNERS = 100


def _log(message: str) -> None:
    print(f"bench: [serving] {message}", file=sys.stderr, flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (what Locust reports), of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summarise(result: dict[str, Any]) -> dict[str, Any]:
    seconds = result["measured_s"] or 1.0
    pages = {}
    for page, entry in sorted(result["pages"].items()):
        times = entry["times_ms"]
        pages[page] = {
            "requests": len(times),
            "requests_per_s": round(len(times) / seconds, 1),
            "p50_ms": percentile(times, 0.50),
            "p95_ms": percentile(times, 0.95),
            "p99_ms": percentile(times, 0.99),
            "failures": entry["failures"],
            **({"errors": entry["errors"]} if entry["errors"] else {}),
        }
    everything = [t for entry in result["pages"].values() for t in entry["times_ms"]]
    return {
        "measured_s": result["measured_s"],
        "requests_per_s": round(len(everything) / seconds, 1),
        "p50_ms": percentile(everything, 0.50) if everything else None,
        "p95_ms": percentile(everything, 0.95) if everything else None,
        "p99_ms": percentile(everything, 0.99) if everything else None,
        "failures": sum(entry["failures"] for entry in result["pages"].values()),
        "pages": pages,
    }


def prepare_learners(learners: int, days: int, usernames: Path) -> None:
    """In this process, set up by `--prepare`: learners with history (bench/learners.py's
    world: two measured learners and the crowd), one password; their names to `usernames`."""
    import django

    django.setup()
    import learners as world
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from skillpath.core.setup import prepare_installation

    prepare_installation()
    today = date.today()
    sizes = world.Sizes(learners=learners - 1, days=days, month_days=min(30, days))
    measured, crowd = world.learner_specs(sizes, today)
    world.build_world(measured, crowd, today, sizes)
    # Each learner is signed in already, as on any day but the first: a session of its own
    # (what signing in writes), so the run measures the pages, not password hashing.
    sessions = {}
    for user in get_user_model().objects.order_by("username"):
        client = Client()
        client.force_login(user)
        sessions[user.username] = client.cookies[settings.SESSION_COOKIE_NAME].value
    usernames.write_text(json.dumps(sessions))


def _environment(data_dir: Path, database: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SKILLPATH_", "REDIS"))}
    env.update(
        DATABASE_URL=f"{POSTGRES}/{database}",
        SKILLPATH_DATA_DIR=str(data_dir),
        SKILLPATH_LOCAL_MODE="false",
        SKILLPATH_DEBUG="false",
        SKILLPATH_LOG_LEVEL="WARNING",
        SKILLPATH_ACCESS_LOG="false",
        SKILLPATH_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SETTINGS_MODULE="skillpath.config.settings",
        PYTHONPATH=os.pathsep.join([str(BENCH), str(ROOT / "src")]),
    )
    return env


def _wait_until_up(url: str, server: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer {url} within {timeout:.0f} s")


def _locust(
    base: str, users: int, seconds: int, warmup: int, env: dict[str, str], tmp: Path
) -> dict[str, Any]:
    plan, result = tmp / f"plan-{users}.json", tmp / f"result-{users}.json"
    sessions = json.loads((tmp / "sessions.json").read_text())
    plan.write_text(json.dumps({
        "sessions": list(sessions.values())[:users], "warmup_s": warmup,
        "today": date.today().isoformat(),
    }))  # fmt: skip
    command = [
        sys.executable, "-m", "locust", "-f", str(BENCH / "locust_learners.py"), "--headless",
        "--host", base, "-u", str(users), "-r", str(max(1, users // 5)),
        "-t", f"{warmup + seconds}s", "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip
    run_env = {**env, "SKILLPATH_LOAD_PLAN": str(plan), "SKILLPATH_LOAD_RESULT": str(result)}
    subprocess.run(command, env=run_env, capture_output=True, timeout=warmup + seconds + 120)
    return summarise(json.loads(result.read_text()))


def collect(quick: bool) -> dict[str, Any]:
    """Prepare, serve, drive with 1 then 100 learners; the figures, or {"skipped": why}."""
    try:
        import locust  # noqa: F401
        import psycopg
    except ImportError as missing:
        return {"skipped": f"{missing.name} is not installed"}
    database = f"skillpath_bench_serving_{os.getpid()}"
    try:
        with psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=5, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{database}"')
    except psycopg.Error as error:
        return {"skipped": f"PostgreSQL unavailable: {str(error).strip().splitlines()[0]}"}
    tmp = Path(tempfile.mkdtemp(prefix="skillpath-serving-"))
    data_dir = tmp / "data"
    (data_dir / "static").mkdir(parents=True)
    env = _environment(data_dir, database)
    server = None
    try:
        _log(f"{LEARNERS} learners with history on PostgreSQL")
        days = 30 if quick else 60
        subprocess.run(
            [sys.executable, __file__, "--prepare", str(LEARNERS), str(days),
             str(tmp / "sessions.json")],
            env=env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [str(BIN / "skillpath"), "serve", "--host", "127.0.0.1", "--port", str(port),
             "--workers", "2"],
            env=env, stdout=subprocess.DEVNULL, stderr=(tmp / "server.log").open("w"), cwd=tmp,
            start_new_session=True,
        )  # fmt: skip
        _wait_until_up(base + "/health/live", server)
        seconds = 20 if quick else 60
        _log(f"1 learner for {seconds} s")
        one = _locust(base, 1, seconds, 5, env, tmp)
        _log(f"{LEARNERS} learners for {seconds} s")
        many = _locust(base, LEARNERS, seconds, 15, env, tmp)
        return {
            "server": "gunicorn, 2 workers x 4 threads, PostgreSQL, server mode",
            "learners": LEARNERS,
            "history_days": days,
            "think_time_s": [1, 3],
            "one_learner": one,
            "many_learners": many,
            "p95_ratio_many_to_one": round(many["p95_ms"] / one["p95_ms"], 2)
            if one["p95_ms"] and many["p95_ms"]
            else None,
        }
    except (subprocess.SubprocessError, RuntimeError, OSError, ValueError) as error:
        return {"error": f"{type(error).__name__}: {error}"}
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, 15)
            server.wait(timeout=60)
        with psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=5, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        shutil.rmtree(tmp, ignore_errors=True)


def targets(figures: dict[str, Any]) -> dict[str, Any]:
    many = figures.get("many_learners")
    if not many or many["p95_ms"] is None:
        return {}
    ratio = figures.get("p95_ratio_many_to_one")

    def target(value: Any, text: str, met: bool) -> dict[str, Any]:
        return {"value": value, "target": text, "met": met}

    return {
        "serving_p95_100_learners_ms": target(many["p95_ms"], "<= 300", many["p95_ms"] <= 300),
        "serving_p99_100_learners_ms": target(many["p99_ms"], "<= 1000", many["p99_ms"] <= 1000),
        "serving_failures": target(many["failures"], "== 0", many["failures"] == 0),
        "serving_p95_ratio_100_to_1": target(ratio, "<= 3", ratio is not None and ratio <= 3),
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["--prepare"]:
        prepare_learners(int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]))
    else:
        figures = collect("--quick" in sys.argv)
        print(json.dumps({**figures, "targets": targets(figures)}, indent=2))
