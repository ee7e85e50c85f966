"""The todo-api suite's generated data: valid tasks, the invalid tasks and bodies the
validation stage sends, and ids that no task has — all from the run's seeded random source."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from skillpath.checks.context import Context
from skillpath.checks.i18n import gettext as _

MAX_TITLE_CHARS = 200
MAX_DESCRIPTION_CHARS = 2000
# Ids this large are taken for tasks that do not exist (below 2**31, for any database).
MISSING_ID_FROM = 900_000_000
# An id beyond the 64-bit integers a database keeps (SQLite's largest is 2**63 - 1).
HUGE_ID = 2**64


def new_task_body(ctx: Context, **fields: Any) -> dict[str, Any]:
    """A valid task with every field set (due within five years from 2026)."""
    due_on = date(2026, 1, 1) + timedelta(days=ctx.random.randrange(5 * 365))
    return {
        "title": ctx.words(3),
        "description": ctx.words(6),
        "due_on": due_on.isoformat(),
        **fields,
    }


def text_of(ctx: Context, length: int) -> str:
    """Random words cut to exactly `length` characters, ending in a letter."""
    text = ""
    while len(text) < length:
        text += ctx.words(1) + " "
    return text[: length - 1] + "x"


def invalid_tasks(ctx: Context) -> list[tuple[str, str, dict[str, Any]]]:
    """(what is wrong, the field to name, the body) for each invalid POST /tasks."""
    bad_date = ctx.random.choice(["2026-02-30", "31.12.2026", "tomorrow", "2026-13-01"])
    valid = new_task_body(ctx)
    return [
        (_("no title"), "title", {"description": valid["description"]}),
        (_("an empty title"), "title", {**valid, "title": ""}),
        (_("a title of spaces and tabs only"), "title", {**valid, "title": "  \t "}),
        (_("a title that is a number"), "title", {**valid, "title": 42}),
        (
            _("a title longer than %(count)s characters") % {"count": MAX_TITLE_CHARS},
            "title",
            {**valid, "title": text_of(ctx, MAX_TITLE_CHARS + 1)},
        ),
        (_("a description that is not a string"), "description", {**valid, "description": 7}),
        (
            _("a description longer than %(count)s characters") % {"count": MAX_DESCRIPTION_CHARS},
            "description",
            {**valid, "description": text_of(ctx, MAX_DESCRIPTION_CHARS + 1)},
        ),
        (_('"done" that is the string "true"'), "done", {**valid, "done": "true"}),
        (_('"done" that is the number 1'), "done", {**valid, "done": 1}),
        (_('"due_on" that is not a date YYYY-MM-DD'), "due_on", {**valid, "due_on": bad_date}),
    ]


def bad_bodies(ctx: Context) -> list[tuple[str, bytes]]:
    """(what is wrong, the body) for each POST /tasks whose body is not a JSON object."""
    title = json.dumps(ctx.words(2), ensure_ascii=False)
    return [
        (_("a body that is not JSON"), ('{"title": ' + title).encode()),
        (_("a JSON array instead of an object"), ("[" + title + "]").encode()),
        (
            _("a body that is not UTF-8"),
            ('{"title": ' + title + "}").encode("utf-8").replace(b'"}', b'\xff"}'),
        ),
    ]


def missing_id(ctx: Context) -> int:
    return MISSING_ID_FROM + ctx.random.randrange(100_000_000)
