"""Weekly reports and streaks from plain numbers: pure functions, no ORM.

The seed gives two targets for how study time is split, and the report shows both:
- the weekly split by kind: theory 30% / practice 50% / research 20%;
- the approach: practice 70% / theory 30%, where research counts as practice
  (50 + 20 = 70, so the two figures agree when the week is on target).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

KINDS = ("theory", "practice", "research")
# A week is behind when it logs less than this share of the planned hours.
BEHIND_BELOW = 0.9


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
    planned_minutes: int
    topics_planned: int
    topics_done: int
    topics_planned_done: int

    @property
    def week_end(self) -> date:
        return self.week_on + timedelta(days=6)

    @property
    def total_minutes(self) -> int:
        return sum(self.minutes_by_kind.values())

    @property
    def hours_behind(self) -> bool:
        return self.planned_minutes > 0 and self.total_minutes < self.planned_minutes * BEHIND_BELOW

    @property
    def topics_behind(self) -> bool:
        return self.topics_planned_done < self.topics_planned

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
            "planned_minutes": self.planned_minutes,
            "actual_minutes": self.total_minutes,
            "topics_planned": self.topics_planned,
            "topics_done": self.topics_done,
            "is_behind": self.is_behind,
        }


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def weekly_report(
    *,
    week_on: date,
    minutes_by_kind: Mapping[str, int],
    split_targets: Mapping[str, int],
    practice_target: int | None,
    theory_target: int | None,
    planned_minutes: int,
    topics_planned: int,
    topics_done: int,
    topics_planned_done: int,
) -> WeeklyReport:
    """Assemble a week's report; `split_targets` maps kind -> percent (30/50/20)."""
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
        planned_minutes=planned_minutes,
        topics_planned=topics_planned,
        topics_done=topics_done,
        topics_planned_done=topics_planned_done,
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
