"""A mock interview in the browser: alice opens her month's mock interview, chooses the
Junior set, ticks the points an answer covered and its depth, finishes, and sees the score
on the activity, now submitted. The questions page passes axe too."""

from __future__ import annotations

import re

import pytest

from skillpath.assessment import activity_selectors
from skillpath.assessment.models import Interview
from tests.e2e.test_accessibility import violations
from tests.e2e.test_learner_browser import expect

pytestmark = pytest.mark.browser


def test_alice_runs_a_mock_interview_to_a_score(open_page, enrolled, alice, settings):
    settings.LOCAL_MODE = False
    question = activity_selectors.interview_sets(enrolled.curriculum)["junior"].questions[0]
    page = open_page(locale="en-US")
    page.goto("/accounts/login/?next=/activities/month/1/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("alice-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/activities/month/1/$"))
    expect(page.locator("h1")).to_have_text("Activities of month 1")

    page.locator("#activity-mock_interview").get_by_role("link", name="Run the interview").click()
    page.wait_for_url(re.compile(r"/interview/$"))
    page.get_by_label("Level").select_option("junior")
    page.get_by_role("button", name="Choose the set").click()
    page.wait_for_url(re.compile(r"level=junior"))
    assert violations(page) == []

    card = page.locator(f"#q-{question.slug}")
    card.get_by_label(question.points[0].text.en).check()
    card.get_by_label(question.points[1].text.en).check()
    card.get_by_text("2 deep").click()
    page.get_by_role("button", name="Finish and score").click()
    page.wait_for_url(re.compile(r"/activities/\d+/$"))
    interview = Interview.objects.get()
    expect(page.locator(".sp-interview-score")).to_have_text(f"{interview.percent:g}%")
    expect(page.locator(".sp-activity-state").first).to_contain_text("submitted")
    assert interview.marks == {question.slug: {"ticked": [0, 1], "depth": 2}}
    page.close()
