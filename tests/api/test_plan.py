"""The dated plan and today's work over the API, on alice's plan from Monday 2026-01-05
(20 h a week, Monday to Friday) with the clock stopped on Wednesday 2026-01-14."""

from __future__ import annotations

from datetime import date

import pytest

from skillpath.curriculum.models import Topic
from skillpath.people.models import Profile
from skillpath.tracking.services import log_session, set_topic_status, start_timer
from tests.api.conftest import NOW, TODAY

pytestmark = pytest.mark.django_db


# --- The plan ------------------------------------------------------------------------------


def test_the_plan_dates_every_topic_block_and_month(as_alice, enrolled, clock, conforms):
    response = as_alice.get("/api/plan", HTTP_ACCEPT_LANGUAGE="en")

    conforms(response)
    plan = response.json()
    assert (plan["enrolment"], plan["curriculum"]) == (enrolled.pk, "backend")
    assert (plan["start_on"], plan["target_on"]) == ("2026-01-05", "2027-07-05")
    topics = plan["topics"]
    assert len(topics) == 144
    assert topics[0] == {
        "slug": "linux",
        "title": "Linux",
        "month": 1,
        "block": "weeks-1-2",
        "start_on": "2026-01-05",
        "end_on": topics[0]["end_on"],
        "baseline_end_on": topics[0]["end_on"],
        "minutes": topics[0]["minutes"],
        "status": "not_started",
    }
    assert plan["planned_finish_on"] == max(t["end_on"] for t in topics)
    assert len(plan["blocks"]) == 36
    assert [m["number"] for m in plan["months"]] == list(range(1, 19))
    first_month = [t for t in topics if t["month"] == 1]
    assert plan["months"][0]["start_on"] == "2026-01-05"
    assert plan["months"][0]["end_on"] == max(t["end_on"] for t in first_month)
    assert plan["months"][0]["minutes"] == sum(t["minutes"] for t in first_month)
    assert sum(b["minutes"] for b in plan["blocks"]) == sum(t["minutes"] for t in topics)


def test_the_plan_shows_each_topics_status(as_alice, alice, enrolled, clock, conforms):
    git = Topic.objects.get(curriculum=enrolled.curriculum, slug="git")
    set_topic_status(learner=alice, topic=git, status="done", today=TODAY)

    response = as_alice.get("/api/plan")

    conforms(response)
    statuses = {t["slug"]: t["status"] for t in response.json()["topics"]}
    assert statuses["git"] == "done"
    assert statuses["linux"] == "not_started"


def test_a_given_enrolments_plan_is_shown(as_alice, enrolled, conforms):
    response = as_alice.get(f"/api/plan?enrolment={enrolled.pk}")

    conforms(response)
    assert response.json()["enrolment"] == enrolled.pk


def test_without_an_enrolment_the_plan_is_a_404_that_says_how_to_enrol(
    as_charlie, enrolled, conforms
):
    response = as_charlie.get("/api/plan", HTTP_ACCEPT_LANGUAGE="en")

    conforms(response)
    assert response.status_code == 404
    assert response.json() == {
        "detail": "You are not enrolled yet: enrol with POST /api/enrolments first."
    }


# --- Today ---------------------------------------------------------------------------------


def test_today_lists_todays_and_this_weeks_topics_and_whats_overdue(
    as_alice, enrolled, clock, conforms
):
    response = as_alice.get("/api/today")

    conforms(response)
    view = response.json()
    assert (view["today"], view["week_on"]) == ("2026-01-14", "2026-01-12")
    assert view["today_topics"]
    for topic in view["today_topics"]:
        assert topic["start_on"] <= "2026-01-14" <= topic["end_on"]
    for topic in view["week_topics"]:
        assert topic["start_on"] <= "2026-01-18" and topic["end_on"] >= "2026-01-12"
    # Nothing is done yet, so everything due before today is overdue: Linux first.
    assert view["overdue"][0]["slug"] == "linux"
    assert all(t["baseline_end_on"] < "2026-01-14" for t in view["overdue"])
    assert view["timer"]["is_running"] is False
    # A study day of the plan with nothing logged yet: the day's time and the nudge.
    assert view["is_study_day"] is True and view["planned_minutes_today"] > 0
    assert (view["logged_minutes_today"], view["nothing_logged_today"]) == (0, True)


def test_today_counts_the_minutes_logged_today(as_alice, alice, enrolled, clock, conforms):
    log_session(learner=alice, kind="theory", minutes=25, now=NOW)

    view = as_alice.get("/api/today").json()

    assert (view["logged_minutes_today"], view["nothing_logged_today"]) == (25, False)


def test_today_leaves_out_finished_topics(as_alice, alice, enrolled, clock, conforms):
    linux = Topic.objects.get(curriculum=enrolled.curriculum, slug="linux")
    set_topic_status(learner=alice, topic=linux, status="done", today=TODAY)

    response = as_alice.get("/api/today")

    conforms(response)
    assert "linux" not in {t["slug"] for t in response.json()["overdue"]}


def test_today_shows_the_running_timer(as_alice, alice, enrolled, clock, conforms):
    git = Topic.objects.get(curriculum=enrolled.curriculum, slug="git")
    start_timer(learner=alice, kind="theory", topic=git, now=NOW)

    response = as_alice.get("/api/today", HTTP_ACCEPT_LANGUAGE="en")

    conforms(response)
    timer = response.json()["timer"]
    assert timer["is_running"] is True
    assert (timer["kind"], timer["topic"]) == ("theory", {"slug": "git", "title": "Git"})


def test_today_is_the_learners_local_date(as_alice, alice, enrolled, clock, conforms):
    # 18:00 UTC on the 14th is already 08:00 on the 15th at UTC+14.
    Profile.objects.create(user=alice, time_zone="Pacific/Kiritimati")

    response = as_alice.get("/api/today")

    conforms(response)
    assert response.json()["today"] == date(2026, 1, 15).isoformat()


def test_without_an_enrolment_today_is_a_404(as_charlie, enrolled, conforms):
    response = as_charlie.get("/api/today")

    conforms(response)
    assert response.status_code == 404
