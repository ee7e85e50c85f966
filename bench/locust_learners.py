"""Simulated learners for `bench/serving.py`, run by Locust in a child process.

Never imported by the bench itself (importing locust monkeypatches the standard library
with gevent). Each simulated learner is signed in (a session of its own), then repeats a
learner's day with a pause of 1-3 s between actions: Today, the dashboard, the roadmap,
the weekly report, logging a session, starting and stopping the timer. Times are kept per
page, exactly, from the end of the warm-up on; the summary goes to SKILLPATH_LOAD_RESULT:

    {"pages": {"today": {"times_ms": [...], "failures": 0, "errors": {...}}, ...},
     "measured_s": 60.0}

The plan comes from SKILLPATH_LOAD_PLAN: {"sessions": ["<session key>", ...],
"warmup_s": 10, "today": "2026-12-04"}.
"""

from __future__ import annotations

import itertools
import json
import os
import time

from locust import HttpUser, between, events, task

with open(os.environ["SKILLPATH_LOAD_PLAN"], encoding="utf-8") as plan_file:
    PLAN = json.load(plan_file)

SESSIONS = itertools.cycle(PLAN["sessions"])
MEASURING_FROM = time.monotonic() + float(PLAN["warmup_s"])
pages: dict[str, dict] = {}


def record(page: str, started: float, response, expected: int) -> None:  # type: ignore[no-untyped-def]
    if started < MEASURING_FROM:
        return
    entry = pages.setdefault(page, {"times_ms": [], "failures": 0, "errors": {}})
    entry["times_ms"].append(round((time.monotonic() - started) * 1000, 2))
    # A form answered with 200 is a form shown again with its errors: not what was asked.
    if response.status_code != expected:
        entry["failures"] += 1
        key = f"status {response.status_code}"
        entry["errors"][key] = entry["errors"].get(key, 0) + 1


class Learner(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.client.cookies.set("sessionid", next(SESSIONS))
        # Today carries forms, so it sets the CSRF cookie the writes below send back.
        response = self.client.get("/today/", name="first page", allow_redirects=False)
        if response.status_code != 200 or "csrftoken" not in self.client.cookies:
            raise RuntimeError(f"the first page answered {response.status_code}")

    def _get(self, page: str, path: str) -> None:
        started = time.monotonic()
        response = self.client.get(path, name=page, allow_redirects=False)
        record(page, started, response, 200)

    def _post(self, page: str, path: str, data: dict[str, str]) -> None:
        started = time.monotonic()
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        response = self.client.post(path, data, name=page, allow_redirects=False)
        record(page, started, response, 302)

    @task(4)
    def today(self) -> None:
        self._get("today", "/today/")

    @task(3)
    def dashboard(self) -> None:
        self._get("dashboard", "/dashboard/")

    @task(2)
    def roadmap(self) -> None:
        self._get("roadmap", "/c/backend/")

    @task(1)
    def weekly_report(self) -> None:
        self._get("weekly_report", "/report/week/")

    @task(1)
    def log_session(self) -> None:
        # Five minutes in a slot of its own today (the history ends yesterday): an overlap
        # would be refused, rightly, and the form shown again.
        self.slot = getattr(self, "slot", -1) + 1
        start = self.slot * 6
        now = time.gmtime()
        if start + 5 > now.tm_hour * 60 + now.tm_min:
            return
        data = {
            "on": PLAN["today"],
            "start": f"{start // 60:02d}:{start % 60:02d}",
            "duration": "5m",
            "kind": "theory",
            "note": "load",
        }
        self._post("log_session", "/sessions/", data)

    @task(1)
    def timer(self) -> None:
        self._post("timer_start", "/timer/start/", {"kind": "practice"})
        self._post("timer_stop", "/timer/stop/", {})


@events.quitting.add_listener
def write_result(environment, **_kwargs) -> None:  # type: ignore[no-untyped-def]
    measured = max(0.0, time.monotonic() - MEASURING_FROM)
    with open(os.environ["SKILLPATH_LOAD_RESULT"], "w", encoding="utf-8") as out:
        json.dump({"pages": pages, "measured_s": round(measured, 1)}, out)
