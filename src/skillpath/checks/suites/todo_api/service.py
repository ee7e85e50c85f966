"""The todo-api suite's requests to the learner's service and the checks of their answers:
tasks created and read back, pages of tasks, the 422 and 404 errors the spec asks for."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import httpx
from django.utils.translation import gettext as _

from skillpath.checks.context import Context
from skillpath.checks.expect import (
    CheckFailed,
    describe_response,
    expect,
    expect_json,
    expect_status,
)
from skillpath.checks.suites.todo_api.shapes import (
    PAGE_EXAMPLE,
    TASK_EXAMPLE,
    first_difference,
    page_problem,
    show,
    task_problem,
)


def tasks_path(**query: Any) -> str:
    """/tasks with a query string, as sent; booleans are written true/false."""
    pairs = {k: (str(v).lower() if isinstance(v, bool) else v) for k, v in query.items()}
    return "/tasks" + ("?" + urlencode(pairs) if pairs else "")


def expect_task(task: Any, response: httpx.Response) -> dict[str, Any]:
    problem = task_problem(task)
    if problem is not None:
        raise CheckFailed(
            problem,
            expected=TASK_EXAMPLE,
            actual=describe_response(response),
            hint=_(
                "A task is a JSON object with exactly the fields the spec lists, typed as it says."
            ),
        )
    return task


def expect_same_task(expected: dict[str, Any], actual: dict[str, Any], message: str) -> None:
    """Fail with `message` when a field of `actual` differs from `expected`."""
    name = first_difference(expected, actual)
    if name is not None:
        raise CheckFailed(
            message + ": " + _('"%(field)s" differs') % {"field": name},
            expected=show({"id": expected.get("id", actual.get("id")), name: expected[name]}),
            actual=show(actual),
        )


def post_task(ctx: Context, body: dict[str, Any]) -> tuple[dict[str, Any], httpx.Response]:
    """POST a valid task; it must be created (201) and come back as sent."""
    response = ctx.http.post("/tasks", json=body)
    expect_status(
        response,
        201,
        _("POST /tasks with a valid task must create it and answer 201 Created"),
        hint=_("Answer 201 (not 200) with the new task as JSON in the body."),
    )
    task = expect_task(expect_json(response, dict), response)
    expect_same_task(body, task, _("the created task is not what was sent"))
    return task, response


def create_task(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    """POST a valid task, and remember it among the tasks this run expects to find."""
    task, _response = post_task(ctx, body)
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
    page = expect_json(response, dict)
    problem = page_problem(page)
    if problem is not None:
        raise CheckFailed(
            problem,
            expected=PAGE_EXAMPLE,
            actual=describe_response(response),
            hint=_("Wrap the list: items, then total, limit and offset (see the spec)."),
        )
    return page


def expect_rejected(response: httpx.Response, field: str, message: str) -> None:
    """The answer must be a 422 JSON error naming `field`."""
    expected = show({"error": "validation_failed", "field": field, "message": "..."})
    hint = _(
        "Check every field before saving and answer 422 with a JSON body that names the bad"
        " field: %(body)s"
    ) % {"body": expected}
    expect_status(response, 422, message, hint=hint)
    body = expect_json(response, dict)
    expect(
        body.get("error") == "validation_failed"
        and body.get("field") == field
        and isinstance(body.get("message"), str)
        and body["message"].strip(),
        message,
        expected=expected,
        actual=describe_response(response),
        hint=hint,
    )


def expect_not_found(response: httpx.Response, message: str) -> None:
    hint = _(
        'Look the task up; when there is none, answer 404 with {"error": "not_found",'
        ' "message": "..."}.'
    )
    expect_status(response, 404, message, hint=hint)
    body = expect_json(response, dict)
    expect(
        body.get("error") == "not_found",
        message,
        expected=show({"error": "not_found", "message": "..."}),
        actual=describe_response(response),
        hint=hint,
    )
