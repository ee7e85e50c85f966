"""The weekly report and the dashboard's data over the API, on alice's plan from Monday
2026-01-05 with the clock stopped on Wednesday 2026-01-14 at 18:00 UTC."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from typer.testing import CliRunner

from skillpath.cli.main import app
from skillpath.curriculum.models import Topic
from skillpath.tracking.services import log_session, set_topic_status
from tests.api.conftest import NOW, TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(alice, enrolled, clock):
    """Three days in a row of study up to today, all kinds, and Git done today."""
    for days_ago, kind, minutes in [(2, "theory", 60), (1, "practice", 120), (0, "research", 45)]:
        log_session(
            learner=alice,
            kind=kind,
            minutes=minutes,
            started_at=NOW - timedelta(days=days_ago, hours=3),
            now=NOW,
        )
    git = Topic.objects.get(curriculum=enrolled.curriculum, slug="git")
    set_topic_status(learner=alice, topic=git, status="done", today=TODAY)
    return enrolled


# --- Weekly report -------------------------------------------------------------------------


def test_the_weekly_report_is_what_the_cli_prints(as_alice, history, conforms):
    response = as_alice.get("/api/reports/week?week=2026-01-14")

    conforms(response)
    cli = CliRunner().invoke(
        app, ["report", "week", "--week", "2026-01-14", "--user", "alice", "--json"]
    )
    assert cli.exit_code == 0, cli.output
    assert response.json() == json.loads(cli.output)


def test_the_weekly_report_adds_up_the_weeks_time(as_alice, history, conforms):
    response = as_alice.get("/api/reports/week")  # this week, by the learner's clock

    conforms(response)
    report = response.json()
    assert (report["week_on"], report["week_end"]) == ("2026-01-12", "2026-01-18")
    assert report["minutes_by_kind"] == {"theory": 60, "practice": 120, "research": 45}
    assert report["actual_minutes"] == 225
    assert [(r["kind"], r["target_percent"]) for r in report["split"]] == [
        ("theory", 30),
        ("practice", 50),
        ("research", 20),
    ]
    assert report["practice_vs_theory"]["practice_percent"] == round(100 * 165 / 225, 1)
    assert report["planned_minutes"] == 5 * 240  # 20 h over five days
    assert report["topics_done"] == 1
    assert report["is_behind"] is True


def test_a_week_without_study_reports_zeros(as_alice, history, conforms):
    response = as_alice.get("/api/reports/week?week=2026-03-02")

    conforms(response)
    assert response.json()["actual_minutes"] == 0
    assert response.json()["topics_done"] == 0


@pytest.mark.parametrize("week", ["2026-02-30", "next", "9999-12-31", "0", "1767225600"])
def test_a_week_that_is_not_a_date_is_a_422(as_alice, enrolled, conforms, week):
    response = as_alice.get(f"/api/reports/week?week={week}")

    conforms(response)
    assert response.status_code == 422


def test_without_an_enrolment_the_report_is_a_404(as_charlie, enrolled, conforms):
    response = as_charlie.get("/api/reports/week")

    conforms(response)
    assert response.status_code == 404


# --- Dashboard -----------------------------------------------------------------------------


def test_the_dashboard_holds_progress_series_forecast_and_streak(as_alice, history, conforms):
    response = as_alice.get("/api/dashboard", HTTP_ACCEPT_LANGUAGE="en")

    conforms(response)
    data = response.json()
    assert (data["enrolment"], data["curriculum"], data["today"]) == (
        history.pk,
        "backend",
        "2026-01-14",
    )
    assert (data["overall"]["done"], data["overall"]["total"]) == (1, 144)
    assert [p["number"] for p in data["phases"]] == [1, 2, 3, 4]
    assert sum(p["total"] for p in data["phases"]) == 144
    assert len(data["months"]) == 18
    assert data["months"][0] == {
        "number": 1,
        "title": "Foundational skills",
        "done": 1,
        "total": data["months"][0]["total"],
        "percent": round(100 / data["months"][0]["total"]),
    }

    burnup = data["burnup"]
    assert burnup["labels"][0] == "2026-01-05"
    assert len(burnup["labels"]) == len(burnup["planned"]) == len(burnup["done"])
    assert burnup["planned"][-1] == 144
    assert burnup["done"][:2] == [0, 1]
    assert burnup["done"][2] is None  # weeks ahead have nothing done yet

    hours = data["weekly_hours"]
    assert len(hours["labels"]) == 26 and hours["labels"][-1] == "2026-01-12"
    assert (hours["theory"][-1], hours["practice"][-1], hours["research"][-1]) == (1.0, 2.0, 0.8)

    assert len(data["heatmap"]) == 371
    assert data["heatmap"][-1] == {"day": "2026-01-14", "minutes": 45}
    assert data["heatmap"][-2] == {"day": "2026-01-13", "minutes": 120}

    forecast = data["forecast"]
    assert forecast["basis"] == "plan"  # no finished week of real work yet
    assert forecast["target_on"] == "2027-07-05"
    assert forecast["finish_on"] == as_alice.get("/api/plan").json()["planned_finish_on"]
    assert forecast["is_late"] is False
    assert data["streak"] == 3
    assert data["timer"]["is_running"] is False


def test_a_new_learners_dashboard_is_empty_but_whole(as_alice, enrolled, clock, conforms):
    response = as_alice.get("/api/dashboard")

    conforms(response)
    data = response.json()
    assert data["overall"]["done"] == 0
    assert data["streak"] == 0
    assert all(day["minutes"] == 0 for day in data["heatmap"])


def test_without_an_enrolment_the_dashboard_is_a_404(as_charlie, enrolled, conforms):
    response = as_charlie.get("/api/dashboard")

    conforms(response)
    assert response.status_code == 404
