"""The skills matrix in a real browser: alice rates two skills, the radar charts draw her
scores, and her career choice appears on the dashboard. No console errors, no CSP
violations."""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_learner_browser import expect, expect_clean, learner_page

pytestmark = pytest.mark.browser


def test_alice_rates_herself_and_chooses_a_track(new_page, errors, enrolled, alice, settings):
    settings.LOCAL_MODE = False
    page = learner_page(new_page, locale="en-US")
    page.goto("/accounts/login/?next=/skills/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("alice-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/skills/$"))
    expect(page.locator("h1")).to_have_text("Skills matrix")
    page.get_by_label("Designing distributed systems").select_option("4")
    page.get_by_label("Foundational skills").select_option("3")
    page.get_by_role("button", name="Save the ratings").click()
    page.wait_for_url(re.compile(r"/skills/$"))
    expect(page.get_by_text("Ratings saved: 2.")).to_be_visible()
    page.wait_for_function("window.Chart && Chart.getChart('radar-key-chart')")
    key = page.evaluate("Chart.getChart('radar-key-chart').data.datasets[0].data")
    assert key[0] == 4 and sum(key) == 4
    phase = page.evaluate("Chart.getChart('radar-phase-chart').data.datasets[0].data")
    assert phase[0] == 3 and sum(phase) == 3

    page.get_by_role("combobox", name="Career track").select_option("specialized")
    page.get_by_label("Role you aim at").select_option("specialized-security-engineer")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#career-chosen")).to_have_text(
        "You aim at the Specialized Track: Security Engineer."
    )
    page.goto("/dashboard/")
    expect(page.locator("#career-track")).to_contain_text("Specialized Track: Security Engineer")
    expect_clean(page, errors)
