"""Writes of the practice checks: recording a run in the learner's progress."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from skillpath.checks.models import CheckRun
from skillpath.checks.results import CheckResult

TARGET_CHARS = 500


def record_check_run(*, learner: AbstractBaseUser, result: CheckResult) -> CheckRun:
    """Store the run with its whole result document (one row)."""
    target = result.target.get("url") or result.target.get("cmd") or ""
    return CheckRun.objects.create(
        learner=learner,
        suite=result.suite,
        status=result.status,
        is_complete_pass=result.is_complete_pass,
        stages_passed=result.stages_passed,
        stages_total=result.stages_total,
        seed=result.seed,
        target=target[:TARGET_CHARS],
        duration_seconds=result.duration,
        result=result.as_dict(),
    )
