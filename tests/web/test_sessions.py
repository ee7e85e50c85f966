"""The sessions page: log a session by duration or start time, see the service's refusals
on the form with nothing lost, list sessions in the learner's time zone, delete one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from skillpath.curriculum.models import Topic
from skillpath.people.models import Profile
from skillpath.tracking.models import DailyActivity, StudySession
from skillpath.tracking.services import log_session
from tests.web.conftest import in_language
from tests.web.learner import body, html_lang, shows, today


def form_error(page: str) -> str:
    start = page.index('class="alert alert-danger sp-alert"')
    return page[start : page.index("</div>", start)]


@pytest.fixture
def yesterday():
    return (today() - timedelta(days=1)).isoformat()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_sessions_page_in_both_languages(client, enrolled, alice, language):
    client.force_login(alice)
    log_session(learner=alice, kind="theory", minutes=90, now=timezone.now())
    response = in_language(client, language).get("/sessions/")
    assert html_lang(response) == language
    page = body(response)
    assert ("1 h 30 min" if language == "en" else "1 ч 30") in page
    assert 'name="duration"' in page and 'name="start"' in page
    # The topic list is the curriculum's, grouped by month, in the page's language.
    assert page.count("<optgroup") == 18
    title = Topic.objects.get(slug="klassy-i-obekty").title_ru
    assert (title in page) == (language == "ru")


def test_logging_a_duration_for_an_earlier_day(as_alice, alice, yesterday):
    topic = Topic.objects.get(slug="git")
    response = as_alice.post(
        "/sessions/",
        {
            "on": yesterday,
            "duration": "1h30m",
            "kind": "practice",
            "topic": str(topic.pk),
            "note": "branches",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/sessions/"
    session = StudySession.objects.get(learner=alice)
    assert (session.minutes, session.kind, session.topic, session.note) == (
        90,
        "practice",
        topic,
        "branches",
    )
    assert session.started_at.date().isoformat() == yesterday
    shows(as_alice.get("/sessions/"), "Logged 1 h 30 min of Practice.", "branches", "Git")


def test_logging_from_a_start_time_with_a_duration(as_alice, alice, yesterday):
    as_alice.post(
        "/sessions/", {"on": yesterday, "start": "14:15", "duration": "50m", "kind": "theory"}
    )
    session = StudySession.objects.get(learner=alice)
    assert session.started_at.strftime("%H:%M") == "14:15"
    assert session.minutes == 50


def test_a_start_time_alone_runs_until_now(as_alice, alice):
    start = (timezone.now() - timedelta(minutes=40)).strftime("%H:%M")
    if timezone.now().strftime("%H:%M") < start:  # just after midnight: try another day
        pytest.skip("the session would start yesterday")
    as_alice.post("/sessions/", {"on": today().isoformat(), "start": start, "kind": "theory"})
    assert 39 <= StudySession.objects.get(learner=alice).minutes <= 41


def test_sessions_show_in_the_learners_time_zone(as_alice, alice):
    Profile.objects.create(user=alice, time_zone="Asia/Tokyo")
    started = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo
    log_session(
        learner=alice,
        kind="theory",
        started_at=started,
        minutes=45,
        now=started + timedelta(hours=2),
    )
    page = body(as_alice.get("/sessions/"))
    assert "10:00–10:45" in page
    assert "Asia/Tokyo" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("lots", "“lots” is not a duration between a minute and a day"),
        ("0m", "“0m” is not a duration between a minute and a day"),
        ("25h", "“25h” is not a duration between a minute and a day"),
        # str.isdigit() takes these digit-like characters; int() does not (it was a 500).
        ("²", "“²” is not a duration between a minute and a day"),
        ("①", "“①” is not a duration between a minute and a day"),
    ],
)
def test_a_bad_duration_is_explained_and_nothing_typed_is_lost(as_alice, typed, message):
    page = body(
        as_alice.post(
            "/sessions/",
            {"on": today().isoformat(), "duration": typed, "kind": "research", "note": "kept"},
        )
    )
    assert message in page
    assert f'value="{typed}"' in page
    assert "kept</textarea>" in page
    assert 'value="research" id="id_kind_2" autocomplete="off" checked' in page
    assert not StudySession.objects.exists()


def test_a_duration_or_a_start_is_needed(as_alice):
    page = body(as_alice.post("/sessions/", {"on": today().isoformat(), "kind": "theory"}))
    assert "Give a duration, a start time, or both." in page


def test_an_earlier_day_needs_a_duration(as_alice, yesterday):
    page = body(as_alice.post("/sessions/", {"on": yesterday, "start": "10:00", "kind": "theory"}))
    assert "For an earlier day, give how long the session lasted." in page


def test_a_future_session_is_refused_by_the_service(as_alice):
    tomorrow = (today() + timedelta(days=1)).isoformat()
    page = body(
        as_alice.post(
            "/sessions/", {"on": tomorrow, "duration": "1h", "kind": "theory", "note": "plans"}
        )
    )
    assert "A session cannot be logged for a day in the future." in form_error(page)
    assert f'value="{tomorrow}"' in page and "plans</textarea>" in page


def test_an_overlapping_session_is_refused_naming_the_other_one(as_alice, alice, yesterday):
    as_alice.post(
        "/sessions/", {"on": yesterday, "start": "09:00", "duration": "2h", "kind": "practice"}
    )
    page = body(
        as_alice.post(
            "/sessions/",
            {"on": yesterday, "start": "10:00", "duration": "30m", "kind": "theory", "note": "x"},
        )
    )
    error = form_error(page)
    assert "This session overlaps your practice session of" in error
    assert "09:00–11:00" in error
    assert 'value="10:00"' in page and 'value="30m"' in page
    assert StudySession.objects.count() == 1


def test_a_topic_of_another_curriculum_is_refused(as_alice, big_curriculum):
    foreign = Topic.objects.filter(curriculum=big_curriculum).first()
    page = body(
        as_alice.post(
            "/sessions/",
            {"on": today().isoformat(), "duration": "1h", "kind": "theory", "topic": foreign.pk},
        )
    )
    assert 'id="id_topic_error"' in page
    assert not StudySession.objects.exists()


def test_deleting_asks_first_then_takes_the_time_out(as_alice, alice):
    session = log_session(learner=alice, kind="theory", minutes=60, now=timezone.now())
    url = f"/sessions/{session.pk}/delete/"
    assert f'href="{url}"' in body(as_alice.get("/sessions/"))
    shows(as_alice.get(url), "Delete the session?", "1 h", "This cannot be undone.")
    assert StudySession.objects.exists()
    response = as_alice.post(url)
    assert response["Location"] == "/sessions/"
    assert not StudySession.objects.exists()
    assert DailyActivity.objects.get(learner=alice).total_minutes == 0
    shows(as_alice.get("/sessions/"), "The session was deleted.")


def test_an_unknown_session_is_a_404(as_alice):
    assert as_alice.get("/sessions/999999/delete/").status_code == 404
    assert as_alice.post("/sessions/999999/delete/").status_code == 404
