"""Reads of the KPIs on the platform: every KPI of a curriculum with the learner's figure,
the seed's target, progress and a month-by-month series, in five queries however many
commits, runs, entries and certifications there are (docs/kpi.md)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from skillpath.assessment.kpi_sources import (
    Aggregate,
    Measure,
    Source,
    Target,
    cumulative_series,
    figure_of,
    month_starts,
    parse_target,
    progress_percent,
    source_for,
)
from skillpath.assessment.models import CountedCommit, KpiEntry
from skillpath.checks import selectors as checks
from skillpath.curriculum.models import Curriculum, KpiTarget
from skillpath.tracking import resource_selectors

Events = list[tuple[date, float]]


@dataclass(frozen=True)
class KpiRow:
    slug: str
    name: str
    category: str
    target_text: str
    target: Target
    source: Source
    aggregate: Aggregate
    figure: float
    percent: int | None
    series: list[float]
    entries: list[KpiEntry] = field(default_factory=list)

    @property
    def is_entered(self) -> bool:
        return self.source is Source.ENTERED


@dataclass(frozen=True)
class KpiBoard:
    months: list[date]
    kpis: list[KpiRow]

    def headline(self, count: int = 4) -> list[KpiRow]:
        """The first KPIs with a number to reach, for the dashboard's card."""
        return [row for row in self.kpis if row.target.is_measurable][:count]


def _local_day(moment: Any) -> date:
    if isinstance(moment, date) and not hasattr(moment, "hour"):
        return moment
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def _git_events(learner: AbstractBaseUser) -> dict[Measure, Events]:
    """Commits, lines and documentation pages by the month they were authored (one query)."""
    rows = (
        CountedCommit.objects.filter(learner=learner)
        .annotate(month=TruncMonth("authored_at"))
        .values("month")
        .annotate(commits=Count("id"), lines=Sum("lines"), docs=Sum("docs_pages"))
        .order_by("month")
    )
    events: dict[Measure, Events] = {Measure.COMMITS: [], Measure.LINES: [], Measure.DOCS_PAGES: []}
    for row in rows:
        day = _local_day(row["month"])
        events[Measure.COMMITS].append((day, row["commits"]))
        events[Measure.LINES].append((day, row["lines"] or 0))
        events[Measure.DOCS_PAGES].append((day, row["docs"] or 0))
    return events


def kpi_board(
    *, learner: AbstractBaseUser, curriculum: Curriculum, start_on: date, today: date
) -> KpiBoard:
    """Every KPI of the curriculum in the plan's order: figure, target, progress, source,
    the learner's entries, and the figure at the end of each month from `start_on`'s to
    `today`'s (five queries)."""
    targets = list(
        KpiTarget.objects.filter(curriculum=curriculum)
        .select_related("category")
        .order_by("category__position", "position")
    )
    git = _git_events(learner)
    passes: Events = [(_local_day(at), 1) for at in checks.first_passes(learner=learner).values()]
    entries: dict[str, list[KpiEntry]] = defaultdict(list)
    for entry in KpiEntry.objects.filter(learner=learner, curriculum=curriculum):
        entries[entry.kpi].append(entry)
    months = month_starts(start_on, today)
    added: dict[Measure, Events] = {
        Measure.CERTIFICATIONS_EARNED: [
            (day, 1.0) for day in resource_selectors.earned_certification_days(learner=learner)
        ]
    }
    rows = []
    for target in targets:
        kind = source_for(target.slug)
        own = entries.get(target.slug, [])
        if kind.source is Source.GIT:
            events = git[kind.measure]
        elif kind.source is Source.CHECKS:
            events = passes
        elif kind.source is Source.REVIEWS:
            events = []  # counted when reviews land on the platform (people: review requests)
        else:
            # Oldest first, so that LATEST takes the last one entered on a day.
            events = [(e.happened_on, float(e.amount)) for e in reversed(own)]
        for measure in kind.adds:
            events = events + added[measure]
        stated = parse_target(target.target_en or target.target_ru)
        figure = figure_of(events, kind.aggregate)
        rows.append(
            KpiRow(
                slug=target.slug,
                name=target.name,
                category=target.category.title,
                target_text=target.target,
                target=stated,
                source=kind.source,
                aggregate=kind.aggregate,
                figure=figure,
                percent=progress_percent(figure, stated),
                series=cumulative_series(events, months, kind.aggregate),
                entries=own,
            )
        )
    return KpiBoard(months=months, kpis=rows)


def kpi_entry_for(*, learner: AbstractBaseUser, entry_id: int) -> KpiEntry | None:
    """One of the learner's entries, or None (another learner's is not found either)."""
    return KpiEntry.objects.filter(learner=learner, id=entry_id).first()


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def kpi_board_document(board: KpiBoard) -> dict[str, Any]:
    """The board as JSON: `GET /api/kpis` and `skillpath kpi show --json` (docs/kpi.md)."""
    return {
        "months": [month.isoformat() for month in board.months],
        "kpis": [
            {
                "slug": row.slug,
                "name": row.name,
                "category": row.category,
                "source": row.source.value,
                "aggregate": row.aggregate.value,
                "figure": _number(row.figure),
                "target": {
                    "text": row.target_text,
                    "min": None if row.target.low is None else _number(row.target.low),
                    "max": None if row.target.high is None else _number(row.target.high),
                },
                "percent": row.percent,
                "series": [_number(value) for value in row.series],
                "entries": [entry_document(entry) for entry in row.entries],
            }
            for row in board.kpis
        ],
    }


def entry_document(entry: KpiEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "kpi": entry.kpi,
        "amount": entry.amount,
        "happened_on": entry.happened_on.isoformat(),
        "title": entry.title,
        "evidence_url": entry.evidence_url or None,
        "notes": entry.notes,
        "created_at": entry.created_at.isoformat(),
    }
