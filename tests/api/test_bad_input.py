"""No bad input to any API operation is a server error, and every error is JSON: each path,
query and header parameter, each field of each request body (nested ones too), and raw
bodies of any kind, sent by alice signed in, with local mode off as on a server and CSRF
enforced as in a browser.

The operations are read from the OpenAPI schema, not listed, so a new one is covered
without touching this file. A bad value goes in one place of an otherwise sound request
(the body's required fields, as the schema describes them), so that it reaches the rule
that reads it. Each target gets a bounded number of deterministic examples
(tests/bad_input.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from skillpath.api.main import api
from skillpath.assessment.models import Activity, Interview
from skillpath.checks.suites import all_suites
from skillpath.curriculum.models import Topic
from skillpath.knowledge.models import Review
from skillpath.knowledge.services import answer_item, item_question, start_quiz
from skillpath.tracking.services import add_evidence, log_session
from tests.api.conftest import signed_in_with_csrf
from tests.bad_input import (
    EDGE_BODIES,
    EDGES,
    bodies,
    bounded,
    json_values,
    texts,
    to_json,
    with_examples,
)
from tests.checks.runs import check_result, record_run
from tests.conftest import load_git_bank
from tests.knowledge.answers import right_response

pytestmark = pytest.mark.django_db

SCHEMA = api.get_openapi_schema()
COMPONENTS = SCHEMA["components"]["schemas"]
# Each body field meets these first, then generated values.
JSON_EDGES: list[object] = [
    *EDGES,
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59+14:00",
    10**30,
    -(2**63) - 1,
    1e308,
    None,
    [],
    {},
]
Step = str | int  # a property's name, or 0 for an array's item


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """The schema itself behind a reference, and the non-null one of "X or null"."""
    if "$ref" in node:
        return resolve(COMPONENTS[node["$ref"].rsplit("/", 1)[1]])
    alternatives = [a for a in node.get("anyOf", []) if a.get("type") != "null"]
    return resolve(alternatives[0]) if alternatives else node


def example(node: dict[str, Any]) -> Any:
    """A value the schema allows (an object with its required fields only)."""
    node = resolve(node)
    for key in ("const", "default"):
        if key in node:
            return node[key]
    if node.get("examples"):
        return node["examples"][0]
    if node.get("enum"):
        return node["enum"][0]
    kind = node.get("type")
    if kind == "object":
        return {name: example(node["properties"][name]) for name in node.get("required", [])}
    if kind == "array":
        return [example(node["items"])] * node.get("minItems", 0)
    if kind in ("integer", "number"):
        return node.get("minimum", 1)
    if kind == "boolean":
        return False
    return {"date": "2026-01-05", "date-time": "2026-01-05T10:00:00+00:00"}.get(
        node.get("format", ""), "x"
    )


def places(node: dict[str, Any], where: tuple[Step, ...] = ()) -> list[tuple[Step, ...]]:
    """Every place in a body a value goes: each property, and inside lists and objects."""
    node = resolve(node)
    found: list[tuple[Step, ...]] = []
    if node.get("type") == "object":
        for name, child in node.get("properties", {}).items():
            found += [(*where, name), *places(child, (*where, name))]
    elif node.get("type") == "array":
        found += [(*where, 0), *places(node["items"], (*where, 0))]
    return found


def child_schema(node: dict[str, Any], step: Step) -> dict[str, Any]:
    node = resolve(node)
    return node["items"] if isinstance(step, int) else node["properties"][step]


def with_value(body: Any, node: dict[str, Any], where: tuple[Step, ...], value: object) -> Any:
    """`body` with `value` at `where`, filling in what lies on the way from the schema."""
    step, rest = where[0], where[1:]
    inner = child_schema(node, step)
    if isinstance(step, int):
        items = list(body) if isinstance(body, list) else []
        current = items[0] if items else example(inner)
        items[:1] = [with_value(current, inner, rest, value) if rest else value]
        return items
    current = body.get(step, example(inner)) if rest else None
    return {**body, step: with_value(current, inner, rest, value) if rest else value}


# --- The operations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # the template, as "/api/sessions/{session_id}"
    parameters: tuple[dict[str, Any], ...]
    body: dict[str, Any] | None

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def operations() -> list[Operation]:
    found = []
    for path, item in SCHEMA["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {})
            body = content.get("application/json", {}).get("schema")
            found.append(
                Operation(method.upper(), path, tuple(operation.get("parameters", ())), body)
            )
    return found


@dataclass
class Learner:
    client: Client
    samples: dict[str, object]  # a real value of each path parameter, by name
    bodies: dict[str, object]  # a sound body where the schema cannot say what one is

    def send(
        self,
        operation: Operation,
        *,
        path: dict[str, str] | None = None,
        query: list[tuple[str, str]] | None = None,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
        content_type: str = "application/json",
    ):
        values = {name: str(value) for name, value in self.samples.items()}
        values |= path or {}
        missing = [
            p["name"] for p in operation.parameters if p["in"] == "path" and p["name"] not in values
        ]
        assert not missing, f"{operation}: add a sample value for {missing} to `learner`"
        url = operation.path.format(**{k: quote(v, safe="") for k, v in values.items()})
        if query:
            url += "?" + urlencode(query)
        meta = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in (headers or {}).items()}
        if body is None and operation.body is not None:
            body = to_json(self.bodies.get(str(operation), example(operation.body)))
        response = self.client.generic(
            operation.method,
            url,
            body or b"",
            content_type=content_type,
            HTTP_X_CSRFTOKEN=self.client.token,
            **meta,
        )
        what = f"{operation.method} {url} {content_type!r} {(body or b'')[:100]!r} {headers or ''}"
        assert response.status_code < 500, f"{what}: {response.status_code}"
        if response.status_code >= 400:
            assert response["Content-Type"].startswith("application/json"), what
            assert "detail" in json.loads(response.content), what
        return response


@pytest.fixture
def learner(enrolled, alice, bob, settings):
    """alice, enrolled with a session, a check run, and a quiz on git begun (so a review card
    and a review), signed in on a server; she mentors bob (enrolled too), so the mentors'
    operations are reached."""
    from datetime import date
    from decimal import Decimal

    from django.contrib.auth.models import Permission

    from skillpath.planning.services import CalendarInput, enrol

    settings.LOCAL_MODE = False
    alice.user_permissions.add(Permission.objects.get(codename="sign_off_milestone"))
    choice = CalendarInput(date(2026, 1, 5), Decimal(10), frozenset(range(5)))
    enrol(learner=bob, curriculum=enrolled.curriculum, choice=choice, today=date(2026, 1, 5))
    session = log_session(learner=alice, kind="theory", minutes=30, now=timezone.now())
    link = add_evidence(
        learner=alice, topic=Topic.objects.get(slug="git"), url="https://example.com/work"
    )
    suite = all_suites()[0]
    run = record_run(alice, suite)
    quiz = start_quiz(alice, load_git_bank(enrolled.curriculum), "topic", "git")
    first = quiz.items.get(position=1)
    answer_item(first, right_response(item_question(first), quiz.seed))
    review = Review.objects.get(learner=alice)
    activity = Activity.objects.create(
        learner=alice, curriculum=enrolled.curriculum, month=1, kind="mock_interview"
    )
    interview = Interview.objects.create(activity=activity, interviewer=alice, level="junior")
    from skillpath.tracking.resource_services import add_own_resource

    samples = {
        "slug": enrolled.curriculum.slug,
        "topic_slug": "git",
        "enrolment_id": enrolled.pk,
        "session_id": session.pk,
        "evidence_id": link.pk,
        "entry_id": kpi_entry(alice, enrolled.curriculum).pk,
        "suite": suite.slug,
        "run_id": run.pk,
        "attempt_id": quiz.pk,
        "card_id": review.card_id,
        "review_id": review.pk,
        "number": 1,
        "activity_id": activity.pk,
        "interview_id": interview.pk,
        "learner_id": bob.pk,
        "month": 1,
        "kind": "mock_interview",
        "resource_slug": "designing-data-intensive-applications",
        "part_slug": "chapter-1",
        "certification_slug": "cka",
        "resource_id": add_own_resource(
            learner=alice, curriculum=enrolled.curriculum, title="Pro Git", kind="book"
        ).pk,
    }
    # What no schema can say: a session needs one way of saying how long (a bad value put in
    # `started_at` or `on` then reaches the service), and a result document its suite's stages.
    sound = {
        "POST /api/sessions": {"kind": "theory", "duration": "30m"},
        "POST /api/check-runs": check_result(suite).as_dict(),
        "PUT /api/activities/months/{month}/{kind}": {"notes": "Asked about HTTP."},
        "POST /api/activities/{activity_id}/interviews": {"level": "junior"},
    }
    return Learner(signed_in_with_csrf(alice), samples, sound)


# --- Parameters, body fields, bodies -------------------------------------------------------------


@bounded()
@given(values=st.lists(texts(), min_size=1, max_size=3))
@with_examples("values", [[edge] for edge in EDGES])
def send_parameter(
    learner: Learner, operation: Operation, parameter: dict[str, Any], values: list[str]
) -> None:
    name, where = parameter["name"], parameter["in"]
    if where == "path":
        learner.send(operation, path={name: values[0]})
    elif where == "query":
        learner.send(operation, query=[(name, value) for value in values])
    else:
        learner.send(operation, headers={name: values[0]})


@bounded()
@given(value=json_values())
@with_examples("value", JSON_EDGES)
def send_field(learner: Learner, operation: Operation, where: tuple[Step, ...], value) -> None:
    assert operation.body is not None
    sound = learner.bodies.get(str(operation), example(operation.body))
    learner.send(operation, body=to_json(with_value(sound, operation.body, where, value)))


@bounded()
@given(body=bodies())
@with_examples("body", EDGE_BODIES)
def send_body(learner: Learner, operation: Operation, body: tuple[bytes, str]) -> None:
    raw, content_type = body
    learner.send(operation, body=raw, content_type=content_type)


def assert_still_signed_in(learner: Learner) -> None:
    # Else the requests after the one that ended alice's session tested a 401 only.
    assert learner.client.get("/api/timer").status_code == 200


def test_no_parameter_of_any_operation_gives_a_server_error(learner):
    targets = [(op, p) for op in operations() for p in op.parameters]
    # Read from the schema: these prove the reading works.
    assert {(str(op), p["name"]) for op, p in targets} >= {
        ("GET /api/checks/{suite}/runs", "page"),
        ("GET /api/reports/week", "week"),
        ("DELETE /api/sessions/{session_id}", "session_id"),
        ("GET /api/sessions", "Accept-Language"),
    }
    for operation, parameter in targets:
        send_parameter(learner, operation, parameter)
    assert_still_signed_in(learner)


def test_no_field_of_any_request_body_gives_a_server_error(learner):
    targets = [(op, where) for op in operations() if op.body for where in places(op.body)]
    assert {(str(op), where) for op, where in targets} >= {
        ("POST /api/sessions", ("duration",)),
        ("POST /api/enrolments", ("days_off", 0, "start_on")),
        ("POST /api/check-runs", ("tests", 0, "status")),
        ("POST /api/quizzes/{attempt_id}/answers", ("response", "choice")),
        ("PUT /api/review-settings", ("desired_retention",)),
    }
    for operation, where in targets:
        send_field(learner, operation, where)
    assert_still_signed_in(learner)


def test_no_body_of_any_kind_gives_a_server_error(learner):
    for operation in operations():
        send_body(learner, operation)
    assert_still_signed_in(learner)


def test_the_sound_request_of_each_operation_is_answered_as_alice(learner):
    # Bad values go into a request that would otherwise pass: if the sound one did not
    # reach the operation (401, 403, 422), the bad ones would not reach anything either.
    for operation in operations():
        response = learner.send(operation)
        assert response.status_code in (200, 201, 204, 400, 404), (str(operation), response.content)


def kpi_entry(learner, curriculum):
    """One KPI entry of the learner's, for the URLs that name an entry."""
    from datetime import date

    from skillpath.assessment.kpi_services import add_kpi_entry

    return add_kpi_entry(
        learner=learner,
        curriculum=curriculum,
        kpi="certification-achievements",
        title="CKA",
        happened_on=date(2026, 1, 10),
        today=date(2026, 1, 14),
    )
