"""Following "Designing Data-Intensive Applications" chapter by chapter in a real browser,
in both languages: tick a chapter on its page (htmx, in place), see it on the dashboard.
Local mode signs the browser in; no console errors, no CSP violations."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from tests.e2e.test_learner_browser import expect, expect_clean, learner_page

pytestmark = pytest.mark.browser

# The plan's texts (chapter titles, the book's parts) come from the package in each
# language. The page's own words are matched in either language: their Russian is in
# ru-msgids.json until it is merged into the catalogue.
TEXTS = {
    "en-US": {"chapter": "Replication", "group": "Part II. Distributed Data"},
    "ru-RU": {"chapter": "Репликация", "group": "Часть II. Распределённые данные"},
}
PROGRESS = re.compile(r"1 (of|из) 12 (parts|частей)")
READING = re.compile(r"Reading now|Сейчас читаю")


@pytest.fixture
def local_learner(builtin):
    from skillpath.people.services import ensure_local_user
    from skillpath.planning.services import CalendarInput, enrol

    learner = ensure_local_user()
    choice = CalendarInput(date(2026, 1, 5), Decimal(20), frozenset(range(7)))
    enrol(learner=learner, curriculum=builtin, choice=choice, today=date(2026, 1, 5))
    return learner


@pytest.mark.parametrize("locale", sorted(TEXTS))
def test_a_learner_follows_ddia_chapter_by_chapter(new_page, errors, local_learner, locale):
    texts = TEXTS[locale]
    page = learner_page(new_page, locale=locale)
    page.goto("/c/backend/resources/designing-data-intensive-applications/")
    expect(page.locator("h1")).to_have_text("Designing Data-Intensive Applications")
    expect(page.locator("#resource-checklist")).to_contain_text(texts["group"])

    page.evaluate("window.sp_marker = 'same document'")
    page.get_by_role("button", name=re.compile(f": {texts['chapter']}$")).click()
    expect(page.locator("#resource-checklist")).to_contain_text(PROGRESS)
    assert page.evaluate("window.sp_marker") == "same document"

    page.goto("/dashboard/")
    page.wait_for_url(re.compile(r"/dashboard/$"))
    card = page.locator("#resources-card-title").locator("xpath=../..")
    expect(card).to_contain_text(READING)
    expect(card).to_contain_text(PROGRESS)
    expect_clean(page, errors)
