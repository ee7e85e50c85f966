"""`todo-api` — month 3 practice: a REST API for task management (content/projects/todo-api/).

The stages never assume an empty service: with --url the learner's database may already
hold tasks, so a stage reads its own tasks from the end of the list (an offset equal to the
total before it created them) — new tasks come last, since lists are in the order of ids.

This module holds the suite and its stages; shapes.py what a task and a page must look
like, data.py the tasks the stages send, service.py the requests and the checks of answers.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from skillpath.checks.context import Context
from skillpath.checks.expect import describe_response, expect, expect_json, expect_status
from skillpath.checks.suite import Suite
from skillpath.checks.suites.todo_api.data import invalid_tasks, missing_id, new_task_body
from skillpath.checks.suites.todo_api.service import (
    create_task,
    expect_not_found,
    expect_rejected,
    expect_same_task,
    expect_task,
    get_page,
    post_task,
    tasks_path,
)
from skillpath.checks.suites.todo_api.shapes import PAGE_EXAMPLE, ids_ascending, same, show

suite = Suite(
    slug="todo-api",
    kind="http",
    title=_l("REST API for task management"),
    subject=("practice", "practice-3"),
)

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


# --- stages -------------------------------------------------------------------------------


@suite.stage("answers", _l("The service answers"))
def answers(ctx: Context) -> None:
    response = ctx.http.get("/tasks")
    expect_status(
        response,
        200,
        _("GET /tasks must answer 200 with the list of tasks"),
        hint=_("Add the endpoint GET /tasks; with no tasks yet it answers %(body)s.")
        % {"body": '{"items": [], "total": 0, "limit": 20, "offset": 0}'},
    )
    page = expect_json(response, dict)
    expect(
        isinstance(page.get("items"), list) and type(page.get("total")) is int,
        _('GET /tasks must answer a JSON object with "items" (an array) and "total" (a number)'),
        expected=PAGE_EXAMPLE,
        actual=describe_response(response),
    )


@suite.stage("create", _l("Create a task"))
def create(ctx: Context) -> None:
    task, response = post_task(ctx, new_task_body(ctx))
    expect(
        task["done"] is False,
        _('a new task must have "done": false when the request does not set it'),
        expected='"done": false',
        actual=describe_response(response),
    )
    location = response.headers.get("location", "")
    expect(
        location.endswith(f"/tasks/{task['id']}"),
        _("the answer to POST /tasks must say where the new task is, in the Location header"),
        expected=f"Location: /tasks/{task['id']}",
        actual=f"Location: {location}" if location else _("no Location header"),
        hint=_("Add the header Location: /tasks/<id of the new task> to the 201 answer."),
    )
    ctx.state["tasks"] = {task["id"]: task}
    ctx.state["first"] = task["id"]

    title_only = {"title": ctx.words(2)}
    second = create_task(ctx, title_only)
    expect(
        same(second["description"], "") and second["due_on"] is None and second["done"] is False,
        _("a task created with only a title must have the defaults of the other fields"),
        expected='"description": "", "done": false, "due_on": null',
        actual=show(second),
        hint=_("Fields left out of POST /tasks take their defaults from the spec."),
    )
    expect(
        second["id"] != task["id"],
        _("two tasks were given the same id %(id)s") % {"id": task["id"]},
        expected=_("a new id for every task"),
        actual=show(second),
    )


@suite.stage("read", _l("Read a task back"))
def read(ctx: Context) -> None:
    for task_id, task in ctx.state["tasks"].items():
        response = ctx.http.get(f"/tasks/{task_id}")
        expect_status(
            response,
            200,
            _("GET /tasks/%(id)s must answer 200 with the task created before") % {"id": task_id},
            hint=_("Find the task by the id in the path and answer it as JSON."),
        )
        found = expect_task(expect_json(response, dict), response)
        expect_same_task(
            task,
            found,
            _("GET /tasks/%(id)s must answer the task as it was created") % {"id": task_id},
        )


@suite.stage("validation", _l("Invalid tasks are rejected"))
def validation(ctx: Context) -> None:
    total = get_page(ctx, limit=1)["total"]
    for problem, field, body in invalid_tasks(ctx):
        response = ctx.http.post("/tasks", json=body)
        expect_rejected(
            response,
            field,
            _('POST /tasks with %(problem)s must be rejected with 422 naming the field "%(field)s"')
            % {"problem": problem, "field": field},
        )
    response = ctx.http.post(
        "/tasks", content='{"title": ', headers={"Content-Type": "application/json"}
    )
    message = _("POST /tasks with a body that is not JSON must be rejected with 400")
    hint = _(
        'Answer 400 with {"error": "invalid_json", "message": "..."} when the body is not'
        " a JSON object."
    )
    expect_status(response, 400, message, hint=hint)
    expect(
        expect_json(response, dict).get("error") == "invalid_json",
        message,
        expected=show({"error": "invalid_json", "message": "..."}),
        actual=describe_response(response),
        hint=hint,
    )
    after = get_page(ctx, limit=1)["total"]
    expect(
        after == total,
        _("a rejected task must not be stored, but the total of tasks changed"),
        expected=_("total %(count)s, as before the invalid requests") % {"count": total},
        actual=_("total %(count)s") % {"count": after},
        hint=_("Check the request before you insert anything into the database."),
    )


@suite.stage("not-found", _l("Missing tasks give 404"))
def not_found(ctx: Context) -> None:
    task_id = missing_id(ctx)
    for method, kwargs in (("GET", {}), ("PATCH", {"json": {"done": True}}), ("DELETE", {})):
        response = ctx.http.request(method, f"/tasks/{task_id}", **kwargs)
        expect_not_found(
            response,
            _("%(method)s of a task that does not exist must answer 404") % {"method": method},
        )


@suite.stage("update", _l("Update a task"))
def update(ctx: Context) -> None:
    task_id = ctx.state["first"]
    task = ctx.state["tasks"][task_id]
    for change in ({"done": True}, {"title": ctx.words(4), "due_on": None}):
        response = ctx.http.patch(f"/tasks/{task_id}", json=change)
        expect_status(
            response,
            200,
            _("PATCH /tasks/%(id)s must change the fields sent and answer 200") % {"id": task_id},
            hint=_("Answer 200 with the whole task as it is after the change."),
        )
        changed = expect_task(expect_json(response, dict), response)
        expect_same_task(
            {**task, **change},
            changed,
            _("PATCH must change only the fields it sends and keep the others"),
        )
        task = changed
    ctx.state["tasks"][task_id] = task
    response = ctx.http.get(f"/tasks/{task_id}")
    expect_status(response, 200, _("GET /tasks/%(id)s must answer 200") % {"id": task_id})
    expect_same_task(
        task,
        expect_json(response, dict),
        _("GET /tasks/%(id)s must answer the task as the last PATCH left it") % {"id": task_id},
    )
    response = ctx.http.patch(f"/tasks/{task_id}", json={"title": ""})
    expect_rejected(
        response,
        "title",
        _('PATCH with an empty title must be rejected with 422 naming the field "title"'),
    )
    response = ctx.http.get(f"/tasks/{task_id}")
    expect_same_task(
        task,
        expect_json(response, dict),
        _("a rejected PATCH must leave the task as it was"),
    )


@suite.stage("delete", _l("Delete a task"))
def delete(ctx: Context) -> None:
    task = create_task(ctx, new_task_body(ctx))
    path = f"/tasks/{task['id']}"
    response = ctx.http.delete(path)
    expect_status(
        response,
        204,
        _("DELETE %(path)s must delete the task and answer 204 No Content") % {"path": path},
        hint=_("Delete the row and answer 204 with an empty body."),
    )
    del ctx.state["tasks"][task["id"]]
    ctx.state["deleted"] = task["id"]
    expect_not_found(
        ctx.http.get(path),
        _("GET of a deleted task must answer 404, as if it had never been"),
    )
    expect_not_found(
        ctx.http.delete(path),
        _("DELETE of a task already deleted must answer 404"),
    )


@suite.stage("list", _l("List tasks"))
def list_tasks(ctx: Context) -> None:
    page = get_page(ctx)
    expect(
        page["limit"] == DEFAULT_LIMIT and page["offset"] == 0,
        _("GET /tasks without a query must answer the first page: limit 20, offset 0"),
        expected='"limit": 20, "offset": 0',
        actual=show({"limit": page["limit"], "offset": page["offset"]}),
    )
    expect(
        len(page["items"]) == min(page["total"], DEFAULT_LIMIT),
        _("the first page must hold the first %(count)s tasks of the total") % {"count": 20},
        expected=_("tasks: %(count)s") % {"count": min(page["total"], DEFAULT_LIMIT)},
        actual=_("tasks: %(count)s") % {"count": len(page["items"])},
    )
    expect(
        ids_ascending(page["items"]),
        _("tasks must be listed in the order of their ids, oldest first"),
        expected=_("ids in increasing order"),
        actual=show([item["id"] for item in page["items"]]),
        hint=_("Sort by id (ORDER BY id) before you cut the page."),
    )
    # The last page of up to 100 tasks holds everything this run created and kept.
    last = get_page(ctx, limit=MAX_LIMIT, offset=max(0, page["total"] - MAX_LIMIT))
    listed = {item["id"]: item for item in last["items"]}
    for task_id, task in ctx.state["tasks"].items():
        expect(
            task_id in listed,
            _("task %(id)s is missing from the list of tasks") % {"id": task_id},
            expected=show(task),
            actual=show(sorted(listed)),
        )
        expect_same_task(task, listed[task_id], _("the list must show tasks as they are"))
    expect(
        ctx.state["deleted"] not in listed,
        _("the deleted task %(id)s is still in the list") % {"id": ctx.state["deleted"]},
        expected=_("no task %(id)s") % {"id": ctx.state["deleted"]},
        actual=show(sorted(listed)),
    )


@suite.stage("pagination", _l("Pages with limit and offset"))
def pagination(ctx: Context) -> None:
    start = get_page(ctx, limit=1)["total"]
    size = ctx.random.choice((2, 3))
    mine = [create_task(ctx, {"title": ctx.words(2)}) for _ in range(2 * size + 1)]
    total = start + len(mine)
    # Full pages, the last part page, and an empty page after the end.
    for offset in [*range(start, total, size), total]:
        path = tasks_path(limit=size, offset=offset)
        page = get_page(ctx, limit=size, offset=offset)
        expected = [task["id"] for task in mine[offset - start : offset - start + size]]
        expect(
            page["total"] == total,
            _('"total" must count every task, not only those on the page'),
            expected=_("total %(count)s") % {"count": total},
            actual=_("total %(count)s") % {"count": page["total"]},
            request=f"GET {path}",
        )
        expect(
            page["limit"] == size and page["offset"] == offset,
            _("a page must say which limit and offset it was asked for"),
            expected=show({"limit": size, "offset": offset}),
            actual=show({"limit": page["limit"], "offset": page["offset"]}),
            request=f"GET {path}",
        )
        expect(
            [item["id"] for item in page["items"]] == expected,
            _("GET %(path)s must skip the first %(offset)s tasks and answer at most %(limit)s")
            % {"path": path, "offset": offset, "limit": size},
            expected=_("tasks with ids %(ids)s") % {"ids": show(expected)},
            actual=_("tasks with ids %(ids)s") % {"ids": show([i["id"] for i in page["items"]])},
            hint=_("offset is how many tasks to skip (OFFSET), limit how many to answer (LIMIT)."),
            request=f"GET {path}",
        )
    for name, value in (("limit", 0), ("limit", MAX_LIMIT + 1), ("limit", "ten"), ("offset", -1)):
        path = tasks_path(**{name: value})
        expect_rejected(
            ctx.http.get(path),
            name,
            _('GET %(path)s must be rejected with 422 naming the field "%(field)s"')
            % {"path": path, "field": name},
        )


@suite.stage("filter", _l("Filter by done"))
def filter_done(ctx: Context) -> None:
    before = {done: get_page(ctx, done=done, limit=1)["total"] for done in (True, False)}
    everything = get_page(ctx, limit=1)["total"]
    expect(
        before[True] + before[False] == everything,
        _("the tasks with done=true and with done=false must add up to all tasks"),
        expected=_("totals of done=true and done=false that add up to %(all)s")
        % {"all": everything},
        actual=_("done=true: %(done)s, done=false: %(open)s, all: %(all)s")
        % {"done": before[True], "open": before[False], "all": everything},
        hint=_("GET /tasks?done=true answers only the tasks that are done, and counts only them."),
    )
    flags = [True, False] + [ctx.random.random() < 0.5 for _ in range(3)]
    ctx.random.shuffle(flags)
    mine = [create_task(ctx, {"title": ctx.words(2), "done": done}) for done in flags]
    for done in (True, False):
        path = tasks_path(done=done, limit=MAX_LIMIT, offset=before[done])
        page = get_page(ctx, done=done, limit=MAX_LIMIT, offset=before[done])
        expected = [task["id"] for task in mine if task["done"] is done]
        actual = [item["id"] for item in page["items"]]
        expect(
            actual == expected
            and page["total"] == before[done] + len(expected)
            and all(item["done"] is done for item in page["items"]),
            _("GET %(path)s must answer only the tasks with done=%(done)s")
            % {
                "path": path,
                "done": show(done),
            },
            expected=_("tasks with ids %(ids)s, total %(total)s")
            % {"ids": show(expected), "total": before[done] + len(expected)},
            actual=_("tasks with ids %(ids)s, total %(total)s")
            % {"ids": show(actual), "total": page["total"]},
            hint=_("Filter in the query (WHERE done = ?) and count with the same filter."),
            request=f"GET {path}",
        )
    path = tasks_path(done="maybe")
    expect_rejected(
        ctx.http.get(path),
        "done",
        _('GET %(path)s must be rejected with 422 naming the field "%(field)s"')
        % {"path": path, "field": "done"},
    )


@suite.stage("restart", _l("Tasks survive a restart"), timeout=30)
def restart(ctx: Context) -> None:
    total = get_page(ctx, limit=1)["total"]
    ctx.restart()
    hint = _(
        "Keep the tasks in a database file under the directory named by DATA_DIR, not in"
        " memory, and commit every change."
    )
    for task_id, task in ctx.state["tasks"].items():
        response = ctx.http.get(f"/tasks/{task_id}")
        expect_status(
            response,
            200,
            _("after a restart, GET /tasks/%(id)s must still answer the task") % {"id": task_id},
            hint=hint,
        )
        expect_same_task(
            task,
            expect_json(response, dict),
            _("after a restart, task %(id)s must be as it was") % {"id": task_id},
        )
    after = get_page(ctx, limit=1)["total"]
    expect(
        after == total,
        _("after a restart, GET /tasks must count the same tasks as before"),
        expected=_("total %(count)s") % {"count": total},
        actual=_("total %(count)s") % {"count": after},
        hint=hint,
    )
    expect_not_found(
        ctx.http.get(f"/tasks/{ctx.state['deleted']}"),
        _("after a restart, a deleted task must stay deleted"),
    )
    known = set(ctx.state["tasks"])
    task = create_task(ctx, new_task_body(ctx))
    expect(
        task["id"] not in known,
        _("after a restart, a new task was given the id %(id)s of an existing task")
        % {"id": task["id"]},
        expected=_("a new id"),
        actual=show(task),
        hint=_("Let the database choose ids (INTEGER PRIMARY KEY), not a counter in memory."),
    )
