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

Every link that must keep working is remembered in ctx.state["kept"] (code → URL), and every
code the service generated in ctx.state["codes"]: the restart stage checks that the links still
work and that links created after the restart get codes of their own.
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.utils.translation import gettext_lazy as _l

from skillpath.checks.context import Context
from skillpath.checks.expect import (
    CheckFailed,
    decimal,
    describe_response,
    expect,
    expect_json,
    expect_status,
)
from skillpath.checks.i18n import gettext as _
from skillpath.checks.suite import Suite
from skillpath.checks.suites.url_shortener.links import (
    GENERATED_CODE,
    MAX_URL_LENGTH,
    create_link,
    expect_clicks,
    expect_error_body,
    expect_not_found,
    expect_random_codes,
    expect_redirect,
    expect_rejected,
    invalid_fields,
    invalid_urls,
    long_url,
    names_field,
    new_code,
    new_url,
    parse_utc,
    show,
    utc_text,
)
from skillpath.checks.suites.url_shortener.performance import (
    LOAD_LINKS,
    LOAD_SECONDS,
    LOAD_USERS,
    MAX_P99_MS,
    MIN_RPS,
    load_problem,
    measure_runs,
    runs_figures,
)

suite = Suite(
    slug="url-shortener",
    kind="http",
    title=_l("URL shortener with caching"),
    subject=("project", "url-shortener"),
)

# Expiry: a link asked to live 1 s must answer 410 this long after its expires_at (as the
# spec says). A correct service answers 410 from the moment expires_at has passed, however
# busy the machine: it compares its own clock with its own expires_at when the request
# comes, and the request is sent after this much more has passed since the link was created.
EXPIRES_IN = 1
EXPIRED_AFTER_SECONDS = 0.25
# Before it expires, a redirect is asked for only while surely before (on a slow machine).
STILL_VALID_SECONDS = 0.5
# Links created after the restart, which must get codes of their own.
LINKS_AFTER_RESTART = 3


def keep(ctx: Context, code: str, url: str) -> None:
    """Remember a link that must keep working to the end (the restart stage checks them)."""
    ctx.state.setdefault("kept", {})[code] = url


def generated(ctx: Context, link: dict) -> None:
    """Remember a code the service generated."""
    ctx.state.setdefault("codes", []).append(link["code"])


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
    expect_random_codes(codes)
    for link in links:
        generated(ctx, link)
        keep(ctx, link["code"], link["url"])
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
    keep(ctx, code, url)


@suite.stage("conflict", _l("A taken code gives 409"))
def conflict(ctx: Context) -> None:
    code, url = ctx.state["custom"]
    other = new_url(ctx)
    response = ctx.http.post("/links", json={"url": other, "code": code})
    hint = _(
        "Refuse a custom code that another link already has: answer 409 with %(body)s and"
        " keep the existing link as it is."
    ) % {"body": show({"error": "...", "field": "code"})}
    expect_status(
        response,
        409,
        _("POST /links with a code that is already taken must answer 409 Conflict"),
        hint=hint,
    )
    expect(
        names_field(response, "code"),
        _('the 409 answer to a taken code must name the field: its body has no "field": "code"'),
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
    for reserved in ("health", "links"):
        response = ctx.http.post("/links", json={"url": other, "code": reserved})
        expect_status(
            response,
            409,
            _('the code "%(code)s" is reserved: POST /links asking for it must answer 409')
            % {"code": reserved},
            hint=_(
                'The codes "health" and "links" are paths of the service itself: refuse them'
                " with 409, as a taken code."
            ),
        )


@suite.stage("invalid-url", _l("Invalid URLs are refused"))
def invalid_url(ctx: Context) -> None:
    for problem, body in invalid_urls(ctx):
        response = ctx.http.post("/links", json=body)
        expect_rejected(
            response,
            "url",
            _('POST /links with %(problem)s must be refused with status 400 naming the field "url"')
            % {"problem": problem},
        )
    # The longest URL allowed is still a URL.
    longest = long_url(ctx, MAX_URL_LENGTH)
    link = create_link(
        ctx,
        {"url": longest},
        _("a URL of exactly %(count)s characters is allowed: POST /links with one must answer 201")
        % {"count": MAX_URL_LENGTH},
        _("Refuse a URL only when it is longer than %(count)s characters.")
        % {"count": MAX_URL_LENGTH},
    )
    keep(ctx, link["code"], longest)


@suite.stage("invalid-fields", _l("Invalid codes and expiry times are refused"))
def invalid_fields_stage(ctx: Context) -> None:
    for problem, field, body in invalid_fields(ctx):
        response = ctx.http.post("/links", json=body)
        expect_rejected(
            response,
            field,
            _(
                "POST /links with %(problem)s must be refused with status 400 naming the field"
                ' "%(field)s"'
            )
            % {"problem": problem, "field": field},
        )
    json_header = {"Content-Type": "application/json"}
    for problem, content in (
        (_("a body that is not JSON"), b'{"url": '),
        (_("a JSON array instead of an object"), b'["https://example.com/"]'),
    ):
        response = ctx.http.post("/links", content=content, headers=json_header)
        expect_rejected(
            response,
            "body",
            _('POST /links with %(problem)s must be refused with status 400 naming "body"')
            % {"problem": problem},
        )


@suite.stage("stats", _l("Clicks are counted"))
def stats(ctx: Context) -> None:
    link = create_link(ctx, {"url": new_url(ctx)})
    code = link["code"]
    generated(ctx, link)
    keep(ctx, code, link["url"])
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
        _('after %(count)s redirects of /%(code)s, its stats must show "clicks": %(count)s')
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
    generated(ctx, lasting)
    keep(ctx, lasting["code"], lasting["url"])
    sent = time.monotonic()
    link = create_link(ctx, {"url": new_url(ctx), "expires_in": EXPIRES_IN})
    # The service made the link before this: it expires at the latest a second from now.
    answered = time.monotonic()
    generated(ctx, link)
    code = link["code"]
    created, expires = parse_utc(link["created_at"]), parse_utc(link["expires_at"])
    expect(
        created is not None
        and expires is not None
        and abs((expires - created).total_seconds() - EXPIRES_IN) < 1,
        _('a link created with "expires_in": 1 must have "expires_at" 1 s after "created_at"'),
        expected=show(
            {
                "created_at": link["created_at"],
                "expires_at": utc_text(created + timedelta(seconds=EXPIRES_IN))
                if created is not None
                else "...",
            }
        ),
        actual=show({"created_at": link["created_at"], "expires_at": link["expires_at"]}),
        hint=_(
            'Add "expires_in" seconds to the very moment you write as "created_at": compute'
            " both from one reading of the clock."
        ),
    )
    # Before it expires it redirects (the second request is the one a cache would answer).
    followed = 0
    for _request in range(2):
        if time.monotonic() - sent > STILL_VALID_SECONDS:
            break
        expect_redirect(
            ctx,
            code,
            link["url"],
            _("a link that expires in 1 s must redirect until then"),
        )
        followed += 1
    time.sleep(max(0.0, answered + EXPIRES_IN + EXPIRED_AFTER_SECONDS - time.monotonic()))
    for _request in range(2):
        asked = time.monotonic() - answered
        response = ctx.http.get(f"/{code}")
        expect_status(
            response,
            (404, 410),
            _(
                'a link created with "expires_in": 1 must answer 410 Gone as soon as its'
                ' "expires_at" has passed, but GET /%(code)s answered %(status)s more than'
                " %(seconds)s s after the link was created"
            )
            % {"code": code, "status": response.status_code, "seconds": decimal(asked, 2)},
            hint=_(
                "Compare the current time with the link's expires_at on every redirect — also"
                " when the link comes from your cache — and answer 410 from the moment it has"
                " passed, without any grace period."
            ),
        )
        expect_error_body(
            response,
            _("Answer an expired link with 410 and a JSON error such as %(body)s.")
            % {"body": show({"error": f"the link '{code}' has expired"})},
        )
    # The answers 410 are not clicks (a service that deleted the link has no stats left).
    if response.status_code == 410:
        expect_clicks(
            ctx,
            code,
            followed,
            _(
                "an expired link must not count the requests answered 410: its stats must"
                ' still show "clicks": %(count)s, the redirects it made before it expired'
            )
            % {"count": followed},
        )
    expect_redirect(
        ctx,
        lasting["code"],
        lasting["url"],
        _("a link that expires in an hour must still redirect"),
    )


@suite.stage("restart", _l("Links survive a restart"), timeout=20)
def restart(ctx: Context) -> None:
    code, url, clicks = ctx.state["clicked"]
    # Clicks made just before the stop, still in memory: they must be saved on SIGTERM.
    # (2 to 4: the Russian message says "перехода", the form for those numbers.)
    late = ctx.random.randint(2, 4)
    for _number in range(late):
        expect_redirect(ctx, code, url, _("GET /%(code)s must redirect with 302") % {"code": code})
    ctx.restart()
    for kept_code, kept_url in ctx.state["kept"].items():
        if kept_code == code:
            continue  # its clicks are counted next; it is followed again at the end
        expect_redirect(
            ctx,
            kept_code,
            kept_url,
            _("after a restart, GET /%(code)s must still redirect to its URL")
            % {"code": kept_code},
            hint=_(
                "Keep links in an SQLite file under the directory named by DATA_DIR, not only"
                " in memory: the check stops your service and starts it again with the same"
                " DATA_DIR."
            ),
        )
    expect_clicks(
        ctx,
        code,
        clicks + late,
        _(
            'after a restart, the stats of /%(code)s must still show "clicks": %(count)s,'
            " counting the %(late)s redirects made just before the service was stopped"
        )
        % {"code": code, "count": clicks + late, "late": late},
        hint=_(
            "Save the clicks counted in memory to the database — every second or so, and when"
            " the service is stopped: it is stopped with SIGTERM, so write them in a SIGTERM"
            " handler or your framework's shutdown hook (FastAPI's lifespan, atexit)."
        ),
    )
    before = list(ctx.state["codes"]) + list(ctx.state["kept"])
    fresh = []
    for _number in range(LINKS_AFTER_RESTART):
        link = create_link(
            ctx,
            {"url": new_url(ctx)},
            _("after a restart, POST /links must still create new links and answer 201"),
            _(
                "A generated code can clash with one made before the restart (a counter that"
                " starts again does): check that it is free — or catch the database's"
                " unique-constraint error — and pick another."
            ),
        )
        expect(
            link["code"] not in before,
            _(
                "after a restart, POST /links gave the new link the code %(code)s, which an"
                " existing link already has"
            )
            % {"code": link["code"]},
            expected=_("a code no other link has"),
            actual=show(link),
            hint=_(
                "Generate random codes and check that each is free before you use it; never"
                " replace an existing link (INSERT, not INSERT OR REPLACE)."
            ),
        )
        fresh.append(link)
        before.append(link["code"])
    expect_random_codes(ctx.state["codes"] + [link["code"] for link in fresh])
    for kept_code, kept_url in ctx.state["kept"].items():
        expect_redirect(
            ctx,
            kept_code,
            kept_url,
            _("after new links were created, GET /%(code)s must still redirect to its own URL")
            % {"code": kept_code},
            hint=_(
                "A new link must never replace an existing one: store it with INSERT (not"
                " INSERT OR REPLACE) under a code no other link has."
            ),
        )
    for link in fresh:
        expect_redirect(
            ctx,
            link["code"],
            link["url"],
            _("GET /%(code)s of a link created after the restart must redirect to its URL")
            % {"code": link["code"]},
        )


@suite.stage("load", _l("Redirects stay fast under load"), timeout=40, measures_speed=True)
def load(ctx: Context) -> None:
    links = [create_link(ctx, {"url": new_url(ctx)}) for _ in range(LOAD_LINKS)]
    locations = {f"/{link['code']}": link["url"] for link in links}
    assert ctx.base_url is not None
    runs = measure_runs(ctx.base_url, locations)
    report = runs.counted
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
        figures = {
            "rps": decimal(report.rps, 0),
            "min": MIN_RPS,
            "p99": decimal(report.p99, 1),
            "max": MAX_P99_MS,
        }
        if problem == "rps":
            message = _("redirects are too slow under load: %(rps)s requests/s, below %(min)s")
        else:
            message = _(
                "redirects are too slow under load: p99 latency %(p99)s ms, above %(max)s ms"
            )
        if runs.second is not None:
            message = _("%(message)s, on the better of two tries") % {"message": message % figures}
        else:
            message = message % figures
        raise CheckFailed(
            message,
            request=request,
            expected=_("at least %(min)s requests/s, and p99 latency at most %(max)s ms") % figures,
            actual=runs_figures(runs),
            hint=_(
                "Answer redirects from memory: keep a cache of code → URL and expiry time in"
                " front of the database, and count clicks in memory, writing them to the"
                " database in batches (say, once a second). Reading the database and committing"
                " a click for every redirect makes each request wait for the disk and for the"
                " others' writes. The server counts too: one that writes a line to the terminal"
                " for every request (an access log) or a development server can be the limit"
                " — turn the access log off (uvicorn: access_log=False; Flask: the werkzeug"
                " logger at WARNING), or run the app on uvicorn, gunicorn or waitress."
            ),
        )
    ctx.note(runs_figures(runs))
