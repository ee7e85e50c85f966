"""The todo-api suite's generated data: valid tasks, the invalid tasks the validation stage
sends, and ids that no task has — all from the run's seeded random source."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext as _

from skillpath.checks.context import Context

MAX_TITLE_CHARS = 200
# Ids this large are taken for tasks that do not exist (below 2**31, for any database).
MISSING_ID_FROM = 900_000_000


def new_task_body(ctx: Context, **fields: Any) -> dict[str, Any]:
    """A valid task with every field set (due within five years from 2026)."""
    due_on = date(2026, 1, 1) + timedelta(days=ctx.random.randrange(5 * 365))
    return {
        "title": ctx.words(3),
        "description": ctx.words(6),
        "due_on": due_on.isoformat(),
        **fields,
    }


def invalid_tasks(ctx: Context) -> list[tuple[str, str, dict[str, Any]]]:
    """(what is wrong, the field to name, the body) for each invalid POST /tasks."""
    long_title = ""
    while len(long_title) <= MAX_TITLE_CHARS:
        long_title += ctx.words(1) + " "
    bad_date = ctx.random.choice(["2026-02-30", "31.12.2026", "tomorrow", "2026-13-01"])
    valid = new_task_body(ctx)
    return [
        (_("no title"), "title", {"description": valid["description"]}),
        (_("an empty title"), "title", {**valid, "title": ""}),
        (_("a title of spaces only"), "title", {**valid, "title": "   "}),
        (_("a title that is a number"), "title", {**valid, "title": 42}),
        (
            _("a title longer than %(count)s characters") % {"count": MAX_TITLE_CHARS},
            "title",
            {**valid, "title": long_title[: MAX_TITLE_CHARS + 1]},
        ),
        (_("a description that is not a string"), "description", {**valid, "description": 7}),
        (_('"done" that is not true or false'), "done", {**valid, "done": "yes"}),
        (_('"due_on" that is not a date YYYY-MM-DD'), "due_on", {**valid, "due_on": bad_date}),
    ]


def missing_id(ctx: Context) -> int:
    return MISSING_ID_FROM + ctx.random.randrange(100_000_000)
