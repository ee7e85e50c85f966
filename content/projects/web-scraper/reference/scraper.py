"""A concurrent web scraper: the reference solution of the month 2 practice.

    python scraper.py START_URL [--concurrency N] [--retries N] [--timeout SECONDS]
                                [--output FILE]

Crawls every page reachable from START_URL on the same site, at most N requests at a time,
and writes a JSON report of the pages and the errors. Only the standard library: urllib
fetches, html.parser reads the pages, urllib.robotparser reads robots.txt, and a
ThreadPoolExecutor runs the downloads while the main thread keeps the bookkeeping.
"""

import argparse
import json
import sys
import time
import urllib.error
import urllib.request
import urllib.robotparser
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

USER_AGENT = "skillpath-scraper/1.0"


class PageParser(HTMLParser):
    """Collects the text of <title> and the href of every <a>."""

    def __init__(self):
        super().__init__()
        self.title = None
        self.hrefs = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title" and self.title is None:
            self._in_title = True
            self.title = ""
        elif tag == "a":
            href = dict(attrs).get("href")
            if href is not None:
                self.hrefs.append(href)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


@dataclass
class Result:
    """What one URL gave: a page (status 200) or an error."""

    url: str
    final_url: str | None = None
    status: int | None = None
    title: str | None = None
    hrefs: list[str] = field(default_factory=list)
    error: str | None = None


def should_retry(status):
    """Server errors (5xx) and network errors (status None) may pass on the next attempt."""
    return status is None or status >= 500


def page_text(response):
    """The body of an answer as text, in the charset its Content-Type names (UTF-8 when
    it names none)."""
    charset = response.headers.get_content_charset() or "utf-8"
    try:
        return response.read().decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        return ""


def fetch_once(url, timeout):
    """One GET; redirects are followed by urllib. Never raises: a failure is a Result too."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, final_url = response.status, response.geturl()
            is_html = response.headers.get_content_type() == "text/html"
            body = page_text(response) if is_html else ""
    except urllib.error.HTTPError as error:
        return Result(url, status=error.code, error=f"HTTP {error.code} {error.reason}")
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        reason = getattr(error, "reason", error)
        return Result(url, error=f"{type(error).__name__}: {reason}")
    parser = PageParser()
    parser.feed(body)
    title = " ".join(parser.title.split()) if parser.title is not None else None
    return Result(url, final_url=final_url, status=status, title=title, hrefs=parser.hrefs)


def succeeded(status):
    """Any 2xx answer is a page (the redirects were followed already)."""
    return status is not None and 200 <= status < 300


def fetch(url, retries, timeout):
    """GET with up to `retries` more attempts after a 5xx or a network error."""
    delay = 0.1
    for _attempt in range(retries):
        result = fetch_once(url, timeout)
        if not should_retry(result.status):
            return result
        time.sleep(delay)
        delay *= 2
    return fetch_once(url, timeout)


def normalize(base, href):
    """The absolute URL a link points to, without its #fragment."""
    return urldefrag(urljoin(base, href)).url


def origin(url):
    """(scheme, host, port) of a URL, the port filled in when it is the default one."""
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def same_site(url, start_url):
    """Only http(s) URLs with the start URL's scheme, host and port are crawled."""
    return urlsplit(url).scheme in ("http", "https") and origin(url) == origin(start_url)


def load_robots(start_url, timeout):
    """The site's robots.txt, requested once; when it cannot be read (any 4xx or 5xx
    status, a network error), everything is allowed."""
    robots = urllib.robotparser.RobotFileParser()
    request = urllib.request.Request(
        urljoin(start_url, "/robots.txt"), headers={"User-Agent": USER_AGENT}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            robots.parse(response.read().decode("utf-8", errors="replace").splitlines())
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        robots.parse([])
    return robots


def is_new_page(result, seen):
    """Whether a page fetched is not one we already have. A redirect may lead to a page
    already seen: its final URL joins the seen set, and such a page is not listed again."""
    if result.final_url == result.url:
        return True
    if result.final_url in seen:
        return False
    seen.add(result.final_url)
    return True


def crawl(start_url, concurrency, retries, timeout):
    """Visit every page reachable from start_url; return the report as a dict.

    Workers only download. The main thread alone reads and writes `seen`, so no lock is
    needed: a URL is marked when it is queued, which is why no page is fetched twice.
    """
    robots = load_robots(start_url, timeout)
    seen = {start_url}
    pages, errors = [], []
    if not robots.can_fetch(USER_AGENT, start_url):
        return {"start_url": start_url, "pages": pages, "errors": errors}
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        pending = {pool.submit(fetch, start_url, retries, timeout)}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                result = future.result()
                if not succeeded(result.status):
                    errors.append(
                        {"url": result.url, "status": result.status, "error": result.error}
                    )
                    continue
                if not is_new_page(result, seen):
                    continue
                if not same_site(result.final_url, start_url) or not robots.can_fetch(
                    USER_AGENT, result.final_url
                ):
                    continue  # a redirect led off the site or where robots.txt says no
                pages.append(
                    {
                        "url": result.final_url,
                        "status": result.status,
                        "title": result.title,
                        "links": len(result.hrefs),
                    }
                )
                for href in result.hrefs:
                    link = normalize(result.final_url, href)
                    if (
                        link not in seen
                        and same_site(link, start_url)
                        and robots.can_fetch(USER_AGENT, link)
                    ):
                        seen.add(link)
                        pending.add(pool.submit(fetch, link, retries, timeout))
    return {"start_url": start_url, "pages": pages, "errors": errors}


def positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Crawl a site and report its pages.")
    parser.add_argument("start_url")
    parser.add_argument("--concurrency", type=positive_int, default=4)
    parser.add_argument("--retries", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--output", default="report.json")
    args = parser.parse_args(argv)
    if args.retries < 0 or args.timeout <= 0:
        parser.error("--retries must be 0 or more and --timeout more than 0")
    if urlsplit(args.start_url).scheme not in ("http", "https"):
        parser.error("START_URL must be an http:// or https:// URL")
    return args


def main(argv=None):
    args = parse_args(argv)
    report = crawl(args.start_url, args.concurrency, args.retries, args.timeout)
    with open(args.output, "w", encoding="utf-8") as file:
        json.dump(report, file, ensure_ascii=False, indent=2)
    print(f"{len(report['pages'])} pages, {len(report['errors'])} errors -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
