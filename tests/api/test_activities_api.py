"""The activities API: my activities, submitting evidence, a mentor's sign-off or return,
self-assessment, and a mock interview started and scored; 404 for another learner."""

from __future__ import annotations

import pytest

from skillpath.assessment import activity_selectors
from skillpath.assessment.models import Activity
from tests.api.conftest import post, put, signed_in

REVIEW = {
    "repository_url": "https://git.example.com/alice/shop",
    "commit": "a1b2c3d",
    "links": ["https://git.example.com/alice/shop/pull/3"],
    "notes": "Reviewed the cart.",
    "done_on": "2026-01-20",
}


@pytest.fixture
def mentor(bob):
    bob.user_permissions.add(activity_selectors.sign_off_permission())
    return signed_in(bob)


def submit(client, kind="code_review", data=REVIEW, month=1):
    return put(client, f"/api/activities/months/{month}/{kind}", data)


def test_submitting_and_listing_my_activities(enrolled, as_alice):
    response = submit(as_alice)
    assert response.status_code == 200, response.content
    out = response.json()
    assert (out["state"], out["commit"], out["links"]) == ("submitted", "a1b2c3d", REVIEW["links"])
    listed = as_alice.get("/api/activities?month=1").json()
    assert [a["kind"] for a in listed] == ["code_review"]
    assert as_alice.get(f"/api/activities/{out['id']}").json()["notes"] == "Reviewed the cart."


def test_bad_evidence_is_a_400_naming_the_field(enrolled, as_alice):
    response = submit(as_alice, data={**REVIEW, "links": ["ftp://x.example"]})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("links:")
    assert submit(as_alice, data={**REVIEW, "surprise": 1}).status_code == 422
    assert submit(as_alice, kind="dancing").status_code == 422
    assert submit(as_alice, month=99).status_code == 404


def test_another_learner_gets_404(enrolled, as_alice, as_charlie):
    activity_id = submit(as_alice).json()["id"]
    assert as_charlie.get(f"/api/activities/{activity_id}").status_code == 404
    for action in ("sign-off", "return", "self-assess"):
        response = post(as_charlie, f"/api/activities/{activity_id}/{action}", {"comment": "x"})
        assert response.status_code == 404, action
    assert Activity.objects.get().state == "submitted"


def test_a_mentor_signs_off_and_returns(enrolled, as_alice, mentor):
    activity_id = submit(as_alice).json()["id"]
    returned = post(mentor, f"/api/activities/{activity_id}/return", {"comment": ""})
    assert returned.status_code == 400 and returned.json()["detail"].startswith("comment:")
    returned = post(mentor, f"/api/activities/{activity_id}/return", {"comment": "Add the PR."})
    assert returned.json()["state"] == "returned"
    submit(as_alice)
    signed = post(mentor, f"/api/activities/{activity_id}/sign-off", {"comment": "Good."})
    assert signed.json()["state"] == "signed_off" and signed.json()["reviewer"] == "bob"


def test_the_learner_cannot_sign_off_their_own(enrolled, as_alice, alice, mentor):
    alice.user_permissions.add(activity_selectors.sign_off_permission())
    activity_id = submit(as_alice).json()["id"]
    response = post(
        as_alice, f"/api/activities/{activity_id}/sign-off", {}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "own" in response.json()["detail"]
    response = post(
        as_alice, f"/api/activities/{activity_id}/self-assess", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400 and "mentor" in response.json()["detail"]


def test_self_assessment_without_a_mentor_is_marked(enrolled, as_alice):
    activity_id = submit(as_alice).json()["id"]
    out = post(as_alice, f"/api/activities/{activity_id}/self-assess").json()
    assert (out["state"], out["is_self_assessed"]) == ("signed_off", True)


def test_an_interview_is_started_and_scored(enrolled, as_alice, alice, as_charlie):
    as_alice.get("/api/activities")
    activity = Activity.objects.create(
        learner=alice, curriculum=enrolled.curriculum, month=1, kind="mock_interview"
    )
    started = post(as_alice, f"/api/activities/{activity.pk}/interviews", {"level": "junior"})
    assert started.status_code == 201, started.content
    questions = started.json()["questions"]
    assert len(questions) >= 25
    slug = questions[0]["slug"]
    url = f"/api/interviews/{started.json()['id']}/score"
    assert post(as_charlie, url, {"marks": {slug: {"ticked": [0]}}}).status_code == 404
    bad = post(as_alice, url, {"marks": {"no-such": {"ticked": [0]}}})
    assert bad.status_code == 400 and bad.json()["detail"].startswith("marks:")
    assert post(as_alice, url, {"marks": {slug: {"depth": 3}}}).status_code == 422
    scored = post(as_alice, url, {"marks": {slug: {"ticked": [0, 1, 2], "depth": 2}}})
    assert scored.status_code == 200, scored.content
    assert scored.json()["percent"] > 0 and scored.json()["finished_at"]
    activity.refresh_from_db()
    assert activity.state == "submitted"
    again = post(as_alice, url, {"marks": {slug: {"ticked": [0]}}})
    assert again.status_code == 400


def test_an_interview_only_for_a_mock_interview(enrolled, as_alice):
    activity_id = submit(as_alice).json()["id"]
    response = post(as_alice, f"/api/activities/{activity_id}/interviews", {"level": "junior"})
    assert response.status_code == 400
