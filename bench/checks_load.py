"""How hard the load stage's generator drives a service, next to wrk on the same target.

`measure()` starts the url-shortener reference solution (content/projects/url-shortener),
creates one link, and sends GET /{code} to it first with `skillpath.checks.load.run_load`
(Locust, as the `load` stage runs it) and then with wrk (the Debian package `wrk`), with as
many connections as Locust has users and for as long. `ratio` is Locust's requests/s over
wrk's: near 1 when the service is the bottleneck, low when Locust is. The target is a ratio
of at least 0.5, so that a threshold in requests/s measures the learner's service rather
than the load generator. Without wrk the figure says so and nothing fails.

    python bench/checks_load.py        # prints the JSON object
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from skillpath.checks.load import run_load  # noqa: E402
from skillpath.checks.proof import serving_reference  # noqa: E402

USERS = 20
SECONDS = 4
TARGET_RATIO = 0.5
WRK_RPS = re.compile(r"Requests/sec:\s*([\d.]+)")
WRK_PERCENTILE = re.compile(r"^\s*(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def create_link(base_url: str) -> tuple[str, str]:
    import httpx

    url = "https://example.com/bench/a/long/path?page=1"
    response = httpx.post(f"{base_url}/links", json={"url": url}, trust_env=False)
    response.raise_for_status()
    return "/" + response.json()["code"], url


def run_wrk(url: str) -> dict[str, Any]:
    """wrk's requests/s and latency percentiles (ms) for GET url, or why there are none."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"wrk": "missing: apt-get install wrk"}
    done = subprocess.run(
        [wrk, "-t1", f"-c{USERS}", f"-d{SECONDS}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=SECONDS + 20,
        check=False,
    )
    found = WRK_RPS.search(done.stdout)
    if found is None:
        return {"wrk": f"no result (exit {done.returncode}): {done.stderr.strip()[-300:]}"}
    figures: dict[str, Any] = {"wrk_rps": round(float(found.group(1)), 1)}
    for percent, value, unit in WRK_PERCENTILE.findall(done.stdout):
        figures[f"wrk_p{percent}_ms"] = round(float(value) * UNIT_MS[unit], 2)
    return figures


def measure() -> dict[str, Any]:
    """Locust (the load stage's generator) and wrk against one redirect of the reference."""
    with serving_reference("url-shortener") as base_url:
        path, url = create_link(base_url)
        report = run_load(
            base_url, [path], users=USERS, seconds=SECONDS, status=302, locations={path: url}
        )
        figures: dict[str, Any] = {
            "users": USERS,
            "seconds": SECONDS,
            "locust_rps": report.rps,
            "locust_p50_ms": report.p50,
            "locust_p95_ms": report.p95,
            "locust_p99_ms": report.p99,
            "locust_failures": report.failures,
        }
        figures |= run_wrk(base_url + path)
    if "wrk_rps" in figures and figures["wrk_rps"] > 0:
        figures["ratio"] = round(figures["locust_rps"] / figures["wrk_rps"], 3)
        figures["ratio_target"] = TARGET_RATIO
        figures["ratio_met"] = figures["ratio"] >= TARGET_RATIO
    return figures


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
