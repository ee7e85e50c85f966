"""The level check in a real browser: alice opens her checklist, sees what is missing for
Junior with a link to it, follows the link to her passed run, and presses "Check again",
which saves the assessment to her history. No console errors, no CSP violations."""

from __future__ import annotations

import re

import pytest

from tests.assessment.level_world import pass_checks
from tests.e2e.test_learner_browser import expect, expect_clean, learner_page

pytestmark = pytest.mark.browser


@pytest.fixture
def server_mode(settings):
    settings.LOCAL_MODE = False
    return settings


def test_alice_acts_on_her_checklist(new_page, errors, enrolled, alice, server_mode):
    run = pass_checks(alice, ["todo-api"])[0]
    page = learner_page(new_page)
    page.goto("/accounts/login/?next=/assessment/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("alice-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/assessment/$"))
    expect(page.locator("h1")).to_have_text("Level check")
    junior = page.locator("#milestone-1")
    expect(
        junior.get_by_text("missing", exact=False).filter(has_text="Phase 1 projects")
    ).to_be_visible()
    expect(junior.get_by_role("link", name="URL shortener with caching")).to_be_visible()

    page.get_by_role("button", name="Check again").click()
    page.wait_for_url(re.compile(r"/assessment/$"))
    expect(page.get_by_text("Assessment saved to your history.")).to_be_visible()

    junior.get_by_role("link", name=f"run {run.pk} of todo-api").first.click()
    page.wait_for_url(re.compile(rf"/checks/todo-api/runs/{run.pk}/$"))
    page.goto("/assessment/history/")
    expect(page.locator("#history tbody tr")).to_have_count(1)
    page.wait_for_function("window.Chart && Chart.getChart('level-history-chart')")
    assert page.evaluate("Chart.getChart('level-history-chart').data.datasets.length") == 4
    expect_clean(page, errors)
