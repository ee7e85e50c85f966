"""GET /api/kpis, POST /api/kpis/entries, DELETE /api/kpis/entries/{id}, held to the
OpenAPI schema."""

import json

from skillpath.assessment.models import KpiEntry
from tests.api.conftest import signed_in


def _post(client, **body):
    return client.post(
        "/api/kpis/entries",
        json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_every_kpi_with_target_and_series(as_alice, enrolled, clock, conforms):
    response = as_alice.get("/api/kpis")
    conforms(response)
    assert response.status_code == 200
    kpis = {k["slug"]: k for k in response.json()["kpis"]}
    assert kpis["certification-achievements"]["target"]["min"] == 3
    assert kpis["certification-achievements"]["target"]["max"] == 5
    assert kpis["pull-requests-reviewed"]["source"] == "reviews"
    assert response.json()["months"] == ["2026-01-01"]


def test_add_then_delete_an_entry(as_alice, enrolled, clock, conforms):
    added = _post(
        as_alice,
        kpi="certification-achievements",
        title="CKA",
        amount=2,
        evidence_url="https://example.com/cka",
    )
    conforms(added)
    assert added.status_code == 201, added.content
    assert added.json()["happened_on"] == "2026-01-14"
    board = as_alice.get("/api/kpis").json()
    (row,) = [k for k in board["kpis"] if k["slug"] == "certification-achievements"]
    assert (row["figure"], row["series"]) == (2, [2])
    deleted = as_alice.delete(f"/api/kpis/entries/{added.json()['id']}")
    conforms(deleted)
    assert deleted.status_code == 204
    assert not KpiEntry.objects.exists()


def test_a_bad_entry_is_a_400_naming_the_problem(as_alice, enrolled, clock, conforms):
    for body in (
        {"kpi": "lines-of-code-written", "title": "x"},
        {"kpi": "certification-achievements", "title": "x", "evidence_url": "javascript:x"},
        {"kpi": "certification-achievements", "title": "x", "happened_on": "2026-02-01"},
    ):
        response = _post(as_alice, **body)
        conforms(response)
        assert response.status_code == 400, body
    assert _post(as_alice, kpi="certification-achievements", title="x", amount=0).status_code == 422


def test_another_learners_entry_is_a_404(enrolled, alice, charlie, clock, conforms):
    added = _post(signed_in(alice), kpi="network-growth", title="meetup", amount=12)
    response = signed_in(charlie).delete(f"/api/kpis/entries/{added.json()['id']}")
    conforms(response)
    assert response.status_code == 404
    assert KpiEntry.objects.count() == 1
