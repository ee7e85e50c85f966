"""The OpenAPI schema and the interactive docs, which must work without internet."""

from __future__ import annotations

import re

import pytest
from schemathesis.errors import FailureGroup

OPERATIONS = {
    ("/api/curricula", "get"),
    ("/api/curricula/{slug}", "get"),
    ("/api/curricula/{slug}/topics/{topic_slug}", "get"),
    ("/api/enrolments", "get"),
    ("/api/enrolments", "post"),
    ("/api/enrolments/{enrolment_id}", "get"),
    ("/api/enrolments/{enrolment_id}/make-current", "post"),
    ("/api/enrolments/{enrolment_id}/revoke-calendar-token", "post"),
    ("/api/plan", "get"),
    ("/api/today", "get"),
    ("/api/sessions", "get"),
    ("/api/sessions", "post"),
    ("/api/sessions/{session_id}", "patch"),
    ("/api/sessions/{session_id}", "delete"),
    ("/api/sessions.csv", "get"),
    ("/api/resources", "get"),
    ("/api/resources/{resource_slug}", "get"),
    ("/api/resources/{resource_slug}/parts/{part_slug}", "put"),
    ("/api/my-resources", "post"),
    ("/api/my-resources/{resource_id}", "patch"),
    ("/api/my-resources/{resource_id}", "delete"),
    ("/api/certifications", "get"),
    ("/api/certifications/{certification_slug}", "put"),
    ("/api/certifications/{certification_slug}", "delete"),
    ("/api/kpis", "get"),
    ("/api/kpis/entries", "post"),
    ("/api/kpis/entries/{entry_id}", "delete"),
    ("/api/assessment", "get"),
    ("/api/assessment/history", "get"),
    ("/api/assessment/milestones/{number}/sign-off", "post"),
    ("/api/timer", "get"),
    ("/api/timer/start", "post"),
    ("/api/timer/stop", "post"),
    ("/api/topics/{topic_slug}/progress", "get"),
    ("/api/topics/{topic_slug}/progress", "put"),
    ("/api/topics/{topic_slug}/evidence", "post"),
    ("/api/topics/{topic_slug}/evidence/{evidence_id}", "patch"),
    ("/api/topics/{topic_slug}/evidence/{evidence_id}", "delete"),
    ("/api/reports/week", "get"),
    ("/api/dashboard", "get"),
    ("/api/checks", "get"),
    ("/api/checks/{suite}", "get"),
    ("/api/checks/{suite}/runs", "get"),
    ("/api/check-runs", "post"),
    ("/api/check-runs/{run_id}", "get"),
    ("/api/questions/stats", "get"),
    ("/api/quizzes", "post"),
    ("/api/quizzes/{attempt_id}", "get"),
    ("/api/quizzes/{attempt_id}/answers", "post"),
    ("/api/reviews", "get"),
    ("/api/reviews/{card_id}", "post"),
    ("/api/reviews/{review_id}/grade", "post"),
    ("/api/mastery", "get"),
    ("/api/review-settings", "get"),
    ("/api/review-settings", "put"),
    ("/api/activities", "get"),
    ("/api/activities/{activity_id}", "get"),
    ("/api/activities/months/{month}/{kind}", "put"),
    ("/api/activities/{activity_id}/sign-off", "post"),
    ("/api/activities/{activity_id}/return", "post"),
    ("/api/activities/{activity_id}/self-assess", "post"),
    ("/api/activities/{activity_id}/interviews", "post"),
    ("/api/interviews/{interview_id}/score", "post"),
    ("/api/learners/{learner_id}/assessment", "get"),
    ("/api/learners/{learner_id}/assessment/milestones/{number}/sign-off", "post"),
    ("/api/skills", "get"),
    ("/api/skills/ratings", "post"),
    ("/api/skills/career", "put"),
    ("/api/skills/career", "delete"),
}


@pytest.fixture
def schema(api_client, db):
    response = api_client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_lists_every_operation(schema):
    operations = {(path, method) for path, item in schema["paths"].items() for method in item}

    assert schema["openapi"].startswith("3.1")
    assert operations == OPERATIONS


def test_a_404_is_documented_with_its_detail_message(schema):
    error = schema["components"]["schemas"]["ErrorOut"]
    assert error["required"] == ["detail"]
    assert error["properties"]["detail"]["type"] == "string"
    for path, item in schema["paths"].items():
        if "{slug}" in path:
            content = item["get"]["responses"]["404"]["content"]["application/json"]
            assert content["schema"] == {"$ref": "#/components/schemas/ErrorOut"}


def test_the_schema_documents_the_language_header(schema):
    for path, item in schema["paths"].items():
        if path.startswith("/api/curricula"):
            names = {(p["in"], p["name"]) for p in item["get"]["parameters"]}
            assert ("header", "Accept-Language") in names


def test_the_learner_endpoints_document_their_errors(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if not operation.get("security"):
                continue
            responses = operation["responses"]
            assert {"401", "422"} <= set(responses), (method, path)
            if method != "get":
                # 400: a rule said no; 403: the CSRF check failed.
                assert {"400", "403"} <= set(responses), (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)


# --- The bounds of what a client sends ---------------------------------------------------


def _input_schemas(schema):
    """(where, JSON schema) of every query parameter and every value inside a request body,
    with references followed and alternatives opened."""
    components = schema["components"]["schemas"]

    def walk(where, node):
        if "$ref" in node:
            yield from walk(where, components[node["$ref"].rsplit("/", 1)[1]])
            return
        for alternative in node.get("anyOf", []):
            yield from walk(where, alternative)
        yield where, node
        for name, value in node.get("properties", {}).items():
            yield from walk(f"{where}.{name}", value)
        if "items" in node:
            yield from walk(f"{where}[]", node["items"])

    for path, item in schema["paths"].items():
        for method, operation in item.items():
            label = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    yield from walk(f"{label} ?{parameter['name']}", parameter["schema"])
            for content in operation.get("requestBody", {}).get("content", {}).values():
                yield from walk(f"{label} body", content["schema"])


def test_every_date_a_client_sends_states_the_years_it_may_fall_in(schema):
    dates = [(w, n) for w, n in _input_schemas(schema) if n.get("format") in ("date", "date-time")]

    assert len(dates) >= 8
    for where, node in dates:
        # JSON Schema has no minimum for a date: the pattern states the years 1900–2199.
        assert node.get("pattern", "").startswith("^(19|20|21)[0-9]{2}-"), where


def test_every_number_and_text_a_client_sends_has_its_bounds_in_the_schema(schema):
    for where, node in _input_schemas(schema):
        if "enum" in node or "const" in node:
            continue
        if node.get("type") in ("integer", "number"):
            assert "minimum" in node and "maximum" in node, where
        if node.get("type") == "string" and "format" not in node:
            assert "maxLength" in node, where
        if node.get("type") == "array":
            assert "maxItems" in node, where


def test_the_docs_page_loads_swagger_ui_from_our_own_static_files(api_client, db):
    response = api_client.get("/api/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert all(a.startswith("/static/") for a in assets), assets
    assert "cdn" not in html.lower()
    # Swagger UI would otherwise send the schema to validator.swagger.io.
    assert '"validatorUrl": null' in html
    assert '"url": "/api/openapi.json"' in html


def test_every_asset_of_the_docs_page_is_served(api_client, db):
    html = api_client.get("/api/docs").content.decode()

    for asset in re.findall(r'(?:src|href)="([^"]+)"', html):
        response = api_client.get(asset)
        assert response.status_code == 200, asset
        assert b"".join(response.streaming_content)


def test_the_conformance_check_catches_a_body_that_breaks_the_schema(api_client, builtin, conforms):
    response = api_client.get("/api/curricula/backend/topics/git")
    response.content = b'{"slug": 1}'

    with pytest.raises(FailureGroup):
        conforms(response)


def test_the_conformance_check_catches_an_undocumented_status(api_client, builtin, conforms):
    response = api_client.get("/api/curricula")
    response.status_code = 404

    with pytest.raises(FailureGroup):
        conforms(response)
