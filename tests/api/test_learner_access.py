"""Who may call the learner endpoints: signed-in learners only (401 otherwise, as JSON), CSRF
on writes, and each learner on their own data — charlie gets a 404 for alice's objects and
never sees them in his lists."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from skillpath.api.main import api
from skillpath.planning.models import Enrolment
from skillpath.tracking.models import StudySession, Timer
from skillpath.tracking.services import log_session, start_timer
from tests.api.conftest import NOW, post, signed_in_with_csrf

pytestmark = pytest.mark.django_db

SCHEMA = api.get_openapi_schema()
LEARNER_OPERATIONS = sorted(
    (method.upper(), path)
    for path, item in SCHEMA["paths"].items()
    for method, operation in item.items()
    if operation.get("security")
)


def concrete(path: str) -> str:
    return re.sub(r"\{topic_slug\}", "git", re.sub(r"\{\w+_id\}", "1", path))


def call(client: Client, method: str, path: str, **extra):
    return client.generic(method, path, "{}", content_type="application/json", **extra)


def test_every_endpoint_but_the_curriculums_needs_a_signed_in_learner():
    assert len(LEARNER_OPERATIONS) == 66
    for path, item in SCHEMA["paths"].items():
        for operation in item.values():
            is_secured = operation.get("security") == [{"LearnerAuth": []}]
            assert is_secured != path.startswith("/api/curricula"), path


# --- Anonymous -----------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path"), LEARNER_OPERATIONS)
def test_an_anonymous_call_is_a_json_401(api_client, enrolled, server_mode, conforms, method, path):
    response = call(api_client, method, concrete(path))

    conforms(response)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


@pytest.mark.parametrize(
    ("method", "path"), [("POST", "/api/timer/start"), ("DELETE", "/api/sessions/1")]
)
def test_an_anonymous_write_is_a_401_even_without_a_csrf_token(enrolled, server_mode, method, path):
    client = Client(REMOTE_ADDR="192.0.2.10", enforce_csrf_checks=True)

    response = call(client, method, path)

    assert response.status_code == 401


def test_on_this_machine_local_mode_signs_the_learner_in(enrolled, settings):
    settings.LOCAL_MODE = True
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_HOST="localhost:8000")

    response = client.get("/api/timer")

    assert response.status_code == 200
    assert response.json()["is_running"] is False


def test_local_mode_never_signs_in_another_machine(api_client, enrolled, settings):
    settings.LOCAL_MODE = True

    assert api_client.get("/api/timer").status_code == 401


# --- CSRF ----------------------------------------------------------------------------------


@pytest.fixture
def csrf_alice(alice):
    """alice signed in with CSRF enforced, as in a browser; `csrf_alice.token` is her token."""
    return signed_in_with_csrf(alice)


def test_a_write_without_the_csrf_token_is_refused(csrf_alice, enrolled, conforms):
    response = post(csrf_alice, "/api/timer/start", {"kind": "practice"})

    conforms(response)
    assert response.status_code == 403
    assert response.json() == {"detail": "CSRF check Failed"}
    assert not Timer.objects.exists()


def test_a_write_with_the_csrf_token_goes_through(csrf_alice, enrolled, conforms):
    response = post(
        csrf_alice, "/api/timer/start", {"kind": "practice"}, HTTP_X_CSRFTOKEN=csrf_alice.token
    )

    conforms(response)
    assert response.status_code == 201


def test_a_delete_without_the_csrf_token_is_refused(csrf_alice, alice, clock):
    session = log_session(learner=alice, kind="practice", minutes=30, now=NOW)

    response = csrf_alice.delete(f"/api/sessions/{session.pk}")

    assert response.status_code == 403
    assert StudySession.objects.filter(pk=session.pk).exists()


def test_reads_need_no_csrf_token(csrf_alice, enrolled):
    assert csrf_alice.get("/api/plan").status_code == 200


# --- Charlie and alice's data ----------------------------------------------------------------


@pytest.fixture
def alices_things(alice, enrolled, clock):
    session = log_session(learner=alice, kind="practice", minutes=30, now=NOW)
    start_timer(learner=alice, kind="theory", now=NOW)
    return enrolled, session


@pytest.mark.parametrize(
    ("method", "template"),
    [
        ("GET", "/api/enrolments/{enrolment}"),
        ("POST", "/api/enrolments/{enrolment}/make-current"),
        ("POST", "/api/enrolments/{enrolment}/revoke-calendar-token"),
        ("GET", "/api/plan?enrolment={enrolment}"),
        ("GET", "/api/today?enrolment={enrolment}"),
        ("GET", "/api/reports/week?enrolment={enrolment}"),
        ("GET", "/api/dashboard?enrolment={enrolment}"),
        ("DELETE", "/api/sessions/{session}"),
    ],
)
def test_charlie_gets_a_404_for_alices_objects(
    as_charlie, charlie, builtin, alices_things, conforms, method, template
):
    enrolment, session = alices_things
    # charlie has an enrolment of his own, so nothing falls back to "not enrolled".
    post(as_charlie, "/api/enrolments", {"start_on": "2026-01-05"})
    token = enrolment.calendar_token

    response = call(as_charlie, method, template.format(enrolment=enrolment.pk, session=session.pk))

    conforms(response)
    assert response.status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.calendar_token == token
    assert StudySession.objects.filter(pk=session.pk).exists()
    assert Enrolment.objects.get(learner=charlie).is_current


def test_charlies_lists_never_show_alices_data(as_charlie, builtin, alices_things, conforms):
    for path in ["/api/enrolments", "/api/sessions", "/api/timer"]:
        response = as_charlie.get(path)
        conforms(response)
        assert response.status_code == 200
    assert as_charlie.get("/api/enrolments").json() == []
    assert as_charlie.get("/api/sessions").json()["items"] == []
    assert as_charlie.get("/api/timer").json()["is_running"] is False


def test_charlie_stops_only_his_own_timer(as_charlie, builtin, alices_things, conforms):
    response = post(as_charlie, "/api/timer/stop")

    conforms(response)
    assert response.status_code == 400
    assert Timer.objects.filter(learner__username="alice").exists()
