"""Links and the service's answers about them, for the url-shortener stages: the shape of a
link, the URLs, codes and invalid bodies the stages send, and the checks of a created link, a
redirect, an error answer, a refused body and a link's click count.
"""

from __future__ import annotations

import json
import re
import string
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import combinations
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

LINK_FIELDS = ("code", "url", "clicks", "created_at", "expires_at")
LINK_EXAMPLE = (
    '{"code": "aZ3kP9q", "url": "https://example.com/...", "clicks": 0,'
    ' "created_at": "2026-11-27T10:00:00Z", "expires_at": null}'
)
GENERATED_CODE = re.compile(r"[A-Za-z0-9]{6,10}")
CODE_CHARS = string.ascii_letters + string.digits
HOSTS = ("example.com", "example.org", "docs.example.net", "shop.example.com")
REJECTED = (400, 422)
MAX_URL_LENGTH = 2048
MAX_EXPIRES_IN = 31_536_000


@dataclass(frozen=True)
class Problem:
    """What is wrong with an answer, and what to do about it."""

    message: str
    hint: str


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


def utc_text(moment: datetime) -> str:
    """A moment as a link shows it: 2026-11-27T10:00:01.250Z."""
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def link_problem(link: Any) -> Problem | None:
    """What is wrong with the shape of a link in an answer, or None. Fields beyond the five
    of a link are allowed (the spec says so)."""
    if not isinstance(link, dict):
        return Problem(
            _("a link must be a JSON object, not %(value)s") % {"value": show(link)},
            _("Answer the link as a JSON object: %(example)s") % {"example": LINK_EXAMPLE},
        )
    missing = [name for name in LINK_FIELDS if name not in link]
    if missing:
        return Problem(
            _("the link has no %(fields)s") % {"fields": ", ".join(map(show, missing))},
            _(
                "Every link in an answer has code, url, clicks, created_at and expires_at"
                " (null when it never expires); more fields are allowed."
            ),
        )
    for name in ("code", "url"):
        if not isinstance(link[name], str):
            return Problem(
                _('"%(field)s" must be a string, not %(value)s')
                % {"field": name, "value": show(link[name])},
                _('Answer "%(field)s" as a JSON string.') % {"field": name},
            )
    if type(link["clicks"]) is not int or link["clicks"] < 0:
        return Problem(
            _('"clicks" must be a whole number, not %(value)s') % {"value": show(link["clicks"])},
            _('Answer "clicks" as a JSON integer (0 or more), not as a string.'),
        )
    for name in ("created_at", "expires_at"):
        if name == "expires_at" and link[name] is None:
            continue
        if parse_utc(link[name]) is None:
            return Problem(
                _(
                    '"%(field)s" must be a moment in UTC written in ISO 8601, such as'
                    " 2026-11-27T10:00:00Z, not %(value)s"
                )
                % {"field": name, "value": show(link[name])},
                _(
                    'Write "%(field)s" in UTC with its time zone: 2026-11-27T10:00:00Z or'
                    " 2026-11-27T10:00:00+00:00 (fractions of a second allowed). A time with no"
                    " zone, or in another zone, is not accepted; in Python,"
                    " datetime.now(timezone.utc).isoformat() gives the right form."
                )
                % {"field": name},
            )
    return None


def expect_link(response: httpx.Response) -> dict[str, Any]:
    """The link in a JSON answer, shaped as the spec says."""
    link = expect_json(response, dict)
    problem = link_problem(link)
    if problem is not None:
        raise CheckFailed(
            problem.message,
            expected=LINK_EXAMPLE,
            actual=describe_response(response),
            hint=problem.hint,
        )
    return link


def names_field(response: httpx.Response, field: str) -> bool:
    """The error answer names `field`: {"field": "url"}, or the name in FastAPI's detail."""
    try:
        body = response.json()
    except ValueError:
        return False
    if isinstance(body, dict) and body.get("field") == field:
        return True
    return show(field) in json.dumps(body, ensure_ascii=False)


def is_error_body(response: httpx.Response) -> bool:
    """The body is a JSON error: {"error": "..."} (or FastAPI's own {"detail": ...})."""
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and ("error" in body or "detail" in body)


def new_url(ctx: Context) -> str:
    """A long https URL with a percent-encoded word (Latin or Cyrillic) in its query."""
    host = ctx.random.choice(HOSTS)
    path = "/".join(ctx.words(3).split())
    number = ctx.random.randrange(1, 100_000)
    return f"https://{host}/{quote(path)}/{number}?ref={quote(ctx.words(1))}&page={number % 7}"


def long_url(ctx: Context, length: int) -> str:
    """An https URL of exactly `length` characters."""
    start = f"https://{ctx.random.choice(HOSTS)}/long/"
    return start + "".join(ctx.random.choice(CODE_CHARS) for _ in range(length - len(start)))


def new_code(ctx: Context, prefix: str = "") -> str:
    """A custom code no earlier run is likely to have taken: letters, digits, - and _."""
    tail = "".join(ctx.random.choice(CODE_CHARS) for _ in range(8))
    return f"{prefix}{tail[:4]}-{tail[4:]}_{ctx.random.randrange(10)}"


def create_link(
    ctx: Context, body: dict[str, Any], message: str | None = None, hint: str | None = None
) -> dict[str, Any]:
    """POST /links with a valid body; it must answer 201 with the new link as sent
    (`message` and `hint` say why, when it does not)."""
    response = ctx.http.post("/links", json=body)
    expect_status(
        response,
        201,
        message
        or _("POST /links with a valid URL must create a short link and answer 201 Created"),
        hint=hint
        or _("Answer 201 with the new link as JSON: %(example)s") % {"example": LINK_EXAMPLE},
    )
    link = expect_link(response)
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
            _("a link created with a custom code of its own must get exactly that code"),
            expected=show(body["code"]),
            actual=show(link["code"]),
        )
    return link


def alike_codes(codes: list[str]) -> tuple[str, str] | None:
    """Two generated codes too much alike to be random — of one length, and the same in more
    than half of their places, as a counter's codes are (c000001, c000002) — or None.
    Random codes of 6 letters and digits are that much alike about once in a million runs."""
    for first, second in combinations(codes, 2):
        if len(first) == len(second):
            same = sum(a == b for a, b in zip(first, second, strict=True))
            if same * 2 > len(first):
                return first, second
    return None


def expect_random_codes(codes: list[str]) -> None:
    alike = alike_codes(codes)
    expect(
        alike is None,
        _(
            "generated codes must be random, but %(first)s and %(second)s differ in only a few"
            " places, as a counter's would"
        )
        % {"first": show(alike[0] if alike else ""), "second": show(alike[1] if alike else "")},
        expected=_("codes such as aZ3kP9q and 7GqT2xW, each of random letters and digits"),
        actual=show(codes),
        hint=_(
            "Pick each character at random (in Python, secrets.choice over letters and digits)"
            " and try again when the code is taken. Codes that count up can be guessed, and a"
            " counter that starts again after a restart hands out codes already taken."
        ),
    )


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


def expect_error_body(response: httpx.Response, hint: str) -> None:
    """An error answer (its status already checked) must have a JSON body {"error": ...}."""
    expect(
        is_error_body(response),
        _(
            'the %(status)s answer must be a JSON error such as {"error": "..."}, not a page or'
            " plain text"
        )
        % {"status": response.status_code},
        expected=show({"error": "..."}),
        actual=describe_response(response),
        hint=hint,
    )


def expect_not_found(response: httpx.Response, message: str) -> None:
    """404 with a JSON error."""
    hint = _(
        "Look the code up; when there is no such link, answer 404 with a JSON error such as"
        " %(body)s and the header Content-Type: application/json."
    ) % {"body": show({"error": "no link with code 'abc'"})}
    expect_status(response, 404, message, hint=hint)
    expect_error_body(response, hint)


def expect_rejected(response: httpx.Response, field: str, message: str) -> None:
    """The answer must be 400 (or FastAPI's 422) with a JSON body naming `field`."""
    hint = _(
        "Check the field before you store anything and answer 400 with a JSON body that"
        " names it: %(body)s"
    ) % {"body": show({"error": "...", "field": field})}
    expect_status(response, REJECTED, message, hint=hint)
    expect(
        names_field(response, field),
        _('%(message)s: the answer has status %(status)s but does not name "%(field)s"')
        % {"message": message, "status": response.status_code, "field": field},
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
    return expect_link(response)


def clicks_hint(counted: int, clicks: int) -> str:
    """What to do when the stats show `counted` clicks where `clicks` were made."""
    if counted > clicks:
        return _(
            "Count a click only for a redirect answered with 302: reading the stats, and an"
            " answer 404 or 410, must not count one."
        )
    return _(
        "Count one click for every redirect answered with 302, and include in the stats the"
        " clicks still held in memory, not yet written to the database."
    )


def expect_clicks(
    ctx: Context, code: str, clicks: int, message: str, hint: str | None = None
) -> None:
    """The stats of `code` must show `clicks`; `hint` for too few (the default one says
    where clicks go missing or come from)."""
    link = get_stats(ctx, code)
    counted = link["clicks"]
    if hint is None or counted > clicks:
        hint = clicks_hint(counted, clicks)
    expect(counted == clicks, message, expected=f'"clicks": {clicks}', actual=show(link), hint=hint)


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
        (
            _("a URL with letters that are not ASCII (not percent-encoded)"),
            {"url": f"https://{host}/кот/{quote(word)}"},
        ),
        (
            _("a URL of %(count)s characters") % {"count": MAX_URL_LENGTH + 1},
            {"url": long_url(ctx, MAX_URL_LENGTH + 1)},
        ),
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
        (_("a code ending in a line break"), "code", {"url": url, "code": "abc\n"}),
        (_("a code that is a number"), "code", {"url": url, "code": 12345}),
        (_('"expires_in" of 0'), "expires_in", {"url": url, "expires_in": 0}),
        (_('a negative "expires_in"'), "expires_in", {"url": url, "expires_in": -5}),
        (
            _('"expires_in" of more than a year'),
            "expires_in",
            {"url": url, "expires_in": MAX_EXPIRES_IN + 1},
        ),
        (_('"expires_in" that is not a number'), "expires_in", {"url": url, "expires_in": "soon"}),
        (_('"expires_in" of 1.5 seconds'), "expires_in", {"url": url, "expires_in": 1.5}),
        (_('"expires_in" that is true'), "expires_in", {"url": url, "expires_in": True}),
        (
            _('"expires_in" that is a string of digits'),
            "expires_in",
            {"url": url, "expires_in": "3600"},
        ),
    ]
