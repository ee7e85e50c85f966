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
