"""The skills matrix as plain data: which skills there are, what each was rated on a day, and
the radar of now against three months ago. No database here (see `skill_selectors`).

A skill is an *axis*: one of the plan's key skills (technical, leadership, business) or one
of the subjects a phase teaches (each month of the phase is one). A learner rates each axis
1–5, and so may a mentor; a rating holds from its day until the next one, so "the score on a
day" is the latest rating on or before it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

LOWEST, HIGHEST = 1, 5
KEY, PHASE = "key", "phase"
COMPARED_MONTHS = 3  # the radar compares now with this many months ago


@dataclass(frozen=True)
class Axis:
    """One skill of the matrix: `group` is its category (key skills) or its phase."""

    kind: str
    slug: str
    title: str
    group: str


@dataclass(frozen=True)
class Rating:
    kind: str
    slug: str
    score: int
    by_mentor: bool
    rated_on: date


@dataclass(frozen=True)
class Row:
    """An axis with its scores: the learner's and the mentor's, now and three months ago
    (None where nothing was rated by then)."""

    axis: Axis
    self_now: int | None
    mentor_now: int | None
    self_then: int | None
    mentor_then: int | None

    @property
    def change(self) -> int | None:
        """How far the learner's own score moved in three months (None if either is unrated)."""
        if self.self_now is None or self.self_then is None:
            return None
        return self.self_now - self.self_then


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier, or the month's last day if it has none
    (31 May → 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def scores_on(
    ratings: Iterable[Rating], day: date, *, by_mentor: bool
) -> dict[tuple[str, str], int]:
    """Each axis's score on `day`: its latest rating on or before it, from one side."""
    latest: dict[tuple[str, str], Rating] = {}
    for r in ratings:
        if r.by_mentor != by_mentor or r.rated_on > day:
            continue
        key = (r.kind, r.slug)
        if key not in latest or r.rated_on >= latest[key].rated_on:
            latest[key] = r
    return {key: r.score for key, r in latest.items()}


def matrix(axes: Iterable[Axis], ratings: Iterable[Rating], today: date) -> list[Row]:
    """Every axis with its four scores, in the axes' order."""
    ratings = list(ratings)
    then = months_before(today, COMPARED_MONTHS)
    self_now = scores_on(ratings, today, by_mentor=False)
    mentor_now = scores_on(ratings, today, by_mentor=True)
    self_then = scores_on(ratings, then, by_mentor=False)
    mentor_then = scores_on(ratings, then, by_mentor=True)
    return [
        Row(
            axis=a,
            self_now=self_now.get((a.kind, a.slug)),
            mentor_now=mentor_now.get((a.kind, a.slug)),
            self_then=self_then.get((a.kind, a.slug)),
            mentor_then=mentor_then.get((a.kind, a.slug)),
        )
        for a in axes
    ]


def radar(rows: Iterable[Row], kind: str) -> dict[str, object]:
    """The radar of one kind of axis: labels and three series (the learner now, the learner
    three months ago, the mentor now); an unrated axis is 0, the chart's centre."""
    chosen = [r for r in rows if r.axis.kind == kind]
    return {
        "labels": [r.axis.title for r in chosen],
        "now": [r.self_now or 0 for r in chosen],
        "then": [r.self_then or 0 for r in chosen],
        "mentor": [r.mentor_now or 0 for r in chosen],
        "has_mentor": any(r.mentor_now for r in chosen),
        "has_then": any(r.self_then for r in chosen),
    }


def average(scores: Iterable[int | None]) -> float | None:
    """The mean of the rated scores, or None if none is rated."""
    rated = [s for s in scores if s is not None]
    return round(sum(rated) / len(rated), 1) if rated else None
