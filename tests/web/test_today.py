"""The Today page: today's and this week's topics, overdue ones, the timer (kept in the
database), a quick log form and marking topics done; `/` leads here once enrolled."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from skillpath.planning.selectors import today_view
from skillpath.tracking.models import StudySession, Timer, TopicProgress
from skillpath.tracking.services import start_timer
from tests.web.conftest import in_language
from tests.web.learner import body, enrol_from_this_week, hides, html_lang, shows, today


@pytest.fixture
def fresh(client, builtin, alice):
    """alice, enrolled from this week's Monday and studying every day."""
    enrolment = enrol_from_this_week(alice, builtin)
    client.force_login(alice)
    in_language(client, "en")
    return enrolment


def test_home_goes_to_today_once_enrolled(client, builtin, alice):
    client.force_login(alice)
    assert client.get("/")["Location"] == "/c/backend/"
    enrol_from_this_week(alice, builtin)
    assert client.get("/")["Location"] == "/today/"


@pytest.mark.parametrize("language", ["en", "ru"])
def test_an_unenrolled_learner_is_invited_to_enrol(client, builtin, alice, language):
    client.force_login(alice)
    response = in_language(client, language).get("/today/")
    assert html_lang(response) == language
    assert 'href="/start/"' in body(response)
    if language == "en":
        shows(response, "Start your plan first", "You are not enrolled yet.")


def test_today_lists_todays_and_this_weeks_topics(client, fresh):
    view = today_view(fresh, today())
    assert view.today_items and view.week_items and not view.overdue
    response = client.get("/today/")
    shows(response, "Study today", "This week", "Log a session", "Start the timer")
    hides(response, "Overdue")
    page = body(response)
    for item in view.today_items + view.week_items:
        assert f'href="/c/backend/topics/{item.topic.slug}/"' in page
        assert f'action="/c/backend/topics/{item.topic.slug}/progress/"' in page


def test_today_reads_in_russian(client, fresh):
    from django.utils import formats, translation

    item = today_view(fresh, today()).today_items[0]
    response = in_language(client, "ru").get("/today/")
    assert html_lang(response) == "ru"
    with translation.override("ru"):
        weekday = formats.date_format(today(), "l")  # Django's own catalog: "пятница"
    shows(response, weekday, item.topic.title_ru)
    with translation.override("en"):
        hides(response, formats.date_format(today(), "l"))


def test_overdue_topics_are_flagged(client, enrolled, alice):
    """alice enrolled in January 2026: by now most of the plan is overdue."""
    client.force_login(alice)
    view = today_view(enrolled, today())
    assert view.overdue
    response = in_language(client, "en").get("/today/")
    shows(response, "Overdue", view.overdue[0].topic.title)
    assert "was due" in body(response)
    if len(view.overdue) > 8:
        shows(response, f"And {len(view.overdue) - 8} more overdue topics.")


def test_marking_a_topic_done_from_the_list(client, fresh, alice):
    item = today_view(fresh, today()).today_items[0]
    response = client.post(
        f"/c/backend/topics/{item.topic.slug}/progress/",
        {"status": "done", "next": "/today/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/today/"
    assert TopicProgress.objects.get(learner=alice, topic=item.topic).status == "done"
    page = body(client.get("/today/"))
    assert f'href="/c/backend/topics/{item.topic.slug}/"' not in page


def test_the_next_address_must_be_on_this_site(client, fresh):
    item = today_view(fresh, today()).today_items[0]
    response = client.post(
        f"/c/backend/topics/{item.topic.slug}/progress/",
        {"status": "done", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/today/"


def test_the_timer_starts_runs_across_reloads_and_stops_into_a_session(client, fresh, alice):
    topic = today_view(fresh, today()).today_items[0].topic
    response = client.post(
        "/timer/start/",
        {"timer-kind": "theory", "timer-topic": str(topic.pk), "next": "/today/"},
    )
    assert response["Location"] == "/today/"
    timer = Timer.objects.get(learner=alice)
    assert (timer.kind, timer.topic) == ("theory", topic)

    # It lives in the database: a later page (or a restarted server) still shows it.
    Timer.objects.filter(pk=timer.pk).update(started_at=timezone.now() - timedelta(minutes=25))
    page = body(client.get("/today/"))
    elapsed = [int(s) for s in re.findall(r'data-sp-elapsed="(\d+)"', page)]
    assert len(elapsed) == 2  # the Today card and the navbar
    assert all(25 * 60 <= s < 26 * 60 for s in elapsed)
    assert "0:25:" in page and "Stop and log" in page
    assert "sp-nav-timer" in body(client.get("/c/backend/"))

    response = client.post("/timer/stop/", {"next": "/today/"})
    assert response["Location"] == "/today/"
    session = StudySession.objects.get(learner=alice)
    assert (session.kind, session.topic, session.minutes) == ("theory", topic, 25)
    assert not Timer.objects.exists()
    page = body(client.get("/today/"))
    assert "Logged 25 min of Theory." in page
    assert "data-sp-elapsed" not in page


@pytest.mark.parametrize(
    "target", ["a b", "0", "2026-01-05", "today/", "//evil.example/", "https://evil.example/"]
)
def test_a_next_that_is_not_a_path_of_this_site_goes_to_today(client, fresh, target):
    # `redirect()` read "a b" or "0" as the name of a view: NoReverseMatch, a 500.
    response = client.post("/timer/stop/", {"next": target})
    assert response.status_code == 302 and response["Location"] == "/today/"


def test_a_second_timer_is_refused_with_the_services_message(client, fresh, alice):
    start_timer(learner=alice, kind="practice", now=timezone.now())
    client.post("/timer/start/", {"timer-kind": "theory"})
    shows(client.get("/today/"), "A timer is already running since")
    assert Timer.objects.count() == 1


def test_stopping_without_a_timer_says_so(client, fresh):
    client.post("/timer/stop/")
    shows(client.get("/today/"), "No timer is running.")


def test_a_timer_stopped_within_a_minute_logs_nothing(client, fresh, alice):
    client.post("/timer/start/", {"timer-kind": "practice"})
    client.post("/timer/stop/")
    assert not StudySession.objects.exists()
    shows(client.get("/today/"), "The timer ran for less than a minute: nothing was logged.")


def test_the_quick_log_form_logs_and_returns_to_today(client, fresh, alice):
    response = client.post(
        "/sessions/",
        {"on": today().isoformat(), "duration": "45m", "kind": "research", "next": "/today/"},
    )
    assert response["Location"] == "/today/"
    assert StudySession.objects.get(learner=alice).minutes == 45


def test_timer_and_status_changes_need_a_post(client, fresh):
    assert client.get("/timer/start/").status_code == 405
    assert client.get("/timer/stop/").status_code == 405
    assert client.get("/c/backend/topics/git/progress/").status_code == 405


# Session, user, the learner's time zone, the current enrolment; the plan with its topics,
# blocks, months and phases, the learner's topic statuses, the running timer; the reviews due.
TODAY_QUERIES = 4 + 3 + 1


def test_the_today_query_count_does_not_grow_with_history(
    client, fresh, alice, django_assert_num_queries
):
    from tests.web.learner import log_history

    client.get("/today/")
    with django_assert_num_queries(TODAY_QUERIES):
        client.get("/today/")
    log_history(alice, days=200)
    start_timer(learner=alice, kind="practice", now=timezone.now())
    with django_assert_num_queries(TODAY_QUERIES):
        response = client.get("/today/")
    assert "Stop and log" in body(response)
