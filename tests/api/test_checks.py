"""Practice checks over the API: the suites with the learner's status, one suite, the history
of runs, one run's result document, and recording a run made elsewhere. Every response
conforms to the OpenAPI schema; charlie never sees alice's runs."""

from __future__ import annotations

import pytest
from django.middleware.csrf import get_token
from django.test import RequestFactory

from skillpath.checks.models import CheckRun
from skillpath.checks.results import in_language
from skillpath.checks.suite import Suite
from skillpath.checks.suites import all_suites
from tests.api.conftest import post, signed_in
from tests.checks.runs import (
    EXIT_3,
    EXIT_3_HINT,
    EXITS_3,
    check_result,
    real_failed_run,
    record_run,
)
from tests.conftest import need

pytestmark = pytest.mark.django_db

LIST_QUERIES = 4  # session, user; the statuses (totals, latest runs)
DETAIL_QUERIES = 4  # session, user; the status (totals, latest)
RUNS_QUERIES = 3  # session, user; one page of runs


@pytest.fixture
def suite() -> Suite:
    suites = all_suites()
    need(suites, "no check suite is written yet")
    return suites[0]


def record(learner, suite: Suite, **options) -> CheckRun:
    return record_run(learner, suite, **options)


# --- Reads -------------------------------------------------------------------------------


def test_the_checks_list_every_suite_with_my_status(as_alice, alice, suite, conforms):
    response = as_alice.get("/api/checks")
    conforms(response)
    assert response.status_code == 200
    checks = {item["slug"]: item for item in response.json()}
    assert list(checks) == [each.slug for each in all_suites()]
    mine = checks[suite.slug]
    assert mine["status"] == "not_run" and mine["runs"] == 0 and mine["latest"] is None
    assert [s["slug"] for s in mine["stages"]] == [s.slug for s in suite.stages]
    assert mine["stages"][0]["number"] == 1
    assert mine["subject"] == {"kind": suite.subject[0], "slug": suite.subject[1]}

    failed = record(alice, suite, failing=1)
    response = as_alice.get("/api/checks")
    conforms(response)
    mine = {item["slug"]: item for item in response.json()}[suite.slug]
    assert mine["status"] == "failing" and mine["runs"] == 1
    assert mine["latest"]["id"] == failed.pk and mine["latest"]["status"] == "fail"

    record(alice, suite)
    mine = {item["slug"]: item for item in as_alice.get("/api/checks").json()}[suite.slug]
    assert mine["status"] == "passed" and mine["runs"] == 2
    assert mine["latest"]["is_complete_pass"] is True


def test_one_check_with_my_latest_run_and_its_document(as_alice, alice, suite, conforms):
    record(alice, suite)
    run = record(alice, suite, failing=1, seed=99)
    response = as_alice.get(f"/api/checks/{suite.slug}", HTTP_ACCEPT_LANGUAGE="en")
    conforms(response)
    assert response.status_code == 200
    check = response.json()
    assert check["status"] == "passed"
    assert check["latest"]["id"] == run.pk and check["latest"]["seed"] == 99
    assert check["latest"]["result"] == in_language(run.result, "en")
    assert check["latest"]["result"]["tests"][0]["message"].startswith("GET of a task")
    assert check["page_url"] == f"/checks/{suite.slug}/"
    assert any(suite.slug in command for command in check["commands"])


def test_an_unknown_check_is_a_404(as_alice, conforms):
    for path in ("/api/checks/no-such-check", "/api/checks/no-such-check/runs"):
        response = as_alice.get(path, HTTP_ACCEPT_LANGUAGE="en")
        conforms(response)
        assert response.status_code == 404
        assert response.json() == {"detail": "There is no check named “no-such-check”."}


def test_the_runs_come_a_page_at_a_time_newest_first(as_alice, alice, suite, conforms):
    runs = [record(alice, suite, seed=n) for n in range(25)]
    response = as_alice.get(f"/api/checks/{suite.slug}/runs?page_size=10")
    conforms(response)
    first = response.json()
    assert [item["id"] for item in first["items"]] == [r.pk for r in reversed(runs)][:10]
    assert first["has_next"] is True and "result" not in first["items"][0]
    last = as_alice.get(f"/api/checks/{suite.slug}/runs?page=3&page_size=10")
    conforms(last)
    assert [item["seed"] for item in last.json()["items"]] == [4, 3, 2, 1, 0]
    assert last.json()["has_next"] is False
    beyond = as_alice.get(f"/api/checks/{suite.slug}/runs?page=4&page_size=10")
    assert beyond.json()["items"] == [] and beyond.json()["has_next"] is False


@pytest.mark.parametrize(
    "query", ["page=1000000000000000000000000000000", "page=10001", "page=0", "page_size=101"]
)
def test_a_page_outside_the_bounds_is_a_422_as_the_schema_says(
    as_alice, alice, suite, openapi, conforms, query
):
    # page=10**30 was a 500: SQLite cannot bind the offset ("datatype mismatch").
    response = as_alice.get(f"/api/checks/{suite.slug}/runs?{query}")

    conforms(response)
    assert response.status_code == 422
    parameters = openapi.raw_schema["paths"]["/api/checks/{suite}/runs"]["get"]["parameters"]
    bounds = {p["name"]: p["schema"].get("maximum") for p in parameters if p["in"] == "query"}
    assert bounds == {"page": 10_000, "page_size": 100}


def test_one_run_with_its_whole_result_document(as_alice, alice, suite, conforms):
    run = record(alice, suite, failing=1)
    response = as_alice.get(f"/api/check-runs/{run.pk}", HTTP_ACCEPT_LANGUAGE="en")
    conforms(response)
    assert response.status_code == 200
    assert response.json()["result"] == in_language(run.result, "en")
    assert response.json()["stages_passed"] == 0


@pytest.mark.parametrize(("made_in", "read_in"), [("en", "ru"), ("ru", "en")])
def test_a_run_comes_in_the_requests_language(as_alice, alice, conforms, made_in, read_in):
    run = real_failed_run(alice, language=made_in)
    response = as_alice.get(f"/api/check-runs/{run.pk}", HTTP_ACCEPT_LANGUAGE=read_in)
    conforms(response)
    result = response.json()["result"]
    assert result["language"] == read_in
    assert result["tests"][0]["message"] == EXIT_3[read_in]
    assert result["tests"][0]["hint"] == EXIT_3_HINT[read_in]
    assert "translations" not in result["tests"][0]
    # The stored document is unchanged: its own language, the other one beside it.
    assert run.result["tests"][0]["message"] == EXIT_3[made_in]


def test_a_run_recorded_elsewhere_keeps_its_other_language(as_alice, alice, conforms):
    from skillpath.checks.runner import run_check
    from skillpath.checks.suites import suite_by_slug

    text_cli = suite_by_slug("text-cli")
    document = run_check(text_cli, cmd=EXITS_3, upto=1, seed=5, lang="en").as_dict()
    response = post(as_alice, "/api/check-runs", document)
    assert response.status_code == 201, response.json()
    assert CheckRun.objects.get(learner=alice).result == document
    run_id = response.json()["id"]
    shown = as_alice.get(f"/api/check-runs/{run_id}", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert shown["result"]["tests"][0]["message"] == EXIT_3["ru"]


def test_charlie_gets_a_404_on_alices_run(as_charlie, alice, suite, conforms):
    run = record(alice, suite, failing=1)
    response = as_charlie.get(f"/api/check-runs/{run.pk}", HTTP_ACCEPT_LANGUAGE="en")
    conforms(response)
    assert response.status_code == 404
    assert response.json() == {"detail": f"You have no check run with the id {run.pk}."}
    listed = as_charlie.get(f"/api/checks/{suite.slug}/runs").json()
    assert listed["items"] == []
    mine = {item["slug"]: item for item in as_charlie.get("/api/checks").json()}[suite.slug]
    assert mine["status"] == "not_run" and mine["latest"] is None


def test_a_visitor_gets_a_401(api_client, server_mode, conforms):
    for path in ("/api/checks", "/api/check-runs/1"):
        response = api_client.get(path)
        conforms(response)
        assert response.status_code == 401


# --- Recording a run ---------------------------------------------------------------------


def test_a_run_made_elsewhere_is_recorded(as_alice, alice, suite, conforms):
    document = check_result(suite, failing=1, seed=7).as_dict()
    response = post(as_alice, "/api/check-runs", document)
    conforms(response)
    assert response.status_code == 201, response.json()
    run = CheckRun.objects.get(learner=alice)
    assert response.json()["id"] == run.pk
    assert run.result == document
    assert run.status == "fail" and run.stages_passed == 0 and run.seed == 7
    assert run.target == "http://127.0.0.1:8080"


def test_a_complete_pass_counts_as_passed(as_alice, alice, suite):
    response = post(as_alice, "/api/check-runs", check_result(suite).as_dict())
    assert response.status_code == 201
    assert response.json()["is_complete_pass"] is True
    check = as_alice.get(f"/api/checks/{suite.slug}").json()
    assert check["status"] == "passed"


def _broken(suite: Suite, change) -> dict:
    document = check_result(suite, failing=1).as_dict()
    change(document)
    return document


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(suite="no-such-check"), "suite"),
        (lambda d: d.update(stages_total=d["stages_total"] + 1), "stages_total"),
        (lambda d: d.update(status="maybe"), "status"),
        (lambda d: d.update(seed=-1), "seed"),
        (lambda d: d.update(seed="12"), "seed"),
        (lambda d: d.update(started_at="yesterday"), "started_at"),
        (lambda d: d.update(duration=float("inf")), "duration"),
        (lambda d: d["tests"].reverse(), "tests"),
        (lambda d: d["tests"].pop(), "tests"),
        (lambda d: d["tests"][0].update(status="won"), "status"),
        (lambda d: d["tests"][0].pop("slug"), "slug"),
        (lambda d: d["tests"][0].update(output="x" * 30_000), "output"),
        (lambda d: d.update(unknown=1), "unknown"),
        (lambda d: d.pop("target"), "target"),
    ],
)
def test_a_bad_document_is_a_422_naming_the_field(as_alice, suite, conforms, change, field):
    response = post(as_alice, "/api/check-runs", _broken(suite, change))
    if response.status_code == 400:  # infinity is not JSON: the body cannot be read
        assert field == "duration"
        return
    conforms(response)
    assert response.status_code == 422, response.json()
    errors = response.json()["detail"]
    assert any(field in map(str, error["loc"]) for error in errors), errors
    assert not CheckRun.objects.exists()


def test_a_status_that_disagrees_with_the_stages_is_refused(as_alice, suite, conforms):
    response = post(as_alice, "/api/check-runs", _broken(suite, lambda d: d.update(status="pass")))
    conforms(response)
    assert response.status_code == 422
    assert "the stages make it 'fail'" in str(response.json()["detail"])


def test_nul_bytes_in_the_output_are_dropped(as_alice, alice, suite):
    document = _broken(suite, lambda d: d["tests"][0].update(output="a\x00b"))
    assert post(as_alice, "/api/check-runs", document).status_code == 201
    assert CheckRun.objects.get(learner=alice).result["tests"][0]["output"] == "ab"


def test_recording_needs_the_csrf_token(alice, suite, conforms):
    client = signed_in(alice, enforce_csrf_checks=True)
    request = RequestFactory().get("/")
    token = get_token(request)
    client.cookies["csrftoken"] = request.META["CSRF_COOKIE"]
    document = check_result(suite).as_dict()

    refused = post(client, "/api/check-runs", document)
    conforms(refused)
    assert refused.status_code == 403
    accepted = post(client, "/api/check-runs", document, HTTP_X_CSRFTOKEN=token)
    conforms(accepted)
    assert accepted.status_code == 201


def test_a_visitor_cannot_record(api_client, server_mode, suite, conforms):
    response = post(api_client, "/api/check-runs", check_result(suite).as_dict())
    conforms(response)
    assert response.status_code == 401


# --- Query counts ------------------------------------------------------------------------


@pytest.mark.parametrize("runs", [1, 30])
def test_the_list_endpoints_cost_a_fixed_number_of_queries(
    as_alice, alice, suite, runs, django_assert_num_queries
):
    for n in range(runs):
        record(alice, suite, seed=n, failing=1 if n % 2 else None)
    for other in all_suites()[1:]:
        record(alice, other)
    with django_assert_num_queries(LIST_QUERIES):
        assert as_alice.get("/api/checks").status_code == 200
    with django_assert_num_queries(DETAIL_QUERIES):
        assert as_alice.get(f"/api/checks/{suite.slug}").status_code == 200
    with django_assert_num_queries(RUNS_QUERIES):
        assert as_alice.get(f"/api/checks/{suite.slug}/runs?page_size=100").status_code == 200
