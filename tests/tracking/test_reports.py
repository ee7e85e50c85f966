"""The weekly report and the dashboard, and their query counts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from skillpath.curriculum.models import Topic
from skillpath.planning.selectors import plan_items, today_view, week_items
from skillpath.planning.services import CalendarInput, enrol
from skillpath.tracking.reports import Tense, WeekTopic, streak, weekly_report
from skillpath.tracking.selectors import dashboard, weekly_report_for
from skillpath.tracking.services import log_session, set_topic_status

MONDAY = date(2026, 1, 5)


WEEK = {MONDAY + timedelta(days=i): 240 if i < 5 else 0 for i in range(7)}  # 20 h, Mon-Fri
TARGETS = {"split_targets": {}, "practice_target": 70, "theory_target": 30}


def _report(*, today: date, minutes: dict[str, int], topics=(), **kwargs):
    return weekly_report(
        week_on=MONDAY,
        today=today,
        minutes_by_kind=minutes,
        **{**TARGETS, **kwargs},
        planned_by_day=WEEK,
        topics=list(topics),
        topics_done=0,
    )


def test_the_report_shows_both_targets_and_research_counts_as_practice():
    report = weekly_report(
        week_on=MONDAY,
        today=MONDAY + timedelta(days=7),
        minutes_by_kind={"theory": 180, "practice": 300, "research": 120},
        split_targets={"theory": 30, "practice": 50, "research": 20},
        practice_target=70,
        theory_target=30,
        planned_by_day=WEEK,
        topics=[WeekTopic(MONDAY, MONDAY), WeekTopic(MONDAY + timedelta(days=3))],
        topics_done=1,
    )

    assert [(r.kind, r.percent, r.target_percent) for r in report.split] == [
        ("theory", 30.0, 30),
        ("practice", 50.0, 50),
        ("research", 20.0, 20),
    ]
    assert (report.practice_percent, report.theory_percent) == (70.0, 30.0)
    assert (report.topics_planned, report.topics_planned_done) == (2, 1)
    assert report.hours_behind and report.topics_behind and report.is_behind


def test_a_past_week_on_plan_is_not_behind():
    report = _report(
        today=MONDAY + timedelta(days=9),
        minutes={"practice": 1200},
        topics=[WeekTopic(MONDAY + timedelta(days=4), MONDAY + timedelta(days=6))],
    )
    assert report.tense is Tense.PAST
    assert (report.planned_minutes_due, report.topics_due, report.topics_due_done) == (1200, 1, 1)
    assert not report.is_behind


def test_a_past_week_is_held_to_its_whole_plan():
    report = _report(today=MONDAY + timedelta(days=7), minutes={"practice": 720})
    assert report.checked_through_on == MONDAY + timedelta(days=6)
    assert report.hours_behind


def test_a_topic_finished_after_its_week_leaves_the_week_behind():
    late = WeekTopic(MONDAY + timedelta(days=2), MONDAY + timedelta(days=8))
    report = _report(today=MONDAY + timedelta(days=9), minutes={"practice": 1200}, topics=[late])
    assert report.topics_behind and report.topics_planned_done == 0


def test_on_wednesday_the_hours_of_monday_and_tuesday_are_on_track():
    wednesday = MONDAY + timedelta(days=2)
    report = _report(
        today=wednesday,
        minutes={"practice": 480},  # Monday's and Tuesday's 4 h; the week plans 20 h
        topics=[
            WeekTopic(MONDAY + timedelta(days=1), MONDAY + timedelta(days=1)),
            WeekTopic(wednesday),
            WeekTopic(MONDAY + timedelta(days=4)),
        ],
    )
    assert report.tense is Tense.CURRENT
    assert report.checked_through_on == MONDAY + timedelta(days=1)
    assert (report.planned_minutes, report.planned_minutes_due) == (1200, 480)
    # Today's topic may still be finished today; Friday's is not due yet.
    assert (report.topics_planned, report.topics_due, report.topics_due_done) == (3, 1, 1)
    assert not report.is_behind


def test_on_wednesday_too_little_of_monday_and_tuesday_is_behind():
    report = _report(today=MONDAY + timedelta(days=2), minutes={"practice": 240})
    assert report.hours_behind and report.is_behind


def test_on_monday_nothing_is_due_yet():
    report = _report(today=MONDAY, minutes={}, topics=[WeekTopic(MONDAY)])
    assert report.checked_through_on is None
    assert (report.planned_minutes_due, report.topics_due) == (0, 0)
    assert not report.is_behind


def test_a_week_ahead_is_never_behind():
    report = _report(today=MONDAY - timedelta(days=1), minutes={}, topics=[WeekTopic(MONDAY)])
    assert report.tense is Tense.FUTURE and not report.is_behind
    assert report.planned_minutes == 1200


def test_streak_counts_back_from_today_or_yesterday():
    today = date(2026, 1, 10)
    days = [today - timedelta(days=i) for i in (1, 2, 3, 5)]

    assert streak(days, today) == 3
    assert streak([*days, today], today) == 4
    assert streak([today - timedelta(days=2)], today) == 0


@pytest.mark.django_db
def test_weekly_report_from_the_database(enrolled, builtin):
    alice = enrolled.learner
    now = datetime(2026, 1, 7, 20, 0, tzinfo=UTC)
    log_session(learner=alice, kind="theory", minutes=120, now=now)
    log_session(learner=alice, kind="practice", minutes=180, now=now - timedelta(days=1))
    set_topic_status(
        learner=alice,
        topic=Topic.objects.get(curriculum=builtin, slug="linux"),
        status="done",
        today=date(2026, 1, 7),
    )

    report = weekly_report_for(enrolled, date(2026, 1, 8), date(2026, 1, 12))

    assert report.week_on == MONDAY
    assert report.tense is Tense.PAST
    assert report.minutes_by_kind == {"theory": 120, "practice": 180, "research": 0}
    assert report.planned_minutes == report.planned_minutes_due == 20 * 60
    # Linux done on Wednesday pulled the plan in: the week holds it and what follows it.
    week = [i.topic.slug for i in week_items(plan_items(enrolled), MONDAY)]
    assert week[0] == "linux" and len(week) > 1
    assert report.topics_planned == len(week)
    assert (report.topics_planned_done, report.topics_done) == (1, 1)
    assert report.is_behind


@pytest.fixture
def thursday_learner(builtin, alice):
    """alice enrolled on Thursday 2026-01-08 at 20 h a week, Monday to Friday: Linux (15 h)
    runs to Tuesday the 13th, Git (11 h) to Friday the 16th, the IDE (4 h) to Monday the
    19th."""
    choice = CalendarInput(date(2026, 1, 8), Decimal(20), frozenset(range(5)))
    return enrol(learner=alice, curriculum=builtin, choice=choice, today=date(2026, 1, 8))


@pytest.mark.django_db
@pytest.mark.parametrize(("today", "topics"), [(date(2026, 1, 8), 1), (date(2026, 1, 12), 3)])
def test_the_report_plans_the_topics_today_lists_this_week(thursday_learner, today, topics):
    # It counted only topics whose first plan ended in the week: "0 of 0" in the first week,
    # 2 in the second, while Today listed 1 and 3.
    listed = today_view(thursday_learner, today).week_items

    report = weekly_report_for(thursday_learner, today, today)

    assert len(listed) == report.topics_planned == topics
    assert report.topics_planned_done == 0


@pytest.mark.django_db
def test_on_wednesday_mondays_and_tuesdays_hours_are_on_track(thursday_learner):
    alice = thursday_learner.learner
    for day in (12, 13):
        log_session(
            learner=alice,
            kind="practice",
            minutes=240,
            on=date(2026, 1, day),
            now=datetime(2026, 1, 14, 9, 0, tzinfo=UTC),
        )
    linux = Topic.objects.get(curriculum=thursday_learner.curriculum, slug="linux")
    set_topic_status(learner=alice, topic=linux, status="done", today=date(2026, 1, 13))

    report = weekly_report_for(thursday_learner, date(2026, 1, 14), date(2026, 1, 14))

    assert report.tense is Tense.CURRENT
    assert (report.total_minutes, report.planned_minutes_due, report.planned_minutes) == (
        480,
        480,
        1200,
    )
    assert (report.topics_due, report.topics_due_done) == (1, 1)
    assert not report.is_behind


def _history(learner, days: int) -> None:
    """A session a day for `days` days before 2026-01-30."""
    end = datetime(2026, 1, 30, 21, 0, tzinfo=UTC)
    for i in range(days):
        log_session(
            learner=learner,
            kind=("theory", "practice", "research")[i % 3],
            minutes=60,
            now=end - timedelta(days=i),
        )


@pytest.mark.django_db
@pytest.mark.parametrize("days", [3, 40])
def test_the_dashboard_costs_the_same_queries_however_long_the_history(
    enrolled, days, django_assert_num_queries
):
    _history(enrolled.learner, days)

    with django_assert_num_queries(7):
        board = dashboard(enrolled, date(2026, 1, 30))

    assert board.overall.total == 144
    assert len(board.heatmap) == 371
    assert sum(minutes for _d, minutes in board.heatmap) == days * 60
    assert board.streak == days
    assert len(board.weekly_hours["labels"]) == 26


@pytest.mark.django_db
@pytest.mark.parametrize("days", [3, 40])
def test_the_weekly_report_costs_the_same_queries(enrolled, days, django_assert_num_queries):
    _history(enrolled.learner, days)

    with django_assert_num_queries(5):
        weekly_report_for(enrolled, date(2026, 1, 26), date(2026, 1, 28))


@pytest.mark.django_db
def test_the_forecast_uses_real_velocity(enrolled, builtin):
    alice = enrolled.learner
    topics = list(Topic.objects.filter(curriculum=builtin).order_by("position")[:4])
    start = datetime(2026, 1, 5, 20, 0, tzinfo=UTC)
    for week in range(4):
        for day in range(5):
            log_session(
                learner=alice,
                kind="practice",
                minutes=120,
                now=start + timedelta(days=7 * week + day),
            )
    for topic in topics:
        set_topic_status(learner=alice, topic=topic, status="done", today=date(2026, 1, 20))

    forecast = dashboard(enrolled, date(2026, 2, 2)).forecast

    assert forecast.basis == "velocity"
    assert forecast.hours_per_week == 10.0
    assert forecast.efficiency == 1.0  # 40 estimated hours done in 40 logged hours
    assert forecast.finish_on > enrolled.target_on  # half the planned pace: late
    assert forecast.earliest_on <= forecast.finish_on <= forecast.latest_on


@pytest.fixture
def late_learner(builtin, alice):
    """alice enrolled on Wednesday 2026-01-07 with a start on Monday 2025-12-29, 20 h a week
    Monday to Friday: the plan lays its topics out from that Wednesday."""
    choice = CalendarInput(date(2025, 12, 29), Decimal(20), frozenset(range(5)))
    return enrol(learner=alice, curriculum=builtin, choice=choice, today=date(2026, 1, 7))


@pytest.mark.django_db
def test_days_before_the_plan_began_are_not_held_against_the_week(late_learner):
    # The week of the start date had no topic planned: it was "0 of 0 topics" and yet
    # 20 h planned, behind.
    before = weekly_report_for(late_learner, date(2025, 12, 29), date(2026, 1, 8))

    assert before.tense is Tense.PAST
    assert (before.topics_planned, before.planned_minutes) == (0, 0)
    assert not before.is_behind
    # The week it began in: Wednesday to Friday planned; on Thursday, Wednesday is due.
    now = weekly_report_for(late_learner, date(2026, 1, 8), date(2026, 1, 8))

    assert (now.planned_minutes, now.planned_minutes_due) == (3 * 240, 240)
