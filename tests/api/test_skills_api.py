"""GET /api/skills, POST /api/skills/ratings, PUT and DELETE /api/skills/career, held to the
OpenAPI schema: the same rules as the page (all or nothing, a role of the track only)."""

import json

from skillpath.assessment.models import CareerChoice, SkillRating
from tests.api.conftest import signed_in

DESIGN = {"kind": "key", "slug": "technical-proektirovanie-distributed-systems"}


def _send(client, method, path, body):
    return client.generic(
        method, path, json.dumps(body), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )


def test_rate_then_read_the_matrix(as_alice, enrolled, clock, conforms):
    empty = as_alice.get("/api/skills")
    conforms(empty)
    assert empty.status_code == 200
    assert empty.json()["career"] is None and empty.json()["last_rated"] is None
    assert len(empty.json()["skills"]) == 30
    rated = _send(
        as_alice,
        "POST",
        "/api/skills/ratings",
        {"scores": [{**DESIGN, "score": 4}, {"kind": "phase", "slug": "month-1", "score": 2}]},
    )
    conforms(rated)
    assert rated.json() == {"recorded": 2}
    skills = {s["slug"]: s for s in as_alice.get("/api/skills").json()["skills"]}
    design = skills[DESIGN["slug"]]
    assert (design["self_now"], design["self_then"], design["mentor_now"]) == (4, None, None)
    assert skills["month-1"]["self_now"] == 2


def test_an_unknown_skill_is_a_400_and_nothing_is_stored(as_alice, enrolled, clock, conforms):
    response = _send(
        as_alice,
        "POST",
        "/api/skills/ratings",
        {"scores": [{**DESIGN, "score": 4}, {"kind": "key", "slug": "juggling", "score": 3}]},
    )
    conforms(response)
    assert response.status_code == 400
    assert "key/juggling" in response.json()["detail"]
    assert not SkillRating.objects.exists()
    too_high = _send(as_alice, "POST", "/api/skills/ratings", {"scores": [{**DESIGN, "score": 6}]})
    conforms(too_high)
    assert too_high.status_code == 422


def test_choose_and_clear_a_career(as_alice, enrolled, clock, conforms):
    chosen = _send(
        as_alice,
        "PUT",
        "/api/skills/career",
        {"track": "technical", "role": "technical-staff-engineer"},
    )
    conforms(chosen)
    assert chosen.status_code == 200
    assert chosen.json()["role_title"] == "Staff Engineer"
    assert as_alice.get("/api/skills").json()["career"]["track"] == "technical"
    wrong = _send(
        as_alice,
        "PUT",
        "/api/skills/career",
        {"track": "technical", "role": "management-vp-of-engineering"},
    )
    conforms(wrong)
    assert wrong.status_code == 400
    cleared = as_alice.delete("/api/skills/career")
    conforms(cleared)
    assert cleared.status_code == 204
    assert not CareerChoice.objects.exists()


def test_each_learner_sees_only_their_own_matrix(enrolled, builtin, alice, charlie, clock):
    from datetime import date
    from decimal import Decimal

    from skillpath.planning.services import CalendarInput, enrol

    _send(signed_in(alice), "POST", "/api/skills/ratings", {"scores": [{**DESIGN, "score": 5}]})
    assert signed_in(charlie).get("/api/skills").status_code == 404  # not enrolled yet
    choice = CalendarInput(date(2026, 1, 5), Decimal(10), frozenset(range(5)))
    enrol(learner=charlie, curriculum=builtin, choice=choice, today=date(2026, 1, 5))
    skills = signed_in(charlie).get("/api/skills").json()["skills"]
    assert all(s["self_now"] is None for s in skills)
    assert SkillRating.objects.get().learner == alice
