"""A learner's pages in Russian write durations and dates one way (core/display.py): no
"3h45m" beside «3,8 ч», no capitalised month abbreviations («Ноя»), no «г..»."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from skillpath.tracking.services import log_session
from tests.web.conftest import in_language
from tests.web.learner import body, log_history

OLD_DURATION = re.compile(r"\b\d+h\d*m?\b|\b\d+m\b|\b\d+[.,]\d+\s*ч\b")
CAPITALISED_MONTH = re.compile(r"\b\d{1,2}\s+(?:Янв|Фев|Мар|Апр|Май|Июн|Июл|Авг|Сен|Окт|Ноя|Дек)")
MONTH_LABEL = re.compile(r">\s*(?:Янв|Фев|Мар|Апр|Июн|Июл|Авг|Сен|Окт|Ноя|Дек)\.?\s*<")
DOUBLED_DOT = re.compile(r"г\.\.")
PAGES = ["/today/", "/sessions/", "/dashboard/", "/report/week/", "/start/"]


def visible_text(page: str) -> str:
    """The page without its scripts and tags' attributes (chart data, ids, URLs)."""
    page = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    return re.sub(r"<[^>]*>", "<>", page)


@pytest.fixture
def russian_learner(client, enrolled, alice):
    client.force_login(alice)
    log_history(alice, days=120)
    log_session(learner=alice, kind="theory", minutes=225, now=timezone.now())
    return in_language(client, "ru")


@pytest.mark.parametrize("url", PAGES)
def test_a_russian_page_writes_durations_and_dates_one_way(russian_learner, url):
    page = visible_text(body(russian_learner.get(url, follow=True)))
    assert OLD_DURATION.findall(page) == []
    assert CAPITALISED_MONTH.findall(page) == []
    assert MONTH_LABEL.findall(page) == []
    assert DOUBLED_DOT.findall(page) == []


def test_a_date_closing_a_russian_message_has_one_dot(russian_learner, builtin):
    data = {
        "curriculum": builtin.pk,
        "start_on": "2026-02-02",
        "hours_per_week": "20",
        "study_weekdays": ["0", "1", "2", "3", "4", "5"],
        "days_off": "",
        "pace": "18",
        "target_on": "",
    }
    page = body(russian_learner.post("/start/", data, follow=True))
    assert re.search(r"\d{4}\.", page), "the message ends on a date"
    assert DOUBLED_DOT.findall(page) == []


@pytest.fixture
def keeping_pace(russian_learner, alice):
    """alice with topics finished in the last four weeks: the dashboard forecasts from her
    real pace, and says what that pace is."""
    from datetime import timedelta

    from skillpath.curriculum.models import Topic
    from skillpath.tracking.services import set_topic_status

    today = timezone.now().date()
    for days_ago, topic in enumerate(Topic.objects.order_by("position")[:3], start=3):
        set_topic_status(
            learner=alice, topic=topic, status="done", today=today - timedelta(days=days_ago)
        )
    return russian_learner


def test_the_forecast_writes_its_weekly_pace_as_a_duration(keeping_pace):
    page = visible_text(body(keeping_pace.get("/dashboard/")))
    assert OLD_DURATION.findall(page) == []

    english = visible_text(body(in_language(keeping_pace, "en").get("/dashboard/")))
    pace = r"Based on your last four weeks: \d+ h( \d+ min)? a week on average"
    assert re.search(pace, english), "the forecast is by pace, its pace a duration"


def test_the_session_edit_page_writes_its_date_one_way(russian_learner, alice):
    session = alice.study_sessions.first()
    page = visible_text(body(russian_learner.get(f"/sessions/{session.pk}/edit/")))
    assert CAPITALISED_MONTH.findall(page) == []
    assert re.search(r"\d{1,2} (?:[а-я]{3}\.|мая|июня|июля)", page)


def test_the_public_page_writes_its_dates_one_way(russian_learner, alice, server_mode):
    from datetime import date

    from skillpath.curriculum.models import Topic
    from skillpath.tracking.models import PublicPage
    from skillpath.tracking.services import set_public_page, set_topic_status

    git = Topic.objects.get(slug="git")
    set_topic_status(learner=alice, topic=git, status="done", today=date(2025, 11, 4))
    set_public_page(learner=alice, is_enabled=True)
    token = PublicPage.objects.get(learner=alice).token
    page = visible_text(body(russian_learner.get(f"/p/{token}/")))
    assert "4 ноя." in page
    assert CAPITALISED_MONTH.findall(page) == []
