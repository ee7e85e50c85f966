"""Check results made for tests of what shows them (pages, API, browser): every stage
passes, or the stage numbered `failing` fails with the given details and the rest are
skipped — as the runner would have written them."""

from __future__ import annotations

import shlex
import sys
from typing import Any

from skillpath.checks.models import CheckRun
from skillpath.checks.results import CheckResult, StageResult
from skillpath.checks.runner import run_check
from skillpath.checks.services import record_check_run
from skillpath.checks.suite import Suite
from skillpath.checks.suites import suite_by_slug

DEFAULT_FAILURE = {
    "message": "GET of a task that does not exist must answer 404",
    "expected": "status 404",
    "actual": "status 200",
}


def check_result(
    suite: Suite, *, failing: int | None = None, seed: int = 42, **failure: Any
) -> CheckResult:
    tests = []
    for number, stage in enumerate(suite.stages, start=1):
        if failing is None or number < failing:
            tests.append(StageResult(stage.slug, str(stage.title), "pass", 0.01))
        elif number == failing:
            details = failure or DEFAULT_FAILURE
            tests.append(StageResult(stage.slug, str(stage.title), "fail", 0.02, **details))
        else:
            tests.append(StageResult(stage.slug, str(stage.title), "skip"))
    return CheckResult(
        suite=suite.slug,
        seed=seed,
        target={"url": "http://127.0.0.1:8080", "cmd": None},
        started_at="2026-11-27T10:00:00+00:00",
        stages_total=len(suite.stages),
        duration=1.5,
        tests=tests,
    )


def record_run(learner: Any, suite: Suite, **options: Any) -> CheckRun:
    """A run of `suite` by `learner`, recorded by the real service."""
    return record_check_run(learner=learner, result=check_result(suite, **options))


# A program that ends with exit status 3 at once: text-cli's first stage fails with
# "the program ended with exit status 3 instead of 0" (in the run's language).
EXITS_3 = f"{shlex.quote(sys.executable)} -c 'raise SystemExit(3)'"
EXIT_3 = {
    "en": "the program ended with exit status 3 instead of 0",
    "ru": "программа завершилась с кодом 3 вместо 0",
}
EXIT_3_HINT = {
    "en": "A command that did its work ends with exit status 0.",
    "ru": "Команда, которая выполнила свою работу, завершается с кодом 0.",
}


def real_failed_run(learner: Any, *, language: str) -> CheckRun:
    """A run of text-cli made by the real runner in `language` (its first stage fails),
    recorded by the real service, as `skillpath check` records it."""
    suite = suite_by_slug("text-cli")
    assert suite is not None
    result = run_check(suite, cmd=EXITS_3, upto=1, seed=5, lang=language)
    return record_check_run(learner=learner, result=result)
