"""The todo-api suite's rules for what the service answers: the fields of a task and a
page of tasks, their types and formats (dates, UTC timestamps), and the order of a list.
Pure functions: they say what is wrong, in the learner's terms, or None."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

from skillpath.checks.i18n import gettext as _

TASK_FIELDS = ("id", "title", "description", "done", "due_on", "created_at")
# How far created_at may be from the checker's clock: less than any time zone's offset,
# so a local time written with a "Z" is caught, and more than any delay of a run.
CLOCK_SLACK = timedelta(minutes=10)
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PAGE_EXAMPLE = '{"items": [...], "total": 42, "limit": 20, "offset": 0}'
TASK_EXAMPLE = (
    '{"id": 1, "title": "...", "description": "", "done": false, "due_on": null,'
    ' "created_at": "2026-11-27T10:00:00Z"}'
)


def show(value: Any) -> str:
    """A value as JSON, the way a learner sees it on the wire."""
    return json.dumps(value, ensure_ascii=False)


def same(left: Any, right: Any) -> bool:
    """Equal as JSON values: 1 is not true, 1.0 is not 1."""
    return type(left) is type(right) and left == right


def first_difference(expected: dict[str, Any], actual: dict[str, Any]) -> str | None:
    """The first task field (in TASK_FIELDS order) whose values differ, or None."""
    for name in TASK_FIELDS:
        if name in expected and not same(expected[name], actual.get(name)):
            return name
    return None


def is_date(value: Any) -> bool:
    """A real calendar date written YYYY-MM-DD."""
    if not isinstance(value, str) or not DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_utc_timestamp(value: Any) -> bool:
    """An ISO 8601 date and time in UTC: 2026-11-27T10:00:00Z (or +00:00, with fractions)."""
    if not isinstance(value, str) or "T" not in value:
        return False
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return False
    return moment.utcoffset() == timedelta(0)


def created_now(value: str, now: datetime) -> bool:
    """Whether a created_at (already known to be a UTC timestamp) is close to `now`."""
    return abs(datetime.fromisoformat(value) - now) <= CLOCK_SLACK


def location_path(location: str) -> str:
    """The path a Location header points to, whether it is relative or an absolute URL."""
    return urlsplit(location.strip()).path


def is_json_media_type(content_type: str | None) -> bool:
    """Content-Type application/json, with or without parameters such as charset."""
    return (content_type or "").split(";")[0].strip().lower() == "application/json"


def error_problem(body: dict[str, Any], error: str, field: str | None = None) -> str | None:
    """What is wrong with an error body {"error": ..., ["field": ...,] "message": ...}."""
    if body.get("error") != error:
        if "error" not in body:
            return _('the error body has no "error"; it must be %(value)s') % {"value": show(error)}
        return _('"error" must be %(expected)s, not %(value)s') % {
            "expected": show(error),
            "value": show(body["error"]),
        }
    if field is not None and body.get("field") != field:
        if "field" not in body:
            return _('the error body has no "field"; it must name the field %(value)s') % {
                "value": show(field)
            }
        return _('"field" must be %(expected)s, not %(value)s') % {
            "expected": show(field),
            "value": show(body["field"]),
        }
    message = body.get("message")
    if not isinstance(message, str) or not message.strip():
        return _('the error body must have a "message" for people, a string that is not empty')
    return None


def task_problem(task: Any) -> str | None:
    """What is wrong with the shape of a task in an answer, or None."""
    if not isinstance(task, dict):
        return _("a task must be a JSON object, not %(value)s") % {"value": show(task)}
    missing = [name for name in TASK_FIELDS if name not in task]
    if missing:
        return _("the task has no %(fields)s") % {"fields": ", ".join(map(show, missing))}
    if type(task["id"]) is not int or task["id"] < 1:
        return _('"id" must be a positive whole number, not %(value)s') % {
            "value": show(task["id"])
        }
    for name in ("title", "description"):
        if not isinstance(task[name], str):
            return _('"%(field)s" must be a string, not %(value)s') % {
                "field": name,
                "value": show(task[name]),
            }
    if type(task["done"]) is not bool:
        return _('"done" must be true or false (a JSON boolean), not %(value)s') % {
            "value": show(task["done"])
        }
    if task["due_on"] is not None and not is_date(task["due_on"]):
        return _('"due_on" must be null or a date written YYYY-MM-DD, not %(value)s') % {
            "value": show(task["due_on"])
        }
    if not is_utc_timestamp(task["created_at"]):
        return _(
            '"created_at" must be a moment in UTC written in ISO 8601, such as'
            " 2026-11-27T10:00:00Z, not %(value)s"
        ) % {"value": show(task["created_at"])}
    return None


def page_problem(page: dict[str, Any]) -> str | None:
    """What is wrong with the shape of a page of tasks (GET /tasks), or None."""
    if not isinstance(page.get("items"), list):
        return _('a page of tasks must have "items", a JSON array of tasks')
    for name in ("total", "limit", "offset"):
        if type(page.get(name)) is not int or page[name] < 0:
            return _('a page of tasks must have "%(field)s", a whole number') % {"field": name}
    for item in page["items"]:
        problem = task_problem(item)
        if problem is not None:
            return _("a task in the page is wrong: %(problem)s") % {"problem": problem}
    return None


def ids_ascending(items: list[dict[str, Any]]) -> bool:
    ids = [item["id"] for item in items]
    return all(a < b for a, b in pairwise(ids))
