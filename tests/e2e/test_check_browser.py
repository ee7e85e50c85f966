"""The practice checks in a real browser: alice signs in, opens the checks, opens a suite and
sees her latest (failed) run with its message. No console errors and no
Content-Security-Policy violations."""

from __future__ import annotations

import re

import pytest

from skillpath.checks.suites import all_suites
from tests.checks.runs import record_run
from tests.conftest import need
from tests.e2e.test_learner_browser import expect, expect_clean, learner_page

pytestmark = pytest.mark.browser

MESSAGE = "GET of a task that does not exist must answer 404"


@pytest.fixture
def server_mode(settings):
    """Local mode off: the browser signs in as alice, not as the local learner."""
    settings.LOCAL_MODE = False
    return settings


def failed_run(learner, suite):
    """A run that passes the first stage (if there are two) and fails the next."""
    return record_run(
        learner,
        suite,
        failing=min(2, len(suite.stages)),
        seed=1234,
        message=MESSAGE,
        expected="status 404",
        actual="status 200, body: {}",
    )


def test_alice_sees_her_latest_failed_run(new_page, errors, enrolled, alice, server_mode):
    suites = all_suites()
    need(suites, "no check suite is written yet")
    suite = suites[0]
    run = failed_run(alice, suite)

    page = learner_page(new_page)
    page.goto("/accounts/login/?next=/checks/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("alice-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/checks/$"))
    expect(page.locator("h1")).to_have_text("Practice checks")
    card = page.locator(f"#check-{suite.slug}")
    expect(card.get_by_text("Not passed yet")).to_be_visible()

    card.get_by_role("link", name=str(suite.title)).click()
    page.wait_for_url(re.compile(rf"/checks/{suite.slug}/$"))
    expect(page.locator("h1.sp-page-title")).to_have_text(str(suite.title))
    latest = page.locator("#latest")
    expect(latest.get_by_text(MESSAGE)).to_be_visible()
    expect(latest.get_by_text("status 200, body: {}")).to_be_visible()
    # The run's date is its link, first in the row (on screen on a phone too).
    runs = page.locator("#history tbody th").get_by_role("link")
    expect(runs).to_have_count(1)
    runs.click()
    page.wait_for_url(re.compile(rf"/checks/{suite.slug}/runs/{run.pk}/$"))
    expect(page.get_by_text(MESSAGE)).to_be_visible()
    expect(page.get_by_text(f"--seed {run.seed}")).to_be_visible()
    expect_clean(page, errors)
