"""The level check's pages: the checklist item by item with links to the evidence and to
what is missing; the history; a mentor's view (others get a 404); the sign-off."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from skillpath.assessment.models import AssessmentSnapshot, MilestoneSignOff
from tests.assessment.level_world import pass_checks
from tests.web.learner import body, shows

pytestmark = pytest.mark.django_db


def test_the_checklist_names_what_is_missing_with_links(as_alice, alice):
    run = pass_checks(alice, ["todo-api"])[0]
    response = as_alice.get("/assessment/")
    assert response.status_code == 200
    html = body(response)
    shows(response, "Level check", "Milestone 1: Junior · Q1 · month 3")
    assert f'href="/checks/todo-api/runs/{run.pk}/"' in html
    # Missing items are named by their titles, once, as links within the sentence.
    assert (
        '0 of 3 Phase 1 projects passed: <a href="/checks/task-cli/">Console task manager with'
        ' file storage</a>, <a href="/checks/blog-api/">REST API for a blog with SQLite</a>,'
        ' <a href="/checks/url-shortener/">URL shortener with caching</a> missing'
    ) in html
    assert html.count("URL shortener with caching") == 1
    assert 'href="/activities/month/2/"' in html
    assert 'href="/c/backend/topics/' in html
    assert "✗" in html


def test_check_again_stores_a_snapshot_that_history_shows(as_alice, alice):
    response = as_alice.post("/assessment/check/")
    assert response.status_code == 302
    assert AssessmentSnapshot.objects.filter(learner=alice).count() == 1
    as_alice.post("/assessment/check/")
    assert AssessmentSnapshot.objects.filter(learner=alice).count() == 1
    shows(as_alice.get("/assessment/history/"), "Assessment history", "2026.1")


def test_a_not_ready_milestone_is_not_signed_off(as_alice, alice):
    as_alice.post("/assessment/milestones/1/sign-off/", {"comment": "x"})
    assert not MilestoneSignOff.objects.exists()


def test_the_mentor_view_is_a_404_without_the_permission(as_charlie, alice, enrolled):
    assert as_charlie.get(f"/assessment/learners/{alice.pk}/").status_code == 404
    response = as_charlie.post(f"/assessment/learners/{alice.pk}/milestones/1/sign-off/")
    assert response.status_code == 404


def test_a_mentor_sees_a_learners_checklist(client, bob, alice, enrolled):
    bob.user_permissions.add(Permission.objects.get(codename="sign_off_milestone"))
    client.force_login(bob)
    response = client.get(f"/assessment/learners/{alice.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    shows(response, "alice")
    assert "URL shortener with caching</a> missing" in body(response)
    assert client.get(f"/assessment/learners/{bob.pk}/").status_code == 404


def test_the_static_assessment_page_and_dashboard_link_here(as_alice):
    assert 'href="/assessment/"' in body(as_alice.get("/c/backend/assessment/"))
    assert 'href="/assessment/"' in body(as_alice.get("/dashboard/"))


def test_the_history_draws_how_the_level_moved(as_alice, alice, enrolled):
    import json
    import re

    from tests.assessment.level_world import mark_done, phase_topics

    as_alice.post("/assessment/check/")
    mark_done(alice, phase_topics(enrolled.curriculum))
    as_alice.post("/assessment/check/")
    html = body(as_alice.get("/assessment/history/"))
    assert 'id="level-history-chart"' in html
    found = re.search(
        r'<script id="sp-dashboard-data" type="application/json">(.*?)</script>', html
    )
    chart = json.loads(found.group(1))["level_history"]
    assert len(chart["labels"]) == 2
    first = chart["series"][0]
    assert first["label"] == "Milestone 1"
    assert first["data"] == [0, 20]  # phase 1's topics done: one of five required criteria


def test_evidence_topics_are_named_by_their_titles(as_alice, alice, enrolled):
    from tests.assessment.level_world import mark_done, phase_topics

    mark_done(alice, phase_topics(enrolled.curriculum)[:2])
    html = body(as_alice.get("/assessment/"))
    assert '<a href="/c/backend/topics/git/">Git</a>' in html
    assert ">linux</a>" not in html and '<a href="/c/backend/topics/linux/">Linux</a>' in html
