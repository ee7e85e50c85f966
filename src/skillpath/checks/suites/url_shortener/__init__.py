"""`url-shortener` — project 3: a URL shortener with caching (content/projects/url-shortener/).

Every stage creates the links it needs, with URLs and custom codes from the seeded random
source, so a run against a service that already holds links (--url) works too. The last
stage puts the redirects under load with Locust (`skillpath.checks.load`) and holds them
to a throughput and a p99 latency that a service answering redirects from an in-memory
cache reaches on a loaded 2-core machine, and one that reads SQLite and commits a click
for every redirect does not (see the spec's "Performance" section for the figures).
"""

from __future__ import annotations

import json
import re
import string
import time
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

import httpx
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from skillpath.checks.context import Context
from skillpath.checks.expect import (
    CheckFailed,
    describe_response,
    expect,
    expect_json,
    expect_status,
)
from skillpath.checks.load import LoadReport, run_load
from skillpath.checks.suite import Suite

suite = Suite(
    slug="url-shortener",
    kind="http",
    title=_l("URL shortener with caching"),
    subject=("project", "url-shortener"),
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
# Expiry: a link asked to live 1 s must be gone this long after it was created.
EXPIRES_IN = 1
EXPIRED_BY_SECONDS = 3.5
# The load stage, as the spec states it.
LOAD_LINKS = 20
LOAD_USERS = 20
LOAD_SECONDS = 4
MIN_RPS = 600
MAX_P99_MS = 300


# --- pure helpers -------------------------------------------------------------------------


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


def load_problem(report: LoadReport) -> str | None:
    """Which threshold of the load stage the report misses, or None."""
    if report.rps < MIN_RPS:
        return "rps"
    if report.p99 > MAX_P99_MS:
        return "p99"
    return None


def load_figures(report: LoadReport) -> str:
    return _(
        "%(rps)s requests/s; latency p50 %(p50)s ms, p95 %(p95)s ms, p99 %(p99)s ms"
        " (%(requests)s requests from %(users)s users in %(seconds)s s)"
    ) % {
        "rps": round(report.rps),
        "p50": report.p50,
        "p95": report.p95,
        "p99": report.p99,
        "requests": report.requests,
        "users": report.users,
        "seconds": report.seconds,
    }


def load_margin(report: LoadReport) -> float:
    """How comfortably a run meets the thresholds (below 1: it misses one)."""
    return min(report.rps / MIN_RPS, MAX_P99_MS / max(report.p99, 0.001))


# --- talking to the service ---------------------------------------------------------------


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
    expect(
        problem is None,
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


def measure_load(base_url: str, locations: dict[str, str]) -> LoadReport:
    return run_load(
        base_url,
        list(locations),
        users=LOAD_USERS,
        seconds=LOAD_SECONDS,
        status=302,
        locations=locations,
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
    expect(problem is None, problem, expected=LINK_EXAMPLE, actual=describe_response(response))
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


# --- stages -------------------------------------------------------------------------------


@suite.stage("health", _l("The service answers"))
def health(ctx: Context) -> None:
    response = ctx.http.get("/health")
    expect_status(
        response,
        200,
        _("GET /health must answer 200"),
        hint=_('Add the endpoint GET /health that answers {"status": "ok"}.'),
    )
    expect(
        expect_json(response, dict).get("status") == "ok",
        _('GET /health must answer the JSON object {"status": "ok"}'),
        expected='{"status": "ok"}',
        actual=describe_response(response),
    )


@suite.stage("create", _l("Create short links"))
def create(ctx: Context) -> None:
    links = [create_link(ctx, {"url": new_url(ctx)}) for _ in range(3)]
    for link in links:
        expect(
            GENERATED_CODE.fullmatch(link["code"]) is not None,
            _("a generated code must be 6 to 10 letters and digits"),
            expected=_("a code such as aZ3kP9q"),
            actual=show(link["code"]),
            hint=_("Pick random letters and digits, and try again if the code is taken."),
        )
        expect(
            link["clicks"] == 0 and link["expires_at"] is None,
            _('a new link without "expires_in" has "clicks": 0 and "expires_at": null'),
            expected='"clicks": 0, "expires_at": null',
            actual=show(link),
        )
    codes = [link["code"] for link in links]
    expect(
        len(set(codes)) == len(codes),
        _("three links were created, but their codes are not all different"),
        expected=_("a new code for every link"),
        actual=show(codes),
    )
    ctx.state["links"] = {link["code"]: link["url"] for link in links}


@suite.stage("redirect", _l("Short links redirect"))
def redirect(ctx: Context) -> None:
    for code, url in ctx.state["links"].items():
        expect_redirect(
            ctx,
            code,
            url,
            _("GET /%(code)s must redirect to the link's URL with 302 Found") % {"code": code},
        )


@suite.stage("not-found", _l("Unknown codes give 404"))
def not_found(ctx: Context) -> None:
    code = new_code(ctx, prefix="none")
    response = ctx.http.get(f"/{code}")
    expect_not_found(response, _("GET of a code that was never created must answer 404"))


@suite.stage("custom-code", _l("Custom codes"))
def custom_code(ctx: Context) -> None:
    code, url = new_code(ctx), new_url(ctx)
    create_link(ctx, {"url": url, "code": code})
    expect_redirect(
        ctx,
        code,
        url,
        _("GET /%(code)s must redirect to the URL created with that custom code") % {"code": code},
    )
    ctx.state["custom"] = (code, url)


@suite.stage("conflict", _l("A taken code gives 409"))
def conflict(ctx: Context) -> None:
    code, url = ctx.state["custom"]
    other = new_url(ctx)
    response = ctx.http.post("/links", json={"url": other, "code": code})
    message = _("POST /links with a code that is already taken must answer 409 Conflict")
    hint = _(
        "Refuse a custom code that another link has: answer 409 with %(body)s and keep the"
        " existing link as it is."
    ) % {"body": show({"error": "...", "field": "code"})}
    expect_status(response, 409, message, hint=hint)
    expect(
        names_field(response, "code"),
        message,
        expected=show({"error": "...", "field": "code"}),
        actual=describe_response(response),
        hint=hint,
    )
    expect_redirect(
        ctx,
        code,
        url,
        _(
            "after a refused POST with the taken code %(code)s, it must still redirect to its"
            " first URL"
        )
        % {"code": code},
    )
    response = ctx.http.post("/links", json={"url": other, "code": "health"})
    expect_status(
        response,
        409,
        _('the code "health" is reserved: POST /links asking for it must answer 409'),
        hint=_('The codes "health" and "links" are paths of the service itself.'),
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


@suite.stage("invalid-url", _l("Invalid URLs are refused"))
def invalid_url(ctx: Context) -> None:
    for problem, body in invalid_urls(ctx):
        response = ctx.http.post("/links", json=body)
        expect_rejected(
            response,
            "url",
            _('POST /links with %(problem)s must be refused with 400 naming the field "url"')
            % {"problem": problem},
        )


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


@suite.stage("invalid-fields", _l("Invalid codes and expiry times are refused"))
def invalid_fields_stage(ctx: Context) -> None:
    for problem, field, body in invalid_fields(ctx):
        response = ctx.http.post("/links", json=body)
        expect_rejected(
            response,
            field,
            _('POST /links with %(problem)s must be refused with 400 naming the field "%(field)s"')
            % {"problem": problem, "field": field},
        )
    response = ctx.http.post(
        "/links", content=b'{"url": ', headers={"Content-Type": "application/json"}
    )
    expect_status(
        response,
        REJECTED,
        _("POST /links with a body that is not JSON must be refused with 400"),
        hint=_("Answer 400 with a JSON error when the body is not a JSON object."),
    )


@suite.stage("stats", _l("Clicks are counted"))
def stats(ctx: Context) -> None:
    link = create_link(ctx, {"url": new_url(ctx)})
    code = link["code"]
    expect_clicks(ctx, code, 0, _("a link nobody has followed yet must have 0 clicks"))
    clicks = ctx.random.randint(3, 6)
    for _number in range(clicks):
        expect_redirect(
            ctx, code, link["url"], _("GET /%(code)s must redirect with 302") % {"code": code}
        )
    expect_clicks(
        ctx,
        code,
        clicks,
        _("after %(count)s redirects of /%(code)s, its stats must show %(count)s clicks")
        % {"count": clicks, "code": code},
    )
    missing = new_code(ctx, prefix="none")
    expect_not_found(
        ctx.http.get(f"/links/{missing}/stats"),
        _("the stats of a code that was never created must answer 404"),
    )
    ctx.state["clicked"] = (code, link["url"], clicks)


@suite.stage("expiry", _l("Links expire"))
def expiry(ctx: Context) -> None:
    lasting = create_link(ctx, {"url": new_url(ctx), "expires_in": 3600})
    sent = time.monotonic()
    link = create_link(ctx, {"url": new_url(ctx), "expires_in": EXPIRES_IN})
    created, expires = parse_utc(link["created_at"]), parse_utc(link["expires_at"])
    expect(
        created is not None
        and expires is not None
        and abs((expires - created).total_seconds() - EXPIRES_IN) < 1,
        _('a link created with "expires_in": 1 must have "expires_at" 1 s after "created_at"'),
        expected='"created_at": "2026-11-27T10:00:00Z", "expires_at": "2026-11-27T10:00:01Z"',
        actual=show(link),
    )
    code = link["code"]
    # Before it expires it redirects (checked only while surely before, on a slow machine);
    # the second request is the one a cache would answer.
    for _request in range(2):
        if time.monotonic() - sent > EXPIRES_IN * 0.5:
            break
        expect_redirect(
            ctx,
            code,
            link["url"],
            _("a link that expires in 1 s must redirect until then"),
        )
    time.sleep(max(0.0, sent + EXPIRES_IN + 0.3 - time.monotonic()))
    while True:
        response = ctx.http.get(f"/{code}")
        if response.status_code in (404, 410) or time.monotonic() - sent > EXPIRED_BY_SECONDS:
            break
        time.sleep(0.2)
    expect_status(
        response,
        (404, 410),
        _(
            'a link created with "expires_in": 1 must answer 410 Gone once that second has'
            " passed, but GET /%(code)s answered %(status)s after %(seconds)s s"
        )
        % {
            "code": code,
            "status": response.status_code,
            "seconds": round(time.monotonic() - sent, 1),
        },
        hint=_(
            "Compare the current time with the link's expires_at on every redirect — also when"
            " the link comes from your cache — and answer 410 once it has passed."
        ),
    )
    expect_redirect(
        ctx,
        lasting["code"],
        lasting["url"],
        _("a link that expires in an hour must still redirect"),
    )


@suite.stage("restart", _l("Links survive a restart"))
def restart(ctx: Context) -> None:
    ctx.restart()
    code, url = ctx.state["custom"]
    expect_redirect(
        ctx,
        code,
        url,
        _("after a restart, GET /%(code)s must still redirect to its URL") % {"code": code},
        hint=_(
            "Keep links in an SQLite file under the directory named by DATA_DIR, not only in"
            " memory: the check stops your service and starts it again with the same DATA_DIR."
        ),
    )
    code, url, clicks = ctx.state["clicked"]
    expect_clicks(
        ctx,
        code,
        clicks,
        _("after a restart, the stats of /%(code)s must still show its %(count)s clicks")
        % {"code": code, "count": clicks},
    )


@suite.stage("load", _l("Redirects stay fast under load"), timeout=40)
def load(ctx: Context) -> None:
    links = [create_link(ctx, {"url": new_url(ctx)}) for _ in range(LOAD_LINKS)]
    locations = {f"/{link['code']}": link["url"] for link in links}
    assert ctx.base_url is not None
    report = measure_load(ctx.base_url, locations)
    if report.failures == 0 and load_problem(report) is not None:
        # One more try: a run can fall short because something else on the machine was busy.
        report = max(report, measure_load(ctx.base_url, locations), key=load_margin)
    request = _(
        "GET /{code} for %(links)s links, from %(users)s users at once for %(seconds)s s,"
        " each sending its next request as soon as the answer comes"
    ) % {"links": LOAD_LINKS, "users": LOAD_USERS, "seconds": LOAD_SECONDS}
    if report.requests == 0:
        raise CheckFailed(
            _("under load, the service answered no request at all"),
            request=request,
            expected=_("302 answers"),
            actual=show(report.errors) if report.errors else _("no answer"),
            hint=_("Its output below may tell what happened."),
        )
    if report.failures:
        raise CheckFailed(
            _("under load, %(failures)s of %(requests)s redirects were wrong")
            % {"failures": report.failures, "requests": report.requests},
            request=request,
            expected=_("302 with the link's URL in Location, for every request"),
            actual="; ".join(f"{kind} (×{count})" for kind, count in report.errors.items()),
            hint=_(
                'Look for errors in your service\'s output below, such as "database is locked":'
                " every redirect must work while 20 clients ask at once."
            ),
        )
    problem = load_problem(report)
    if problem is not None:
        figures = {"rps": round(report.rps), "min": MIN_RPS, "p99": report.p99, "max": MAX_P99_MS}
        if problem == "rps":
            message = _("redirects are too slow under load: %(rps)s requests/s, below %(min)s")
        else:
            message = _(
                "redirects are too slow under load: p99 latency %(p99)s ms, above %(max)s ms"
            )
        raise CheckFailed(
            message % figures,
            request=request,
            expected=_("at least %(min)s requests/s, and p99 latency at most %(max)s ms") % figures,
            actual=load_figures(report),
            hint=_(
                "Answer redirects from memory: keep a cache of code → URL and expiry time in"
                " front of the database, and count clicks in memory, writing them to the"
                " database in batches (say, once a second). Reading the database and committing"
                " a click for every redirect makes each request wait for the disk and for the"
                " others' writes."
            ),
        )
    ctx.note(load_figures(report))
