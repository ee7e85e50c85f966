"""Reads of the practice checks: each suite's status for a learner, and the history of runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils import translation

from skillpath.checks.models import CheckRun, RunStatus
from skillpath.checks.results import in_language
from skillpath.checks.suite import Suite
from skillpath.checks.suites import all_suites, suite_by_slug
from skillpath.curriculum.models import Curriculum


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
    without its result document (two queries, however many runs there are)."""
    totals = _totals(CheckRun.objects.filter(learner=learner))
    latest_ids = [row["last"] for row in totals.values()]
    latest = {run.suite: run for run in CheckRun.objects.filter(id__in=latest_ids).defer("result")}
    return [_status(suite, totals, latest.get(suite.slug)) for suite in all_suites()]


def suite_status(*, learner: AbstractBaseUser, slug: str) -> SuiteStatus | None:
    """One suite's status for the learner, its latest run whole (two queries), or None for
    an unknown suite."""
    suite = suite_by_slug(slug)
    if suite is None:
        return None
    totals = _totals(CheckRun.objects.filter(learner=learner, suite=slug))
    last = totals.get(slug, {}).get("last")
    latest = CheckRun.objects.filter(id=last).first() if last is not None else None
    return _status(suite, totals, latest)


def _totals(runs: QuerySet[CheckRun]) -> dict[str, dict[str, Any]]:
    """Per suite: the number of runs, of complete passes, and the id of the latest run."""
    rows = runs.values("suite").annotate(
        runs=Count("id"), passes=Count("id", filter=Q(is_complete_pass=True)), last=Max("id")
    )
    return {row["suite"]: row for row in rows}


def _status(
    suite: Suite, totals: dict[str, dict[str, Any]], latest: CheckRun | None
) -> SuiteStatus:
    row = totals.get(suite.slug, {})
    return SuiteStatus(
        suite=suite, runs=row.get("runs", 0), is_passed=row.get("passes", 0) > 0, latest=latest
    )


def has_check_runs(*, learner: AbstractBaseUser) -> bool:
    """Whether any run of the learner's is recorded, of any suite (one query)."""
    return CheckRun.objects.filter(learner=learner).exists()


def check_runs(
    *, learner: AbstractBaseUser, slug: str, limit: int = 20, offset: int = 0
) -> list[CheckRun]:
    """The learner's runs of one suite, newest first, without their result documents."""
    runs = CheckRun.objects.filter(learner=learner, suite=slug).defer("result")
    return list(runs[offset : offset + limit])


def check_run_for(*, learner: AbstractBaseUser, run_id: int) -> CheckRun | None:
    """One of the learner's runs, or None (another learner's run is not found either)."""
    return CheckRun.objects.filter(learner=learner, id=run_id).first()


def result_document(run: CheckRun) -> dict[str, Any]:
    """The run's result document in the current language: its stages titled by the suite,
    their messages as the run kept them in this language (a run recorded before runs kept
    every language reads as it was written)."""
    document = in_language(run.result, current_language())
    suite = suite_by_slug(run.suite)
    titles = {stage.slug: str(stage.title) for stage in suite.stages} if suite else {}
    tests = [
        {**test, "name": titles.get(test.get("slug"), test.get("name"))}
        for test in document["tests"]
    ]
    return {**document, "tests": tests}


def stage_results(run: CheckRun) -> list[dict]:
    """The run's stages in the current language (see `result_document`)."""
    return result_document(run)["tests"]


def current_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


@dataclass(frozen=True)
class CurriculumChecks:
    """How far a learner is with the checks of one curriculum's practices and projects."""

    passed: int
    available: int
    latest: CheckRun | None

    @property
    def latest_suite(self) -> Suite | None:
        return suite_by_slug(self.latest.suite) if self.latest else None


def curriculum_checks(*, learner: AbstractBaseUser, curriculum: Curriculum) -> CurriculumChecks:
    """The suites checking `curriculum`'s practices and projects: how many the learner
    passed, and their latest run of one, without its result document (four queries)."""
    from skillpath.curriculum.selectors import item_numbers

    suites = all_suites()
    found = item_numbers(
        curriculum=curriculum,
        practices=[slug for kind, slug in (s.subject for s in suites) if kind == "practice"],
        projects=[slug for kind, slug in (s.subject for s in suites) if kind == "project"],
    )
    slugs = [suite.slug for suite in suites if suite.subject in found]
    runs = CheckRun.objects.filter(learner=learner, suite__in=slugs)
    passed = runs.filter(is_complete_pass=True).values("suite").distinct().count()
    return CurriculumChecks(
        passed=passed, available=len(slugs), latest=runs.defer("result").first()
    )


def first_passes(*, learner: AbstractBaseUser) -> dict[str, datetime]:
    """Each suite the learner passed whole, with the time of its first complete pass (one
    query): the KPI "projects completed" counts these (assessment/kpi_selectors.py)."""
    rows = (
        CheckRun.objects.filter(learner=learner, is_complete_pass=True)
        .values("suite")
        .annotate(first=Min("created_at"))
        .values_list("suite", "first")
    )
    return dict(rows)


def passed_runs(*, learner: AbstractBaseUser) -> list[tuple[str, int]]:
    """Every complete pass of the learner's as (suite slug, run id), oldest first (one query)."""
    rows = (
        CheckRun.objects.filter(learner=learner, is_complete_pass=True)
        .order_by("id")
        .values_list("suite", "id")
    )
    return list(rows)


def check_run_counts() -> dict[str, int]:
    """Check runs stored, by status, every status present (one query; for /metrics)."""
    counts = dict.fromkeys(RunStatus.values, 0)
    for row in CheckRun.objects.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts
