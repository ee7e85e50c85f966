"""The learner's day with the keyboard alone (WCAG 2.1.1, 2.1.2, 2.4.3, 2.4.7): enrol, log a
session, start and stop the timer, and go through the navbar's menu on a phone. Only keys
are pressed and text typed: no clicks, no fill(). After every Tab the element that has
focus shows a ring, and the forms' tab order follows the order they are seen in."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from itertools import pairwise

import pytest

from tests.e2e.test_learner_browser import expect, expect_clean, learner_page

pytestmark = pytest.mark.browser

# What has focus, where it is drawn and whether it shows a ring. Bootstrap's hidden
# toggle buttons (.btn-check) show their focus on their label. The ring is an outline:
# Bootstrap's box-shadow glows fade in, so right after a Tab they are still transparent.
FOCUSED = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const shown = element.matches(".btn-check")
    ? document.querySelector(`label[for="${element.id}"]`)
    : element;
  // Past its year, a date or time field's last stop is its picker button, inside the
  // browser's own shadow tree: the field then loses :focus and Chromium rings the button.
  const picker = element.matches("input[type=date], input[type=time]")
    && !element.matches(":focus");
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  return {
    id: element.id,
    classes: element.className,
    text: (element.innerText || "").trim().slice(0, 60),
    ring: picker || (element.matches(":focus-visible")
      && style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2),
    top: box.top + window.scrollY,
    bottom: box.bottom + window.scrollY,
    left: box.left + window.scrollX,
    right: box.right + window.scrollX,
    width: box.width,
  };
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def press(page, key: str) -> dict:
    """Press a key; what has focus then must show a ring."""
    page.keyboard.press(key)
    now = focused(page)
    assert now is not None, f"{key} left focus on the page itself"
    assert now["ring"], f"no focus ring on {now}"
    return now


def name_of(element: dict) -> str:
    return element["id"] or element["text"]


def tab_until(page, wanted, *, stops: list[dict] | None = None, limit: int = 150) -> list[dict]:
    """Tab (every stop showing a ring) until `wanted(focused element)`. The stops, in order,
    are added to `stops`, one per element (Chromium tabs through a date field's day, month,
    year and picker button)."""
    stops = [] if stops is None else stops
    for _ in range(limit):
        now = press(page, "Tab")
        if not stops or name_of(stops[-1]) != name_of(now):
            stops.append(now)
        if wanted(now):
            return stops
    raise AssertionError(f"never reached it; tabbed through {[name_of(s) for s in stops]}")


def has_id(element_id: str):
    return lambda element: element["id"] == element_id


def has_text(text: str):
    return lambda element: element["text"] == text


def assert_reading_order(stops: list[dict]) -> None:
    """Each stop comes after the one before as a page is read: further down, or on the
    same line further right (a field beside another in a row of the grid)."""
    for before, after in pairwise(stops):
        below = after["top"] >= before["bottom"] - 2
        beside = after["top"] >= before["top"] - 24 and after["left"] >= before["right"] - 2
        assert below or beside, f"{name_of(after)} is before {name_of(before)} on the page"


def ids(stops: list[dict]) -> list[str]:
    return [name_of(s) for s in stops]


def test_a_new_learner_enrols_with_the_keyboard(new_page, errors, builtin):
    from skillpath.planning.models import Enrolment

    page = learner_page(new_page)
    page.goto("/start/")
    stops = tab_until(page, has_id("id_curriculum"))
    assert ids(stops)[0] == "Skip to content"

    form = stops[-1:]
    tab_until(page, has_id("id_hours_per_week"), stops=form)
    page.keyboard.press("Control+A")
    page.keyboard.type("12.5")
    tab_until(page, has_id("id_study_weekdays_6"), stops=form)
    page.keyboard.press("Space")  # Sunday too
    tab_until(page, has_id("id_pace_0"), stops=form)
    # The radio buttons of a group are one stop: arrows choose.
    assert press(page, "ArrowDown")["id"] == "id_pace_1"
    assert press(page, "ArrowUp")["id"] == "id_pace_0"
    tab_until(page, has_text("Build my plan"), stops=form)
    assert ids(form) == [
        "id_curriculum",
        "id_start_on",
        "id_time_zone",
        "id_hours_per_week",
        *[f"id_study_weekdays_{day}" for day in range(7)],
        "id_days_off",
        "id_pace_0",
        "id_target_on",
        "Build my plan",
    ]
    assert_reading_order(form)

    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/today/$"))
    expect(page.get_by_text("You are enrolled. Here is what to study today.")).to_be_visible()
    enrolment = Enrolment.objects.get()
    assert (enrolment.hours_per_week, enrolment.study_weekdays, enrolment.pace) == (
        Decimal("12.5"),
        "0123456",
        "18",
    )
    expect_clean(page, errors)


def enrolled_learner(builtin):
    from skillpath.people.services import ensure_local_user
    from tests.web.learner import enrol_from_this_week

    learner = ensure_local_user()
    enrol_from_this_week(learner, builtin)
    return learner


def test_a_session_is_logged_from_today_with_the_keyboard(new_page, errors, builtin):
    from skillpath.tracking.models import StudySession

    learner = enrolled_learner(builtin)
    page = learner_page(new_page)
    page.goto("/today/")
    tab_until(page, has_id("id_duration"))  # through the plan, the reviews and the timer
    page.keyboard.type("1h30m")
    form = [focused(page)]
    tab_until(page, has_id("id_kind_1"), stops=form)  # the checked kind
    form.append(press(page, "ArrowRight"))  # Research
    tab_until(page, has_id("id_note"), stops=form)
    page.keyboard.type("Typed, not clicked")
    tab_until(page, has_text("Log it"), stops=form)
    assert ids(form) == ["id_duration", "id_kind_1", "id_kind_2", "id_topic", "id_note", "Log it"]
    assert_reading_order(form)

    page.keyboard.press("Enter")
    expect(page.get_by_text("Logged 1 h 30 min of Research.")).to_be_visible()
    session = StudySession.objects.get(learner=learner)
    assert (session.kind, session.minutes, session.note) == ("research", 90, "Typed, not clicked")
    expect_clean(page, errors)


def test_the_sessions_page_form_goes_in_reading_order(new_page, errors, builtin):
    from skillpath.tracking.models import StudySession

    learner = enrolled_learner(builtin)
    page = learner_page(new_page)
    page.goto("/sessions/")
    form = tab_until(page, has_id("id_on"))[-1:]
    tab_until(page, has_id("id_duration"), stops=form)
    page.keyboard.type("45m")
    tab_until(page, has_text("Log the session"), stops=form)
    assert ids(form) == [
        "id_on",
        "id_duration",
        "id_start",
        "id_kind_1",
        "id_topic",
        "id_resource",
        "id_note",
        "Log the session",
    ]
    assert_reading_order(form)
    page.keyboard.press("Enter")
    expect(page.locator(".sp-session")).to_have_count(1)
    assert StudySession.objects.get(learner=learner).minutes == 45
    expect_clean(page, errors)


def test_the_timer_starts_and_stops_with_the_keyboard_and_says_so(new_page, errors, builtin):
    from django.utils import timezone

    from skillpath.tracking.models import StudySession, Timer

    learner = enrolled_learner(builtin)
    page = learner_page(new_page)
    page.goto("/today/")
    status = page.locator("#timer-status")
    expect(status).to_have_text("The timer is not running.")
    page.evaluate("document.getElementById('timer-status').spMarker = 'same node'")

    tab_until(page, has_id("id_timer-kind"))
    press(page, "ArrowUp")  # Practice → Theory
    tab_until(page, has_text("Start the timer"))
    page.keyboard.press("Enter")

    # Swapped in place: the status line is the same node with new text (a screen reader
    # says it), the clock ticks, and focus is on the button that stops the timer.
    expect(page.locator("#timer .sp-clock")).to_have_text(re.compile(r"^0:00:\d\d$"))
    expect(status).to_have_text(re.compile(r"^Theory since "))
    assert status.get_attribute("aria-live") == "polite"
    assert page.evaluate("document.getElementById('timer-status').spMarker") == "same node"
    assert focused(page)["text"] == "Stop and log"
    expect(page.locator(".sp-nav-timer")).to_be_visible()
    clock = page.locator("#timer .sp-clock")
    expect(clock).not_to_have_text(clock.inner_text())  # it counts

    Timer.objects.filter(learner=learner).update(started_at=timezone.now() - timedelta(minutes=3))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Logged 3 min of Theory.")).to_be_visible()
    expect(status).to_have_text("The timer is not running.")
    assert page.evaluate("document.getElementById('timer-status').spMarker") == "same node"
    assert focused(page)["text"] == "Start the timer"
    expect(page.locator(".sp-nav-timer")).to_have_count(0)
    session = StudySession.objects.get(learner=learner)
    assert (session.kind, session.minutes) == ("theory", 3)
    expect_clean(page, errors)


NAV_LINKS = [
    "Today",
    "Dashboard",
    "Reviews",
    "Sessions",
    "Calendar",
    "Roadmap",
    "Projects",
    "Checks",
    "Assessment & KPIs",
]


OPEN = re.compile(r"(^|\s)show(\s|$)")


def test_the_navbar_menu_on_a_phone_lets_the_keyboard_in_and_out(new_page, errors, builtin):
    enrolled_learner(builtin)
    page = learner_page(new_page, width=390)
    page.goto("/today/")
    menu = page.locator("#nav")
    toggler = page.get_by_role("button", name="Menu")
    # Closed, its links are not in the tab order.
    stops = tab_until(page, lambda element: "navbar-toggler" in element["classes"])
    assert not set(NAV_LINKS) & set(ids(stops))

    page.keyboard.press("Enter")
    # Open, not still opening: Bootstrap ignores Escape while the menu slides.
    expect(menu).to_have_class(OPEN)
    expect(toggler).to_have_attribute("aria-expanded", "true")
    links = tab_until(page, has_text(NAV_LINKS[-1]))
    assert ids(links) == NAV_LINKS
    for link in links:
        assert link["right"] <= 390 and link["width"] > 0, link
    assert press(page, "Shift+Tab")["text"] == NAV_LINKS[-2]

    # Escape closes it and puts focus back on its button.
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(toggler).to_be_focused()
    expect(toggler).to_have_attribute("aria-expanded", "false")

    # Open again, and Tab past the last link: focus goes on to the page.
    page.keyboard.press("Enter")
    expect(menu).to_have_class(OPEN)
    tab_until(page, has_text(NAV_LINKS[-1]))
    after = press(page, "Tab")
    assert after["text"] not in NAV_LINKS
    assert page.evaluate("document.getElementById('content').contains(document.activeElement)")
    expect_clean(page, errors)
