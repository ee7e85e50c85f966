"""Month 2 practice: a concurrent web scraper with error handling.

Each stage serves a small site on loopback, generated from the run's seed, runs the
learner's scraper on it, and compares two records with what a correct crawl does: the
requests the site received (path, User-Agent, start and end times) and the JSON report
the scraper wrote. What a correct crawl does is worked out by `expected_crawl`, a
sequential model of the spec, so every site a stage builds is checked the same way.
Checks of time are structural where they can be (which request began before which
answer ended), and generous where they cannot, so that a loaded machine passes them.

This module holds the suite and its stages; site.py the fixture site and its server,
crawl.py the model and the run of the scraper, compare.py the comparison, runs.py what
is said about a run that crashed or could not start.
"""

from __future__ import annotations

import posixpath
from itertools import pairwise

from django.utils.translation import gettext_lazy as _l

from skillpath.checks.context import WORDS
from skillpath.checks.expect import CheckFailed, decimal, expect
from skillpath.checks.i18n import gettext as _
from skillpath.checks.i18n import ngettext
from skillpath.checks.suite import Suite
from skillpath.checks.suites.web_scraper.compare import check_crawl
from skillpath.checks.suites.web_scraper.crawl import AGENT, crawl, listed, path_of
from skillpath.checks.suites.web_scraper.runs import could_not_run, crashed, run_failure, tail
from skillpath.checks.suites.web_scraper.site import (
    DROP,
    Site,
    href,
    link_graph,
    names,
    plain_site,
    wiki,
)

suite = Suite(
    slug="web-scraper",
    kind="cli",
    title=_l("A concurrent web scraper with error handling"),
    subject=("practice", "practice-2"),
)

CYRILLIC = tuple(word for word in WORDS if not word.isascii())
# All the pauses between the attempts at one URL: the spec asks for under a second; the
# check allows half a second more for a loaded machine.
PAUSES_LIMIT = 1.5
# The slow page of the concurrency stage's second site, and how many of the pages behind
# the fast chain must be requested while it is pending (5 could be; a batch gives 0).
SLOW_SECONDS = 2.0
FLOWING_AT_LEAST = 2


# --- stages -------------------------------------------------------------------------


@suite.stage("one-page", _l("Crawl a one-page site"))
def one_page(ctx) -> None:
    site = Site()
    site.add("/", title=ctx.words(3).capitalize())
    check_crawl(crawl(ctx, site, concurrency=2, retries=0))


@suite.stage("links", _l("Follow every link, each page once"))
def links(ctx) -> None:
    site, paths = plain_site(ctx, 8)
    link_graph(ctx, site, paths, extra=10)
    # The same page with and without a #fragment, twice the very same link, an ampersand
    # in a title, a self-link, a mail link and a link to another host: no new page.
    first, second, untitled, doubled, encoded = paths[1:6]
    site.pages[first].hrefs += [f"{second}#top", second, "mailto:team@example.com", first]
    site.pages[first].hrefs.append(second)
    site.pages[second].title += " & " + ctx.words(1)
    # The title rules: none at all, the first of two, the charset of Content-Type.
    site.pages[untitled].title = None
    site.pages[doubled].later_title = ctx.words(2).capitalize()
    site.pages[encoded].charset = "windows-1251"
    site.pages[encoded].title = " ".join(
        [ctx.random.choice(CYRILLIC).capitalize(), ctx.words(1), ctx.random.choice(CYRILLIC)]
    )
    outside = Site()
    outside.add("/", title=ctx.words(2))
    outside.base = ctx.serve(outside.handler()).url
    site.pages["/"].hrefs.append(outside.base + "/")
    site.add(wiki(ctx, 1)[0], title=ctx.words(2))  # a page nothing links to
    result = crawl(ctx, site, concurrency=2, retries=0)
    expect(
        not outside.requests(),
        _("your scraper left the site: it requested %(url)s") % {"url": outside.base + "/"},
        expected=_("requests only to %(base)s") % {"base": site.base},
        actual=", ".join(f"GET {outside.base}{hit.path}" for hit in outside.requests()),
        hint=_("Follow only links with the start URL's scheme, host and port."),
    )
    check_crawl(result)


@suite.stage("redirects", _l("Follow redirects and list the final URL"))
def redirects(ctx) -> None:
    site, paths = plain_site(ctx, 6)
    home, first, second, third, fourth, fifth = paths
    a, b, c = names(ctx, 3)
    # Pages reached only through a redirect, with relative links that work only when
    # they are resolved against the final URL.
    site.add(f"/go/{a}", location="{base}" + first)
    site.add(f"/old/{b}", location=f"/moved/{b}", status=302)
    site.add(f"/moved/{b}", location=second, status=307)
    # A redirect back to the start page: fetched again by following it, not listed again.
    site.add(f"/back/{c}", location="/", status=302)
    site.pages[home].hrefs += [f"/go/{a}", f"/old/{b}", "/"]
    site.pages[first].hrefs += [posixpath.basename(third), "../", f"/go/{a}"]
    site.pages[first].hrefs.append(posixpath.basename(fifth))
    site.pages[second].hrefs += [posixpath.basename(fourth), f"/old/{b}"]
    site.pages[third].hrefs += ["/", f"/back/{c}"]
    site.pages[fourth].hrefs += [posixpath.basename(third)]
    # Found only on the page behind /go/…: a direct link to that page, already fetched.
    site.pages[fifth].hrefs += [first]
    check_crawl(crawl(ctx, site, concurrency=2, retries=0))


@suite.stage("not-found", _l("Report broken links and go on"))
def not_found(ctx) -> None:
    site, paths = plain_site(ctx, 5)
    missing, gone = (f"/wiki/{name}" for name in names(ctx, 2))
    site.pages["/"].hrefs.insert(0, missing)  # the very first link is broken
    link_graph(ctx, site, paths, extra=4)
    site.pages[paths[1]].hrefs.append(href(ctx, paths[1], missing))
    site.pages[paths[-1]].hrefs.append(href(ctx, paths[-1], gone))
    check_crawl(crawl(ctx, site, concurrency=2, retries=2))


@suite.stage("retries", _l("Retry server and network errors"))
def retries(ctx) -> None:
    site, paths = plain_site(ctx, 7)
    home, once, twice, behind, other, broken, dropped = paths
    site.pages[once].fails = (503,)
    site.pages[twice].fails = (500, 502)
    site.pages[broken].fails = (503, 502)  # then 500 for good: the last status is 500
    site.pages[broken].status = 500
    site.pages[dropped].fails = (DROP,)  # a network error first, then the page
    for path in (once, twice, other, broken, dropped):
        site.pages[home].hrefs.append(href(ctx, home, path))
    site.pages[twice].hrefs += [href(ctx, twice, behind), "/"]  # reached only after a retry
    site.pages[other].hrefs += [href(ctx, other, once)]
    result = crawl(ctx, site, concurrency=2, retries=2)
    check_crawl(result)
    for path in (once, twice, broken, dropped):
        hits = sorted(site.requests(path), key=lambda hit: hit.started)
        paused = sum(later.started - hit.ended for hit, later in pairwise(hits))
        numbers = {"path": path, "seconds": decimal(paused, 1)}
        expect(
            paused < PAUSES_LIMIT,
            _(
                "your scraper paused %(seconds)s s in all between the attempts at %(path)s; "
                "the spec asks for under a second in all"
            )
            % numbers,
            expected=_("pauses under 1 s in all, e.g. 0.1 s, then 0.2 s"),
            actual=_("%(seconds)s s") % numbers,
            hint=_(
                "Keep the pause between attempts short and growing a little (0.1 s, "
                "then 0.2 s…): a crawl waits for its slowest URL."
            ),
        )


@suite.stage("timeout", _l("Give up on a page that does not answer"), timeout=20)
def timeout(ctx) -> None:
    site, paths = plain_site(ctx, 4)
    stuck = wiki(ctx, 1)[0]
    site.add(stuck, title=ctx.words(2), hang=4.0)
    link_graph(ctx, site, paths, extra=2)
    site.pages["/"].hrefs.insert(0, stuck)
    site.pages[paths[-1]].hrefs.append(href(ctx, paths[-1], stuck))
    result = crawl(ctx, site, concurrency=2, retries=1, timeout=1)
    expect(
        stuck not in {path_of(url) for url in listed(result.report, "pages")},
        _("%(url)s sent nothing for 4 s, yet your report lists it as a page")
        % {"url": site.base + stuck},
        expected=_(
            'an entry in "errors" with "status": null: no answer within --timeout 1 s, '
            "twice (--retries 1)"
        ),
        actual=_("your scraper ran for %(seconds)s s and waited for the answer")
        % {"seconds": decimal(result.duration, 1)},
        hint=_("Pass the --timeout value to every request (urlopen(..., timeout=...))."),
    )
    check_crawl(result)


ROBOTS = """# Rules for the practice site
User-agent: otherbot
Disallow: /

User-agent: skillpath-scraper
Disallow: /private/
Disallow: /drafts/

User-agent: *
Disallow: /private/
"""


@suite.stage("robots", _l("Obey robots.txt"))
def robots(ctx) -> None:
    site, paths = plain_site(ctx, 5, robots=ROBOTS)
    link_graph(ctx, site, paths, extra=3)
    hidden = [f"/private/{name}" for name in names(ctx, 2)] + [f"/drafts/{names(ctx, 1)[0]}"]
    allowed = f"/private-{names(ctx, 1)[0]}"  # not under /private/: allowed
    for path in [*hidden, allowed]:
        site.add(path, title=ctx.words(2), hrefs=["/"])
        source = ctx.random.choice(paths)
        site.pages[source].hrefs.append(href(ctx, source, path))
    result = crawl(ctx, site, concurrency=2, retries=0)
    for hit in site.requests():
        expect(
            hit.agent.startswith(AGENT),
            _("a request came without the User-Agent of the spec"),
            expected=_("User-Agent: %(agent)s/1.0") % {"agent": AGENT},
            actual=_("GET %(path)s with User-Agent: %(got)s")
            % {"path": hit.path, "got": hit.agent},
            hint=_(
                "Send the header with every request, robots.txt included: robots.txt "
                "rules are chosen by the agent's name."
            ),
        )
    check_robots_first(site)
    check_crawl(result)


def check_robots_first(site: Site) -> None:
    """/robots.txt requested once, and answered before any page was requested."""
    read = site.requests("/robots.txt")
    expect(
        read,
        _("your scraper never requested /robots.txt"),
        expected=_("GET /robots.txt once, before the pages"),
        actual=_("no request for /robots.txt"),
        hint=_(
            "Download the site's /robots.txt first, with your User-Agent, and give its "
            "lines to urllib.robotparser.RobotFileParser().parse()."
        ),
    )
    expect(
        len(read) == 1,
        ngettext(
            "your scraper requested /robots.txt %(count)s time; once is enough",
            "your scraper requested /robots.txt %(count)s times; once is enough",
            len(read),
        )
        % {"count": len(read)},
        expected=_("GET /robots.txt once, before the pages"),
        actual=ngettext("%(count)s request", "%(count)s requests", len(read))
        % {"count": len(read)},
        hint=_(
            "Read robots.txt once at the start and keep the parser: "
            "RobotFileParser.read() downloads it again (and with Python's User-Agent), "
            "so give the text you downloaded to parse() instead."
        ),
    )
    early = [hit for hit in site.pages_requested() if hit.started < read[0].ended]
    expect(
        not early,
        _("your scraper requested %(path)s before it had read /robots.txt")
        % {"path": early[0].path if early else ""},
        expected=_("GET /robots.txt once, before the pages"),
        actual=_("GET %(path)s began before the answer for /robots.txt came")
        % {"path": early[0].path if early else ""},
        hint=_(
            "Download and parse robots.txt before you request START_URL: its rules apply "
            "to every URL, the start included."
        ),
    )


@suite.stage("concurrency", _l("Fetch in parallel, within --concurrency"), timeout=30)
def concurrency(ctx) -> None:
    limit = 3
    site, paths = plain_site(ctx, 13)
    slow = paths[1:]
    for path in slow:
        site.pages[path].delay = round(ctx.random.uniform(0.25, 0.4), 2)
        site.pages["/"].hrefs.append(href(ctx, "/", path))
        for target in [*ctx.random.sample(slow, 2), "/"]:
            site.pages[path].hrefs.append(href(ctx, path, target))
    result = crawl(ctx, site, concurrency=limit, retries=0)
    check_crawl(result)
    hits = site.requests()
    most = site.max_in_flight
    sequential = sum(site.pages[path].delay for path in slow)
    elapsed = max(hit.ended for hit in hits) - min(hit.started for hit in hits)
    numbers = {
        "most": most,
        "limit": limit,
        "elapsed": decimal(elapsed, 1),
        "sequential": decimal(sequential, 1),
        "bound": decimal(0.7 * sequential, 1),
    }
    check_limit(most, limit)
    expect(
        most >= 2,
        _("your scraper made one request at a time: the pages were fetched one after another"),
        expected=_("up to %(limit)s requests at a time (the start page links to 12 slow pages)")
        % numbers,
        actual=_("1 at a time; the crawl took %(elapsed)s s") % numbers,
        hint=_(
            "Submit every new link to a thread pool as soon as you find it, instead of "
            "fetching it right away in the main loop."
        ),
    )
    expect(
        elapsed < 0.7 * sequential,
        _(
            "the crawl took %(elapsed)s s: not much faster than fetching the slow pages "
            "one by one (%(sequential)s s)"
        )
        % numbers,
        expected=_("well under %(bound)s s") % numbers,
        actual=ngettext(
            "%(elapsed)s s, at most %(most)s request at a time",
            "%(elapsed)s s, at most %(most)s requests at a time",
            most,
        )
        % numbers,
        hint=_("Keep --concurrency requests in flight while there are links waiting."),
    )
    slow_page_holds_nothing_back(ctx)


def check_limit(most: int, limit: int) -> None:
    numbers = {"most": most, "limit": limit}
    expect(
        most <= limit,
        ngettext(
            "%(most)s request was in flight at once with --concurrency %(limit)s",
            "%(most)s requests were in flight at once with --concurrency %(limit)s",
            most,
        )
        % numbers,
        expected=ngettext(
            "at most %(limit)s request at a time", "at most %(limit)s requests at a time", limit
        )
        % numbers,
        actual=_("%(most)s at a time") % numbers,
        hint=_(
            "Size the pool by --concurrency: ThreadPoolExecutor(max_workers=N), or a "
            "Semaphore(N) around each request."
        ),
    )


def slow_page_holds_nothing_back(ctx) -> None:
    """With --concurrency 2, one slow page and a chain of fast ones, each found only on
    the one before: while the slow page is pending, the chain must go on in the other
    slot. A scraper that waits for a whole batch of downloads requests none of it."""
    site, paths = plain_site(ctx, 8)
    home, slow, chain = paths[0], paths[1], paths[2:]
    site.pages[slow].delay = SLOW_SECONDS
    site.pages[home].hrefs += [href(ctx, home, slow), href(ctx, home, chain[0])]
    for here, there in pairwise(chain):
        site.pages[here].hrefs.append(href(ctx, here, there))
    result = crawl(ctx, site, concurrency=2, retries=0)
    check_crawl(result)
    check_limit(site.max_in_flight, 2)
    answered = site.requests(slow)[0].ended
    behind = chain[1:]
    meanwhile = [hit for hit in site.requests() if hit.path in behind and hit.started < answered]
    numbers = {
        "slow": slow,
        "first": chain[0],
        "seconds": decimal(SLOW_SECONDS, 1),
        "count": len(meanwhile),
        "total": len(behind),
        "least": FLOWING_AT_LEAST,
    }
    expect(
        len(meanwhile) >= FLOWING_AT_LEAST,
        ngettext(
            "while %(slow)s took %(seconds)s s to answer, your scraper requested only "
            "%(count)s of the %(total)s fast pages found one after another behind %(first)s",
            "while %(slow)s took %(seconds)s s to answer, your scraper requested only "
            "%(count)s of the %(total)s fast pages found one after another behind %(first)s",
            len(meanwhile),
        )
        % numbers,
        expected=_(
            "the fast pages keep coming while the slow one is pending (--concurrency 2): "
            "at least %(least)s of them requested before it answers"
        )
        % numbers,
        actual=ngettext(
            "%(count)s requested before it answered",
            "%(count)s requested before it answered",
            len(meanwhile),
        )
        % numbers,
        hint=_(
            "Handle each download as soon as it completes — concurrent.futures.wait("
            "pending, return_when=FIRST_COMPLETED), or as_completed — and submit the new "
            "links at once. Waiting for a whole batch (pool.map, ALL_COMPLETED, "
            "asyncio.gather of a level) lets one slow page hold back all the others."
        ),
    )


@suite.stage("whole-site", _l("Crawl a bigger site with everything at once"), timeout=20)
def whole_site(ctx) -> None:
    site, paths = plain_site(ctx, 16, robots="User-agent: *\nDisallow: /private/\n")
    link_graph(ctx, site, paths, extra=20)
    flaky, broken, slow = ctx.random.sample(paths[1:], 3)
    site.pages[flaky].fails = (503,)
    site.pages[broken].status = 500
    for path in ctx.random.sample(paths[1:], 6):
        site.pages[path].delay = round(ctx.random.uniform(0.05, 0.15), 2)
    site.pages[slow].delay = 0.3
    target, missing = (f"/wiki/{name}" for name in names(ctx, 2))
    site.add(target, title=ctx.words(3), hrefs=[href(ctx, target, ctx.random.choice(paths))])
    site.add("/moved", location=target)
    site.add("/private/notes", title=ctx.words(2))
    for extra in ("/moved", missing, "/private/notes"):
        source = ctx.random.choice(paths)
        site.pages[source].hrefs.append(href(ctx, source, extra))
    result = crawl(ctx, site, concurrency=4, retries=1)
    check_crawl(result)
    check_limit(site.max_in_flight, 4)


# The wrong arguments the bad-arguments stage gives, after the start URL when there is one.
BAD_ARGUMENTS = (
    (False, ["--concurrency", "2"]),
    (True, ["--concurrency", "0"]),
    (True, ["--concurrency", "two"]),
    (True, ["--retries", "-1"]),
    (True, ["--timeout", "0"]),
)


@suite.stage("bad-arguments", _l("Refuse wrong arguments with exit status 2"), timeout=30)
def bad_arguments(ctx) -> None:
    site = Site()
    site.add("/", title=ctx.words(2).capitalize())
    site.base = ctx.serve(site.handler()).url
    output = ctx.tmp / "refused.json"
    expected = _("exit status 2, a usage message on stderr, and no request to the site")
    for with_url, wrong in BAD_ARGUMENTS:
        args = [site.base + "/"] * with_url + [*wrong, "--output", str(output)]
        shown = " ".join(wrong) if with_url else _("no START_URL")
        done = ctx.run(args)
        argparse_hint = _(
            "Let argparse check the arguments: a type= function that raises "
            "argparse.ArgumentTypeError, or parser.error(...), prints a usage message "
            "and exits with status 2; do not catch SystemExit."
        )
        if could_not_run(done) or crashed(done):
            raise run_failure(done, expected=expected, exit_hint="", crash_hint=argparse_hint)
        if done.returncode != 2:
            raise CheckFailed(
                _("with %(wrong)s your scraper ended with exit status %(code)s, not 2")
                % {"wrong": shown, "code": done.returncode},
                expected=expected,
                actual=tail(done.stderr or done.stdout) or _("(no output)"),
                hint=argparse_hint,
            )
        expect(
            done.stderr.strip(),
            _("with %(wrong)s your scraper ended with exit status 2 but printed no message")
            % {"wrong": shown},
            expected=expected,
            actual=_("nothing on stderr"),
            hint=_("Say what is wrong on stderr: parser.error(...) does it."),
        )
        expect(
            not site.requests(),
            _("with %(wrong)s your scraper refused its arguments, yet requested %(path)s")
            % {"wrong": shown, "path": site.requests()[0].path if site.requests() else ""},
            expected=expected,
            actual=", ".join(f"GET {hit.path}" for hit in site.requests()),
            hint=_("Check every argument before the crawl begins."),
        )
