"""Lay a curriculum's topics out on a learner's calendar: a pure function, no ORM.

The rules, each proved by a property test (tests/planning/test_scheduler.py):
- a study day holds at most `hours_per_week / study days per week` hours;
- no work on days off or on weekdays the learner does not study;
- topics keep their order, a topic never starting before the one it follows ends;
- every topic is scheduled exactly once (a long topic spreads over several days);
- replanning lays out only what is left, from today; done and skipped topics keep the
  dates they had;
- more hours per week never finish later.
Work is counted in whole minutes so that sums are exact.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

MAX_DAYS = 366 * 30  # a plan longer than thirty years is a bad input, not a plan


class ScheduleError(ValueError):
    """The calendar leaves no time to study (no study days, or no hours)."""


@dataclass(frozen=True)
class TopicWork:
    """A topic to schedule. `minutes` is what is left of it; `fixed` keeps a finished
    topic's dates (done or skipped ones are not laid out again)."""

    slug: str
    minutes: int
    fixed: tuple[date, date] | None = None


@dataclass(frozen=True)
class StudyCalendar:
    start_on: date
    hours_per_week: float
    weekdays: frozenset[int]  # 0 = Monday ... 6 = Sunday
    days_off: tuple[tuple[date, date], ...] = ()

    @property
    def minutes_per_day(self) -> int:
        if not self.weekdays:
            return 0
        return round(self.hours_per_week * 60 / len(self.weekdays))

    def is_study_day(self, day: date) -> bool:
        if day.weekday() not in self.weekdays:
            return False
        return not any(start <= day <= end for start, end in self.days_off)

    def study_days(self, first: date) -> Iterator[date]:
        day = first
        for _ in range(MAX_DAYS):
            if self.is_study_day(day):
                yield day
            day += timedelta(days=1)
        raise ScheduleError("the plan runs past thirty years: add study days or hours")


@dataclass(frozen=True)
class PlannedTopic:
    slug: str
    start_on: date
    end_on: date
    minutes: int
    days: tuple[tuple[date, int], ...] = field(default=(), compare=False)
    is_fixed: bool = False


@dataclass(frozen=True)
class Plan:
    topics: tuple[PlannedTopic, ...]

    @property
    def finish_on(self) -> date | None:
        return max((t.end_on for t in self.topics), default=None)

    def by_slug(self) -> dict[str, PlannedTopic]:
        return {t.slug: t for t in self.topics}

    def minutes_by_day(self) -> dict[date, int]:
        total: dict[date, int] = {}
        for topic in self.topics:
            for day, minutes in topic.days:
                total[day] = total.get(day, 0) + minutes
        return total


def build_plan(topics: Sequence[TopicWork], calendar: StudyCalendar, today: date) -> Plan:
    """Dates for every topic: fixed ones where they were, the rest in order from
    max(start, today), filling each study day up to its capacity."""
    capacity = calendar.minutes_per_day
    if capacity <= 0:
        raise ScheduleError("expected at least one study day and some hours per week")
    days = calendar.study_days(max(calendar.start_on, today))
    day = next(days)
    free = capacity
    planned = []
    for topic in topics:
        if topic.fixed is not None:
            start, end = topic.fixed
            planned.append(PlannedTopic(topic.slug, start, end, topic.minutes, (), True))
            continue
        left = max(topic.minutes, 0)
        spread: list[tuple[date, int]] = []
        if left == 0:
            # Nothing left to do (all of it already logged): it sits on the current day.
            planned.append(PlannedTopic(topic.slug, day, day, 0, ()))
            continue
        while left > 0:
            if free == 0:
                day, free = next(days), capacity
            take = min(left, free)
            spread.append((day, take))
            left -= take
            free -= take
        planned.append(
            PlannedTopic(topic.slug, spread[0][0], spread[-1][0], topic.minutes, tuple(spread))
        )
    return Plan(tuple(planned))


def planned_minutes(calendar: StudyCalendar, first: date, last: date) -> int:
    """Study minutes the calendar plans from `first` to `last` inclusive (capacity)."""
    first = max(first, calendar.start_on)
    days = (last - first).days + 1
    if days <= 0:
        return 0
    return calendar.minutes_per_day * sum(
        1 for i in range(days) if calendar.is_study_day(first + timedelta(days=i))
    )


def spread_by_day(
    spans: Sequence[tuple[date, date, int]], calendar: StudyCalendar
) -> dict[date, dict[int, int]]:
    """Minutes on each study day, by index into `spans`, of topics laid out by `build_plan`
    (in order, each from its first day to its last, filling each study day up to its
    capacity): the spread that the stored plan keeps only as first and last days."""
    capacity = calendar.minutes_per_day
    days: dict[date, dict[int, int]] = {}
    for index, (start, end, minutes) in enumerate(spans):
        left, day = minutes, start
        while left > 0 and day <= end:
            if calendar.is_study_day(day):
                used = sum(days.get(day, {}).values())
                take = min(left, capacity - used)
                if take > 0:
                    days.setdefault(day, {})[index] = take
                    left -= take
            day += timedelta(days=1)
    return days
