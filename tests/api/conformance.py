"""Check a Django test-client response against the API's own OpenAPI schema.

The checks are schemathesis' own (the ones `case.call_and_validate()` runs on a response),
so a hand-written test and the generated ones judge a response the same way.
"""

from __future__ import annotations

import re

import requests
import schemathesis
from django.http import HttpResponse
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CONFORMANCE_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def load_openapi() -> schemathesis.BaseSchema:
    from skillpath.api.main import api

    return schemathesis.openapi.from_dict(api.get_openapi_schema())


def assert_conforms(openapi: schemathesis.BaseSchema, response: HttpResponse) -> None:
    """Fail unless the operation that answered documents this status, type and body."""
    method, path = response.request["REQUEST_METHOD"], response.request["PATH_INFO"]
    operation = openapi.find_operation_by_path(method, path)
    assert operation is not None, f"{method} {path} is not in the OpenAPI schema"
    case = operation.Case(path_parameters=_path_parameters(operation.path, path))
    case.validate_response(_as_schemathesis(response), checks=CONFORMANCE_CHECKS)


def _path_parameters(template: str, path: str) -> dict[str, str]:
    """{"slug": "backend"} for "/api/curricula/{slug}" and "/api/curricula/backend"; a
    parameter may share its segment with fixed text, as in "/api/calendar/{token}.ics"."""
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]*)", re.escape(template))
    match = re.fullmatch(pattern, path)
    assert match is not None, f"{path} does not fit {template}"
    return match.groupdict()


def _as_schemathesis(response: HttpResponse) -> schemathesis.Response:
    environ = response.request
    url = f"http://testserver{environ['PATH_INFO']}"
    if environ.get("QUERY_STRING"):
        url += f"?{environ['QUERY_STRING']}"
    request = requests.Request(environ["REQUEST_METHOD"], url).prepare()
    return schemathesis.Response(
        status_code=response.status_code,
        headers={name.lower(): [value] for name, value in response.headers.items()},
        content=response.content,
        request=request,
        elapsed=0.0,
        verify=True,
    )
