"""The todo-api suite's requests to the learner's service and the checks of their answers:
tasks created and read back, pages of tasks, the 422 and 404 errors the spec asks for."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import httpx

from skillpath.checks.context import Context
from skillpath.checks.expect import (
    CheckFailed,
    describe_response,
    expect,
    expect_json,
    expect_status,
)
from skillpath.checks.i18n import gettext as _
from skillpath.checks.suites.todo_api.shapes import (
    PAGE_EXAMPLE,
    TASK_EXAMPLE,
    error_problem,
    first_difference,
    is_json_media_type,
    page_problem,
    show,
    task_problem,
)


def json_hint() -> str:
    """Made when a stage fails, not at import: a Text keeps it in every language (a lazy
    string turned into str would keep the run's language only)."""
    return _(
        "Answer JSON with the header Content-Type: application/json: in Flask return "
        "jsonify(...) or a dict — a string made by json.dumps is sent as text/html."
    )


def tasks_path(**query: Any) -> str:
    """/tasks with a query string, as sent; booleans are written true/false."""
    pairs = {k: (str(v).lower() if isinstance(v, bool) else v) for k, v in query.items()}
    return "/tasks" + ("?" + urlencode(pairs) if pairs else "")


def expect_json_answer(response: httpx.Response, type_: type | None = None) -> Any:
    """The body as JSON (of `type_`), sent with Content-Type: application/json."""
    body = expect_json(response, type_)
    content_type = response.headers.get("content-type")
    expect(
        is_json_media_type(content_type),
        _("an answer with a JSON body must have the header Content-Type: application/json"),
        expected="Content-Type: application/json",
        actual=f"Content-Type: {content_type}" if content_type else _("no Content-Type header"),
        hint=json_hint(),
    )
    return body


def expect_task(task: Any, response: httpx.Response) -> dict[str, Any]:
    problem = task_problem(task)
    if problem is not None:
        raise CheckFailed(
            problem,
            expected=TASK_EXAMPLE,
            actual=describe_response(response),
            hint=_("A task is a JSON object with the fields the spec lists, typed as it says."),
        )
    return task


def expect_same_task(
    expected: dict[str, Any], actual: dict[str, Any], message: str, *, hint: str | None = None
) -> None:
    """Fail with `message` when a field of `actual` differs from `expected`."""
    name = first_difference(expected, actual)
    if name is None:
        return
    wanted, got = expected[name], actual.get(name)
    if isinstance(wanted, str) and isinstance(got, str) and wanted.strip() == got.strip():
        hint = _(
            "Keep the text exactly as sent, with the spaces around it: the service does not"
            " trim it."
        )
    raise CheckFailed(
        message + ": " + _('"%(field)s" differs') % {"field": name},
        expected=show({"id": expected.get("id", actual.get("id")), name: wanted}),
        actual=show(actual),
        hint=hint,
    )


# What a client may set; anything else it sends (id, created_at, unknown fields) is ignored.
CLIENT_FIELDS = ("title", "description", "done", "due_on")


def post_task(
    ctx: Context, body: dict[str, Any], message: str | None = None
) -> tuple[dict[str, Any], httpx.Response]:
    """POST a valid task; it must be created (201) and come back as sent (the fields a
    client may set). `message` says what a status other than 201 means."""
    response = ctx.http.post("/tasks", json=body)
    if response.status_code in (400, 422):
        hint = _(
            "This task is valid by the spec; its body is shown under request. Your service's"
            " answer (under actual) says which rule it applied."
        )
    elif response.status_code >= 500:
        hint = _(
            "Your service failed on a valid task; its output below shows the error (a"
            " traceback, say)."
        )
    else:
        hint = _("Answer 201 (not 200) with the new task as JSON in the body.")
    expect_status(
        response,
        201,
        message or _("POST /tasks with a valid task must create it and answer 201 Created"),
        hint=hint,
    )
    task = expect_task(expect_json_answer(response, dict), response)
    expect_same_task(
        {name: body[name] for name in CLIENT_FIELDS if name in body},
        task,
        _("the created task is not what was sent"),
    )
    return task, response


def create_task(ctx: Context, body: dict[str, Any], message: str | None = None) -> dict[str, Any]:
    """POST a valid task, and remember it among the tasks this run expects to find."""
    task, _response = post_task(ctx, body, message)
    ctx.state.setdefault("tasks", {})[task["id"]] = task
    return task


def get_page(ctx: Context, **query: Any) -> dict[str, Any]:
    """GET /tasks with the query; the answer must be a well-formed page."""
    path = tasks_path(**query)
    response = ctx.http.get(path)
    expect_status(
        response,
        200,
        _("GET %(path)s must answer 200 with a page of tasks") % {"path": path},
        hint=_("The list of tasks is GET /tasks; limit, offset and done are optional."),
    )
    page = expect_json_answer(response, dict)
    problem = page_problem(page)
    if problem is not None:
        raise CheckFailed(
            problem,
            expected=PAGE_EXAMPLE,
            actual=describe_response(response),
            hint=_("Wrap the list: items, then total, limit and offset (see the spec)."),
        )
    return page


def expect_error(
    response: httpx.Response,
    status: int,
    error: str,
    message: str,
    *,
    hint: str,
    field: str | None = None,
) -> None:
    """The answer must be an error with `status` and a JSON body {"error": `error`, ...}
    (naming `field`, for a 422); the failure names what is wrong with the body."""
    expect_status(response, status, message, hint=hint)
    body = expect_json_answer(response, dict)
    problem = error_problem(body, error, field)
    if problem is not None:
        wanted = {"error": error, "message": "..."}
        if field is not None:
            wanted = {"error": error, "field": field, "message": "..."}
        raise CheckFailed(
            message + ": " + problem,
            expected=show(wanted),
            actual=describe_response(response),
            hint=hint,
        )


def expect_rejected(response: httpx.Response, field: str, message: str) -> None:
    """The answer must be a 422 JSON error naming `field`."""
    expected = show({"error": "validation_failed", "field": field, "message": "..."})
    hint = _(
        "Check every field before saving and answer 422 with a JSON body that names the bad"
        " field: %(body)s"
    ) % {"body": expected}
    expect_error(response, 422, "validation_failed", message, hint=hint, field=field)


def expect_bad_body(response: httpx.Response, message: str) -> None:
    """The answer must be a 400 JSON error {"error": "invalid_json", ...}."""
    hint = _(
        'Answer 400 with {"error": "invalid_json", "message": "..."} when the body is not'
        " JSON in UTF-8 or not a JSON object — before looking at its fields."
    )
    expect_error(response, 400, "invalid_json", message, hint=hint)


def expect_not_found(response: httpx.Response, message: str, hint: str | None = None) -> None:
    hint = hint or _(
        'Look the task up; when there is none, answer 404 with {"error": "not_found",'
        ' "message": "..."}.'
    )
    expect_error(response, 404, "not_found", message, hint=hint)
