"""The level check over the API: the current assessment, the history, the sign-off; every
response conforms to the OpenAPI schema; charlie, not enrolled, gets a 404."""

from __future__ import annotations

import pytest

from skillpath.assessment.level_services import take_assessment
from tests.api.conftest import post
from tests.assessment.level_world import NOW

pytestmark = pytest.mark.django_db


def test_the_current_assessment_lists_every_criterion(as_alice, enrolled, conforms):
    response = as_alice.get("/api/assessment", HTTP_ACCEPT_LANGUAGE="en")
    conforms(response)
    assert response.status_code == 200
    data = response.json()
    assert data["level"] is None and data["next_milestone"] == 1
    first = data["assessment"]["milestones"][0]
    assert (first["quarter"], first["month"]) == ("Q1", 3)
    projects = next(c for c in first["criteria"] if c["criterion"] == "m1-projects")
    assert "URL shortener with caching missing" in projects["missing"]["en"]


def test_the_history_lists_stored_snapshots(as_alice, alice, enrolled, conforms):
    take_assessment(learner=alice, curriculum=enrolled.curriculum, now=NOW)
    response = as_alice.get("/api/assessment/history")
    conforms(response)
    assert [row["rubric_version"] for row in response.json()] == ["2026.1"]


def test_a_sign_off_of_a_gate_not_passed_is_a_400(as_alice, enrolled, conforms):
    response = post(
        as_alice,
        "/api/assessment/milestones/1/sign-off",
        {"comment": "x"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    conforms(response)
    assert response.status_code == 400 and "not ready" in response.json()["detail"]


def test_charlie_not_enrolled_gets_a_404(as_charlie, builtin, conforms):
    response = as_charlie.get("/api/assessment")
    conforms(response)
    assert response.status_code == 404
