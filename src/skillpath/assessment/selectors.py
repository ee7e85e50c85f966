"""Reads of the assessment app. KPIs: a learner's totals, summed over their counted
commits, and their registered repositories and addresses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Sum

from skillpath.assessment.models import AuthorAddress, CountedCommit, Repository


@dataclass(frozen=True)
class RepositoryRow:
    path: str
    last_commit: str
    scanned_at: datetime | None
    commits: int


@dataclass(frozen=True)
class KpiTotals:
    commits: int
    lines: int
    test_lines: int
    by_language: dict[str, int]
    docs_pages: int


def kpi_totals(*, learner: AbstractBaseUser) -> KpiTotals:
    """The learner's KPIs: sums over their counted commits (two queries)."""
    commits = CountedCommit.objects.filter(learner=learner)
    sums = commits.aggregate(
        commits=Count("id"), lines=Sum("lines"), tests=Sum("test_lines"), docs=Sum("docs_pages")
    )
    by_language: dict[str, int] = {}
    for languages in commits.exclude(lines=0).values_list("lines_by_language", flat=True):
        for language, lines in languages.items():
            by_language[language] = by_language.get(language, 0) + lines
    return KpiTotals(
        commits=sums["commits"],
        lines=sums["lines"] or 0,
        test_lines=sums["tests"] or 0,
        by_language=dict(sorted(by_language.items(), key=lambda item: (-item[1], item[0]))),
        docs_pages=sums["docs"] or 0,
    )


def kpi_repositories(*, learner: AbstractBaseUser) -> list[RepositoryRow]:
    """The learner's registered repositories with how many counted commits each holds."""
    rows = (
        Repository.objects.filter(learner=learner)
        .annotate(held=Count("commits"))
        .order_by("path")
        .values_list("path", "last_commit", "scanned_at", "held")
    )
    return [RepositoryRow(*row) for row in rows]


def author_addresses(*, learner: AbstractBaseUser) -> list[str]:
    """The addresses the learner commits with."""
    return list(
        AuthorAddress.objects.filter(learner=learner)
        .order_by("email")
        .values_list("email", flat=True)
    )


def kpi_document(*, learner: AbstractBaseUser) -> dict[str, Any]:
    """The KPIs in the shape `skillpath kpi show --json` prints (docs/kpi.md)."""
    totals = kpi_totals(learner=learner)
    return {
        "commits": totals.commits,
        "lines_of_code": {
            "total": totals.lines,
            "tests": totals.test_lines,
            "by_language": totals.by_language,
        },
        "docs_pages": totals.docs_pages,
        "repositories": [
            {
                "path": row.path,
                "last_commit": row.last_commit or None,
                "scanned_at": row.scanned_at.isoformat() if row.scanned_at else None,
                "commits": row.commits,
            }
            for row in kpi_repositories(learner=learner)
        ],
    }
