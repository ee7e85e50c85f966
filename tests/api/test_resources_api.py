"""The resource operations against the schema: progress listed, a part marked done and not,
a learner's own resources (charlie gets 404), certifications, sessions naming a resource;
bad input is a 4xx naming the field."""

from __future__ import annotations

import pytest

from skillpath.tracking.models import CertificationGoal, LearnerResource, PartDone
from tests.api.conftest import post, put

pytestmark = pytest.mark.django_db
DDIA = "designing-data-intensive-applications"


def _patch(client, path, data):
    return client.patch(path, data, content_type="application/json")


def test_the_resources_are_listed_with_progress(as_alice, enrolled, conforms):
    response = as_alice.get("/api/resources")

    conforms(response)
    rows = {r["slug"]: r for r in response.json()}
    assert len(rows) == 14
    assert (rows[DDIA]["parts_total"], rows[DDIA]["pages_total"], rows[DDIA]["phase"]) == (
        12,
        550,
        2,
    )


def test_a_learner_follows_ddia_chapter_by_chapter(as_alice, alice, enrolled, conforms):
    done = put(as_alice, f"/api/resources/{DDIA}/parts/chapter-1", {"is_done": True})
    conforms(done)
    assert done.json()["is_done"] is True and done.json()["pages"] == 24
    post(as_alice, "/api/sessions", {"kind": "theory", "duration": "1h", "resource": DDIA})

    detail = as_alice.get(f"/api/resources/{DDIA}", HTTP_ACCEPT_LANGUAGE="en")

    conforms(detail)
    body = detail.json()
    assert (body["parts_done"], body["pages_read"], body["minutes"]) == (1, 24, 60)
    assert body["parts"][0]["group"] == "Part I. Foundations of Data Systems"
    assert body["authors"] == ["Martin Kleppmann"]
    undone = put(as_alice, f"/api/resources/{DDIA}/parts/chapter-1", {"is_done": False})
    assert undone.json()["is_done"] is False
    assert not PartDone.objects.filter(learner=alice).exists()


def test_unknown_resources_and_parts_are_404s(as_alice, enrolled, conforms):
    for response in (
        as_alice.get("/api/resources/no-such-book"),
        put(as_alice, f"/api/resources/{DDIA}/parts/chapter-99", {"is_done": True}),
    ):
        conforms(response)
        assert response.status_code == 404


def test_own_resources_are_created_changed_and_deleted(as_alice, alice, enrolled, conforms):
    created = post(
        as_alice,
        "/api/my-resources",
        {
            "title": "Pro Git",
            "kind": "book",
            "url": "https://git-scm.com/book/en/v2",
            "topic": "git",
            "parts": [{"title": "Getting Started", "pages": 30}, {"title": "Git Basics"}],
        },
    )
    conforms(created)
    assert created.status_code == 201
    own = created.json()
    assert (own["slug"], own["is_own"], own["pages_total"]) == ("pro-git", True, 30)
    assert [t["slug"] for t in own["topics"]] == ["git"]

    ticked = put(as_alice, "/api/resources/pro-git/parts/part-2", {"is_done": True})
    assert ticked.json()["is_done"] is True
    changed = _patch(as_alice, f"/api/my-resources/{own['id']}", {"title": "Pro Git, 2nd"})
    conforms(changed)
    assert changed.json()["title"] == "Pro Git, 2nd" and changed.json()["parts_done"] == 1

    gone = as_alice.delete(f"/api/my-resources/{own['id']}")
    assert gone.status_code == 204
    assert not LearnerResource.objects.exists()


def test_charlie_gets_a_404_for_alices_own_resource(as_alice, as_charlie, enrolled, conforms):
    own = post(
        as_alice,
        "/api/my-resources",
        {"title": "Mine", "kind": "course", "parts": [{"title": "x"}]},
    ).json()
    post(as_charlie, "/api/enrolments", {"start_on": "2026-01-05"})

    for response in (
        _patch(as_charlie, f"/api/my-resources/{own['id']}", {"title": "stolen"}),
        as_charlie.delete(f"/api/my-resources/{own['id']}"),
        as_charlie.get(f"/api/resources/{own['slug']}"),
        put(as_charlie, f"/api/resources/{own['slug']}/parts/part-1", {"is_done": True}),
    ):
        conforms(response)
        assert response.status_code == 404
    assert all(not r["is_own"] for r in as_charlie.get("/api/resources").json())
    assert LearnerResource.objects.get().title == "Mine"


def test_a_certification_is_planned_then_earned(as_alice, alice, enrolled, conforms):
    planned = put(as_alice, "/api/certifications/cka", {"target_on": "2026-09-01"})
    conforms(planned)
    assert planned.json()["status"] == "planned"

    refused = put(
        as_alice, "/api/certifications/cka", {"earned_on": "2026-01-10"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    conforms(refused)
    assert refused.status_code == 400 and "evidence" in refused.json()["detail"]

    earned = put(
        as_alice,
        "/api/certifications/cka",
        {"earned_on": "2026-01-10", "evidence_url": "https://www.credly.com/badges/x"},
    )
    assert earned.json()["status"] == "earned"
    listed = {c["slug"]: c for c in as_alice.get("/api/certifications").json()}
    assert listed["cka"]["earned_on"] == "2026-01-10" and listed["ckad"]["status"] == "none"
    kpis = {k["slug"]: k for k in as_alice.get("/api/kpis").json()["kpis"]}
    assert kpis["certification-achievements"]["figure"] == 1

    assert as_alice.delete("/api/certifications/cka").status_code == 204
    assert not CertificationGoal.objects.exists()
    assert as_alice.delete("/api/certifications/no-such").status_code == 404


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/my-resources", {"title": "", "kind": "book"}, "title"),
        ("/api/my-resources", {"title": "x", "kind": "podcast"}, "kind"),
        (
            "/api/my-resources",
            {"title": "x", "kind": "book", "parts": [{"title": "x", "pages": 0}]},
            "pages",
        ),
        ("/api/my-resources", {"title": "x", "kind": "book", "topic": "no-such"}, "topic"),
        ("/api/sessions", {"kind": "theory", "duration": "1h", "resource": "no-such"}, "resource"),
    ],
)
def test_bad_input_is_a_4xx_naming_the_field(as_alice, enrolled, conforms, path, body, field):
    response = post(as_alice, path, body)

    conforms(response)
    assert response.status_code in (400, 422)
    assert field in str(response.json()["detail"])
