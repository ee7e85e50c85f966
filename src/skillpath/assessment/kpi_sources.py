"""Where each KPI's figure comes from, and the arithmetic of targets, progress and series.

Plain data and functions (docs/kpi.md): `SOURCES` maps the seed's KPI slugs to a source —
git (the counted commits), checks (practice and project check suites passed), reviews (code
reviews the learner gave on the platform) or entered (the learner's entries with evidence).
A KPI not in the table, as in another curriculum, is entered. A source may also add what
another app records: the certifications KPI counts the learner's entries (a certification
outside the plan) plus the plan's certifications recorded as earned (tracking).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Source(StrEnum):
    GIT = "git"
    CHECKS = "checks"
    REVIEWS = "reviews"
    ENTERED = "entered"


class Measure(StrEnum):
    """What a source counts for one KPI."""

    LINES = "lines"  # git: non-blank lines of code added
    COMMITS = "commits"  # git: counted commits
    DOCS_PAGES = "docs_pages"  # git: documentation pages created
    SUITES_PASSED = "suites_passed"  # checks: distinct suites with a complete pass
    REVIEWS_GIVEN = "reviews_given"  # reviews: code reviews given on the platform
    ENTRIES = "entries"  # entered: the amounts of the learner's entries
    CERTIFICATIONS_EARNED = "certifications_earned"  # tracking: plan certifications earned


class Aggregate(StrEnum):
    SUM = "sum"  # the figure is the sum of what happened
    LATEST = "latest"  # the figure is the latest entry's amount (a rate, a multiple)


@dataclass(frozen=True)
class KpiSource:
    source: Source
    measure: Measure
    aggregate: Aggregate = Aggregate.SUM
    # Measures added to the source's own figure (each event counts one).
    adds: tuple[Measure, ...] = ()

    @property
    def is_entered(self) -> bool:
        return self.source is Source.ENTERED


ENTERED = KpiSource(Source.ENTERED, Measure.ENTRIES)
ENTERED_LATEST = KpiSource(Source.ENTERED, Measure.ENTRIES, Aggregate.LATEST)

SOURCES: Mapping[str, KpiSource] = {
    "lines-of-code-written": KpiSource(Source.GIT, Measure.LINES),
    "github-contributions": KpiSource(Source.GIT, Measure.COMMITS),
    "documentation-pages-written": KpiSource(Source.GIT, Measure.DOCS_PAGES),
    "projects-completed": KpiSource(Source.CHECKS, Measure.SUITES_PASSED),
    "pull-requests-reviewed": KpiSource(Source.REVIEWS, Measure.REVIEWS_GIVEN),
    "certification-achievements": KpiSource(
        Source.ENTERED, Measure.ENTRIES, adds=(Measure.CERTIFICATIONS_EARNED,)
    ),
    "community-participation": ENTERED,
    "open-source-involvement": ENTERED,
    "network-growth": ENTERED,
    "industry-recognition": ENTERED,
    "interview-success-rate": ENTERED_LATEST,
    "salary-increase": ENTERED_LATEST,
}


def source_for(slug: str) -> KpiSource:
    """The KPI's source; a KPI the table does not know is entered by the learner."""
    return SOURCES.get(slug, ENTERED)


@dataclass(frozen=True)
class Target:
    """The numbers a target states: "3-5 certifications" is 3 to 5, "200+" is 200 and up,
    "Active contributor" states none."""

    low: float | None = None
    high: float | None = None

    @property
    def is_measurable(self) -> bool:
        return self.low is not None


_NUMBER = r"\d[\d,\s]*(?:\.\d+)?"
_TARGET = re.compile(rf"^\s*((?:{_NUMBER})?)\s*(?:[-–—]\s*({_NUMBER}))?")


def _number(text: str) -> float:
    return float(re.sub(r"[,\s]", "", text))


def parse_target(text: str) -> Target:
    """The range a target text opens with: "50,000+" -> 50000..None, "3-5x" -> 3..5,
    "80%+ for X" -> 80..None, "Maintainer of projects" -> no numbers."""
    match = _TARGET.match(text or "")
    if not match or not match.group(1).strip():
        return Target()
    low = _number(match.group(1))
    high = _number(match.group(2)) if match.group(2) else None
    return Target(low, high if high is not None and high > low else None)


def progress_percent(figure: float, target: Target) -> int | None:
    """How far the figure is towards the target's low end, 0..100; None when the target
    states no number."""
    if target.low is None:
        return None
    if target.low <= 0:
        return 100
    return max(0, min(100, int(figure * 100 // target.low)))


def month_starts(start: date, today: date) -> list[date]:
    """The first day of every month from `start`'s to `today`'s (at least one)."""
    month = start.replace(day=1)
    last = max(today, start).replace(day=1)
    months = []
    while month <= last:
        months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def cumulative_series(
    events: Iterable[tuple[date, float]], months: list[date], aggregate: Aggregate
) -> list[float]:
    """The figure at the end of each month: for SUM, everything up to it (what happened
    before the first month counts in the first); for LATEST, the last amount entered up to
    it (0 before the first). `events` are (day, amount) in any order."""
    ordered = sorted(events, key=lambda event: event[0])
    series: list[float] = []
    index = 0
    value = 0.0
    for number, _month in enumerate(months):
        end = months[number + 1] if number + 1 < len(months) else None
        while index < len(ordered) and (end is None or ordered[index][0] < end):
            amount = ordered[index][1]
            value = value + amount if aggregate is Aggregate.SUM else amount
            index += 1
        series.append(value)
    return series


def figure_of(events: Iterable[tuple[date, float]], aggregate: Aggregate) -> float:
    """The figure today: the sum, or the latest amount (0 when nothing happened)."""
    ordered = sorted(events, key=lambda event: event[0])
    if aggregate is Aggregate.LATEST:
        return ordered[-1][1] if ordered else 0
    return sum(amount for _day, amount in ordered)
