"""Month 2 practice: a concurrent web scraper with error handling.

Each stage serves a small site on loopback, generated from the run's seed, runs the
learner's scraper on it, and compares two records with what a correct crawl does: the
requests the site received (path, User-Agent, start and end times) and the JSON report
the scraper wrote. What a correct crawl does is worked out by `expected_crawl`, a
sequential model of the spec, so every site a stage builds is checked the same way.

This module holds the suite and its stages; site.py the fixture site and its server,
crawl.py the model and the run of the scraper, compare.py the comparison.
"""

from __future__ import annotations

import posixpath

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from skillpath.checks.expect import expect
from skillpath.checks.suite import Suite
from skillpath.checks.suites.web_scraper.compare import check_crawl
from skillpath.checks.suites.web_scraper.crawl import AGENT, crawl, listed, path_of
from skillpath.checks.suites.web_scraper.site import Site, href, link_graph, names, plain_site, wiki

suite = Suite(
    slug="web-scraper",
    kind="cli",
    title=_l("A concurrent web scraper with error handling"),
    subject=("practice", "practice-2"),
)


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
    # The same page with and without a #fragment, an ampersand in a title, a self-link,
    # a mail link and a link to another host: none of them is a new page.
    first, second = paths[1], paths[2]
    site.pages[first].hrefs += [f"{second}#top", second, "mailto:team@example.com", first]
    site.pages[second].title += " & " + ctx.words(1)
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
    site, paths = plain_site(ctx, 5)
    home, first, second, third, fourth = paths
    a, b = names(ctx, 2)
    # Pages reached only through a redirect, with relative links that work only when
    # they are resolved against the final URL.
    site.add(f"/go/{a}", location="{base}" + first)
    site.add(f"/old/{b}", location=f"/moved/{b}", status=302)
    site.add(f"/moved/{b}", location=second, status=307)
    site.pages[home].hrefs += [f"/go/{a}", f"/old/{b}", "/"]
    site.pages[first].hrefs += [posixpath.basename(third), "../", f"/go/{a}"]
    site.pages[second].hrefs += [posixpath.basename(fourth), f"/old/{b}"]
    site.pages[third].hrefs += ["/"]
    site.pages[fourth].hrefs += [posixpath.basename(third)]
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


@suite.stage("retries", _l("Retry server errors"))
def retries(ctx) -> None:
    site, paths = plain_site(ctx, 6)
    home, once, twice, behind, other, broken = paths
    site.pages[once].fails = (503,)
    site.pages[twice].fails = (500, 502)
    site.pages[broken].status = 500
    site.pages[home].hrefs += [href(ctx, home, path) for path in (once, twice, other, broken)]
    site.pages[twice].hrefs += [href(ctx, twice, behind), "/"]  # reached only after a retry
    site.pages[other].hrefs += [href(ctx, other, once)]
    check_crawl(crawl(ctx, site, concurrency=2, retries=2))


@suite.stage("timeout", _l("Give up on a page that does not answer"), timeout=20)
def timeout(ctx) -> None:
    site, paths = plain_site(ctx, 4)
    stuck = wiki(ctx, 1)[0]
    site.add(stuck, title=ctx.words(2), hang=4.0)
    link_graph(ctx, site, paths, extra=2)
    site.pages["/"].hrefs.insert(0, stuck)
    site.pages[paths[-1]].hrefs.append(href(ctx, paths[-1], stuck))
    result = crawl(ctx, site, concurrency=2, retries=0, timeout=1)
    expect(
        stuck not in {path_of(url) for url in listed(result.report, "pages")},
        _("%(url)s sent nothing for 4 s, yet your report lists it as a page")
        % {"url": site.base + stuck},
        expected=_('an entry in "errors" with "status": null after --timeout 1 s'),
        actual=_("your scraper ran for %(seconds).1f s and waited for the answer")
        % {"seconds": result.duration},
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
    check_crawl(result)
    expect(
        site.requests("/robots.txt"),
        _("your scraper never requested /robots.txt"),
        expected=_("GET /robots.txt before the pages"),
        actual=_("no request for /robots.txt"),
        hint=_("Read the site's robots.txt first (urllib.robotparser.RobotFileParser)."),
    )


@suite.stage("concurrency", _l("Fetch in parallel, within --concurrency"), timeout=20)
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
    numbers = {"most": most, "limit": limit, "elapsed": elapsed, "sequential": sequential}
    expect(
        most <= limit,
        _("%(most)s requests were in flight at once, but --concurrency was %(limit)s") % numbers,
        expected=_("at most %(limit)s requests at a time") % numbers,
        actual=_("%(most)s at a time") % numbers,
        hint=_(
            "Size the pool by --concurrency: ThreadPoolExecutor(max_workers=N), or a "
            "Semaphore(N) around each request."
        ),
    )
    expect(
        most >= 2,
        _("your scraper made one request at a time: the pages were fetched one after another"),
        expected=_("up to %(limit)s requests at a time (the start page links to 12 slow pages)")
        % numbers,
        actual=_("1 at a time; the crawl took %(elapsed).1f s") % numbers,
        hint=_(
            "Submit every new link to a thread pool as soon as you find it, instead of "
            "fetching it right away in the main loop."
        ),
    )
    expect(
        elapsed < 0.7 * sequential,
        _(
            "the crawl took %(elapsed).1f s: not much faster than fetching the slow pages "
            "one by one (%(sequential).1f s)"
        )
        % numbers,
        expected=_("well under %(limit)s s") % {"limit": round(0.7 * sequential, 1)},
        actual=_("%(elapsed).1f s, at most %(most)s requests at a time") % numbers,
        hint=_("Keep --concurrency requests in flight while there are links waiting."),
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
    expect(
        site.max_in_flight <= 4,
        _("%(most)s requests were in flight at once, but --concurrency was %(limit)s")
        % {"most": site.max_in_flight, "limit": 4},
        expected=_("at most %(limit)s requests at a time") % {"limit": 4},
        actual=_("%(most)s at a time") % {"most": site.max_in_flight},
    )
