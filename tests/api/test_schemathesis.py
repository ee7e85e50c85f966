"""Schemathesis against the API's own schema: generated requests, in process, over WSGI.

The WSGI app runs in the test's thread, so it sees the test database and the built-in
curriculum. Each operation is tried in every phase (the schema's examples, coverage of edge
values, fuzzing) with a bounded number of examples; every response must not be a 5xx and
must conform to the schema (status, content type, headers, body).

The schema is loaded when the module is imported, not from a fixture: schemathesis'
`pytest.from_fixture` reads `Function._nodeid`, which pytest 9 no longer has.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from skillpath.api.main import api

MAX_EXAMPLES = 25

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=True)
app = get_wsgi_application()


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
@schema.parametrize()
# The API only reads the curriculum, so one import serves every generated request.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_api_conforms_to_its_schema(case, builtin, test_connection_kept):
    case.call_and_validate(app=app)
