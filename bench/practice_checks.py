"""The practice checks' figures for `make bench`: the runner's own overhead (the todo-api
suite against plain requests, `checks_overhead.py`) and how hard the load stage drives a
service next to wrk (`checks_load.py`), with their targets."""

from __future__ import annotations

from typing import Any

import checks_load
import checks_overhead
import progress

TARGET_OVERHEAD_RATIO = 2.0
TARGET_LOAD_RATIO = 0.5


def collect(quick: bool) -> dict[str, Any]:
    progress.log("practice checks: the todo-api suite against plain requests")
    overhead = checks_overhead.measure(repeats=3 if quick else 10)
    progress.log("practice checks: Locust and wrk against the url-shortener reference")
    return {"runner_overhead": overhead, "load_generator": checks_load.measure()}


def targets(figures: dict[str, Any]) -> dict[str, Any]:
    overhead = figures["runner_overhead"]["ratio"]
    found = {
        "check_runner_overhead_under_2x": {
            "target": f"< {TARGET_OVERHEAD_RATIO}",
            "value": overhead,
            "met": overhead < TARGET_OVERHEAD_RATIO,
        }
    }
    load = figures["load_generator"].get("ratio")
    if load is not None:  # None: wrk is not installed, and the figure says so
        found["load_stage_at_least_half_of_wrk"] = {
            "target": f">= {TARGET_LOAD_RATIO}",
            "value": load,
            "met": load >= TARGET_LOAD_RATIO,
        }
    return found
