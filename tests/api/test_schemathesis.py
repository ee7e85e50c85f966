"""Schemathesis against the API's own schema: generated requests, in process, over WSGI.

The WSGI app runs in the test's thread, so it sees the test database and the built-in
curriculum. Each operation is tried in every phase (the schema's examples, coverage of edge
values, fuzzing) with a bounded number of examples; every response must not be a 5xx and
must conform to the schema (status, content type, headers, body).

The learner's operations run signed in as alice (enrolled, with some history), with local
mode off and a CSRF token, so schemathesis also checks that leaving the session cookie out
is refused. How the cookie travels: `case.call(app=...)` (schemathesis 4's WSGI transport)
puts `case.cookies` — which `AliceSession.set` fills — and the `cookies=` argument into the
cookie jar of its Werkzeug client for `localhost`, the host it sends to, so Django gets a
real `Cookie` header and reads `request.COOKIES`; the request schemathesis reports shows the
same cookies as that header. Each operation then proves it was answered as alice: no request
that carried her session got a 401, and at least a third carried it (`answered_as_alice`; the
others are schemathesis' cases without credentials, which must be refused).

Data the schema says is valid must be accepted (`positive_data_acceptance`): the schema
states every bound the API checks (years 1900–2199, pages, lengths), so a schema-valid
request that gets a 422 is a bound the schema does not state. A 400 is a rule of the domain
saying no (a session in the future, a second timer) and a 404 an object that is not there:
both are answers to valid data. Two bodies have rules no JSON Schema can state (a session's
one way of saying how long; a result document that must match its suite's stages): for them
that check is off.

The schema is loaded when the module is imported, not from a fixture: schemathesis'
`pytest.from_fixture` reads `Function._nodeid`, which pytest 9 no longer has.
"""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

import hypothesis
import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.utils import timezone
from schemathesis.config import PositiveDataAcceptanceConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from skillpath.api.main import api
from skillpath.curriculum.models import Topic
from skillpath.knowledge.services import answer_item, item_question, start_quiz
from skillpath.tracking.services import log_session
from tests.conftest import load_git_bank
from tests.knowledge.answers import right_response

MAX_EXAMPLES = 25
# No example database: CI runs the same examples every time, never a stored failure of a
# developer's run. The fixtures' data serve all the examples of one operation.
REPEATABLE = {
    "database": None,
    "suppress_health_check": [hypothesis.HealthCheck.function_scoped_fixture],
}

app = get_wsgi_application()
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=True)
# Valid data gets an answer (a 2xx), a rule's refusal (400) or "no such object" (404).
ANSWERS_TO_VALID_DATA = ["2xx", "400", "404"]
# Bodies with rules across fields that no JSON Schema states: they give 422s to schema-valid data.
CROSS_FIELD_RULES = {
    "POST /api/sessions",
    "PATCH /api/sessions/{session_id}",
    "POST /api/check-runs",
}
schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(
    expected_statuses=ANSWERS_TO_VALID_DATA
)
# A body too big to read (over 2.5 MB: schemathesis makes some of texts too long) is refused
# with a 413, which schemathesis does not count among refusals.
rejection = schema.config.checks.negative_data_rejection
rejection.expected_statuses = [*rejection.expected_statuses, "413"]
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
@hypothesis.settings(**REPEATABLE)
def test_the_curriculum_api_conforms_to_its_schema(case, builtin, test_connection_kept):
    case.call_and_validate(app=app)


# Cases (the schema's examples among them) are made when the tests are collected, before any
# database exists, so alice's session gets a key known in advance: `alice_signed_in` signs her
# in for real (the project's session engine, with the stamps of a sign-in; a hand-made row
# would be refused) and gives that session this key.
SESSION_KEY = "schemathesis0alice0session0key00"


@learner_operations.auth(refresh_interval=None).skip_for(path_regex=r"^/api/curricula")
class AliceSession:
    """The session cookie as the schema declares it (`LearnerAuth`), so schemathesis knows it
    is the credential: it leaves it out where it tests a missing one, and checks that then
    nothing is served."""

    def get(self, case, context):
        return SESSION_KEY

    def set(self, case, data, context):
        case.cookies = {**(case.cookies or {}), settings.SESSION_COOKIE_NAME: data}


@pytest.fixture
def alice_signed_in(alice, enrolled, settings):
    """alice signed in (with some history: sessions, a quiz begun on the questions on git, so
    a review card and its review) and a CSRF token, with local mode off as on a server;
    returns the CSRF cookie and header every request sends."""
    settings.LOCAL_MODE = False
    now = timezone.now()
    git = Topic.objects.get(curriculum=enrolled.curriculum, slug="git")
    for day in range(1, 4):
        log_session(
            learner=alice, kind="practice", minutes=45, started_at=now - timedelta(days=day),
            now=now, topic=git,
        )  # fmt: skip
    # The schema's example ids (1) name these in a new database.
    quiz = start_quiz(alice, load_git_bank(enrolled.curriculum), "topic", "git", now=now)
    first = quiz.items.get(position=1)
    answer_item(first, right_response(item_question(first), quiz.seed), now=now)
    browser = Client(REMOTE_ADDR="192.0.2.10")
    browser.force_login(alice)
    sessions = import_module(settings.SESSION_ENGINE).SessionStore.get_model_class()
    signed_in = browser.cookies[settings.SESSION_COOKIE_NAME].value
    assert sessions.objects.filter(session_key=signed_in).update(session_key=SESSION_KEY) == 1
    request = RequestFactory().get("/")
    token = get_token(request)
    return {
        "cookies": {settings.CSRF_COOKIE_NAME: request.META["CSRF_COOKIE"]},
        "headers": {"X-CSRFToken": token},
    }


@pytest.fixture
def answered_as_alice():
    """Collects (status, whether alice's session cookie went along) for every request made
    for one operation; afterwards, fails unless she was really signed in for them."""
    answers: list[tuple[int, bool]] = []
    yield answers
    with_session = [status for status, has_session in answers if has_session]
    assert with_session, "no request carried alice's session cookie"
    assert 401 not in with_session, f"alice's session was refused: {sorted(with_session)}"
    # The rest are schemathesis' own cases without credentials (are they refused?). How many
    # of each it makes varies from run to run; for an operation with nothing to vary (DELETE
    # /api/skills/career) the unsigned ones are most. A few signed-in answers are the proof.
    assert len(with_session) >= min(3, len(answers)), f"{len(with_session)} of {len(answers)}"


def carried_session(response) -> bool:
    cookie = f"{settings.SESSION_COOKIE_NAME}={SESSION_KEY}"
    return cookie in response.request.headers.get("Cookie", "")


@pytest.mark.django_db
@learner_operations.parametrize()
# Generated requests build on each other's data (sessions, timers, enrolments), like a
# learner's: the fixture's database lives for all the examples of one operation.
@hypothesis.settings(**REPEATABLE)
def test_the_learner_api_conforms_to_its_schema(
    case, alice_signed_in, answered_as_alice, test_connection_kept
):
    excluded = [positive_data_acceptance] if case.operation.label in CROSS_FIELD_RULES else []
    response = case.call_and_validate(app=app, excluded_checks=excluded, **alice_signed_in)
    answered_as_alice.append((response.status_code, carried_session(response)))
