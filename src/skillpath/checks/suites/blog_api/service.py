"""The blog-api suite's requests to the learner's service, each checked as it comes back:
the paths of posts and lists, finding a free slug, creating, editing and listing posts."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

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
from skillpath.checks.suites.blog_api.shapes import PAGE_EXAMPLE, PAGE_FIELDS, post_problem, show

# How many taken slugs ("x", "x-2", ...) free_slug looks past before giving up.
MAX_SLUG_PROBES = 30


def post_path(slug: str, *rest: str) -> str:
    """/posts/<slug>[/rest]. A slug of letters, digits and "-" is left as it is, so that a
    message shows it readably (httpx percent-encodes Cyrillic letters when it sends)."""
    shown = slug if re.fullmatch(r"[\w-]+", slug) else quote(slug, safe="")
    return "/".join(("/posts", shown, *rest))


def list_path(**params: Any) -> str:
    """/posts?name=value&... as a message shows it, unquoted so that Cyrillic stays readable.
    The request itself passes the query as params=, so that its request line shows the query
    as it was sent."""
    query = "&".join(f"{name}={value}" for name, value in params.items())
    return f"/posts?{query}" if query else "/posts"


def free_slug(ctx: Context, base: str) -> str:
    """The first of base, base-2, base-3, ... that no post has, as the service tells."""
    slug = base
    for number in range(2, MAX_SLUG_PROBES + 2):
        if ctx.http.get(post_path(slug)).status_code == 404:
            return slug
        slug = f"{base}-{number}"
    return base  # a service that finds every slug: the create that follows will fail


def create_post(
    ctx: Context, body: dict[str, Any], message: str | None = None, hint: str | None = None
) -> tuple[dict[str, Any], httpx.Response]:
    """POST /posts that must succeed; the created post, checked for its shape."""
    response = ctx.http.post("/posts", json=body)
    expect_status(
        response,
        201,
        message or _("POST /posts with a valid post must create it and answer 201 Created"),
        hint=hint
        or _("Answer 201 with the created post as a JSON object; the spec lists its fields."),
    )
    post = expect_json(response, dict)
    problem = post_problem(post)
    if problem is not None:
        raise CheckFailed(
            problem.message,
            expected=problem.expected,
            actual=describe_response(response),
            hint=_("The spec lists the fields of a post and their formats."),
        )
    return post, response


def expect_slug(post: dict[str, Any], slug: str, response: httpx.Response, message: str) -> None:
    expect(
        post["slug"] == slug,
        message,
        expected=show(slug),
        actual=describe_response(response),
        hint=_(
            "The slug is the title in lowercase, each run of characters other than letters "
            '(of any alphabet: Cyrillic stays Cyrillic) and digits replaced by one "-", with '
            'no "-" at the ends. If a post has that slug already, add "-2", "-3", ...: the '
            "first one no post has."
        ),
    )


def get_page(ctx: Context, **params: Any) -> tuple[dict[str, Any], list[str]]:
    """GET /posts with the query; the page (checked for its shape) and its slugs."""
    path = list_path(**params)
    response = ctx.http.get("/posts", params=params)
    expect_status(
        response,
        200,
        _("GET %(path)s must answer 200 OK with a page of posts") % {"path": path},
        hint=_('The list answers 200 even when no post matches: then "items" is [].'),
    )
    page = expect_json(response, dict)
    for name in ("items", *PAGE_FIELDS):
        kind = list if name == "items" else int
        expect(
            type(page.get(name)) is kind,
            _('"%(field)s" of the page of posts is missing or is not %(kind)s')
            % {"field": name, "kind": _("an array") if kind is list else _("a whole number")},
            expected=PAGE_EXAMPLE,
            actual=describe_response(response),
            hint=_('GET /posts answers a JSON object with the posts in "items"; see the spec.'),
        )
    for item in page["items"]:
        problem = post_problem(item)
        expect(
            problem is None,
            _("an item of GET %(path)s is not a post: %(problem)s")
            % {"path": path, "problem": problem and problem.message},
            expected=problem and problem.expected,
            actual=describe_response(response),
            hint=_(
                'Every item of "items" is a whole post, with the same fields as GET /posts/<slug>.'
            ),
        )
    return page, [item["slug"] for item in page["items"]]


def patch_post(
    ctx: Context, path: str, changes: dict[str, Any], wanted: dict[str, Any]
) -> dict[str, Any]:
    """PATCH that must succeed; the edited post, checked against `wanted`."""
    response = ctx.http.patch(path, json=changes)
    expect_status(
        response,
        200,
        _("PATCH /posts/<slug> must change the post and answer 200 OK with it"),
        hint=_("Change the fields that were sent and return the whole post."),
    )
    edited = expect_json(response, dict)
    problem = post_problem(edited)
    if problem is not None:
        raise CheckFailed(
            problem.message, expected=problem.expected, actual=describe_response(response)
        )
    hints = {
        "slug": _("The slug never changes, not even with the title: links must keep working."),
        "created_at": _("created_at is when the post was created; an edit never changes it."),
    }
    for name in ("id", "slug", "title", "body", "tags", "created_at"):
        expect(
            edited[name] == wanted[name],
            _('after PATCH with %(changes)s, "%(field)s" is wrong')
            % {"changes": show(changes), "field": name},
            expected=show(wanted[name]),
            actual=describe_response(response),
            hint=hints.get(name, _("An edit changes only the fields it sends.")),
        )
    return edited
