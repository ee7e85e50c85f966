"""The web-scraper suite's model of a correct crawl (`expected_crawl`, the spec as a
sequential program) and the run of the learner's scraper on a site, with the reading of
the JSON report it writes."""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from django.utils.translation import gettext as _

from skillpath.checks.expect import CheckFailed, expect
from skillpath.checks.suites.web_scraper.site import Page, Site

AGENT = "skillpath-scraper"


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
