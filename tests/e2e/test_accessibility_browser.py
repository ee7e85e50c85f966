"""What only a browser can tell about accessibility: motion stops for those who ask the
system for less of it (WCAG 2.3.3), names that CSS could hide from a screen reader, and the
figures under each dashboard chart, opened with the keyboard."""

from __future__ import annotations

import pytest

from tests.e2e.test_learner_browser import expect, expect_clean, learner_page

pytestmark = pytest.mark.browser

MOTION = """() => {
  const dot = getComputedStyle(document.querySelector(".sp-nav-timer .sp-timer-dot"));
  const button = getComputedStyle(document.querySelector("#timer button[type=submit]"));
  return {
    dot: dot.animationName,
    button: button.transitionProperty + " " + button.transitionDuration,
  };
}"""


def running_timer_and_history(builtin) -> None:
    from django.utils import timezone

    from skillpath.people.services import ensure_local_user
    from skillpath.tracking.services import start_timer
    from tests.web.learner import enrol_from_this_week, log_history

    learner = ensure_local_user()
    enrol_from_this_week(learner, builtin)
    log_history(learner, days=10)
    start_timer(learner=learner, kind="theory", now=timezone.now())


def test_reduced_motion_stops_animations_and_transitions(new_page, errors, builtin):
    running_timer_and_history(builtin)
    page = learner_page(new_page)
    page.goto("/today/")
    moving = page.evaluate(MOTION)
    assert moving["dot"] == "sp-pulse"
    assert moving["button"] != "none 0s"

    page.emulate_media(reduced_motion="reduce")
    assert page.evaluate(MOTION) == {"dot": "none", "button": "none 0s"}
    page.goto("/dashboard/")
    page.wait_for_function("window.Chart && Chart.getChart('burnup-chart')")
    assert page.evaluate("Chart.defaults.animation") is False
    expect_clean(page, errors)


@pytest.mark.parametrize("width", [390, 1280, 1440])
def test_the_brand_link_keeps_its_name_at_every_width(new_page, errors, builtin, width):
    # Between 1200 and 1400 px only the logo shows, and the logo has no alt text of its own.
    page = learner_page(new_page, width=width)
    page.goto("/c/backend/")
    expect(page.get_by_role("link", name="Skillpath", exact=True)).to_be_visible()
    expect_clean(page, errors)


def test_the_dashboard_figures_open_from_under_each_chart(new_page, errors, builtin):
    running_timer_and_history(builtin)
    page = learner_page(new_page)
    page.goto("/dashboard/")
    for chart in ("burnup-chart", "hours-chart", "workload-chart"):
        figures = page.locator(f".sp-chart:has(#{chart}) + details")
        expect(figures.locator("table")).to_be_hidden()
        figures.locator("summary").press("Enter")
        expect(figures.locator("table")).to_be_visible()
    hours = page.evaluate("Chart.getChart('hours-chart').data")
    last_row = page.locator(".sp-chart:has(#hours-chart) + details tbody tr").last
    expect(last_row.locator("th")).to_have_text(hours["labels"][-1])
    assert last_row.locator("td").all_inner_texts() == [
        f"{s['data'][-1]:g}" for s in hours["datasets"]
    ]
    expect_clean(page, errors)
