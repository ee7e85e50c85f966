"""The web-scraper suite's fixture site: the pages a stage generates from the run's seed,
and the loopback server that answers them and records every request (path, User-Agent,
start and end times, requests in flight)."""

from __future__ import annotations

import posixpath
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

# Page names are ASCII so that URLs need no percent-encoding; titles use ctx.words.
NAMES: tuple[str, ...]
NAMES = ("alpha", "bravo", "cedar", "delta", "ember", "fjord", "glade", "harbor", "iris")
NAMES += ("jasper", "kelp", "lotus", "maple", "nectar", "opal", "pine", "quartz", "reef")
NAMES += ("sage", "tundra", "umber", "vale", "willow", "yarrow", "zephyr")
FORMS = ("path", "relative", "absolute", "fragment")
# A failed attempt of `Page.fails` that gets no answer at all: the connection is closed.
DROP = 0


@dataclass
class Page:
    """What the site answers at one path."""

    title: str | None = ""  # None: the page has no <title>
    hrefs: list[str] = field(default_factory=list)  # "{base}" stands for the site's URL
    status: int = 200  # answered every time once `fails` are used up
    # Statuses answered first, one per request; DROP closes the connection unanswered.
    fails: tuple[int, ...] = ()
    location: str | None = None  # a redirect to this URL (`status` 302, 307…; 301 if 200)
    delay: float = 0.0  # seconds before answering
    hang: float = 0.0  # seconds of silence: longer than the scraper's --timeout
    charset: str = "utf-8"  # of the body, named in Content-Type (and in <meta>)
    # A second <title> (an SVG image's, in the body): the report takes the first one.
    later_title: str | None = None


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
        head = f'<meta charset="{page.charset}">'
        heading = ""
        if page.title is not None:
            title = page.title.replace("&", "&amp;")
            head += f"\n<title>\n  {title}\n</title>"
            heading = f"<h1>{title}</h1>\n"
        if page.later_title is not None:
            later = page.later_title.replace("&", "&amp;")
            heading += f'<svg width="10" height="10"><title>{later}</title></svg>\n'
        return (
            f"<!doctype html>\n<html><head>{head}</head>\n<body>{heading}"
            f"<ul>{items}</ul></body></html>\n"
        )

    def handler(self) -> type[BaseHTTPRequestHandler]:
        return type("SiteHandler", (SiteHandler,), {"site": self})

    def requests(self, path: str | None = None) -> list[Hit]:
        with self._lock:
            return [hit for hit in self.hits if path is None or hit.path == path]

    def pages_requested(self) -> list[Hit]:
        """Every request but those for /robots.txt, in the order they came."""
        return [hit for hit in self.requests() if hit.path != "/robots.txt"]


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
            if page.fails[number - 1] == DROP:
                self.close_connection = True  # no status line, no headers: a network error
                return None
            return self.reply(page.fails[number - 1], "<h1>Try again later</h1>")
        if page.location is not None:
            status = page.status if page.status != 200 else 301
            return self.reply(status, "", location=page.location.format(base=site.base))
        if page.status != 200:
            return self.reply(page.status, f"<h1>{page.status}</h1>")
        kind = f"text/html; charset={page.charset}"
        return self.reply(200, site.html(page), kind, charset=page.charset)

    def reply(self, status: int, body: str, kind: str = "text/html; charset=utf-8", **kw) -> None:
        data = body.encode(kw.get("charset", "utf-8"))
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
