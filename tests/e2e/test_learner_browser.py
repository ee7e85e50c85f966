"""The learner's day in a real browser: enrol, log a session, finish a topic and see it on
the dashboard; a timer that survives a reload and keeps counting, then becomes a session.
Local mode signs the browser in (the live server is on 127.0.0.1). No console errors and
no Content-Security-Policy violations anywhere."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

pytestmark = pytest.mark.browser

# Runs before any page script: collects CSP violations the page would otherwise only log.
WATCH_CSP = """
window.__spViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__spViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def expect(target):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def learner_page(new_page, *, width: int = 1280, locale: str = "en-US"):
    page = new_page(locale=locale, width=width)
    page.add_init_script(WATCH_CSP)
    return page


def expect_clean(page, errors) -> None:
    assert page.evaluate("window.__spViolations") == []
    assert list(errors) == [], "\n".join(errors)


def test_enrol_log_finish_a_topic_and_see_it_on_the_dashboard(new_page, errors, builtin):
    page = learner_page(new_page)
    page.goto("/start/")
    expect(page.locator("h1")).to_have_text("Start your plan")

    # A bad value is refused beside its field, and what was typed stays.
    page.get_by_label("Hours per week").fill("90")
    page.get_by_label("Days off and holidays").fill("2030-12-30 – 2031-01-05")
    page.get_by_role("button", name="Build my plan").click()
    expect(page.locator("#id_hours_per_week_error")).to_have_text(
        "Hours per week must be between 1 and 80."
    )
    expect(page.get_by_label("Days off and holidays")).to_have_value("2030-12-30 – 2031-01-05")

    page.get_by_label("Hours per week").fill("20")
    page.locator("label[for=id_study_weekdays_6]").click()  # Sunday too: today has topics
    page.get_by_role("button", name="Build my plan").click()
    page.wait_for_url(re.compile(r"/today/$"))
    expect(page.get_by_text("You are enrolled. Here is what to study today.")).to_be_visible()
    first = page.locator("#today-title ~ ul .sp-plan-title").first
    topic = first.inner_text()

    # Log a session from the quick form.
    page.get_by_label("Duration").fill("1h30m")
    page.locator("label[for=id_kind_1]").click()  # Practice
    page.get_by_role("button", name="Log it").click()
    page.wait_for_url(re.compile(r"/today/$"))
    expect(page.get_by_text("Logged 1 h 30 min of Practice.")).to_be_visible()

    # Mark the first topic of today done: htmx swaps the lists in place.
    page.evaluate("window.sp_marker = 'same document'")
    page.locator("#today-title ~ ul .sp-plan-row").first.get_by_role(
        "button", name=re.compile("^Done")
    ).click()
    expect(page.locator("#today-plan .sp-plan-title", has_text=topic)).to_have_count(0)
    assert page.evaluate("window.sp_marker") == "same document"

    # The dashboard shows the finished topic and the hours.
    page.get_by_role("link", name="Dashboard", exact=True).click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    expect(page.get_by_text("1 of 144 topics finished (1%).")).to_be_visible()
    expect(page.locator(".sp-stats")).to_contain_text("1 h 30 min")
    expect(page.locator(".sp-progress[aria-valuenow='1']").first).to_be_visible()
    page.wait_for_function(
        "window.Chart && Chart.getChart('burnup-chart') && Chart.getChart('hours-chart')"
    )
    hours = page.evaluate("Chart.getChart('hours-chart').data.datasets[1].data.slice(-1)[0]")
    assert hours == 1.5
    assert page.locator("#burnup-chart").bounding_box()["height"] > 100
    expect_clean(page, errors)


def test_done_updates_the_header_and_the_timer_without_a_reload(new_page, errors, builtin):
    from decimal import Decimal

    from skillpath.people.services import ensure_local_user
    from skillpath.planning.selectors import today_view
    from skillpath.planning.services import CalendarInput, enrol
    from tests.web.learner import today

    # Enrolled four weeks ago and nothing done since: some topics are overdue.
    start = today() - timedelta(days=28)
    choice = CalendarInput(start, Decimal(20), frozenset(range(7)))
    enrolment = enrol(learner=ensure_local_user(), curriculum=builtin, choice=choice, today=start)
    overdue = len(today_view(enrolment, today()).overdue)
    assert overdue > 1
    page = learner_page(new_page)
    page.goto("/today/")
    summary = page.locator("#today-summary")
    expect(summary).to_contain_text(f"{overdue} are overdue.")
    row = page.locator("#overdue-title ~ ul .sp-plan-row").first
    title = row.locator(".sp-plan-title").inner_text()
    timer_topics = page.locator("#timer select[name=timer-topic] option")
    expect(timer_topics.filter(has_text=title)).to_have_count(1)

    page.evaluate("window.sp_marker = 'same document'")
    row.get_by_role("button", name=re.compile("^Done")).click()
    expect(summary).to_contain_text(f"{overdue - 1} are overdue.")
    expect(timer_topics.filter(has_text=title)).to_have_count(0)
    expect(page.locator("select[name=topic] option", has_text=title)).to_have_count(0)
    expect(page.locator("#today-title")).to_be_focused()
    assert page.evaluate("window.sp_marker") == "same document"
    expect_clean(page, errors)


def test_the_timer_survives_a_reload_keeps_counting_and_becomes_a_session(
    new_page, errors, builtin
):
    from django.utils import timezone

    from skillpath.people.services import ensure_local_user
    from skillpath.tracking.models import StudySession, Timer
    from tests.web.learner import enrol_from_this_week

    learner = ensure_local_user()
    enrol_from_this_week(learner, builtin)
    page = learner_page(new_page)
    page.goto("/today/")
    page.get_by_label("Kind").select_option("theory")
    page.get_by_role("button", name="Start the timer").click()
    page.wait_for_url(re.compile(r"/today/$"))
    expect(page.get_by_role("button", name="Stop and log")).to_be_visible()

    # Pretend it started three minutes ago, then reload: it is still running.
    Timer.objects.filter(learner=learner).update(started_at=timezone.now() - timedelta(minutes=3))
    page.reload()
    clock = page.locator("#timer .sp-clock")
    expect(clock).to_have_text(re.compile(r"^0:03:\d\d$"))
    expect(page.locator(".sp-nav-timer .sp-clock")).to_have_text(re.compile(r"^0:03:\d\d$"))
    # The static script keeps counting (waited for, not timed: a busy machine is slow).
    expect(clock).not_to_have_text(clock.inner_text())

    nudge = page.locator("#today-nudge")
    expect(nudge).to_contain_text("Nothing is logged for today yet.")
    page.evaluate("window.sp_marker = 'same document'")
    page.get_by_role("button", name="Stop and log").click()
    page.wait_for_url(re.compile(r"/today/$"))
    expect(page.get_by_text("Logged 3 min of Theory.")).to_be_visible()
    assert page.locator(".sp-nav-timer").count() == 0
    # What counts today's logged time follows without a reload: the nudge goes, the summary
    # says what is logged.
    expect(nudge).to_be_empty()
    expect(page.locator("#today-summary")).to_contain_text("3 min logged so far.")
    assert page.evaluate("window.sp_marker") == "same document"
    session = StudySession.objects.get(learner=learner)
    assert (session.kind, session.minutes) == ("theory", 3)

    page.get_by_role("link", name="Sessions", exact=True).click()
    page.wait_for_url(re.compile(r"/sessions/$"))
    expect(page.locator(".sp-session")).to_have_count(1)
    expect(page.locator(".sp-session")).to_contain_text("3 min")
    expect_clean(page, errors)


def test_deleting_a_session_asks_first(new_page, errors, builtin):
    from django.utils import timezone

    from skillpath.people.services import ensure_local_user
    from skillpath.tracking.services import log_session

    log_session(learner=ensure_local_user(), kind="research", minutes=20, now=timezone.now())
    page = learner_page(new_page)
    page.goto("/sessions/")
    page.locator(".sp-session-delete").click()
    expect(page.locator("h1")).to_have_text("Delete the session?")
    page.get_by_role("button", name="Delete it").click()
    page.wait_for_url(re.compile(r"/sessions/$"))
    expect(page.get_by_text("The session was deleted.")).to_be_visible()
    expect(page.locator(".sp-session")).to_have_count(0)
    expect_clean(page, errors)


def test_topic_status_changes_in_place(new_page, errors, builtin):
    from skillpath.people.services import ensure_local_user
    from tests.web.learner import enrol_from_this_week

    enrol_from_this_week(ensure_local_user(), builtin)
    page = learner_page(new_page)
    page.goto("/c/backend/topics/git/")
    page.evaluate("window.sp_marker = 'same document'")
    card = page.locator("#topic-progress")
    card.get_by_role("button", name="In progress").click()
    expect(page.locator("#topic-progress [aria-pressed=true]")).to_have_text(
        re.compile("In progress")
    )
    page.get_by_label("Link").fill("https://github.com/me/git-notes")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".sp-evidence-list a.sp-evidence-url")).to_have_attribute(
        "href", "https://github.com/me/git-notes"
    )
    page.get_by_label("Link").fill("not a link")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#id_url_error")).to_be_visible()
    assert page.evaluate("window.sp_marker") == "same document"
    expect_clean(page, errors)


@pytest.mark.parametrize("locale", ["ru-RU", "en-US"])
def test_learner_pages_fit_a_phone_and_a_laptop(new_page, errors, builtin, locale):
    from django.utils import timezone

    from skillpath.people.services import ensure_local_user
    from skillpath.tracking.services import log_session, start_timer
    from tests.web.learner import enrol_from_this_week

    learner = ensure_local_user()
    enrol_from_this_week(learner, builtin)
    log_session(learner=learner, kind="practice", minutes=45, now=timezone.now())
    start_timer(learner=learner, kind="theory", now=timezone.now())
    paths = [
        "/today/",
        "/dashboard/",
        "/report/week/",
        "/sessions/",
        "/calendar/",
        "/start/",
        "/c/backend/topics/git/",
    ]
    for width in (375, 1280):
        page = learner_page(new_page, width=width, locale=locale)
        for path in paths:
            page.goto(path)
            overflow = page.evaluate("document.documentElement.scrollWidth") - width
            assert overflow <= 0, f"{path} is {overflow}px wider than {width}px"
            assert page.locator(".sp-nav-timer").is_visible()
        expect_clean(page, errors)
