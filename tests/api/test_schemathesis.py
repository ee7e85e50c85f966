"""Schemathesis against the API's own schema: generated requests, in process, over WSGI.

The WSGI app runs in the test's thread, so it sees the test database and the built-in
curriculum. Each operation is tried in every phase (the schema's examples, coverage of edge
values, fuzzing) with a bounded number of examples; every response must not be a 5xx and
must conform to the schema (status, content type, headers, body).

The learner's operations run signed in as alice (enrolled, with some history), with local
mode off and a CSRF token, so schemathesis also checks that leaving the session cookie out
is refused. Valid-looking requests may still break a rule of the domain (a session in the
future, a second timer): those are 400s by design, so `positive_data_acceptance` is off
for them.

The schema is loaded when the module is imported, not from a fixture: schemathesis'
`pytest.from_fixture` reads `Function._nodeid`, which pytest 9 no longer has.
"""

from __future__ import annotations

from datetime import timedelta

import hypothesis
import pytest
import schemathesis
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.contrib.auth import SESSION_KEY as SESSION_KEY_NAME
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils import timezone
from schemathesis.specs.openapi.checks import positive_data_acceptance

from skillpath.api.main import api
from skillpath.curriculum.models import Topic
from skillpath.tracking.services import log_session

MAX_EXAMPLES = 25

app = get_wsgi_application()
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=True)
# Requests schemathesis makes on its own (probes without credentials) go to the app too.
schema.app = app
curriculum_operations = schema.include(path_regex=r"^/api/curricula")
learner_operations = schema.exclude(path_regex=r"^/api/curricula")


@pytest.fixture
def test_connection_kept():
    """Keep the real WSGI handler from closing the test's database connection.

    At the start and end of each request it closes connections whose autocommit differs
    from the settings, as the test's does inside its transaction (PostgreSQL then loses the
    test data). Django's own test client disconnects the same handler for the same reason.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@curriculum_operations.parametrize()
# The curriculum endpoints only read, so one import serves every generated request.
@hypothesis.settings(suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture])
def test_the_curriculum_api_conforms_to_its_schema(case, builtin, test_connection_kept):
    case.call_and_validate(app=app)


# Cases are made when the tests are collected, before any database exists, so alice's session
# gets a key known in advance.
SESSION_KEY = "schemathesis0alice0session0key00"


@learner_operations.auth(refresh_interval=None).skip_for(path_regex=r"^/api/curricula")
class AliceSession:
    """The session cookie as the schema declares it (`LearnerAuth`), so schemathesis knows it
    is the credential: it leaves it out where it tests a missing one, and checks that then
    nothing is served."""

    def get(self, case, context):
        return SESSION_KEY

    def set(self, case, data, context):
        case.cookies = {**(case.cookies or {}), "sessionid": data}


@pytest.fixture
def alice_signed_in(alice, enrolled, settings):
    """alice signed in (with some history) and a CSRF token, with local mode off as on a
    server; returns the CSRF cookie and header every request sends."""
    settings.LOCAL_MODE = False
    now = timezone.now()
    git = Topic.objects.get(curriculum=enrolled.curriculum, slug="git")
    for day in range(1, 4):
        log_session(
            learner=alice, kind="practice", minutes=45, started_at=now - timedelta(days=day),
            now=now, topic=git,
        )  # fmt: skip
    data = {
        SESSION_KEY_NAME: str(alice.pk),
        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
        HASH_SESSION_KEY: alice.get_session_auth_hash(),
    }
    Session.objects.create(
        session_key=SESSION_KEY,
        session_data=SessionStore().encode(data),
        expire_date=now + timedelta(days=1),
    )
    request = RequestFactory().get("/")
    token = get_token(request)
    return {
        "cookies": {"csrftoken": request.META["CSRF_COOKIE"]},
        "headers": {"X-CSRFToken": token},
    }


@pytest.mark.django_db
@learner_operations.parametrize()
# Generated requests build on each other's data (sessions, timers, enrolments), like a
# learner's: the fixture's database lives for all the examples of one operation.
@hypothesis.settings(suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture])
def test_the_learner_api_conforms_to_its_schema(case, alice_signed_in, test_connection_kept):
    case.call_and_validate(app=app, excluded_checks=[positive_data_acceptance], **alice_signed_in)
