"""The scheduler's invariants, over generated curricula and calendars (Hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillpath.planning.scheduler import (
    ScheduleError,
    StudyCalendar,
    TopicWork,
    build_plan,
    planned_minutes,
    spread_by_day,
)

START = date(2026, 1, 5)  # a Monday

topic_lists = st.lists(st.integers(0, 900), min_size=1, max_size=40).map(
    lambda minutes: [TopicWork(f"t{i}", m) for i, m in enumerate(minutes)]
)


@st.composite
def calendars(draw, start=START):
    weekdays = draw(st.frozensets(st.integers(0, 6), min_size=1))
    days_off = []
    for _ in range(draw(st.integers(0, 3))):
        first = start + timedelta(days=draw(st.integers(0, 120)))
        days_off.append((first, first + timedelta(days=draw(st.integers(0, 20)))))
    hours = draw(st.integers(1, 80))
    return StudyCalendar(start, hours, weekdays, tuple(days_off))


@settings(max_examples=300, deadline=None)
@given(topics=topic_lists, calendar=calendars())
def test_no_day_over_capacity_and_no_work_on_days_off(topics, calendar):
    plan = build_plan(topics, calendar, START)

    for day, minutes in plan.minutes_by_day().items():
        assert minutes <= calendar.minutes_per_day
        assert calendar.is_study_day(day), day


@settings(max_examples=300, deadline=None)
@given(topics=topic_lists, calendar=calendars())
def test_every_topic_once_in_order_with_all_its_minutes(topics, calendar):
    plan = build_plan(topics, calendar, START)

    assert [p.slug for p in plan.topics] == [t.slug for t in topics]
    for work, planned in zip(topics, plan.topics, strict=True):
        assert sum(m for _d, m in planned.days) == work.minutes
        assert planned.start_on <= planned.end_on
    for earlier, later in zip(plan.topics, plan.topics[1:], strict=False):
        assert later.start_on >= earlier.end_on


@settings(max_examples=200, deadline=None)
@given(topics=topic_lists, calendar=calendars(), extra=st.integers(1, 40))
def test_more_hours_per_week_never_finish_later(topics, calendar, extra):
    from dataclasses import replace

    slower = build_plan(topics, calendar, START)
    faster = build_plan(
        topics, replace(calendar, hours_per_week=calendar.hours_per_week + extra), START
    )

    assert faster.finish_on <= slower.finish_on


@settings(max_examples=200, deadline=None)
@given(topics=topic_lists, calendar=calendars(), done=st.data(), days_later=st.integers(0, 200))
def test_replanning_never_moves_finished_work(topics, calendar, done, days_later):
    first = build_plan(topics, calendar, START)
    finished = done.draw(st.sets(st.sampled_from([t.slug for t in topics])))
    today = START + timedelta(days=days_later)
    previous = first.by_slug()
    again = [
        TopicWork(t.slug, t.minutes, (previous[t.slug].start_on, previous[t.slug].end_on))
        if t.slug in finished
        else t
        for t in topics
    ]

    second = build_plan(again, calendar, today)

    for planned in second.topics:
        if planned.slug in finished:
            assert (planned.start_on, planned.end_on) == (
                previous[planned.slug].start_on,
                previous[planned.slug].end_on,
            )
        elif planned.minutes:
            assert planned.start_on >= today


def test_a_learner_who_is_ahead_gets_the_plan_pulled_in():
    calendar = StudyCalendar(START, 10, frozenset(range(5)))
    topics = [TopicWork(f"t{i}", 600) for i in range(10)]
    first = build_plan(topics, calendar, START)
    # The first five topics finished in the first week instead of five weeks.
    done = [TopicWork(t.slug, t.minutes, (START, START + timedelta(days=4))) for t in topics[:5]]

    second = build_plan(done + topics[5:], calendar, START + timedelta(days=7))

    assert second.finish_on < first.finish_on


def test_the_seed_pace_puts_a_forty_hour_block_in_two_weeks():
    calendar = StudyCalendar(START, 20, frozenset(range(5)))
    plan = build_plan([TopicWork(f"t{i}", 600) for i in range(4)], calendar, START)

    assert plan.finish_on == START + timedelta(days=11)  # Friday of the second week


def test_planned_minutes_count_study_days_only():
    calendar = StudyCalendar(START, 10, frozenset(range(5)), ((START, START),))

    assert planned_minutes(calendar, START, START + timedelta(days=6)) == 4 * 120


@pytest.mark.parametrize(
    "calendar",
    [
        StudyCalendar(START, 10, frozenset()),
        StudyCalendar(START, 0, frozenset(range(5))),
    ],
)
def test_a_calendar_without_study_time_is_refused(calendar):
    with pytest.raises(ScheduleError):
        build_plan([TopicWork("t", 60)], calendar, START)


def test_a_calendar_that_is_all_days_off_is_refused():
    forever = ((START, START + timedelta(days=366 * 40)),)

    with pytest.raises(ScheduleError, match="thirty years"):
        build_plan([TopicWork("t", 60)], StudyCalendar(START, 10, frozenset({0}), forever), START)


@settings(max_examples=60, deadline=None)
@given(
    minutes=st.lists(st.integers(min_value=0, max_value=1500), min_size=1, max_size=12),
    hours=st.integers(min_value=1, max_value=40),
    weekdays=st.frozensets(st.integers(min_value=0, max_value=6), min_size=1),
)
def test_the_spread_by_day_is_the_one_the_plan_was_built_with(minutes, hours, weekdays):
    calendar = StudyCalendar(date(2026, 1, 5), hours, weekdays, ((date(2026, 1, 8),) * 2,))
    plan = build_plan(
        [TopicWork(f"t{i}", m) for i, m in enumerate(minutes)], calendar, date(2026, 1, 5)
    )

    spread = spread_by_day([(t.start_on, t.end_on, t.minutes) for t in plan.topics], calendar)

    assert {day: sum(by_topic.values()) for day, by_topic in spread.items()} == {
        day: m for day, m in plan.minutes_by_day().items() if m
    }
    assert all(spread[day][i] == m for i, t in enumerate(plan.topics) for day, m in t.days if m)
