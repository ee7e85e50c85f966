"""Reads of the practice checks: each suite's status for a learner, and the history of runs."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Max, Q

from skillpath.checks.models import CheckRun
from skillpath.checks.suite import Suite
from skillpath.checks.suites import all_suites, suite_by_slug


@dataclass(frozen=True)
class SuiteStatus:
    suite: Suite
    runs: int
    is_passed: bool
    latest: CheckRun | None

    @property
    def label(self) -> str:
        """passed / failing / not run — what a list shows."""
        if self.is_passed:
            return "passed"
        return "not_run" if self.latest is None else "failing"


def suite_statuses(*, learner: AbstractBaseUser) -> list[SuiteStatus]:
    """Every suite with the learner's number of runs, whether passed, and the latest run
    (two queries, however many runs there are)."""
    totals = {
        row["suite"]: row
        for row in CheckRun.objects.filter(learner=learner)
        .values("suite")
        .annotate(
            runs=Count("id"), passes=Count("id", filter=Q(is_complete_pass=True)), last=Max("id")
        )
    }
    latest_ids = [row["last"] for row in totals.values()]
    latest = {run.suite: run for run in CheckRun.objects.filter(id__in=latest_ids)}
    return [
        SuiteStatus(
            suite=suite,
            runs=totals.get(suite.slug, {}).get("runs", 0),
            is_passed=totals.get(suite.slug, {}).get("passes", 0) > 0,
            latest=latest.get(suite.slug),
        )
        for suite in all_suites()
    ]


def suite_status(*, learner: AbstractBaseUser, slug: str) -> SuiteStatus | None:
    """One suite's status for the learner, or None for an unknown suite."""
    suite = suite_by_slug(slug)
    if suite is None:
        return None
    runs = CheckRun.objects.filter(learner=learner, suite=slug)
    return SuiteStatus(
        suite=suite,
        runs=runs.count(),
        is_passed=runs.filter(is_complete_pass=True).exists(),
        latest=runs.first(),
    )


def check_runs(
    *, learner: AbstractBaseUser, slug: str, limit: int = 20, offset: int = 0
) -> list[CheckRun]:
    """The learner's runs of one suite, newest first, without their result documents."""
    runs = CheckRun.objects.filter(learner=learner, suite=slug).defer("result")
    return list(runs[offset : offset + limit])


def check_run_for(*, learner: AbstractBaseUser, run_id: int) -> CheckRun | None:
    """One of the learner's runs, or None (another learner's run is not found either)."""
    return CheckRun.objects.filter(learner=learner, id=run_id).first()


def stage_results(run: CheckRun) -> list[dict]:
    """The run's stages as recorded, each titled in the current language (the run keeps the
    titles of the language it ran in; its messages stay as they were written)."""
    suite = suite_by_slug(run.suite)
    titles = {stage.slug: str(stage.title) for stage in suite.stages} if suite else {}
    return [
        {**test, "name": titles.get(test.get("slug"), test.get("name"))}
        for test in run.result.get("tests", [])
    ]
