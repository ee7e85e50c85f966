"""The weekly report and the dashboard, and their query counts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from skillpath.curriculum.models import Topic
from skillpath.tracking.reports import streak, weekly_report
from skillpath.tracking.selectors import dashboard, weekly_report_for
from skillpath.tracking.services import log_session, set_topic_status

MONDAY = date(2026, 1, 5)


def test_the_report_shows_both_targets_and_research_counts_as_practice():
    report = weekly_report(
        week_on=MONDAY,
        minutes_by_kind={"theory": 180, "practice": 300, "research": 120},
        split_targets={"theory": 30, "practice": 50, "research": 20},
        practice_target=70,
        theory_target=30,
        planned_minutes=1200,
        topics_planned=2,
        topics_done=1,
        topics_planned_done=1,
    )

    assert [(r.kind, r.percent, r.target_percent) for r in report.split] == [
        ("theory", 30.0, 30),
        ("practice", 50.0, 50),
        ("research", 20.0, 20),
    ]
    assert (report.practice_percent, report.theory_percent) == (70.0, 30.0)
    assert report.hours_behind and report.topics_behind and report.is_behind


def test_a_week_on_plan_is_not_behind():
    report = weekly_report(
        week_on=MONDAY,
        minutes_by_kind={"practice": 600},
        split_targets={},
        practice_target=70,
        theory_target=30,
        planned_minutes=600,
        topics_planned=1,
        topics_done=1,
        topics_planned_done=1,
    )
    assert not report.is_behind


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

    report = weekly_report_for(enrolled, date(2026, 1, 8))

    assert report.week_on == MONDAY
    assert report.minutes_by_kind == {"theory": 120, "practice": 180, "research": 0}
    assert report.planned_minutes == 20 * 60
    assert (report.topics_planned, report.topics_done) == (1, 1)  # linux (15 h) ends in week 1
    assert report.is_behind


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

    with django_assert_num_queries(6):
        weekly_report_for(enrolled, date(2026, 1, 26))


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
