"""Month 2 practice: a concurrent web scraper with error handling.

Each stage serves a small site on loopback, generated from the run's seed, runs the
learner's scraper on it, and compares two records with what a correct crawl does: the
requests the site received (path, User-Agent, start and end times) and the JSON report
the scraper wrote. What a correct crawl does is worked out by `expected_crawl`, a
sequential model of the spec, so every site a stage builds is checked the same way.
"""

from __future__ import annotations

import json
import posixpath
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from skillpath.checks.expect import CheckFailed, expect
from skillpath.checks.suite import Suite

suite = Suite(
    slug="web-scraper",
    kind="cli",
    title=_l("A concurrent web scraper with error handling"),
    subject=("practice", "practice-2"),
)

AGENT = "skillpath-scraper"
# Page names are ASCII so that URLs need no percent-encoding; titles use ctx.words.
NAMES = ("alpha", "bravo", "cedar", "delta", "ember", "fjord", "glade", "harbor", "iris")
NAMES += ("jasper", "kelp", "lotus", "maple", "nectar", "opal", "pine", "quartz", "reef")
NAMES += ("sage", "tundra", "umber", "vale", "willow", "yarrow", "zephyr")
FORMS = ("path", "relative", "absolute", "fragment")


@dataclass
class Page:
    """What the site answers at one path."""

    title: str = ""
    hrefs: list[str] = field(default_factory=list)  # "{base}" stands for the site's URL
    status: int = 200  # answered every time once `fails` are used up
    fails: tuple[int, ...] = ()  # statuses answered first, one per request
    location: str | None = None  # a redirect to this URL (`status` 302, 307…; 301 if 200)
    delay: float = 0.0  # seconds before answering
    hang: float = 0.0  # seconds of silence: longer than the scraper's --timeout


@dataclass
class Hit:
    path: str
    agent: str
    started: float
    ended: float = 0.0


class Site:
    """A generated site: its pages, its robots.txt and a record of every request."""

    def __init__(self, robots: str = "") -> None:
        self.pages: dict[str, Page] = {}
        self.robots = robots
        self.hits: list[Hit] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.base = ""
        self.closing = threading.Event()
        self._lock = threading.Lock()

    def add(self, path: str, **fields) -> Page:
        self.pages[path] = Page(**fields)
        return self.pages[path]

    def begin(self, path: str, agent: str) -> tuple[Hit, int]:
        with self._lock:
            hit = Hit(path, agent, time.monotonic())
            self.hits.append(hit)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            return hit, sum(1 for other in self.hits if other.path == path)

    def end(self, hit: Hit) -> None:
        with self._lock:
            if not hit.ended:
                hit.ended = time.monotonic()
                self.in_flight -= 1

    def html(self, page: Page) -> str:
        items = "".join(
            f'<li><a href="{href.format(base=self.base)}">{n}</a></li>'
            for n, href in enumerate(page.hrefs, start=1)
        )
        title = page.title.replace("&", "&amp;")
        return (
            '<!doctype html>\n<html><head><meta charset="utf-8">\n'
            f"<title>\n  {title}\n</title></head>\n<body><h1>{title}</h1>\n"
            f"<ul>{items}</ul></body></html>\n"
        )

    def handler(self) -> type[BaseHTTPRequestHandler]:
        return type("SiteHandler", (SiteHandler,), {"site": self})

    def requests(self, path: str | None = None) -> list[Hit]:
        with self._lock:
            return [hit for hit in self.hits if path is None or hit.path == path]


class SiteHandler(BaseHTTPRequestHandler):
    site: Site
    hit: Hit

    def do_GET(self) -> None:
        self.hit, number = self.site.begin(self.path, self.headers.get("User-Agent", ""))
        try:
            self.answer(number)
        except OSError:
            pass  # the scraper gave up on this request (its --timeout): nothing to do
        finally:
            self.site.end(self.hit)

    def answer(self, number: int) -> None:
        site = self.site
        page = site.pages.get(self.path)
        if self.path == "/robots.txt" and site.robots:
            return self.reply(200, site.robots, "text/plain; charset=utf-8")
        if page is None:
            return self.reply(404, "<h1>Not Found</h1>")
        time.sleep(page.delay)
        if page.hang:
            site.closing.wait(page.hang)
        if number <= len(page.fails):
            return self.reply(page.fails[number - 1], "<h1>Try again later</h1>")
        if page.location is not None:
            status = page.status if page.status != 200 else 301
            return self.reply(status, "", location=page.location.format(base=site.base))
        body = site.html(page) if page.status == 200 else f"<h1>{page.status}</h1>"
        return self.reply(page.status, body)

    def reply(self, status: int, body: str, kind: str = "text/html; charset=utf-8", **kw) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        if "location" in kw:
            self.send_header("Location", kw["location"])
        # The request ends before its first byte leaves: a scraper that has read the answer
        # and sends its next request is never counted twice in flight.
        self.site.end(self.hit)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the record in Site.hits is the log


# --- what a correct crawl does ------------------------------------------------------


@dataclass
class Expected:
    requests: dict[str, int] = field(default_factory=dict)  # path -> number of GETs
    pages: dict[str, Page] = field(default_factory=dict)  # final URL -> page
    errors: dict[str, int | None] = field(default_factory=dict)  # URL -> status (None: none)
    redirects: dict[str, str] = field(default_factory=dict)  # URL -> final URL (any hops)
    via: dict[str, tuple[str, str]] = field(default_factory=dict)  # URL -> (page URL, href)
    disallowed: dict[str, tuple[str, str]] = field(default_factory=dict)


def expected_crawl(site: Site, start: str, retries: int) -> Expected:
    """The spec as a sequential program: what a correct scraper requests and reports."""
    robots = RobotFileParser()
    robots.parse(site.robots.splitlines())
    result = Expected()
    queue, seen = deque([start]), {start}
    while queue:
        url = queue.popleft()
        page = site.pages.get(path_of(url), Page(status=404))
        hops = []
        while page.location is not None:  # the fixture's redirects stay on the site
            result.requests[path_of(url)] = 1
            hops.append(url)
            url = urljoin(url, page.location.format(base=site.base))
            seen.add(url)
            page = site.pages[path_of(url)]
        result.redirects.update(dict.fromkeys(hops, url))
        failing = page.hang or page.status >= 500 or len(page.fails) > retries
        result.requests[path_of(url)] = 1 + (retries if failing else len(page.fails))
        if failing or page.status != 200:
            last = page.fails[retries] if len(page.fails) > retries else page.status
            result.errors[url] = None if page.hang else last
            continue
        result.pages[url] = page
        for written in page.hrefs:
            written = written.format(base=site.base)
            link = urldefrag(urljoin(url, written)).url
            if link in seen or urlsplit(link)[:2] != urlsplit(start)[:2]:
                continue
            seen.add(link)
            if not robots.can_fetch(AGENT, link):
                result.disallowed[path_of(link)] = (url, written)
                continue
            result.via[link] = (url, written)
            queue.append(link)
    return result


def path_of(url: str) -> str:
    return urlsplit(url).path or "/"


# --- building sites -----------------------------------------------------------------


def names(ctx, count: int) -> list[str]:
    """`count` page names, e.g. "maple-42", never used before in this run."""
    used = ctx.state.setdefault("web-scraper-names", set())
    found: list[str] = []
    while len(found) < count:
        name = f"{ctx.random.choice(NAMES)}-{ctx.random.randint(10, 99)}"
        if name not in used:
            used.add(name)
            found.append(name)
    return found


def href(ctx, source: str, target: str, form: str | None = None) -> str:
    """A link from the page at `source` to `target`, written in one of several forms."""
    form = form or ctx.random.choice(FORMS)
    if form == "relative":
        relative = posixpath.relpath(target, posixpath.dirname(source))
        return relative + "/" if target.endswith("/") and relative != "." else relative
    if form == "absolute":
        return "{base}" + target
    if form == "fragment":
        return f"{target}#part-{ctx.random.randint(1, 9)}"
    return target


def wiki(ctx, count: int) -> list[str]:
    return [f"/wiki/{name}" for name in names(ctx, count)]


def link_graph(ctx, site: Site, paths: list[str], extra: int) -> None:
    """Link `paths` (the first is the start) so each is reachable, plus `extra` random
    links (back to earlier pages too: the graph has cycles)."""
    for index, path in enumerate(paths[1:], start=1):
        parent = paths[ctx.random.randrange(index)]
        site.pages[parent].hrefs.append(href(ctx, parent, path))
    for _link in range(extra):
        source, target = ctx.random.choice(paths), ctx.random.choice(paths)
        site.pages[source].hrefs.append(href(ctx, source, target))


def plain_site(ctx, count: int, robots: str = "") -> tuple[Site, list[str]]:
    site = Site(robots)
    paths = ["/", *wiki(ctx, count - 1)]
    for path in paths:
        site.add(path, title=ctx.words(ctx.random.randint(2, 4)).capitalize())
    return site, paths


# --- running the scraper ------------------------------------------------------------


@dataclass
class Crawl:
    site: Site
    start: str
    expected: Expected
    report: dict
    duration: float


def crawl(ctx, site: Site, *, concurrency: int, retries: int, timeout: float = 5) -> Crawl:
    """Serve the site, run the scraper on it, and check the exit status and the report's
    shape; the stage then compares what happened with what should have."""
    site.base = ctx.serve(site.handler()).url
    start = site.base + "/"
    output = ctx.tmp / f"report-{urlsplit(start).port}.json"
    args = [start, "--concurrency", str(concurrency), "--retries", str(retries)]
    args += ["--timeout", str(timeout), "--output", str(output)]
    try:
        done = ctx.run(args)
    finally:
        site.closing.set()  # wakes pages that hang, so the site can stop
    expect(
        done.returncode == 0,
        _("your scraper exited with code %(code)s") % {"code": done.returncode},
        expected=_("exit code 0 once the report is written, even when some pages failed"),
        actual=(done.stderr or done.stdout).strip()[-800:] or _("(no output)"),
        hint=_("Catch the errors of one page (HTTP errors, time-outs) and go on with the rest."),
    )
    report = read_report(output)
    expect(
        report.get("start_url") == start,
        _('the report\'s "start_url" is not the URL your scraper was given'),
        expected=json.dumps(start),
        actual=json.dumps(report.get("start_url"), ensure_ascii=False),
    )
    return Crawl(site, start, expected_crawl(site, start, retries), report, done.duration)


def read_report(output) -> dict:
    shape = _(
        '{"start_url": "...", "pages": [{"url", "status", "title", "links"}, ...], '
        '"errors": [{"url", "status", "error"}, ...]}'
    )
    expect(
        output.is_file(),
        _("your scraper did not write the report file given by --output"),
        expected=str(output),
        actual=_("no such file"),
        hint=_("Write the JSON report to the path given by --output."),
    )
    text = output.read_text(encoding="utf-8", errors="replace")
    try:
        report = json.loads(text)
    except json.JSONDecodeError as error:
        raise CheckFailed(
            _("the report is not valid JSON: %(error)s") % {"error": error},
            expected=shape,
            actual=text[:600],
        ) from None
    entries_ok = isinstance(report, dict) and all(
        isinstance(report.get(key), list)
        and all(isinstance(entry, dict) and "url" in entry for entry in report[key])
        for key in ("pages", "errors")
    )
    expect(
        entries_ok,
        _('the report must be an object with the lists "pages" and "errors"'),
        expected=shape,
        actual=text[:600],
    )
    return report


def listed(report: dict, key: str) -> dict[str, dict]:
    """The report's pages or errors by URL; a URL listed twice fails the stage."""
    entries: dict[str, dict] = {}
    for entry in report[key]:
        url = str(entry["url"])
        if url in entries:
            raise CheckFailed(
                _('the report lists %(url)s twice in "%(key)s"') % {"url": url, "key": key},
                expected=_("each URL once"),
                actual=json.dumps([entries[url], entry], ensure_ascii=False),
                hint=_("Keep a set of the URLs already seen; a redirect's final URL counts too."),
            )
        entries[url] = entry
    return entries


# --- comparing --------------------------------------------------------------------


def linked_from(result: Crawl, url: str) -> str:
    source, written = result.expected.via.get(url, ("?", "?"))
    return _('linked from %(page)s as href="%(href)s"') % {"page": source, "href": written}


def check_requests(result: Crawl) -> None:
    """Every path requested as often as a correct crawl requests it, and nothing else."""
    expected = result.expected
    made = Counter(hit.path for hit in result.site.requests() if hit.path != "/robots.txt")
    for path in made:
        if path in expected.requests:
            continue
        if path in expected.disallowed:
            source, written = expected.disallowed[path]
            raise CheckFailed(
                _("your scraper requested %(path)s, which robots.txt disallows") % {"path": path},
                expected=_("no request to a path that robots.txt disallows for %(agent)s")
                % {"agent": AGENT},
                actual=_('GET %(path)s (linked from %(page)s as href="%(href)s")')
                % {"path": path, "page": source, "href": written},
                hint=_(
                    "Read /robots.txt first and skip the URLs it disallows for your agent "
                    "(urllib.robotparser does it)."
                ),
            )
        raise CheckFailed(
            _("your scraper requested %(path)s, but no page of the site links there")
            % {"path": path},
            expected=_("requests only for the URLs the pages link to:\n%(paths)s")
            % {"paths": "\n".join(sorted(expected.requests))},
            actual=misresolved(result, path) or _("GET %(path)s") % {"path": path},
            hint=_(
                "Resolve each href against the URL of the page it is on — the final URL, "
                "after redirects (urllib.parse.urljoin)."
            ),
        )
    for path, wanted in expected.requests.items():
        count = made.get(path, 0)
        if count != wanted:
            raise count_failure(result, path, wanted, count)


def misresolved(result: Crawl, path: str) -> str | None:
    """How a request for `path` came from a redirected page's link resolved against the
    URL that redirected, if that is where it came from."""
    for source, final in result.expected.redirects.items():
        for written in result.expected.pages.get(final, Page()).hrefs:
            written = written.format(base=result.site.base)
            if path_of(urljoin(source, written)) == path:
                return _(
                    'GET %(path)s: the link href="%(href)s" of %(final)s resolved against '
                    "%(source)s, the URL before the redirect; against the URL after the "
                    "redirect it means %(right)s"
                ) % {
                    "path": path,
                    "href": written,
                    "final": final,
                    "source": source,
                    "right": path_of(urljoin(final, written)),
                }
    return None


def count_failure(result: Crawl, path: str, wanted: int, count: int) -> CheckFailed:
    url = result.site.base + path
    page = result.site.pages.get(path, Page(status=404))
    numbers = {"path": path, "count": count, "wanted": wanted}
    expected = _("%(wanted)s GET request(s) for %(path)s") % numbers
    actual = _("%(count)s request(s)") % numbers
    if count == 0:
        return CheckFailed(
            _("your scraper never requested %(path)s (%(via)s)")
            % {"path": path, "via": linked_from(result, url)},
            expected=expected,
            actual=actual,
            hint=_(
                "Follow every <a href> of every page on the site; resolve relative links "
                "against the page's final URL and drop the #fragment."
            ),
        )
    if page.fails and count < wanted:
        return CheckFailed(
            _(
                "your scraper gave up on %(path)s too soon: it answers %(status)s to the first "
                "%(fails)s request(s) and 200 after that, but it was requested only "
                "%(count)s time(s)"
            )
            % {**numbers, "status": page.fails[0], "fails": len(page.fails)},
            expected=expected,
            actual=actual,
            hint=_(
                "Retry a request that got a 5xx status or a network error, up to "
                "--retries more times."
            ),
        )
    if page.status >= 500 or page.fails or page.hang:
        answers = [*page.fails, page.status] if page.status == 200 else [page.status] * wanted
        answers_text = ", ".join(_("no answer") if page.hang else str(a) for a in answers)
        return CheckFailed(
            _(
                "%(path)s answers %(answers)s to one request after another: it must be "
                "requested %(wanted)s times, but it was requested %(count)s times"
            )
            % {**numbers, "answers": answers_text},
            expected=expected,
            actual=actual,
            hint=_(
                "--retries N means up to N more attempts after the first one, so N + 1 "
                "requests in all; stop retrying as soon as one succeeds."
            ),
        )
    if page.status == 404:
        return CheckFailed(
            _("%(path)s answers 404 and was requested %(count)s times, once is enough") % numbers,
            expected=expected,
            actual=actual,
            hint=_(
                "Do not retry a 4xx status: asking again will not help. Retry only 5xx "
                "statuses and network errors."
            ),
        )
    return CheckFailed(
        _("your scraper fetched %(path)s %(count)s times; each page must be fetched once")
        % numbers,
        expected=expected,
        actual=actual,
        hint=_(
            "Mark a URL as seen when you queue it, not when you fetch it, and compare "
            "URLs after resolving them and dropping the #fragment."
        ),
    )


def check_pages(result: Crawl) -> None:
    """The report lists each page once, under its final URL, with its title and links."""
    pages = listed(result.report, "pages")
    errors = listed(result.report, "errors")
    for url, page in result.expected.pages.items():
        entry = pages.get(url)
        if entry is None:
            raise CheckFailed(
                _('the report\'s "pages" do not list %(url)s') % {"url": url},
                expected=_('an entry {"url": "%(url)s", "status": 200, ...}') % {"url": url},
                actual=whereabouts(result, url, pages, errors),
                hint=_(
                    "Every URL that answered 200 is a page; a page reached through a "
                    "redirect is listed under its final URL."
                ),
            )
        wanted = {"url": url, "status": 200, "title": page.title, "links": len(page.hrefs)}
        got = {key: entry.get(key) for key in wanted}
        expect(
            got == wanted,
            _("the report's entry for %(url)s is not right") % {"url": url},
            expected=json.dumps(wanted, ensure_ascii=False),
            actual=json.dumps(got, ensure_ascii=False),
            hint=_(
                '"title": the text of <title> with HTML entities decoded and spaces '
                'collapsed; "links": how many <a href> the page has.'
            ),
        )
    for url in pages.keys() - result.expected.pages.keys():
        raise CheckFailed(
            _('the report\'s "pages" list %(url)s, which is not a page of the site') % {"url": url},
            expected=_("only the pages that answered 200, each under its final URL"),
            actual=json.dumps(pages[url], ensure_ascii=False),
            hint=_("A URL that redirects is not a page itself: list the page it leads to."),
        )


def whereabouts(result: Crawl, url: str, pages: dict, errors: dict) -> str:
    """Where a report put a page it should have listed in "pages"."""
    if url in errors:
        entry = json.dumps(errors[url], ensure_ascii=False)
        return _('listed in "errors": %(entry)s') % {"entry": entry}
    for source, target in result.expected.redirects.items():
        if target == url and source in pages:
            return _("listed under the URL that redirected to it: %(url)s") % {"url": source}
    return _("not listed")


def check_errors(result: Crawl) -> None:
    """Every URL that failed (after its retries) is in "errors" with its status."""
    errors = listed(result.report, "errors")
    for url, status in result.expected.errors.items():
        page = result.site.pages.get(path_of(url))
        entry = errors.get(url)
        expect(
            entry is not None,
            _('the report\'s "errors" do not list %(url)s') % {"url": url},
            expected=_('{"url": "%(url)s", "status": %(status)s, "error": "..."}')
            % {"url": url, "status": json.dumps(status)},
            actual=_("not listed"),
            hint=_("Your scraper should have given up on it after --timeout seconds.")
            if page is not None and page.hang
            else _('Add every URL that could not be fetched to "errors", then go on.'),
        )
        expect(
            entry.get("status") == status,
            _('the status of %(url)s in "errors" is not right') % {"url": url},
            expected=json.dumps(status),
            actual=json.dumps(entry.get("status"), ensure_ascii=False),
            hint=_(
                '"status" is the HTTP status of the last attempt, or null when no '
                "answer came (a time-out, a refused connection)."
            ),
        )
    for url in errors.keys() - result.expected.errors.keys():
        raise CheckFailed(
            _('the report\'s "errors" list %(url)s, which should not be there') % {"url": url},
            expected=_("only URLs on the start URL's host that could not be fetched"),
            actual=json.dumps(errors[url], ensure_ascii=False),
            hint=_("Skip links to other hosts and to non-HTTP schemes (mailto:)."),
        )


def check_crawl(result: Crawl) -> None:
    check_requests(result)
    check_pages(result)
    check_errors(result)


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
