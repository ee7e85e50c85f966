"""When will the learner finish? A pure function of the last four weeks of real work."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

WINDOW_WEEKS = 4


@dataclass(frozen=True)
class Forecast:
    """`finish_on` is the likely date; `earliest_on`..`latest_on` the range; `basis` says
    what it rests on: "velocity" (real work), or "plan" when there is not enough yet."""

    finish_on: date | None
    earliest_on: date | None
    latest_on: date | None
    target_on: date | None
    basis: str
    hours_per_week: float
    efficiency: float  # estimated hours finished per hour logged

    @property
    def days_late(self) -> int | None:
        if self.finish_on is None or self.target_on is None:
            return None
        return (self.finish_on - self.target_on).days

    @property
    def is_late(self) -> bool:
        return (self.days_late or 0) > 0


def forecast_finish(
    *,
    today: date,
    remaining_hours: float,
    weekly_logged_hours: list[float],
    finished_estimated_hours: float,
    planned_finish_on: date | None,
    target_on: date | None,
    planned_hours_per_week: float,
) -> Forecast:
    """Project the finish from the last `WINDOW_WEEKS` weeks.

    `weekly_logged_hours` holds the hours logged in each of those weeks (oldest first);
    `finished_estimated_hours` is the estimate of the topics finished in them. The pace is
    the mean weekly hours; the range takes the slowest and the fastest week.
    """
    logged = sum(weekly_logged_hours)
    if remaining_hours <= 0:
        return Forecast(today, today, today, target_on, "done", 0.0, 1.0)
    if logged <= 0 or finished_estimated_hours <= 0:
        return Forecast(
            planned_finish_on,
            planned_finish_on,
            planned_finish_on,
            target_on,
            "plan",
            planned_hours_per_week,
            1.0,
        )
    efficiency = finished_estimated_hours / logged
    weeks = max(len(weekly_logged_hours), 1)
    mean = logged / weeks
    slow = min(weekly_logged_hours) or mean / 2
    fast = max(weekly_logged_hours)

    def finish(hours_per_week: float) -> date:
        real_hours = remaining_hours / efficiency
        return today + timedelta(days=math.ceil(real_hours / hours_per_week * 7))

    return Forecast(
        finish(mean), finish(fast), finish(slow), target_on, "velocity", mean, efficiency
    )
