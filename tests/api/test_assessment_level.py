"""The level check over the API: the current assessment, the history, the sign-off; every
response conforms to the OpenAPI schema; charlie, not enrolled, gets a 404."""

from __future__ import annotations

import pytest

from skillpath.assessment.level_services import take_assessment
from skillpath.assessment.models import MilestoneSignOff
from tests.api.conftest import post, signed_in
from tests.assessment.level_world import NOW, junior_ready

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


def _mentor(user):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="sign_off_milestone"))
    return signed_in(user, HTTP_ACCEPT_LANGUAGE="en")


def test_a_mentor_reads_and_signs_off_a_learners_milestone(enrolled, alice, bob, conforms, clock):
    clock.return_value = NOW  # the evidence's day: quizzes just taken are remembered
    junior_ready(enrolled.curriculum, alice)
    mentor = _mentor(bob)
    read = mentor.get(f"/api/learners/{alice.pk}/assessment")
    conforms(read)
    assert read.status_code == 200 and read.json()["ready_for_sign_off"] is True
    signed = post(
        mentor, f"/api/learners/{alice.pk}/assessment/milestones/1/sign-off", {"comment": "ok"}
    )
    conforms(signed)
    assert signed.status_code == 201, signed.content
    assert (signed.json()["signed_by"], signed.json()["is_self_assessed"]) == ("bob", False)
    again = post(mentor, f"/api/learners/{alice.pk}/assessment/milestones/1/sign-off", {})
    conforms(again)
    assert again.status_code == 400
    level = signed_in(alice).get("/api/assessment").json()
    assert level["level"] == "junior"


def test_only_a_mentor_sees_another_learner_and_never_themself(
    enrolled, alice, bob, charlie, conforms
):
    outsider = signed_in(charlie, HTTP_ACCEPT_LANGUAGE="en")
    for response in (
        outsider.get(f"/api/learners/{alice.pk}/assessment"),
        post(outsider, f"/api/learners/{alice.pk}/assessment/milestones/1/sign-off", {}),
        _mentor(bob).get(f"/api/learners/{bob.pk}/assessment"),
        _mentor(bob).get("/api/learners/999999/assessment"),
    ):
        conforms(response)
        assert response.status_code == 404
        assert response.json() == {"detail": "No such learner."}
    assert not MilestoneSignOff.objects.exists()
