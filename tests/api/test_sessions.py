"""Study sessions and the timer over the API, with the clock stopped at 2026-01-14 18:00 UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from skillpath.tracking.models import DailyActivity, StudySession, Timer, TopicProgress
from skillpath.tracking.services import log_session
from tests.api.conftest import NOW, TODAY, post

pytestmark = pytest.mark.django_db


def iso(moment) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def log(client, **body):
    return post(client, "/api/sessions", body, HTTP_ACCEPT_LANGUAGE="en")


# --- Logging -----------------------------------------------------------------------------


def test_a_duration_as_people_type_it_ends_now_and_starts_the_topic(
    as_alice, alice, enrolled, clock, conforms
):
    response = log(as_alice, kind="practice", duration="1h30m", topic="git", note="branches")

    conforms(response)
    assert response.status_code == 201
    session = response.json()
    assert session["kind"] == "practice"
    assert session["minutes"] == 90
    assert session["started_at"] == iso(NOW - timedelta(minutes=90))
    assert session["ended_at"] == iso(NOW)
    assert session["topic"] == {"slug": "git", "title": "Git"}
    assert session["note"] == "branches"
    assert TopicProgress.objects.get(learner=alice, topic__slug="git").status == "in_progress"
    assert DailyActivity.objects.get(learner=alice, day=TODAY).practice_minutes == 90


def test_minutes_on_an_earlier_day_start_in_the_morning(as_alice, enrolled, clock, conforms):
    response = log(as_alice, kind="theory", minutes=45, on="2026-01-12")

    conforms(response)
    assert response.status_code == 201
    assert response.json()["started_at"] == "2026-01-12T09:00:00Z"
    assert response.json()["minutes"] == 45
    assert response.json()["topic"] is None


def test_a_start_and_an_end_give_the_length(as_alice, enrolled, clock, conforms):
    response = log(
        as_alice,
        kind="research",
        started_at="2026-01-14T10:00:00+03:00",
        ended_at="2026-01-14T11:15:00+03:00",
    )

    conforms(response)
    assert response.status_code == 201
    started_at = datetime.fromisoformat(response.json()["started_at"])
    assert started_at == datetime(2026, 1, 14, 7, 0, tzinfo=UTC)
    assert response.json()["minutes"] == 75


def test_sessions_can_be_logged_before_enrolling(as_charlie, builtin, clock, conforms):
    response = log(as_charlie, kind="practice", duration="30m")

    conforms(response)
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"kind": "practice", "duration": "1x"},
            "'1x' is not a duration: write it like 1 h 30 min, 45 min",
        ),
        # str.isdigit() takes these digit-like characters; int() does not (it was a 500).
        (
            {"kind": "theory", "duration": "²"},
            "'²' is not a duration: write it like 1 h 30 min, 45 min",
        ),
        (
            {"kind": "theory", "duration": "①"},
            "'①' is not a duration: write it like 1 h 30 min, 45 min",
        ),
        (
            {"kind": "practice", "duration": "0m"},
            "'0m' is not a positive duration: write it like 1 h 30 min, 45 min",
        ),
        (
            {"kind": "practice", "duration": "25h"},
            "'25h' is longer than a day: log each day on its own",
        ),
        (
            {
                "kind": "practice",
                "started_at": "2026-01-14T19:00:00Z",
                "ended_at": "2026-01-14T20:00:00Z",
            },
            "A session cannot end in the future.",
        ),
        # Given by its start and end, a session was accepted at any length (38,875,680 min).
        (
            {
                "kind": "practice",
                "started_at": "1950-01-01T00:00:00Z",
                "ended_at": "2023-12-01T00:00:00Z",
            },
            "A session cannot last longer than a day: log each day on its own.",
        ),
        (
            {"kind": "practice", "minutes": 30, "on": "2026-01-20"},
            "A session cannot be logged for a day in the future.",
        ),
        (
            {
                "kind": "practice",
                "started_at": "2026-01-14T10:00:00Z",
                "ended_at": "2026-01-14T10:00:00Z",
            },
            "A session must last at least a minute.",
        ),
        (
            {"kind": "practice", "minutes": 30, "topic": "nope"},
            "The curriculum “backend” has no topic with the slug “nope”.",
        ),
    ],
)
def test_a_session_the_rules_refuse_is_a_400_with_their_message(
    as_alice, enrolled, clock, conforms, body, message
):
    response = log(as_alice, **body)

    conforms(response)
    assert response.status_code == 400
    assert response.json() == {"detail": message}
    assert not StudySession.objects.exists()


def test_an_overlapping_session_is_refused_naming_the_other_one(
    as_alice, enrolled, clock, conforms
):
    assert log(as_alice, kind="practice", duration="90m").status_code == 201

    response = log(
        as_alice,
        kind="theory",
        started_at="2026-01-14T17:00:00Z",
        ended_at="2026-01-14T17:30:00Z",
    )

    conforms(response)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "This session overlaps your practice session of Jan. 14, 2026, 16:30–18:00."
    }
    assert StudySession.objects.count() == 1


def test_a_topic_before_enrolling_is_refused(as_charlie, builtin, clock, conforms):
    response = log(as_charlie, kind="practice", minutes=30, topic="git")

    conforms(response)
    assert response.status_code == 400
    assert response.json() == {"detail": "You are not enrolled yet, so no topic can be named."}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "sleep", "minutes": 30}, "kind"),
        ({"kind": "practice", "minutes": 0}, "minutes"),
        ({"kind": "practice", "minutes": 24 * 60 + 1}, "minutes"),
        ({"kind": "practice"}, "payload"),
        ({"kind": "practice", "minutes": 30, "duration": "30m"}, "payload"),
        ({"kind": "practice", "ended_at": "2026-01-14T10:00:00Z"}, "payload"),
        (
            {"kind": "practice", "minutes": 30, "started_at": "2026-01-14T10:00:00"},
            "started_at",
        ),
        (
            {
                "kind": "practice",
                "minutes": 30,
                "on": "2026-01-13",
                "started_at": "2026-01-13T10:00:00Z",
            },
            "payload",
        ),
        ({"kind": "practice", "duration": "1h\x00"}, "duration"),
        ({"kind": "practice", "minutes": 30, "topic": "not a slug"}, "topic"),
        ({"kind": "practice", "minutes": True}, "minutes"),
        ({"kind": "practice", "minutes": 30, "on": 20000}, "on"),
        ({"kind": "practice", "started_at": 1768400000, "minutes": 30}, "started_at"),
        ({"kind": "practice", "minutes": 30, "mood": "good"}, "mood"),
    ],
)
def test_a_session_outside_the_schema_is_a_422(as_alice, enrolled, clock, conforms, body, field):
    response = log(as_alice, **body)

    conforms(response)
    assert response.status_code == 422
    assert field in {part for error in response.json()["detail"] for part in error["loc"]}


# --- Listing and deleting ------------------------------------------------------------------


def log_days(learner, count: int) -> list[StudySession]:
    """`count` sessions of half an hour, one a day, the latest yesterday."""
    return [
        log_session(
            learner=learner,
            kind="practice",
            minutes=30,
            started_at=NOW - timedelta(days=day),
            now=NOW,
        )
        for day in range(count, 0, -1)
    ]


def test_sessions_are_listed_newest_first_a_page_at_a_time(as_alice, alice, clock, conforms):
    sessions = log_days(alice, 5)
    newest_first = [s.pk for s in reversed(sessions)]

    first = as_alice.get("/api/sessions?page_size=2")
    last = as_alice.get("/api/sessions?page_size=2&page=3")

    conforms(first)
    conforms(last)
    assert [s["id"] for s in first.json()["items"]] == newest_first[:2]
    assert (first.json()["page"], first.json()["has_next"]) == (1, True)
    assert [s["id"] for s in last.json()["items"]] == newest_first[4:]
    assert (last.json()["page"], last.json()["has_next"]) == (3, False)
    assert as_alice.get("/api/sessions?page=9").json()["items"] == []


def test_deleting_a_session_takes_it_out_of_the_days_total(
    as_alice, alice, enrolled, clock, conforms
):
    session_id = log(as_alice, kind="practice", duration="1h").json()["id"]

    response = as_alice.delete(f"/api/sessions/{session_id}")

    assert response.status_code == 204
    assert response.content == b""
    assert not StudySession.objects.exists()
    assert DailyActivity.objects.get(learner=alice, day=TODAY).total_minutes == 0
    gone = as_alice.delete(f"/api/sessions/{session_id}", HTTP_ACCEPT_LANGUAGE="en")
    conforms(gone)
    assert gone.status_code == 404
    assert gone.json() == {"detail": f"You have no study session with the id {session_id}."}


# --- Timer ---------------------------------------------------------------------------------


def test_no_timer_runs_at_first(as_alice, clock, conforms):
    response = as_alice.get("/api/timer")

    conforms(response)
    assert response.json() == {
        "is_running": False,
        "kind": None,
        "topic": None,
        "started_at": None,
        "elapsed_minutes": None,
        "note": "",
    }


def test_the_timer_runs_and_logs_its_session_when_stopped(
    as_alice, alice, enrolled, clock, conforms
):
    started = post(
        as_alice, "/api/timer/start", {"kind": "theory", "topic": "git", "note": "rebase"}
    )
    conforms(started)
    assert started.status_code == 201
    assert started.json()["is_running"] is True
    assert started.json()["started_at"] == iso(NOW)

    clock.return_value = NOW + timedelta(minutes=110)
    running = as_alice.get("/api/timer", HTTP_ACCEPT_LANGUAGE="en")
    conforms(running)
    assert running.json()["elapsed_minutes"] == 110
    assert running.json()["topic"] == {"slug": "git", "title": "Git"}

    stopped = post(as_alice, "/api/timer/stop", HTTP_ACCEPT_LANGUAGE="en")
    conforms(stopped)
    assert stopped.status_code == 200
    body = stopped.json()
    assert body["is_logged"] is True
    # Written as every duration is (core.display), as the page and the CLI say it.
    assert body["detail"] == "Logged 1 h 50 min of theory."
    assert (body["session"]["minutes"], body["session"]["note"]) == (110, "rebase")
    assert body["session"]["topic"]["slug"] == "git"
    assert not Timer.objects.exists()
    assert StudySession.objects.get().pk == body["session"]["id"]


def test_a_timer_under_a_minute_logs_nothing(as_alice, clock, conforms):
    post(as_alice, "/api/timer/start", {"kind": "practice"})
    clock.return_value = NOW + timedelta(seconds=40)

    response = post(as_alice, "/api/timer/stop", HTTP_ACCEPT_LANGUAGE="en")

    conforms(response)
    assert response.json() == {
        "is_logged": False,
        "session": None,
        "detail": "The timer ran for less than a minute: nothing was logged.",
    }
    assert not StudySession.objects.exists()


def test_a_timer_forgotten_for_more_than_a_day_stops_and_logs_nothing(as_alice, clock, conforms):
    post(as_alice, "/api/timer/start", {"kind": "practice"})
    clock.return_value = NOW + timedelta(days=1, hours=2)

    response = post(as_alice, "/api/timer/stop", HTTP_ACCEPT_LANGUAGE="en")

    conforms(response)
    assert response.status_code == 200
    assert response.json()["is_logged"] is False
    assert response.json()["detail"] == (
        "The timer ran for more than a day, since Jan. 14, 2026 18:00: nothing was logged. "
        "Log the time you studied as sessions of their own."
    )
    assert not StudySession.objects.exists() and not Timer.objects.exists()


def test_a_second_timer_is_refused(as_alice, clock, conforms):
    post(as_alice, "/api/timer/start", {"kind": "practice"})

    response = post(as_alice, "/api/timer/start", {"kind": "theory"}, HTTP_ACCEPT_LANGUAGE="en")

    conforms(response)
    assert response.status_code == 400
    assert response.json() == {"detail": "A timer is already running since 18:00; stop it first."}


def test_stopping_no_timer_is_refused(as_alice, clock, conforms):
    response = post(as_alice, "/api/timer/stop", HTTP_ACCEPT_LANGUAGE="en")

    conforms(response)
    assert response.status_code == 400
    assert response.json() == {"detail": "No timer is running."}


def test_a_timer_kind_outside_the_schema_is_a_422(as_alice, clock, conforms):
    response = post(as_alice, "/api/timer/start", {"kind": "sleep"})

    conforms(response)
    assert response.status_code == 422
    assert not Timer.objects.exists()
