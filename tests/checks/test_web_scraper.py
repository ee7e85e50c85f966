"""The web-scraper suite's own rules: the sites it generates are what the stages say, its
model of a correct crawl counts requests as the spec does, and its fixture site answers
and counts requests in flight honestly (the reference and the variants run in
test_suites.py)."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urldefrag, urljoin

import pytest
from django.utils import translation

from skillpath.checks.context import Completed, Context
from skillpath.checks.expect import CheckFailed
from skillpath.checks.suites.web_scraper import ROBOTS
from skillpath.checks.suites.web_scraper.compare import check_crawl, check_requests, title_hint
from skillpath.checks.suites.web_scraper.crawl import Crawl, attempts, expected_crawl
from skillpath.checks.suites.web_scraper.runs import run_failure, traceback_end
from skillpath.checks.suites.web_scraper.site import (
    DROP,
    FORMS,
    Hit,
    Page,
    Site,
    href,
    link_graph,
    plain_site,
)

BASE = "http://127.0.0.1:8000"


@pytest.fixture
def ctx(tmp_path):
    context = Context(seed=7, tmp=tmp_path, lang="en")
    yield context
    context.close()


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    ("source", "target"), [("/", "/wiki/a-1"), ("/wiki/a-1", "/"), ("/wiki/a-1", "/wiki/b-2")]
)
def test_every_form_of_a_link_leads_to_its_target(ctx, form, source, target):
    written = href(ctx, source, target, form).format(base=BASE)

    assert urldefrag(urljoin(BASE + source, written)).url == BASE + target


@pytest.mark.parametrize("seed", range(10))
def test_every_page_of_a_linked_site_is_reached_exactly_once(tmp_path, seed):
    ctx = Context(seed=seed, tmp=tmp_path, lang="en")
    site, paths = plain_site(ctx, 8)
    link_graph(ctx, site, paths, extra=10)
    site.base = BASE

    expected = expected_crawl(site, BASE + "/", retries=2)

    assert expected.requests == dict.fromkeys(paths, 1)
    assert set(expected.pages) == {BASE + path for path in paths}
    assert expected.errors == {}


def test_retries_count_every_attempt_and_4xx_is_asked_once():
    site = Site()
    site.base = BASE
    site.add("/", hrefs=["/flaky", "/broken", "/missing", "/twice"])
    site.add("/flaky", fails=(503,))
    site.add("/twice", fails=(500, 502))
    site.add("/broken", status=500)

    expected = expected_crawl(site, BASE + "/", retries=1)

    assert expected.requests == {"/": 1, "/flaky": 2, "/broken": 2, "/missing": 1, "/twice": 2}
    assert expected.errors == {BASE + "/broken": 500, BASE + "/missing": 404, BASE + "/twice": 502}
    assert set(expected.pages) == {BASE + "/", BASE + "/flaky"}


def test_a_redirected_page_is_listed_under_its_final_url_and_its_links_resolve_there():
    site = Site()
    site.base = BASE
    site.add("/", hrefs=["/old/x"])
    site.add("/old/x", location="/moved/x", status=302)
    site.add("/moved/x", location="{base}/wiki/x")
    site.add("/wiki/x", hrefs=["y", "/old/x"])
    site.add("/wiki/y")

    expected = expected_crawl(site, BASE + "/", retries=0)

    assert set(expected.pages) == {BASE + "/", BASE + "/wiki/x", BASE + "/wiki/y"}
    assert expected.redirects == dict.fromkeys(
        [BASE + "/old/x", BASE + "/moved/x"], BASE + "/wiki/x"
    )
    assert expected.requests["/old/x"] == expected.requests["/wiki/x"] == 1


def test_robots_rules_of_the_scrapers_own_group_apply():
    site = Site(ROBOTS)
    site.base = BASE
    site.add("/", hrefs=["/private/a", "/drafts/b", "/private-c", "/wiki/d"])
    for path in ("/private/a", "/drafts/b", "/private-c", "/wiki/d"):
        site.add(path)

    expected = expected_crawl(site, BASE + "/", retries=0)

    assert set(expected.disallowed) == {"/private/a", "/drafts/b"}
    assert set(expected.requests) == {"/", "/private-c", "/wiki/d"}


def test_the_site_fails_first_then_answers_and_counts_requests_in_flight(ctx):
    site = Site()
    site.add("/", title="Home &", hrefs=["/x"], fails=(503,))
    site.add("/slow", delay=0.3)
    site.base = ctx.serve(site.handler()).url

    with pytest.raises(urllib.error.HTTPError) as first:
        urllib.request.urlopen(site.base + "/")
    page = urllib.request.urlopen(site.base + "/").read().decode()
    with ThreadPoolExecutor(3) as pool:
        list(pool.map(lambda _: urllib.request.urlopen(site.base + "/slow").read(), range(3)))

    assert first.value.code == 503
    assert "<title>\n  Home &amp;\n</title>" in page and '<a href="/x">' in page
    assert site.max_in_flight == 3
    assert [hit.path for hit in site.requests()] == ["/", "/", "/slow", "/slow", "/slow"]


@pytest.mark.parametrize(
    ("page", "retries", "made", "last"),
    [
        (Page(), 2, 1, 200),
        (Page(status=404), 2, 1, 404),
        (Page(fails=(503,)), 0, 1, 503),
        (Page(fails=(DROP,)), 2, 2, 200),
        (Page(fails=(DROP, DROP)), 1, 2, None),
        (Page(fails=(503, 502), status=500), 2, 3, 500),
        (Page(hang=4.0), 1, 2, None),
    ],
)
def test_attempts_stop_at_a_success_or_a_4xx_and_keep_the_last_status(page, retries, made, last):
    assert attempts(page, retries) == (made, last)


def test_a_redirect_back_to_a_page_already_seen_may_fetch_it_once_more_and_lists_it_once():
    site = Site()
    site.base = BASE
    site.add("/", hrefs=["/go/x", "/back"])
    site.add("/go/x", location="/wiki/x")
    site.add("/back", location="{base}/")
    site.add("/wiki/x", hrefs=["/wiki/y"])
    site.add("/wiki/y", hrefs=["/wiki/x"])  # found after /wiki/x: already seen

    expected = expected_crawl(site, BASE + "/", retries=0)

    assert expected.requests == {"/": 2, "/go/x": 1, "/back": 1, "/wiki/x": 1, "/wiki/y": 1}
    assert expected.optional == {"/": 1}
    assert set(expected.pages) == {BASE + path for path in ("/", "/wiki/x", "/wiki/y")}


def test_the_site_serves_the_title_rules_and_drops_a_connection(ctx):
    site = Site()
    site.add("/plain", title=None, hrefs=["/a"])
    site.add("/two", title="First", later_title="Second")
    site.add("/cp", title="Река", charset="windows-1251")
    site.add("/drop", title="Back", fails=(DROP,))
    site.base = ctx.serve(site.handler()).url

    plain = urllib.request.urlopen(site.base + "/plain").read().decode()
    two = urllib.request.urlopen(site.base + "/two").read().decode()
    with urllib.request.urlopen(site.base + "/cp") as answer:
        charset = answer.headers.get_content_charset()
        cp = answer.read()
    with pytest.raises(http.client.RemoteDisconnected):
        urllib.request.urlopen(site.base + "/drop")
    again = urllib.request.urlopen(site.base + "/drop").read().decode()

    assert "<title>" not in plain and '<a href="/a">' in plain
    assert two.index("First") < two.index("<svg") < two.index("Second")
    assert charset == "windows-1251" and "Река".encode("cp1251") in cp
    assert "Back" in again
    assert all(hit.ended >= hit.started > 0 for hit in site.requests())


def crawl_of(site: Site, report: dict, retries: int = 0) -> Crawl:
    start = site.base + "/"
    return Crawl(site, start, expected_crawl(site, start, retries), report, 0.1, retries)


def hits(site: Site, *paths: str) -> None:
    for number, path in enumerate(paths):
        site.hits.append(Hit(path, "skillpath-scraper/1.0", number, number + 0.5))


def test_a_scraper_that_stops_after_robots_txt_is_told_about_robots_not_about_links():
    site = Site()
    site.base = BASE
    site.add("/", title="Home")
    hits(site, "/robots.txt")

    with translation.override("en"), pytest.raises(CheckFailed) as failure:
        check_requests(crawl_of(site, {"pages": [], "errors": []}))

    shown = " ".join(filter(None, (failure.value.message, failure.value.hint)))
    assert "?" not in shown
    assert "start URL" in failure.value.message and "robots.txt answers 404" in shown


def test_a_disallow_prefix_taken_without_its_slash_is_explained():
    site = Site(ROBOTS)
    site.base = BASE
    site.add("/", title="Home", hrefs=["/private-notes"])
    site.add("/private-notes", title="Notes")
    hits(site, "/robots.txt", "/")

    with translation.override("en"), pytest.raises(CheckFailed) as failure:
        check_requests(crawl_of(site, {"pages": [], "errors": []}))

    assert "/private-notes" in failure.value.message
    assert "Disallow" not in failure.value.message and "/private/" in (failure.value.hint or "")


def test_a_url_both_a_page_and_an_error_is_said_to_be_listed_twice():
    site = Site()
    site.base = BASE
    site.add("/", title="Home", hrefs=["/flaky"])
    site.add("/flaky", title="Flaky", fails=(503,))
    hits(site, "/robots.txt", "/", "/flaky", "/flaky")
    page = {"status": 200, "title": "Flaky", "links": 0}
    report = {
        "pages": [
            {"url": BASE + "/", "status": 200, "title": "Home", "links": 1},
            {"url": BASE + "/flaky", **page},
        ],
        "errors": [{"url": BASE + "/flaky", "status": 503, "error": "HTTP 503"}],
    }

    with translation.override("en"), pytest.raises(CheckFailed) as failure:
        check_crawl(crawl_of(site, report, retries=1))

    assert 'both in "pages" and in "errors"' in failure.value.message


def test_a_crash_shows_the_end_of_its_traceback_once_in_whole_lines():
    frames = "".join(
        f'  File "/usr/lib/python3.11/urllib/request.py", line {n}, in do_open\n    r = h()\n'
        "        ^^^\n"
        for n in range(40)
    )
    stderr = "200 /\nTraceback (most recent call last):\n" + frames + "TimeoutError: timed out\n"
    done = Completed("python scraper.py", 1, "", stderr, 0.5)

    with translation.override("en"):
        failure = run_failure(done, expected="exit status 0", exit_hint="")

    assert failure.message.startswith("your scraper crashed with a Python traceback")
    assert failure.actual is not None and failure.actual.count("TimeoutError") == 1
    assert "^" not in traceback_end(stderr)
    assert all(
        line.startswith(("…", "  File", "    r", "TimeoutError", "the end"))
        for line in failure.actual.splitlines()
    )
    assert "catch it where you make the request" in (failure.hint or "")


@pytest.mark.parametrize(
    ("code", "stderr"),
    [(127, "sh: 1: pyhton: not found"), (2, "python: can't open file '/x/scraper.py'")],
)
def test_a_command_that_could_not_run_is_told_so(code, stderr):
    done = Completed("pyhton scraper.py", code, "", stderr, 0.1)

    with translation.override("en"):
        failure = run_failure(done, expected="exit status 0", exit_hint="Catch the errors")

    assert failure.message.startswith("the command could not be run")
    assert "--cmd" in (failure.hint or "")


@pytest.mark.parametrize("wrong", ["latin-1", "cp1252"])
def test_a_title_read_in_the_wrong_charset_is_told_to_decode_by_content_type(wrong):
    page = Page(title="Река river")
    got = "Река river".encode().decode(wrong, errors="replace")

    with translation.override("en"):
        hint = title_hint(page, got)

    assert "charset=utf-8" in hint
