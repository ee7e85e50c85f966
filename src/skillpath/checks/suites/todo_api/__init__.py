"""`todo-api` — month 3 practice: a REST API for task management (content/projects/todo-api/).

The stages never assume an empty service: with --url the learner's database may already
hold tasks, so a stage reads its own tasks from the end of the list (an offset equal to the
total before it created them) — new tasks come last, since every new task gets a larger id
than all before it and lists are in the order of ids.

This module holds the suite and its stages; shapes.py what a task and a page must look
like, data.py the tasks the stages send, service.py the requests and the checks of answers.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils.translation import gettext_lazy as _l

from skillpath.checks.context import Context
from skillpath.checks.expect import CheckFailed, describe_response, expect, expect_status
from skillpath.checks.i18n import gettext as _
from skillpath.checks.suite import Suite
from skillpath.checks.suites.todo_api.data import (
    HUGE_ID,
    MAX_DESCRIPTION_CHARS,
    MAX_TITLE_CHARS,
    bad_bodies,
    invalid_tasks,
    missing_id,
    new_task_body,
    text_of,
)
from skillpath.checks.suites.todo_api.service import (
    create_task,
    expect_bad_body,
    expect_json_answer,
    expect_not_found,
    expect_rejected,
    expect_same_task,
    expect_task,
    get_page,
    post_task,
    tasks_path,
)
from skillpath.checks.suites.todo_api.shapes import (
    PAGE_EXAMPLE,
    created_now,
    ids_ascending,
    location_path,
    same,
    show,
)

suite = Suite(
    slug="todo-api",
    kind="http",
    title=_l("REST API for task management"),
    subject=("practice", "practice-3"),
)

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Sent as id and created_at by a client, which may set neither.
FOREIGN_CREATED_AT = "2000-01-01T00:00:00Z"
JSON_HEADERS = {"Content-Type": "application/json"}


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
    page = expect_json_answer(response, dict)
    if not isinstance(page.get("items"), list):
        problem = _('a page of tasks must have "items", a JSON array of tasks')
    elif type(page.get("total")) is not int:
        problem = _('a page of tasks must have "%(field)s", a whole number') % {"field": "total"}
    else:
        return
    raise CheckFailed(problem, expected=PAGE_EXAMPLE, actual=describe_response(response))


@suite.stage("create", _l("Create a task"))
def create(ctx: Context) -> None:
    task, response = post_task(ctx, new_task_body(ctx))
    expect(
        task["done"] is False,
        _('a new task must have "done": false when the request does not set it'),
        expected='"done": false',
        actual=describe_response(response),
    )
    now = datetime.now(UTC)
    expect(
        created_now(task["created_at"], now),
        _('"created_at" must be the moment the task was created, in UTC'),
        expected=_("about %(now)s") % {"now": now.strftime("%Y-%m-%dT%H:%M:%SZ")},
        actual=show(task["created_at"]),
        hint=_(
            "Take the time in UTC — datetime.now(timezone.utc) in Python — not the local"
            " time of your computer with a Z added."
        ),
    )
    location = response.headers.get("location")
    expect(
        location is not None and location_path(location) == f"/tasks/{task['id']}",
        _("the answer to POST /tasks must say where the new task is, in the Location header"),
        expected=f"Location: /tasks/{task['id']}",
        actual=f"Location: {location}" if location is not None else _("no Location header"),
        hint=_("Add the header Location: /tasks/<id of the new task> to the 201 answer."),
    )
    ctx.state["tasks"] = {task["id"]: task}
    ctx.state["first"] = task["id"]

    # Only a title, with spaces around it that must be kept.
    second = create_task(ctx, {"title": " " + ctx.words(2) + "  "})
    expect(
        same(second["description"], "") and second["due_on"] is None and second["done"] is False,
        _("a task created with only a title must have the defaults of the other fields"),
        expected='"description": "", "done": false, "due_on": null',
        actual=show(second),
        hint=_("Fields left out of POST /tasks take their defaults from the spec."),
    )
    expect(
        second["id"] > task["id"],
        _("each new task must get a larger id than the tasks created before it"),
        expected=_("an id larger than %(id)s") % {"id": task["id"]},
        actual=show(second),
        hint=_(
            "Let the database choose ids (INTEGER PRIMARY KEY AUTOINCREMENT), not a counter"
            " in memory."
        ),
    )

    # Fields a client cannot set, and one the service does not know: all ignored.
    body = {
        "title": ctx.words(3),
        "id": task["id"],
        "created_at": FOREIGN_CREATED_AT,
        "priority": "high",
    }
    hint = _(
        "A client cannot set id or created_at, and fields the service does not know are"
        " ignored: take only title, description, done and due_on from the body."
    )
    third, response = post_task(
        ctx,
        body,
        _(
            "POST /tasks must ignore id, created_at and unknown fields in the body and create"
            " the task"
        ),
    )
    ctx.state["tasks"][third["id"]] = third
    expect(
        third["id"] > second["id"],
        _("a client cannot choose the id of a new task: the service must ignore the id sent"),
        expected=_("an id larger than %(id)s, chosen by the service") % {"id": second["id"]},
        actual=show(third),
        hint=hint,
    )
    expect(
        third["created_at"] != FOREIGN_CREATED_AT,
        _("a client cannot set created_at: the service must ignore the created_at sent"),
        expected=_("the moment the task was created"),
        actual=show(third),
        hint=hint,
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
        found = expect_task(expect_json_answer(response, dict), response)
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
    for problem, content in bad_bodies(ctx):
        response = ctx.http.post("/tasks", content=content, headers=JSON_HEADERS)
        expect_bad_body(
            response,
            _("POST /tasks with %(problem)s must be rejected with 400") % {"problem": problem},
        )
    after = get_page(ctx, limit=1)["total"]
    expect(
        after == total,
        _("a rejected task must not be stored, but the total of tasks changed"),
        expected=_("total %(count)s, as before the invalid requests") % {"count": total},
        actual=_("total %(count)s") % {"count": after},
        hint=_("Check the request before you insert anything into the database."),
    )
    # The limits themselves are allowed.
    create_task(
        ctx,
        {
            "title": text_of(ctx, MAX_TITLE_CHARS),
            "description": text_of(ctx, MAX_DESCRIPTION_CHARS),
        },
        _(
            "POST /tasks with a title of exactly %(title)s characters and a description of"
            " exactly %(description)s must create the task"
        )
        % {"title": MAX_TITLE_CHARS, "description": MAX_DESCRIPTION_CHARS},
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
    expect_not_found(
        ctx.http.patch(f"/tasks/{task_id}", json={"title": ""}),
        _("PATCH of a task that does not exist must answer 404, even with an invalid body"),
        hint=_("Look the task up first: a task that does not exist is 404 whatever the body."),
    )
    expect_not_found(
        ctx.http.get(f"/tasks/{HUGE_ID}"),
        _("GET of a task with an id too large for the database must answer 404"),
        hint=_(
            "No task has an id larger than the database can keep (9223372036854775807 in"
            " SQLite): answer 404 without asking the database, which fails on such a number."
        ),
    )


@suite.stage("update", _l("Update a task"))
def update(ctx: Context) -> None:
    task_id = ctx.state["first"]
    task = ctx.state["tasks"][task_id]
    path = f"/tasks/{task_id}"
    for change in ({"done": True}, {"title": ctx.words(4), "due_on": None}):
        response = ctx.http.patch(path, json=change)
        expect_status(
            response,
            200,
            _("PATCH /tasks/%(id)s must change the fields sent and answer 200") % {"id": task_id},
            hint=_("Answer 200 with the whole task as it is after the change."),
        )
        changed = expect_task(expect_json_answer(response, dict), response)
        expect_same_task(
            {**task, **change},
            changed,
            _("PATCH must change only the fields it sends and keep the others"),
        )
        task = changed
    ctx.state["tasks"][task_id] = task
    response = ctx.http.get(path)
    expect_status(response, 200, _("GET /tasks/%(id)s must answer 200") % {"id": task_id})
    expect_same_task(
        task,
        expect_json_answer(response, dict),
        _("GET /tasks/%(id)s must answer the task as the last PATCH left it") % {"id": task_id},
    )
    # Nothing to change: {} and a body of fields a client cannot set or the service ignores.
    for body in ({}, {"id": missing_id(ctx), "created_at": FOREIGN_CREATED_AT, "priority": 1}):
        message = _("PATCH %(path)s with %(body)s must change nothing and answer the task") % {
            "path": path,
            "body": show(body),
        }
        response = ctx.http.patch(path, json=body)
        expect_status(
            response,
            200,
            message,
            hint=_(
                "Ignore id, created_at and the fields the service does not know; with nothing"
                " left to change, answer 200 with the task as it is."
            ),
        )
        expect_same_task(task, expect_task(expect_json_answer(response, dict), response), message)
    response = ctx.http.patch(path, content=b'{"done": ', headers=JSON_HEADERS)
    expect_bad_body(response, _("PATCH with a body that is not JSON must be rejected with 400"))
    # A valid field and an invalid one: the whole request is rejected.
    response = ctx.http.patch(path, json={"done": not task["done"], "title": ""})
    expect_rejected(
        response,
        "title",
        _('PATCH with an empty title must be rejected with 422 naming the field "title"'),
    )
    response = ctx.http.get(path)
    expect_status(response, 200, _("GET /tasks/%(id)s must answer 200") % {"id": task_id})
    expect_same_task(
        task,
        expect_json_answer(response, dict),
        _("a rejected PATCH must change nothing, not even the valid fields it sent"),
        hint=_("Check every field sent before you change any, then change them all at once."),
    )


@suite.stage("delete", _l("Delete a task"))
def delete(ctx: Context) -> None:
    task = create_task(ctx, new_task_body(ctx))
    path = f"/tasks/{task['id']}"
    response = ctx.http.delete(path)
    message = _("DELETE %(path)s must delete the task and answer 204 No Content") % {"path": path}
    hint = _("Delete the row and answer 204 with an empty body.")
    expect_status(response, 204, message, hint=hint)
    expect(
        not response.content,
        _("the answer 204 No Content must have an empty body"),
        expected=_("an empty body"),
        actual=describe_response(response),
        hint=hint,
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
    newer = create_task(ctx, {"title": ctx.words(2)})
    expect(
        newer["id"] > task["id"],
        _("the id %(id)s of a deleted task was given to a new task: ids must never be reused")
        % {"id": task["id"]}
        if newer["id"] == task["id"]
        else _("each new task must get a larger id than the tasks created before it"),
        expected=_("an id larger than %(id)s") % {"id": task["id"]},
        actual=show(newer),
        hint=_(
            "Declare the id column INTEGER PRIMARY KEY AUTOINCREMENT: without AUTOINCREMENT"
            " SQLite gives the id of the last task again once that task is deleted."
        ),
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
        _("tasks must be listed in the order of their ids, smallest first"),
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
            expect_json_answer(response, dict),
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
    newest = max([*ctx.state["tasks"], ctx.state["deleted"]])
    task = create_task(ctx, new_task_body(ctx))
    expect(
        task["id"] > newest,
        _("after a restart, a new task must get a larger id than every task before it"),
        expected=_("an id larger than %(id)s") % {"id": newest},
        actual=show(task),
        hint=_(
            "Let the database choose ids (INTEGER PRIMARY KEY AUTOINCREMENT), not a counter"
            " in memory."
        ),
    )
    if ctx.service is not None:
        data_dir = ctx.service.data_dir
        expect(
            any(path.is_file() for path in data_dir.rglob("*")),
            _("the tasks are not kept under DATA_DIR: the service wrote no file there"),
            expected=_("a database file under %(dir)s") % {"dir": data_dir},
            actual=_("%(dir)s is empty") % {"dir": data_dir},
            hint=_(
                "Build the path of the database from the environment variable DATA_DIR, for"
                ' example Path(os.environ.get("DATA_DIR", ".")) / "todo.sqlite3".'
            ),
        )
