"""Topic status, notes and evidence links over the API."""

from __future__ import annotations

import pytest

from skillpath.tracking.models import EvidenceLink, TopicProgress
from tests.api.conftest import post, put

pytestmark = pytest.mark.django_db


def test_a_topic_not_touched_yet_is_not_started(as_alice, enrolled, conforms):
    response = as_alice.get("/api/topics/git/progress", HTTP_ACCEPT_LANGUAGE="en")

    conforms(response)
    assert response.json() == {
        "topic": {"slug": "git", "title": "Git"},
        "status": "not_started",
        "started_on": None,
        "done_on": None,
        "notes": "",
        "evidence": [],
    }


def test_finishing_a_topic_records_the_day_and_replans(as_alice, enrolled, clock, conforms):
    response = put(as_alice, "/api/topics/git/progress", {"status": "done", "notes": "merged"})

    conforms(response)
    assert response.status_code == 200
    progress = response.json()
    assert (progress["status"], progress["notes"]) == ("done", "merged")
    assert progress["started_on"] == progress["done_on"] == "2026-01-14"
    plan = {t["slug"]: t for t in as_alice.get("/api/plan").json()["topics"]}
    assert plan["git"]["status"] == "done"
    # What is left is laid out from today.
    assert plan["linux"]["start_on"] == "2026-01-14"


def test_notes_stay_when_only_the_status_changes(as_alice, enrolled, clock, conforms):
    put(as_alice, "/api/topics/git/progress", {"status": "in_progress", "notes": "chapter 3"})

    response = put(as_alice, "/api/topics/git/progress", {"status": "skipped"})

    conforms(response)
    assert (response.json()["status"], response.json()["notes"]) == ("skipped", "chapter 3")


@pytest.mark.parametrize("body", [{"status": "finished"}, {}, {"status": "done", "notes": 5}])
def test_a_status_outside_the_schema_is_a_422(as_alice, enrolled, clock, conforms, body):
    response = put(as_alice, "/api/topics/git/progress", body)

    conforms(response)
    assert response.status_code == 422
    assert not TopicProgress.objects.exists()


@pytest.mark.parametrize("slug", ["nope", "a%00b", "%C3%A9t%C3%A9"])
def test_an_unknown_topic_is_a_404_that_names_it(as_alice, enrolled, clock, conforms, slug):
    response = put(
        as_alice, f"/api/topics/{slug}/progress", {"status": "done"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    conforms(response)
    assert response.status_code == 404
    assert response.json()["detail"].startswith("The curriculum “backend” has no topic")


def test_a_topic_needs_an_enrolment(as_charlie, enrolled, clock, conforms):
    response = put(as_charlie, "/api/topics/git/progress", {"status": "done"})

    conforms(response)
    assert response.status_code == 404
    assert not TopicProgress.objects.exists()


# --- Evidence ------------------------------------------------------------------------------


def test_an_evidence_link_is_kept_with_the_topic(as_alice, enrolled, conforms):
    response = post(
        as_alice,
        "/api/topics/git/evidence",
        {"url": "https://github.com/alice/dotfiles", "title": "My dotfiles"},
    )

    conforms(response)
    assert response.status_code == 201
    link = response.json()
    assert (link["url"], link["title"]) == ("https://github.com/alice/dotfiles", "My dotfiles")
    evidence = as_alice.get("/api/topics/git/progress").json()["evidence"]
    assert [e["id"] for e in evidence] == [link["id"]]


@pytest.mark.parametrize("url", ["not a url", "ftp://example.com/file", "javascript:alert(1)"])
def test_a_link_that_is_not_a_web_address_is_a_400(as_alice, enrolled, conforms, url):
    response = post(as_alice, "/api/topics/git/evidence", {"url": url}, HTTP_ACCEPT_LANGUAGE="en")

    conforms(response)
    assert response.status_code == 400
    assert response.json() == {
        "detail": f"'{url}' is not a web address: it should start with https://"
    }
    assert not EvidenceLink.objects.exists()


def test_a_link_longer_than_the_column_is_a_422(as_alice, enrolled, conforms):
    url = "https://example.com/" + "a" * 500

    response = post(as_alice, "/api/topics/git/evidence", {"url": url})

    conforms(response)
    assert response.status_code == 422
    assert not EvidenceLink.objects.exists()
