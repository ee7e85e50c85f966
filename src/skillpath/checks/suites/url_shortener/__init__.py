"""`url-shortener` — project 3: a URL shortener with caching (content/projects/url-shortener/).

Every stage creates the links it needs, with URLs and custom codes from the seeded random
source, so a run against a service that already holds links (--url) works too. The last
stage puts the redirects under load with Locust (`skillpath.checks.load`) and holds them
to a throughput and a p99 latency that a service answering redirects from an in-memory
cache reaches on a loaded 2-core machine, and one that reads SQLite and commits a click
for every redirect does not (see the spec's "Performance" section for the figures).

This module holds the suite and its stages, in order; `links` holds the links, the bodies the
stages send and the checks of the service's answers, `performance` the load stage's measuring
and thresholds.
"""

from __future__ import annotations

import time

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
from skillpath.checks.suite import Suite
from skillpath.checks.suites.url_shortener.links import (
    GENERATED_CODE,
    REJECTED,
    create_link,
    expect_clicks,
    expect_not_found,
    expect_redirect,
    expect_rejected,
    invalid_fields,
    invalid_urls,
    names_field,
    new_code,
    new_url,
    parse_utc,
    show,
)
from skillpath.checks.suites.url_shortener.performance import (
    LOAD_LINKS,
    LOAD_SECONDS,
    LOAD_USERS,
    MAX_P99_MS,
    MIN_RPS,
    load_figures,
    load_margin,
    load_problem,
    measure_load,
)

suite = Suite(
    slug="url-shortener",
    kind="http",
    title=_l("URL shortener with caching"),
    subject=("project", "url-shortener"),
)

# Expiry: a link asked to live 1 s must be gone this long after it was created.
EXPIRES_IN = 1
EXPIRED_BY_SECONDS = 3.5


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


@suite.stage("load", _l("Redirects stay fast under load"), timeout=40, measures_speed=True)
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
