"""Which production server `skillpath serve` runs: gunicorn (threaded workers) against
granian (WSGI), on our own pages, on PostgreSQL, with the same number of processes.

    .venv/bin/python bench/servers.py [--seconds 10] [--connections 16] [--workers 2]

Prints one JSON object: per server and page, requests/s and latency percentiles measured
by wrk (Debian's `wrk`) from a second process on loopback. Each server is run the way
`skillpath serve` would run it. Figures compare within one run (the machine is shared);
docs/adr/0003-production-server.md records a run and the decision taken from it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
POSTGRES = os.environ.get("SKILLPATH_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DATABASE = "skillpath_bench_servers"
PAGES = {"roadmap": "/c/backend/", "topic": "/c/backend/topics/git/", "today": "/today/"}


def server_commands(port: int, workers: int, threads: int) -> dict[str, list[str]]:
    app = "skillpath.config.wsgi:application"
    bind = f"127.0.0.1:{port}"
    return {
        "gunicorn-gthread": [
            str(BIN / "gunicorn"), app, "--bind", bind, "--workers", str(workers),
            "--worker-class", "gthread", "--threads", str(threads), "--log-level", "warning",
        ],
        "granian-wsgi": [
            str(BIN / "granian"), "--interface", "wsgi", app, "--host", "127.0.0.1",
            "--port", str(port), "--workers", str(workers), "--blocking-threads", str(threads),
            "--log-level", "warning", "--no-ws",
        ],
    }  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer {url} within {timeout:.0f} s")


def session_cookie(url: str) -> str:
    """The cookie of one signed-in session, so that every request is the same learner's
    (without it each request would start, and write, a session of its own)."""
    with urllib.request.urlopen(url, timeout=10) as response:
        cookies = response.headers.get_all("Set-Cookie") or []
    return "; ".join(c.split(";", 1)[0] for c in cookies)


def wrk(url: str, seconds: int, connections: int, cookie: str) -> dict[str, float]:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Latency Distribution" not in out:
        raise SystemExit(f"wrk printed no latency distribution:\n{out}")
    figures: dict[str, float] = {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    }  # type: ignore[index]
    for label, key in (("50%", "p50_ms"), ("90%", "p90_ms"), ("99%", "p99_ms")):
        found = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
        if found is None:
            raise SystemExit(f"wrk printed no {label} latency:\n{out}")
        value, unit = found.groups()
        figures[key] = round(float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 2)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    figures["errors"] = int(errors[1]) if errors else 0
    return figures


def measure(command, env, data_dir, port, args) -> dict[str, dict[str, float]]:  # type: ignore[no-untyped-def]
    server = subprocess.Popen(command, env=env, cwd=data_dir)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + PAGES["roadmap"])
        cookie = session_cookie(base + PAGES["today"])
        for url in PAGES.values():  # warm every worker's caches and connections
            wrk(base + url, 2, args.connections, cookie)
        return {
            page: wrk(base + url, args.seconds, args.connections, cookie)
            for page, url in PAGES.items()
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="Each server this many times, interleaved (A B A B), "
        "so that a change in the machine's load hits both alike; the best round is kept.",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    data_dir = Path(tempfile.mkdtemp(prefix="skillpath-servers-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "SKILLPATH_DATA_DIR": str(data_dir),
        "SKILLPATH_LOCAL_MODE": "1",
        "SKILLPATH_DEBUG": "0",
        "SKILLPATH_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT / "src"),
    }
    (data_dir / "static").mkdir()
    subprocess.run(
        ["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    try:
        skillpath = [str(BIN / "skillpath")]
        for command in (["setup"], ["enroll", "--start", "2026-01-05"]):
            subprocess.run(skillpath + command, env=env, check=True, capture_output=True)
        subprocess.run(
            [str(BIN / "python"), str(ROOT / "manage.py"), "collectstatic", "--noinput"],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        results: dict[str, object] = {
            "workers": args.workers, "threads": args.threads,
            "connections": args.connections, "seconds": args.seconds,
        }  # fmt: skip
        port = free_port()
        servers = server_commands(port, args.workers, args.threads)
        for name, command in list(servers.items()):
            if not Path(command[0]).exists():  # granian is not a dependency: pip install granian
                print(f"{name}: {Path(command[0]).name} is not installed, skipped", file=sys.stderr)
                del servers[name]
        for round_number in range(args.rounds):
            for name, command in servers.items():
                figures = measure(command, env, data_dir, port, args)
                best = results.setdefault(name, {})
                for page, measured in figures.items():
                    if (
                        page not in best
                        or measured["requests_per_s"] > best[page]["requests_per_s"]
                    ):  # type: ignore[index]
                        best[page] = measured  # type: ignore[index]
                print(f"{name}: round {round_number + 1} done", file=sys.stderr)
        print(json.dumps(results, indent=2))
    finally:
        subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", DATABASE])
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
