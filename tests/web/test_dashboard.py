"""The dashboard and the weekly report: what they show, in both languages, and query
counts that stay the same for a day of history and for a year of it."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from skillpath.core.dates import week_start
from skillpath.curriculum.models import Phase, Topic
from skillpath.planning.selectors import plan_items, week_items
from skillpath.tracking.services import log_session, set_topic_status
from tests.web.conftest import in_language
from tests.web.learner import (
    body,
    hides,
    html_lang,
    log_history,
    shows,
    today,
)

# Session, user, the learner's time zone, the current enrolment; then the selector's own
# reads: topics, months, phases, progress, plan entries, a year of daily rollups, timer.
# The navbar reuses the dashboard's timer. Knowledge: questions per topic, review cards (for
# mastery), the months, the cards due per day and today (the workload), the cards due now.
# Practice checks: the curriculum's practices and projects, the suites passed, the latest run.
# KPIs (assessment.kpi_selectors.kpi_board): the targets, commits by month, first passes,
# entries, certifications earned. The month's activities (2). The career choice (1; its
# track and roles only when one is chosen). Resources (tracking.resource_selectors.
# resource_board): phases, resources, parts, ticks, minutes, own resources, their parts.
DASHBOARD_QUERIES = 4 + 7 + 6 + 4 + 5 + 2 + 1 + 7
# This month's activities card: the months reached, the month's activities.
# Session, user, time zone, enrolment; the week's rollups, the split targets, the plan's
# entries and the learner's progress, the study calendar's days off; the navbar's timer.
REPORT_QUERIES = 4 + 5 + 1


def chart_data(page: str) -> dict:
    match = re.search(
        r'<script id="sp-dashboard-data" type="application/json">(.*?)</script>', page, re.S
    )
    assert match, "the chart data block is missing"
    return json.loads(match.group(1))


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_dashboard_in_both_languages(client, enrolled, alice, language):
    client.force_login(alice)
    response = in_language(client, language).get("/dashboard/")
    assert html_lang(response) == language
    page = body(response)
    phase = Phase.objects.get(curriculum=enrolled.curriculum, number=2)
    assert getattr(phase, f"title_{language}") in page
    data = chart_data(page)
    assert set(data) == {"burnup", "hours", "workload", "kpis"}
    assert [s["key"] for s in data["hours"]["series"]] == ["theory", "practice", "research"]
    assert page.count('<li class="sp-heat sp-heat-') == 371  # 53 weeks
    assert "/static/vendor/chart.js-4.6.1.umd.min.js" in page
    assert "/static/skillpath/charts.js" in page


def afternoon_zone() -> str:
    """A fixed-offset zone where it is about 14:00 now: two hours that end now are today's
    whatever the hour of the run (at 01:00 UTC they would begin yesterday)."""
    offset = 14 - timezone.now().hour  # hours east of UTC, -9 to +14
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"  # Etc/ signs are inverted


def test_the_dashboard_shows_progress_hours_and_the_streak(as_alice, alice):
    from zoneinfo import ZoneInfo

    from skillpath.people.services import set_time_zone

    zone = afternoon_zone()
    set_time_zone(user=alice, time_zone=zone)
    now = timezone.now()
    local_today = now.astimezone(ZoneInfo(zone)).date()
    git = Topic.objects.get(slug="git")
    log_session(learner=alice, kind="practice", minutes=120, topic=git, now=now)
    log_session(
        learner=alice, kind="theory", minutes=30, on=local_today - timedelta(days=1), now=now
    )
    set_topic_status(learner=alice, topic=git, status="done", today=local_today)
    page = body(as_alice.get("/dashboard/"))
    assert "1 of 144 topics finished (1%)." in page
    assert "2 h 30 min" in page  # studied this year
    assert "2 days" in page  # the streak
    assert 'aria-valuenow="1"' in page
    data = chart_data(page)
    assert data["hours"]["series"][1]["data"][-1] == 2.0  # practice hours this week
    done = [d for d in data["burnup"]["series"][1]["data"] if d is not None]
    assert done[-1] == 1


def test_without_enough_data_the_forecast_says_it_follows_the_plan(as_alice):
    shows(
        as_alice.get("/dashboard/"),
        "Based on the plan: there is not enough data yet.",
        "When will you finish?",
    )


def test_with_real_work_the_forecast_uses_the_pace(as_alice, alice, enrolled):
    now = timezone.now()
    topics = list(Topic.objects.filter(curriculum=enrolled.curriculum).order_by("position")[:3])
    for days_ago, topic in zip((8, 9, 10), topics, strict=True):
        day = today() - timedelta(days=days_ago)
        log_session(learner=alice, kind="practice", minutes=180, on=day, topic=topic, now=now)
        set_topic_status(learner=alice, topic=topic, status="done", today=day)
    page = body(as_alice.get("/dashboard/"))
    assert "Based on your last four weeks:" in page
    assert "Likely between" in page
    hides(as_alice.get("/dashboard/"), "Based on the plan")


def test_an_unenrolled_learner_gets_a_call_to_enrol(client, builtin, alice):
    client.force_login(alice)
    for path in ("/dashboard/", "/report/week/", "/calendar/"):
        assert 'href="/start/"' in body(in_language(client, "en").get(path))


def test_the_dashboard_counts_the_practice_checks_passed_and_links_the_latest_run(
    as_alice, alice, charlie
):
    from skillpath.checks.suites import all_suites
    from tests.checks.runs import record_run

    suites = all_suites()
    page = body(as_alice.get("/dashboard/"))
    assert f"0 of {len(suites)} checks passed." in page
    assert "No check has run yet." in page

    first, second = suites[0], suites[1]
    record_run(alice, first)  # passed
    record_run(alice, first)  # passed again: still one check
    record_run(alice, second, failing=1)
    latest = record_run(alice, second, failing=2)
    record_run(charlie, suites[2])  # another learner's pass counts for nobody else
    page = body(as_alice.get("/dashboard/"))
    assert f"1 of {len(suites)} checks passed." in page
    latest_html = re.search(r'<div class="col-lg-6" id="checks-latest">(.*?)</div>', page, re.S)
    assert latest_html
    part = latest_html.group(1)
    assert f'href="/checks/{second.slug}/runs/{latest.pk}/"' in part
    assert str(second.title) in part and "failed" in part
    assert latest.created_at.date().isoformat() in part  # the <time datetime=...>


def test_the_dashboard_query_count_does_not_grow_with_history(
    as_alice, alice, django_assert_num_queries
):
    as_alice.get("/dashboard/")
    with django_assert_num_queries(DASHBOARD_QUERIES):
        short = as_alice.get("/dashboard/")
    assert short.status_code == 200
    topics = list(Topic.objects.filter(curriculum__slug="backend").order_by("position")[:12])
    log_history(alice, days=400, topic=topics[0])
    for n, topic in enumerate(topics):
        set_topic_status(learner=alice, topic=topic, status="done", today=today() - timedelta(n))
    from skillpath.checks.suites import all_suites
    from tests.checks.runs import record_run

    for suite in all_suites():
        record_run(alice, suite)
        record_run(alice, suite, failing=1)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        long = as_alice.get("/dashboard/")
    assert "12 of 144 topics finished" in body(long)
    assert f"{len(all_suites())} of {len(all_suites())} checks passed." in body(long)


# --- Weekly report ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_weekly_report_in_both_languages(client, enrolled, alice, language):
    client.force_login(alice)
    response = in_language(client, language).get("/report/week/?week=2026-01-07")
    assert html_lang(response) == language
    page = body(response)
    assert "?week=2025-12-29" in page and "?week=2026-01-12" in page
    assert "30%" in page and "50%" in page and "20%" in page and "70%" in page


def test_the_weekly_report_shows_both_splits_and_says_which_is_which(as_alice, alice):
    monday = week_start(today()) - timedelta(days=7)
    now = timezone.now()
    for offset, kind, minutes in ((0, "theory", 60), (1, "practice", 150), (2, "research", 90)):
        log_session(
            learner=alice, kind=kind, minutes=minutes, on=monday + timedelta(offset), now=now
        )
    response = as_alice.get(f"/report/week/?week={monday + timedelta(days=3)}")
    shows(
        response,
        "Theory 30% · Practice 50% · Research 20%",
        "Practice 70% · Theory 30%",
        "Here research counts as practice: 50% + 20% = 70%",
        "Practice (practice + research)",
        "5 h of 20 h",
        "Behind the plan",
        "Fewer hours than planned",
    )
    page = body(response)
    # theory 60 of 300 minutes = 20%; practice 50%; research 30%; practice + research 80%.
    assert re.search(r"Theory</th>\s*<td[^>]*>1 h</td>\s*<td[^>]*>20%</td>\s*<td[^>]*>30%", page)
    assert re.search(r"Practice</th>\s*<td[^>]*>2 h 30 min</td>\s*<td[^>]*>50%</td>", page)
    assert re.search(r"Research</th>\s*<td[^>]*>1 h 30 min</td>\s*<td[^>]*>30%</td>", page)
    assert "80%" in page


def test_a_week_on_plan_is_not_flagged(as_alice, alice, enrolled):
    monday = week_start(today()) - timedelta(days=7)
    now = timezone.now()
    for offset in range(5):
        log_session(
            learner=alice, kind="practice", minutes=240, on=monday + timedelta(offset), now=now
        )
    sunday = monday + timedelta(days=6)
    # Each topic done pulls the next one in: finish the week's until none is due in it.
    while due := [
        i
        for i in week_items(plan_items(enrolled), monday)
        if not i.is_finished and i.entry.end_on <= sunday
    ]:
        set_topic_status(learner=alice, topic=due[0].topic, status="done", today=monday)
    page = body(as_alice.get(f"/report/week/?week={monday}"))
    assert "On track" in page and "Behind the plan" not in page


def test_a_past_week_speaks_of_that_week(as_alice):
    response = as_alice.get("/report/week/?week=2026-01-07")
    shows(response, "planned for your study days that week.", "Topics finished that week")
    hides(response, "this week", "before today")


def test_this_week_is_measured_up_to_today(as_alice):
    response = as_alice.get("/report/week/")
    shows(
        response,
        "planned for your study days before today",
        "for the whole week",
        "Topics due before today:",
        "Topics finished this week",
    )
    hides(response, "that week")


def test_a_week_ahead_has_not_started(as_alice):
    response = as_alice.get(f"/report/week/?week={week_start(today()) + timedelta(days=14)}")
    shows(response, "Not started yet", "20 h planned for your study days that week.")
    hides(response, "Behind the plan", "logged of")


@pytest.mark.parametrize("week", ["someday", "9999-12-31", "0001-01-01", "1899-12-31"])
def test_a_bad_week_falls_back_to_this_week(as_alice, week):
    # The years far off were a 500: the weeks around them overflow a date.
    response = as_alice.get(f"/report/week/?week={week}")
    assert response["Location"] == "/report/week/"
    shows(
        as_alice.get("/report/week/"),
        f"“{week}” is not a date between 1900-01-01 and 2199-12-31; here is this week.",
    )


@pytest.mark.parametrize(
    ("week", "links"),
    [("1900-01-03", [("1900-01-08", "next")]), ("2199-12-31", [("2199-12-23", "prev")])],
)
def test_the_first_and_last_weeks_link_only_to_weeks_within_the_bounds(as_alice, week, links):
    page = body(as_alice.get(f"/report/week/?week={week}"))
    assert re.findall(r'\?week=([0-9-]+)" rel="(prev|next)"', page) == links


def test_the_weekly_report_query_count_does_not_grow_with_history(
    as_alice, alice, django_assert_num_queries
):
    # A week of the plan with topics due.
    week = "/report/week/?week=2026-02-02"
    as_alice.get(week)
    with django_assert_num_queries(REPORT_QUERIES):
        short = as_alice.get(week)
    assert "0 min of 20 h" in body(short)
    log_history(alice, days=400)
    with django_assert_num_queries(REPORT_QUERIES):
        long = as_alice.get(week)
    assert "Planned vs actual hours" in body(long)
