"""The blog-api suite's rules for what the service answers: the fields of a post, a comment
and a page of posts, the slug rule, timestamps. Pure functions: they say what is wrong, in
the learner's terms, or None."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any, NamedTuple

from skillpath.checks.i18n import gettext as _

POST_FIELDS = ("id", "slug", "title", "body", "tags", "created_at", "updated_at")
COMMENT_FIELDS = ("id", "author", "body", "created_at")
PAGE_FIELDS = ("page", "per_page", "total", "pages")
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
PAGE_EXAMPLE = '{"items": [...], "page": 1, "per_page": 10, "total": 42, "pages": 5}'


def slugify(title: str) -> str:
    """The spec's rule: lowercase; each run of characters other than letters (of any
    alphabet) and digits becomes one "-"; no "-" at the ends; "post" if nothing is left."""
    return re.sub(r"[\W_]+", "-", title.lower()).strip("-") or "post"


def parse_timestamp(value: Any) -> datetime | None:
    """An ISO 8601 date and time with a time zone (2026-11-27T10:00:00.5+00:00, or Z)."""
    if not isinstance(value, str) or not TIMESTAMP.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def show(value: Any) -> str:
    """A value as JSON, the way a learner sees it on the wire."""
    return json.dumps(value, ensure_ascii=False)


class Problem(NamedTuple):
    """What is wrong with a post in an answer: the message, and what was expected instead —
    of that one field, not a made-up example post that could pass for the expected one."""

    message: str
    expected: str


def timestamp_wanted(field: str) -> str:
    return _(
        '"%(field)s": an ISO 8601 date and time in UTC with its offset, such as '
        '"2026-11-27T10:15:30.123456+00:00" (or ending in "Z"; the fraction may be left out)'
    ) % {"field": field}


def post_problem(post: Any) -> Problem | None:
    """What is wrong with the shape of a post in an answer, or None."""
    if not isinstance(post, dict):
        return Problem(
            _("a post must be a JSON object, not %(value)s") % {"value": show(post)},
            _("a JSON object with the fields %(fields)s")
            % {"fields": ", ".join(map(show, POST_FIELDS))},
        )
    missing = [name for name in POST_FIELDS if name not in post]
    if missing:
        return Problem(
            _("the post has no %(fields)s") % {"fields": ", ".join(map(show, missing))},
            _("a JSON object with the fields %(fields)s")
            % {"fields": ", ".join(map(show, POST_FIELDS))},
        )
    if type(post["id"]) is not int:
        return Problem(
            _('"id" must be a whole number, not %(value)s') % {"value": show(post["id"])},
            _('"id": a whole number, such as 7'),
        )
    if not isinstance(post["tags"], list):
        return Problem(
            _('"tags" must be a JSON array, not %(value)s') % {"value": show(post["tags"])},
            _('"tags": an array of strings, such as ["python", "web"], or []'),
        )
    for name in ("created_at", "updated_at"):
        if parse_timestamp(post[name]) is None:
            return Problem(
                _('"%(field)s" must be an ISO 8601 date and time with a time zone, not %(value)s')
                % {"field": name, "value": show(post[name])},
                timestamp_wanted(name),
            )
    return None


def page_size(total: int, page: int, per_page: int) -> int:
    """How many items page `page` holds when `total` posts match."""
    return max(0, min(per_page, total - (page - 1) * per_page))


def fields_of(item: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {name: item.get(name) for name in names}


def comment_fields(comments: list[Any]) -> list[Any]:
    """The comments of a list, each cut to the spec's fields (anything else left as it is)."""
    return [fields_of(c, COMMENT_FIELDS) if isinstance(c, dict) else c for c in comments]
