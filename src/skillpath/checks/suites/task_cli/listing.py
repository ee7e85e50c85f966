"""Tasks as the task-cli spec fixes them: a task object with its fields, its line in `list`,
its JSON form, and reading the tasks back with `list --json` to compare them with the
expected ones.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from skillpath.checks.context import Completed, Context
from skillpath.checks.expect import CheckFailed, expect, shorten
from skillpath.checks.i18n import gettext as _
from skillpath.checks.suites.task_cli.runs import expect_success, run

FIELDS = ("id", "title", "priority", "due", "done")


def task(
    task_id: int, title: str, priority: str = "medium", due: str | None = None, done: bool = False
) -> dict:
    return {"id": task_id, "title": title, "priority": priority, "due": due, "done": done}


def list_line(item: dict) -> str:
    """One line of `list`, as the spec fixes it."""
    mark = "x" if item["done"] else " "
    return f"{item['id']} [{mark}] {item['priority']} {item['due'] or '-'} {item['title']}"


def as_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def random_due(ctx: Context) -> str:
    day = date(ctx.random.randint(2025, 2030), ctx.random.randint(1, 12), ctx.random.randint(1, 28))
    return day.isoformat()


def list_json(
    ctx: Context, path: Path, message: str | None = None, hint: str | None = None
) -> tuple[list[dict], Completed]:
    """The tasks `list --json` prints, each cut down to the fields of the spec."""
    done = run(ctx, path, "list", "--json")
    expect_success(done, message or _("list --json must print the tasks"), hint=hint)
    problem = _("list --json must print a JSON array of task objects with the fields %(fields)s")
    failed = CheckFailed(
        problem % {"fields": ", ".join(FIELDS)},
        request=f"$ {done.command}",
        expected=as_json([task(1, "…")]),
        actual=shorten(done.stdout.strip()) or _("(empty)"),
        hint=_("Print json.dumps(tasks) and nothing else on stdout."),
    )
    try:
        tasks = json.loads(done.stdout)
    except (ValueError, RecursionError):  # not JSON, or JSON Python will not read
        raise failed from None
    if not isinstance(tasks, list) or not all(
        isinstance(item, dict) and all(name in item for name in FIELDS) for item in tasks
    ):
        raise failed
    return [{name: item[name] for name in FIELDS} for item in tasks], done


def same_tasks(tasks: list[dict], expected: list[dict]) -> bool:
    """The same tasks, in any order."""
    return len(tasks) == len(expected) and all(item in tasks for item in expected)


def expect_tasks(
    ctx: Context,
    path: Path,
    expected: list[dict],
    message: str,
    *,
    hint: str | None = None,
    request: str | None = None,
) -> None:
    """`list --json` prints exactly these tasks (the spec's fields), in order of id."""
    tasks, done = list_json(ctx, path, message, hint)
    if tasks != expected and same_tasks(tasks, expected):
        message = _("list --json must print the tasks in order of id")
        hint = _(
            'Sort them by id before printing: sorted(tasks, key=lambda task: task["id"]); '
            "the file may hold them in any order."
        )
    expect(
        tasks == expected,
        message,
        request=request or f"$ {done.command}",
        expected=as_json(expected),
        actual=shorten(as_json(tasks)),
        hint=hint,
    )
