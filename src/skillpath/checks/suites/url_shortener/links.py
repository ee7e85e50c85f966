"""Links and the service's answers about them, for the url-shortener stages: the shape of a
link, the URLs, codes and invalid bodies the stages send, and the checks of a created link, a
redirect, a 404, a refused body and a link's click count.
"""

from __future__ import annotations

import json
import re
import string
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

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

LINK_FIELDS = ("code", "url", "clicks", "created_at", "expires_at")
LINK_EXAMPLE = (
    '{"code": "aZ3kP9q", "url": "https://example.com/...", "clicks": 0,'
    ' "created_at": "2026-11-27T10:00:00Z", "expires_at": null}'
)
GENERATED_CODE = re.compile(r"[A-Za-z0-9]{6,10}")
CODE_CHARS = string.ascii_letters + string.digits
HOSTS = ("example.com", "example.org", "docs.example.net", "shop.example.com")
REJECTED = (400, 422)


def show(value: Any) -> str:
    """A value as JSON, the way a learner sees it on the wire."""
    return json.dumps(value, ensure_ascii=False)


def parse_utc(value: Any) -> datetime | None:
    """An ISO 8601 moment in UTC (2026-11-27T10:00:00Z, +00:00, fractions), or None."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.utcoffset() == timedelta(0) else None


def link_problem(link: Any) -> str | None:
    """What is wrong with the shape of a link in an answer, or None."""
    if not isinstance(link, dict):
        return _("a link must be a JSON object, not %(value)s") % {"value": show(link)}
    missing = [name for name in LINK_FIELDS if name not in link]
    if missing:
        return _("the link has no %(fields)s") % {"fields": ", ".join(map(show, missing))}
    for name in ("code", "url"):
        if not isinstance(link[name], str):
            return _('"%(field)s" must be a string, not %(value)s') % {
                "field": name,
                "value": show(link[name]),
            }
    if type(link["clicks"]) is not int or link["clicks"] < 0:
        return _('"clicks" must be a whole number, not %(value)s') % {"value": show(link["clicks"])}
    for name in ("created_at", "expires_at"):
        if name == "expires_at" and link[name] is None:
            continue
        if parse_utc(link[name]) is None:
            return _(
                '"%(field)s" must be a moment in UTC written in ISO 8601, such as'
                " 2026-11-27T10:00:00Z, not %(value)s"
            ) % {"field": name, "value": show(link[name])}
    return None


def names_field(response: httpx.Response, field: str) -> bool:
    """The error answer names `field`: {"field": "url"}, or the name in FastAPI's detail."""
    try:
        body = response.json()
    except ValueError:
        return False
    if isinstance(body, dict) and body.get("field") == field:
        return True
    return show(field) in json.dumps(body, ensure_ascii=False)


def new_url(ctx: Context) -> str:
    """A long https URL with a percent-encoded word (Latin or Cyrillic) in its query."""
    host = ctx.random.choice(HOSTS)
    path = "/".join(ctx.words(3).split())
    number = ctx.random.randrange(1, 100_000)
    return f"https://{host}/{quote(path)}/{number}?ref={quote(ctx.words(1))}&page={number % 7}"


def new_code(ctx: Context, prefix: str = "") -> str:
    """A custom code no earlier run is likely to have taken: letters, digits, - and _."""
    tail = "".join(ctx.random.choice(CODE_CHARS) for _ in range(8))
    return f"{prefix}{tail[:4]}-{tail[4:]}_{ctx.random.randrange(10)}"


def create_link(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    """POST /links with a valid body; it must answer 201 with the new link as sent."""
    response = ctx.http.post("/links", json=body)
    expect_status(
        response,
        201,
        _("POST /links with a valid URL must create a short link and answer 201 Created"),
        hint=_("Answer 201 with the new link as JSON: %(example)s") % {"example": LINK_EXAMPLE},
    )
    link = expect_json(response, dict)
    problem = link_problem(link)
    if problem is not None:
        raise CheckFailed(
            problem,
            expected=LINK_EXAMPLE,
            actual=describe_response(response),
            hint=_("A link is a JSON object with exactly the fields the spec lists."),
        )
    expect(
        link["url"] == body["url"],
        _('the created link must keep "url" exactly as it was sent'),
        expected=show(body["url"]),
        actual=show(link["url"]),
        hint=_("Store and answer the URL unchanged: do not decode, re-encode or trim it."),
    )
    if "code" in body:
        expect(
            link["code"] == body["code"],
            _("a link created with a custom code must have that code"),
            expected=show(body["code"]),
            actual=show(link["code"]),
        )
    return link


def expect_redirect(
    ctx: Context, code: str, url: str, message: str, hint: str | None = None
) -> None:
    """GET /{code} must answer 302 Found with Location: url."""
    response = ctx.http.get(f"/{code}")
    expect_status(
        response,
        302,
        message,
        hint=hint
        or _(
            "Answer 302 Found with the header Location set to the link's URL. Not 301: browsers"
            " remember a 301 and never ask again, so clicks and expiry would stop working."
            " Not 200 with the URL in the body: a browser would not follow it."
        ),
    )
    location = response.headers.get("location")
    expect(
        location == url,
        message,
        expected=f"Location: {url}",
        actual=f"Location: {location}" if location is not None else _("no Location header"),
        hint=_("The Location header must be the URL exactly as it was created."),
    )


def expect_not_found(response: httpx.Response, message: str) -> None:
    expect_status(
        response,
        404,
        message,
        hint=_("Look the code up; when there is no such link, answer 404 with a JSON error."),
    )


def expect_rejected(response: httpx.Response, field: str, message: str) -> None:
    """The answer must be 400 (or FastAPI's 422) with a JSON body naming `field`."""
    hint = _(
        "Check the field before you store anything and answer 400 with a JSON body that"
        " names it: %(body)s"
    ) % {"body": show({"error": "...", "field": field})}
    expect_status(response, REJECTED, message, hint=hint)
    expect(
        names_field(response, field),
        message,
        expected=show({"error": "...", "field": field}),
        actual=describe_response(response),
        hint=hint,
    )


def get_stats(ctx: Context, code: str) -> dict[str, Any]:
    path = f"/links/{code}/stats"
    response = ctx.http.get(path)
    expect_status(
        response,
        200,
        _("GET %(path)s must answer 200 with the link and its clicks") % {"path": path},
        hint=_('Answer the link as JSON, with "clicks": how many redirects it has made.'),
    )
    link = expect_json(response, dict)
    problem = link_problem(link)
    if problem is not None:
        raise CheckFailed(problem, expected=LINK_EXAMPLE, actual=describe_response(response))
    return link


def expect_clicks(ctx: Context, code: str, clicks: int, message: str) -> None:
    link = get_stats(ctx, code)
    expect(
        link["clicks"] == clicks,
        message,
        expected=f'"clicks": {clicks}',
        actual=show(link),
        hint=_(
            "Count one click for every redirect answered with 302, and include clicks still"
            " held in memory in the stats."
        ),
    )


def invalid_urls(ctx: Context) -> list[tuple[str, dict[str, Any]]]:
    """(what is wrong, the body) for each POST /links whose URL must be refused."""
    word = ctx.words(1)
    host = ctx.random.choice(HOSTS)
    return [
        (_("no URL"), {}),
        (_("an empty URL"), {"url": ""}),
        (_("a URL that is a number"), {"url": 42}),
        (_("words instead of a URL"), {"url": f"{word} {ctx.words(1)}"}),
        (_("a URL without a scheme"), {"url": f"{host}/{quote(word)}"}),
        (_("an ftp:// URL"), {"url": f"ftp://{host}/file.txt"}),
        (_("a javascript: URL"), {"url": "javascript:alert(1)"}),
        (_("a URL without a host"), {"url": "https://"}),
        (_("a URL with a space"), {"url": f"https://{host}/{quote(word)} x"}),
    ]


def invalid_fields(ctx: Context) -> list[tuple[str, str, dict[str, Any]]]:
    """(what is wrong, the field to name, the body) for the other refused POST /links."""
    url = new_url(ctx)
    return [
        (_("a code with a space"), "code", {"url": url, "code": "my code"}),
        (_("a code of 2 characters"), "code", {"url": url, "code": "ab"}),
        (_("a code of 33 characters"), "code", {"url": url, "code": "a" * 33}),
        (_("a code with a slash"), "code", {"url": url, "code": "a/b/c"}),
        (_("a code in Cyrillic"), "code", {"url": url, "code": "ссылка"}),
        (_('"expires_in" of 0'), "expires_in", {"url": url, "expires_in": 0}),
        (_('a negative "expires_in"'), "expires_in", {"url": url, "expires_in": -5}),
        (_('"expires_in" that is not a number'), "expires_in", {"url": url, "expires_in": "soon"}),
    ]
