"""Every error of the API is JSON with a `detail`, as docs/api.md says: bodies too big or
unreadable, paths and methods no operation has, and nothing Django answers in HTML instead.

Writes go as a browser sends them, CSRF enforced: the CSRF check reads a POST's form fields
before the operation reads its body, which is how a truncated multipart body was a 500.
"""

from __future__ import annotations

import pytest

from tests.api.conftest import signed_in_with_csrf

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(alice, server_mode):
    # Messages are read in English; the server's own language is Russian.
    return signed_in_with_csrf(alice, HTTP_ACCEPT_LANGUAGE="en")


def send(client, body: bytes | str, content_type: str, path: str = "/api/sessions"):
    return client.post(path, body, content_type=content_type, HTTP_X_CSRFTOKEN=client.token)


def assert_json_error(response, status: int) -> str:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail
    return detail


def test_a_body_too_big_to_read_is_a_413(browser, settings):
    # 10 MB of JSON was Django's HTML 400 page.
    body = b'{"kind": "theory", "note": "' + b"x" * 10_000_000 + b'"}'

    response = send(browser, body, "application/json")

    assert assert_json_error(response, 413) == "The request body is larger than 2.5 MB."


def test_a_truncated_multipart_body_is_a_400(browser):
    # The CSRF check consumed it as a form, then the operation could not read it: a 500.
    body = b'--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\ntheory'

    response = send(browser, body, "multipart/form-data; boundary=x")

    assert_json_error(response, 400)


def test_a_multipart_body_with_a_broken_boundary_is_a_400(browser):
    response = send(browser, b"--x\r\n\r\n", "multipart/form-data; boundary=")

    assert_json_error(response, 400)


def test_a_form_of_too_many_fields_is_a_400(browser):
    body = "&".join(f"field{n}=1" for n in range(2000))

    response = send(browser, body, "application/x-www-form-urlencoded")

    assert (
        assert_json_error(response, 400) == "The request body cannot be read: send a JSON object."
    )


@pytest.mark.parametrize(
    "body", [b"{not json", b"\xff\xfe\x00", b"[" * 100_000, b'{"kind": ' * 5_000 + b"1"]
)
def test_a_body_that_is_not_json_is_a_400(browser, body):
    assert_json_error(send(browser, body, "application/json"), 400)


def test_a_path_no_operation_has_is_a_json_404(browser):
    response = browser.get("/api/no-such-thing")

    assert assert_json_error(response, 404) == (
        "There is no such API operation: /api/docs lists them."
    )


def test_a_method_the_operation_lacks_is_a_json_405_that_says_what_is_allowed(browser):
    response = browser.put("/api/sessions", b"{}", content_type="application/json")

    assert assert_json_error(response, 405) == (
        "PUT is not allowed here: /api/docs lists the operations."
    )
    assert set(response["Allow"].split(", ")) == {"GET", "POST"}


def test_the_json_errors_speak_the_requests_language(alice, server_mode):
    browser = signed_in_with_csrf(alice, HTTP_ACCEPT_LANGUAGE="ru")

    response = browser.get("/api/no-such-thing")

    assert assert_json_error(response, 404) == "Такой операции API нет: список — на /api/docs."


def test_pages_outside_the_api_keep_their_html_error_pages(browser, builtin):
    response = browser.get("/c/backend/topics/no-such-topic/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
