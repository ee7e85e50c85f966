"""The web-scraper suite's model of a correct crawl (`expected_crawl`, the spec as a
sequential program) and the run of the learner's scraper on a site, with the reading of
the JSON report it writes."""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from skillpath.checks.expect import CheckFailed, expect
from skillpath.checks.i18n import gettext as _
from skillpath.checks.suites.web_scraper.runs import run_failure
from skillpath.checks.suites.web_scraper.site import DROP, Page, Site

AGENT = "skillpath-scraper"


# --- what a correct crawl does ------------------------------------------------------


@dataclass
class Expected:
    requests: dict[str, int] = field(default_factory=dict)  # path -> number of GETs
    # path -> how many of those GETs a scraper may leave out: the ones that only follow a
    # redirect to a URL already seen (a scraper that follows redirects itself skips them)
    optional: dict[str, int] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)  # final URL -> page
    errors: dict[str, int | None] = field(default_factory=dict)  # URL -> status (None: none)
    redirects: dict[str, str] = field(default_factory=dict)  # URL -> final URL (any hops)
    via: dict[str, tuple[str, str]] = field(default_factory=dict)  # URL -> (page URL, href)
    disallowed: dict[str, tuple[str, str]] = field(default_factory=dict)

    def count(self, path: str, number: int = 1, *, optional: bool = False) -> None:
        self.requests[path] = self.requests.get(path, 0) + number
        if optional:
            self.optional[path] = self.optional.get(path, 0) + number


def attempts(page: Page, retries: int) -> tuple[int, int | None]:
    """How many requests a correct scraper makes for the page, and the status of the last
    one (None: no answer; 200: it is a page)."""
    answers: list[int | None] = [None if fail == DROP else fail for fail in page.fails]
    answers.append(None if page.hang else page.status)
    for made, answer in enumerate(answers, start=1):
        if (answer is not None and answer < 500) or made > retries:
            return made, answer
    # Every fail used up and the page's own answer is a 5xx or none: all attempts fail.
    return 1 + retries, answers[-1]


def expected_crawl(site: Site, start: str, retries: int) -> Expected:
    """The spec as a sequential program: what a correct scraper requests and reports.

    The stages build their sites so that the order in which a concurrent scraper meets
    the links changes none of this: a page reached through a redirect is linked directly
    only from pages found after it, or it is the start page."""
    robots = RobotFileParser()
    robots.parse(site.robots.splitlines())
    result = Expected()
    queue, seen = deque([start]), {start}
    while queue:
        url = queue.popleft()
        page = site.pages.get(path_of(url), Page(status=404))
        hops = []
        while page.location is not None:  # the fixture's redirects stay on the site
            result.count(path_of(url))
            hops.append(url)
            url = urljoin(url, page.location.format(base=site.base))
            page = site.pages[path_of(url)]
        if hops:
            result.redirects.update(dict.fromkeys(hops, url))
            if url in seen:  # followed to a page already seen: fetched again, nothing new
                result.count(path_of(url), optional=True)
                continue
            seen.add(url)
        made, last = attempts(page, retries)
        result.count(path_of(url), made)
        if last != 200:
            result.errors[url] = last
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


# --- running the scraper ------------------------------------------------------------


@dataclass
class Crawl:
    site: Site
    start: str
    expected: Expected
    report: dict
    duration: float
    retries: int


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
    if done.returncode != 0:
        raise run_failure(
            done,
            expected=_("exit status 0 once the report is written, even when some pages failed"),
            exit_hint=_(
                "Exit status 2 is for wrong arguments only: your program refused the "
                "arguments above — its message says why."
            )
            if done.returncode == 2
            else _(
                "Catch the errors of one page (HTTP errors, time-outs) and go on with the "
                "rest; end with exit status 0 once the report is written."
            ),
        )
    report = read_report(output)
    expect(
        report.get("start_url") == start,
        _('the report\'s "start_url" is not the URL your scraper was given'),
        expected=json.dumps(start),
        actual=json.dumps(report.get("start_url"), ensure_ascii=False),
        hint=_("Write START_URL exactly as it was given, without changing it."),
    )
    expected = expected_crawl(site, start, retries)
    return Crawl(site, start, expected, report, done.duration, retries)


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
    data = output.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CheckFailed(
            _("the report is not UTF-8: byte %(position)s cannot be read as UTF-8")
            % {"position": error.start},
            expected=_("a JSON file in UTF-8"),
            actual=data[max(0, error.start - 40) : error.start + 40].decode(
                "utf-8", errors="replace"
            ),
            hint=_(
                'Open the report with open(path, "w", encoding="utf-8"): without the '
                "encoding, Python writes in the system's encoding (cp1251 on a Russian "
                "Windows)."
            ),
        ) from None
    try:
        report = json.loads(text)
    except json.JSONDecodeError as error:
        raise CheckFailed(
            _("the report is not valid JSON: %(error)s") % {"error": error},
            expected=shape,
            actual=text[:600],
            hint=_("Write the report with json.dump(report, file)."),
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
                expected=_("each URL once in the whole report"),
                actual=json.dumps([entries[url], entry], ensure_ascii=False),
                hint=_(
                    "Keep a set of the URLs already reported. A redirect may lead to a page "
                    "you already have: add its final URL to the seen set, and do not list "
                    "the page again."
                ),
            )
        entries[url] = entry
    return entries
