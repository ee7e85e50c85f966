"""Weekly reports and streaks from plain numbers: pure functions, no ORM.

The seed gives two targets for how study time is split, and the report shows both:
- the weekly split by kind: theory 30% / practice 50% / research 20%;
- the approach: practice 70% / theory 30%, where research counts as practice
  (50 + 20 = 70, so the two figures agree when the week is on target).

A week is judged by what was due in it: a past week by all of its study days and topics; the
current week by the study days before today and the topics planned to end before today
(today's block may still be ahead: the calendar puts it in the evening); a week ahead is
never behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

KINDS = ("theory", "practice", "research")
# A week is behind when it logs less than this share of the planned hours.
BEHIND_BELOW = 0.9


class Tense(StrEnum):
    """Where the week lies from the learner's today: it decides what the report says."""

    PAST = "past"
    CURRENT = "current"
    FUTURE = "future"


@dataclass(frozen=True)
class WeekTopic:
    """One of the week's topics: the day the plan ends it and when it was finished."""

    end_on: date
    finished_on: date | None = None


@dataclass(frozen=True)
class SplitRow:
    kind: str
    minutes: int
    percent: float  # share of the week's minutes
    target_percent: int | None

    @property
    def delta(self) -> float | None:
        return None if self.target_percent is None else self.percent - self.target_percent


@dataclass(frozen=True)
class WeeklyReport:
    week_on: date
    minutes_by_kind: Mapping[str, int]
    split: tuple[SplitRow, ...]
    practice_percent: float  # practice + research
    theory_percent: float
    target_practice_percent: int | None
    target_theory_percent: int | None
    tense: Tense
    # The last day the judgement covers (None for a week ahead, and for a Monday's week).
    checked_through_on: date | None
    planned_minutes: int  # the whole week's
    planned_minutes_due: int  # of the study days up to checked_through_on
    topics_planned: int  # the week's topics
    topics_planned_done: int  # of them, finished (by the week's end)
    topics_due: int  # the week's topics planned to end by checked_through_on
    topics_due_done: int
    topics_done: int  # any topics finished during the week

    @property
    def week_end(self) -> date:
        return self.week_on + timedelta(days=6)

    @property
    def total_minutes(self) -> int:
        return sum(self.minutes_by_kind.values())

    @property
    def hours_behind(self) -> bool:
        due = self.planned_minutes_due
        return due > 0 and self.total_minutes < due * BEHIND_BELOW

    @property
    def topics_behind(self) -> bool:
        return self.topics_due_done < self.topics_due

    @property
    def is_behind(self) -> bool:
        return self.hours_behind or self.topics_behind

    def as_dict(self) -> dict[str, object]:
        """The report as plain data: what `skillpath report week --json` prints and the API
        returns."""
        return {
            "week_on": self.week_on,
            "week_end": self.week_end,
            "minutes_by_kind": dict(self.minutes_by_kind),
            "split": [
                {
                    "kind": row.kind,
                    "minutes": row.minutes,
                    "percent": row.percent,
                    "target_percent": row.target_percent,
                }
                for row in self.split
            ],
            "practice_vs_theory": {
                "practice_percent": self.practice_percent,
                "theory_percent": self.theory_percent,
                "target_practice_percent": self.target_practice_percent,
                "target_theory_percent": self.target_theory_percent,
            },
            "tense": str(self.tense),
            "checked_through_on": self.checked_through_on,
            "planned_minutes": self.planned_minutes,
            "planned_minutes_due": self.planned_minutes_due,
            "actual_minutes": self.total_minutes,
            "topics_planned": self.topics_planned,
            "topics_planned_done": self.topics_planned_done,
            "topics_due": self.topics_due,
            "topics_due_done": self.topics_due_done,
            "topics_done": self.topics_done,
            "is_behind": self.is_behind,
        }


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def week_tense(week_on: date, today: date) -> Tense:
    """Whether the week starting on Monday `week_on` is past, current or ahead of `today`."""
    if week_on + timedelta(days=6) < today:
        return Tense.PAST
    return Tense.FUTURE if week_on > today else Tense.CURRENT


def checked_through(week_on: date, today: date) -> date | None:
    """The last day of the week that a report holds the learner to (see the module)."""
    tense = week_tense(week_on, today)
    if tense is Tense.PAST:
        return week_on + timedelta(days=6)
    if tense is Tense.FUTURE or today == week_on:
        return None
    return today - timedelta(days=1)


def weekly_report(
    *,
    week_on: date,
    today: date,
    minutes_by_kind: Mapping[str, int],
    split_targets: Mapping[str, int],
    practice_target: int | None,
    theory_target: int | None,
    planned_by_day: Mapping[date, int],
    topics: Sequence[WeekTopic],
    topics_done: int,
) -> WeeklyReport:
    """Assemble a week's report; `split_targets` maps kind -> percent (30/50/20),
    `planned_by_day` the minutes planned on each day of the week, `topics` the week's
    topics."""
    week_end = week_on + timedelta(days=6)
    through = checked_through(week_on, today)

    def is_due(day: date) -> bool:
        return through is not None and day <= through

    def finished(topic: WeekTopic) -> bool:
        return topic.finished_on is not None and topic.finished_on <= week_end

    due = [t for t in topics if is_due(t.end_on)]
    minutes = {kind: int(minutes_by_kind.get(kind, 0)) for kind in KINDS}
    total = sum(minutes.values())
    split = tuple(
        SplitRow(kind, minutes[kind], _percent(minutes[kind], total), split_targets.get(kind))
        for kind in KINDS
    )
    return WeeklyReport(
        week_on=week_on,
        minutes_by_kind=minutes,
        split=split,
        practice_percent=_percent(minutes["practice"] + minutes["research"], total),
        theory_percent=_percent(minutes["theory"], total),
        target_practice_percent=practice_target,
        target_theory_percent=theory_target,
        tense=week_tense(week_on, today),
        checked_through_on=through,
        planned_minutes=sum(planned_by_day.values()),
        planned_minutes_due=sum(m for day, m in planned_by_day.items() if is_due(day)),
        topics_planned=len(topics),
        topics_planned_done=sum(1 for t in topics if finished(t)),
        topics_due=len(due),
        topics_due_done=sum(1 for t in due if finished(t)),
        topics_done=topics_done,
    )


def streak(active_days: Iterable[date], today: date) -> int:
    """Consecutive days with study up to today (or up to yesterday, if today has none yet)."""
    days = set(active_days)
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count
