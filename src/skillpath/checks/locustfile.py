"""The Locust test that `skillpath.checks.load.run_load` runs in a child process.

Never import this module into the checker: importing locust monkeypatches the standard
library with gevent. It reads its plan from the JSON file named by SKILLPATH_LOAD_PLAN:

    {"paths": ["/abc", ...], "status": 302, "locations": {"/abc": "https://..."}}

Each simulated user sends GETs without a pause, walking the paths in order from its own
starting point, and never follows a redirect. A response passes when it has `status` and,
for a path listed in `locations`, exactly that Location header. Every response time is
kept exactly (Locust's own statistics round them to whole milliseconds), and at the end
the summary is written to the JSON file named by SKILLPATH_LOAD_RESULT:

    {"requests": 1234, "failures": 0, "started": ..., "finished": ...,
     "times_ms": [...], "errors": {"status 200 instead of 302": 17}}
"""

from __future__ import annotations

import itertools
import json
import os
import time

from locust import FastHttpUser, constant, events, task

with open(os.environ["SKILLPATH_LOAD_PLAN"], encoding="utf-8") as plan_file:
    PLAN = json.load(plan_file)

PATHS: list[str] = PLAN["paths"]
STATUS: int = PLAN["status"]
LOCATIONS: dict[str, str] = PLAN.get("locations", {})
NAME = "load"
MAX_ERROR_KINDS = 5

times_ms: list[float] = []
errors: dict[str, int] = {}
window: dict[str, float | None] = {"started": None, "finished": None}
users = itertools.count()


def problem(path: str, response) -> str | None:
    """What is wrong with the response to GET `path`, or None."""
    if response.status_code != STATUS:
        if response.status_code == 0:
            return f"no response ({type(response.error).__name__})"
        return f"status {response.status_code} instead of {STATUS}"
    expected = LOCATIONS.get(path)
    if expected is not None and response.headers.get("location") != expected:
        return f"Location {response.headers.get('location')!r} instead of {expected!r}"
    return None


class Visitor(FastHttpUser):
    wait_time = constant(0)
    # One connection per user, kept alive, as a browser or a proxy in front of a service.
    network_timeout = 10.0
    connection_timeout = 5.0

    def on_start(self) -> None:
        start = next(users) % len(PATHS)
        self.paths = itertools.cycle(PATHS[start:] + PATHS[:start])

    @task
    def visit(self) -> None:
        path = next(self.paths)
        with self.client.get(
            path, name=NAME, allow_redirects=False, catch_response=True
        ) as response:
            wrong = problem(path, response)
            if wrong is None:
                response.success()
            else:
                if len(errors) < MAX_ERROR_KINDS or wrong in errors:
                    errors[wrong] = errors.get(wrong, 0) + 1
                response.failure(wrong)


@events.request.add_listener
def on_request(name, response_time, exception, start_time=None, **_kwargs) -> None:
    if name != NAME:
        return
    now = time.time()
    if window["started"] is None:
        window["started"] = start_time or now
    window["finished"] = now
    times_ms.append(response_time)


@events.quitting.add_listener
def write_result(environment, **_kwargs) -> None:
    stats = environment.stats.get(NAME, "GET")
    result = {
        "requests": stats.num_requests,
        "failures": stats.num_failures,
        "started": window["started"],
        "finished": window["finished"],
        "times_ms": times_ms,
        "errors": errors,
    }
    with open(os.environ["SKILLPATH_LOAD_RESULT"], "w", encoding="utf-8") as result_file:
        json.dump(result, result_file)
