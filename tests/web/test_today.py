"""The Today page: today's and this week's topics, overdue ones, the timer (kept in the
database), a quick log form and marking topics done; `/` leads here once enrolled."""

from __future__ import annotations

import re
import zoneinfo
from datetime import timedelta

import pytest
from django.utils import timezone

from skillpath.planning.selectors import today_view
from skillpath.tracking.models import StudySession, Timer, TopicProgress
from skillpath.tracking.services import start_timer
from tests.web.conftest import in_language
from tests.web.learner import (
    body,
    element,
    enrol_from_this_week,
    hides,
    html_lang,
    options,
    shows,
    today,
)


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


def test_done_sends_back_every_part_of_today_that_depends_on_the_topics(client, enrolled, alice):
    """alice enrolled in January 2026: most of the plan is overdue, so finishing an overdue
    topic changes the header's overdue count as well as the lists and the topic choices."""
    client.force_login(alice)
    in_language(client, "en")
    before = today_view(enrolled, today())
    topic = before.overdue[0].topic
    page = body(client.get("/today/"))
    form = re.search(rf'<form [^>]*hx-post="/c/backend/topics/{topic.slug}/progress/"[^>]*>', page)
    assert form, "the topic has no Done button"
    swapped = re.search(r'hx-select="#([\w-]+)"', form.group(0)).group(1)
    assert re.search(rf'hx-target="#{swapped}"', form.group(0))
    assert str(topic.pk) in options(element(page, swapped), "timer-topic")

    response = client.post(
        f"/c/backend/topics/{topic.slug}/progress/",
        {"status": "done", "next": "/today/"},
        headers={"HX-Request": "true"},
        follow=True,
    )
    part = element(body(response), swapped)
    after = today_view(enrolled, today())
    assert len(after.overdue) == len(before.overdue) - 1
    today_count = len(after.today_items)
    planned = f"{today_count} topic{'' if today_count == 1 else 's'} "
    assert planned in element(part, "today-summary")
    assert f"{len(after.overdue)} are overdue." in element(part, "today-summary")
    assert f"{len(before.overdue)} are overdue." not in part
    assert f'href="/c/backend/topics/{topic.slug}/"' not in part
    for name in ("timer-topic", "topic"):  # the timer's and the quick log form's
        assert str(topic.pk) not in options(part, name)
    assert str(after.overdue[0].topic.pk) in options(part, "timer-topic")


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


def test_the_header_gives_todays_study_time(client, fresh):
    view = today_view(fresh, today())
    # 20 hours a week over seven study days; today's topics take at least that.
    assert view.planned_minutes == round(20 * 60 / 7) == 171
    shows(client.get("/today/"), "2 h 51 min of study today.")


@pytest.mark.parametrize(("language", "today_word"), [("en", "today"), ("ru", "сегодня")])
def test_each_of_todays_topics_gives_its_share_of_today(client, fresh, language, today_word):
    from django.utils import translation

    from skillpath.core.display import duration

    view = today_view(fresh, today())
    shares = view.planned_minutes_by_topic
    assert set(shares) == {i.topic.pk for i in view.today_items}
    assert sum(shares.values()) == view.planned_minutes
    # A topic of several days: the row says what today holds of it, not only its dates.
    assert any(shares[i.topic.pk] < i.entry.minutes for i in view.today_items)
    page = body(in_language(client, language).get("/today/"))
    with translation.override(language):
        for item in view.today_items:
            share = f'<span class="sp-plan-today">{duration(shares[item.topic.pk])} {today_word}'
            assert share in page, item.topic.slug


def test_the_header_says_how_much_is_logged_today(client, fresh, alice):
    hides(client.get("/today/"), "logged so far.")
    client.post("/sessions/", {"on": today().isoformat(), "duration": "1h30m", "kind": "theory"})

    shows(client.get("/today/"), "1 h 30 min logged so far.")
    assert today_view(fresh, today()).logged_minutes == 90


NUDGE = "Nothing is logged for today yet."


def test_a_study_day_with_nothing_logged_nudges_until_something_is(client, fresh, alice):
    from skillpath.tracking.services import log_session

    now = timezone.now()
    # Yesterday's work does not count for today.
    log_session(learner=alice, kind="theory", minutes=40, on=today() - timedelta(days=1), now=now)
    shows(client.get("/today/"), NUDGE)
    client.post("/sessions/", {"on": today().isoformat(), "duration": "20m", "kind": "practice"})
    hides(client.get("/today/"), NUDGE)


def test_a_day_off_does_not_nudge(client, builtin, alice):
    from decimal import Decimal

    from skillpath.core.dates import week_start
    from skillpath.planning.services import CalendarInput, enrol

    day = today()
    others = frozenset(range(7)) - {day.weekday()}
    choice = CalendarInput(week_start(day) - timedelta(days=7), Decimal(20), others)
    enrolment = enrol(learner=alice, curriculum=builtin, choice=choice, today=day)
    client.force_login(alice)
    view = today_view(enrolment, day)
    assert not view.is_study_day and view.planned_minutes == 0
    response = in_language(client, "en").get("/today/")
    hides(response, NUDGE, "of study today.")


def test_the_nudge_follows_the_learners_day_not_the_servers(client, fresh, alice):
    """Far east of UTC, "today" is the learner's date: a session logged on their yesterday
    leaves today empty."""
    from skillpath.people.services import set_time_zone
    from skillpath.tracking.services import log_session

    set_time_zone(user=alice, time_zone="Pacific/Kiritimati")
    local = timezone.now().astimezone(zoneinfo.ZoneInfo("Pacific/Kiritimati"))
    yesterday = local.date() - timedelta(days=1)
    log_session(learner=alice, kind="theory", minutes=30, on=yesterday, now=timezone.now())
    shows(client.get("/today/"), NUDGE)
    log_session(learner=alice, kind="theory", minutes=30, now=timezone.now())
    hides(client.get("/today/"), NUDGE)


def test_timer_and_status_changes_need_a_post(client, fresh):
    assert client.get("/timer/start/").status_code == 405
    assert client.get("/timer/stop/").status_code == 405
    assert client.get("/c/backend/topics/git/progress/").status_code == 405


# Session, user, the learner's time zone, the current enrolment; the plan with its topics,
# blocks, months and phases, the learner's topic statuses, the running timer, the study
# calendar's days off, today's logged minutes (the last two for the nudge and the daily
# amount); the reviews due; this month's activities card (the months reached, the month's
# activities).
TODAY_QUERIES = 4 + 5 + 1 + 2


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
