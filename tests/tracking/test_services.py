"""Sessions, the timer and topic status against the real database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from skillpath.curriculum.models import Topic
from skillpath.people.models import Profile
from skillpath.tracking.models import (
    DailyActivity,
    StudySession,
    Timer,
    TopicProgress,
    TopicStatus,
)
from skillpath.tracking.services import (
    ProgressError,
    SessionError,
    TimerError,
    add_evidence,
    delete_session,
    log_session,
    set_topic_status,
    start_timer,
    stop_timer,
)

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 1, 7, 18, 0, tzinfo=UTC)


def test_logging_a_session_updates_the_rollup_and_starts_the_topic(alice, builtin):
    topic = Topic.objects.get(curriculum=builtin, slug="git")

    session = log_session(learner=alice, kind="practice", minutes=90, now=NOW, topic=topic)

    assert (session.started_at, session.ended_at, session.minutes) == (
        NOW - timedelta(minutes=90),
        NOW,
        90,
    )
    day = DailyActivity.objects.get(learner=alice, day=NOW.date())
    assert (day.theory_minutes, day.practice_minutes, day.research_minutes) == (0, 90, 0)
    progress = TopicProgress.objects.get(learner=alice, topic=topic)
    assert (progress.status, progress.started_on) == (TopicStatus.IN_PROGRESS, NOW.date())


def test_an_overlapping_session_is_refused_naming_the_other(alice):
    log_session(learner=alice, kind="theory", minutes=60, now=NOW)

    with pytest.raises(SessionError, match=r"overlaps your theory session of .*17:00–18:00"):
        log_session(
            learner=alice,
            kind="practice",
            now=NOW,
            started_at=NOW - timedelta(minutes=30),
            minutes=20,
        )
    assert StudySession.objects.count() == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"started_at": NOW + timedelta(hours=1), "minutes": 30}, "future"),
        ({"minutes": 0}, "at least one minute"),
        (
            {"started_at": NOW - timedelta(hours=1), "ended_at": NOW - timedelta(hours=2)},
            "at least a minute",
        ),
        ({"minutes": 30, "on": NOW.date() + timedelta(days=1)}, "day in the future"),
    ],
)
def test_future_and_empty_sessions_are_refused(alice, kwargs, message):
    with pytest.raises(SessionError, match=message):
        log_session(learner=alice, kind="theory", now=NOW, **kwargs)
    assert not DailyActivity.objects.exists()


@pytest.mark.parametrize(
    "kwargs",
    [
        {
            "started_at": datetime(1950, 1, 1, tzinfo=UTC),
            "ended_at": datetime(2023, 12, 1, tzinfo=UTC),
        },
        {"started_at": NOW - timedelta(days=1, minutes=1), "ended_at": NOW},
        {"started_at": NOW - timedelta(days=2), "minutes": 24 * 60 + 1},
        {"minutes": 24 * 60 + 1},
        {"minutes": 24 * 60 + 1, "on": NOW.date() - timedelta(days=3)},
    ],
)
def test_no_way_of_giving_a_session_makes_one_longer_than_a_day(alice, kwargs):
    # The duration parser and the API's `minutes` stop longer ones earlier; this is the rule.
    with pytest.raises(SessionError, match="cannot last longer than a day"):
        log_session(learner=alice, kind="theory", now=NOW, **kwargs)
    assert not StudySession.objects.exists()


def test_a_session_of_exactly_a_day_is_logged(alice):
    session = log_session(
        learner=alice, kind="practice", now=NOW, started_at=NOW - timedelta(days=1), ended_at=NOW
    )
    assert session.minutes == 24 * 60


def test_sessions_for_an_earlier_day_line_up_from_nine(alice):
    yesterday = NOW.date() - timedelta(days=1)

    first = log_session(learner=alice, kind="theory", minutes=60, now=NOW, on=yesterday)
    second = log_session(learner=alice, kind="research", minutes=30, now=NOW, on=yesterday)

    assert first.started_at == datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
    assert second.started_at == first.ended_at


def test_an_earlier_day_ignores_a_session_that_ran_on_past_its_midnight(alice):
    # Just after midnight: the session logged now began yesterday evening and ends today.
    night = datetime(2026, 1, 7, 1, 30, tzinfo=UTC)
    log_session(learner=alice, kind="practice", minutes=120, now=night)

    earlier = log_session(
        learner=alice, kind="theory", minutes=30, now=night, on=night.date() - timedelta(days=1)
    )

    assert earlier.started_at == datetime(2026, 1, 6, 9, 0, tzinfo=UTC)


def test_days_follow_the_learners_time_zone(alice):
    Profile.objects.create(user=alice, time_zone="Asia/Vladivostok")  # UTC+10
    late = datetime(2026, 1, 7, 15, 0, tzinfo=UTC)  # 01:00 on the 8th in Vladivostok

    log_session(learner=alice, kind="theory", minutes=30, now=late)

    assert DailyActivity.objects.get(learner=alice).day == date(2026, 1, 8)


def test_deleting_a_session_takes_it_out_of_the_rollup(alice, charlie):
    session = log_session(learner=alice, kind="theory", minutes=40, now=NOW)

    with pytest.raises(SessionError):
        delete_session(learner=charlie, session=session)
    delete_session(learner=alice, session=session)

    assert DailyActivity.objects.get(learner=alice).theory_minutes == 0


def test_the_timer_logs_a_session_when_stopped(alice, builtin):
    topic = Topic.objects.get(curriculum=builtin, slug="linux")
    start_timer(learner=alice, kind="practice", now=NOW, topic=topic)

    with pytest.raises(TimerError, match="already running since 18:00"):
        start_timer(learner=alice, kind="theory", now=NOW)
    session = stop_timer(learner=alice, now=NOW + timedelta(minutes=50)).session

    assert (session.kind, session.minutes, session.topic) == ("practice", 50, topic)
    with pytest.raises(TimerError, match="No timer"):
        stop_timer(learner=alice, now=NOW + timedelta(hours=1))


def test_a_timer_stopped_within_a_minute_logs_nothing(alice):
    start_timer(learner=alice, kind="theory", now=NOW)

    stopped = stop_timer(learner=alice, now=NOW + timedelta(seconds=20))

    assert stopped.session is None
    assert stopped.not_logged == "The timer ran for less than a minute: nothing was logged."
    assert not StudySession.objects.exists()


def test_a_timer_forgotten_for_more_than_a_day_stops_and_logs_nothing(alice):
    start_timer(learner=alice, kind="theory", now=NOW)

    stopped = stop_timer(learner=alice, now=NOW + timedelta(days=1, minutes=1))

    assert stopped.session is None
    assert "more than a day, since Jan. 7, 2026 18:00: nothing was logged" in stopped.not_logged
    assert not StudySession.objects.exists()
    assert not Timer.objects.exists()


def test_status_records_dates_and_evidence_must_be_a_web_address(alice, builtin):
    topic = Topic.objects.get(curriculum=builtin, slug="linux")

    progress = set_topic_status(learner=alice, topic=topic, status="done", today=NOW.date())
    assert (progress.done_on, progress.started_on) == (NOW.date(), NOW.date())
    progress = set_topic_status(learner=alice, topic=topic, status="not_started", today=NOW.date())
    assert progress.done_on is None

    link = add_evidence(learner=alice, topic=topic, url="https://github.com/alice/dotfiles")
    assert link.progress.learner == alice
    for bad in ("javascript:alert(1)", "github.com/alice", "ftp://x.org/a"):
        with pytest.raises(ProgressError, match="not a web address"):
            add_evidence(learner=alice, topic=topic, url=bad)
