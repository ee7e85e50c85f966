"""The web-scraper suite's own rules: the sites it generates are what the stages say, its
model of a correct crawl counts requests as the spec does, and its fixture site answers
and counts requests in flight honestly (the reference and the variants run in
test_suites.py)."""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urldefrag, urljoin

import pytest

from skillpath.checks.context import Context
from skillpath.checks.suites.web_scraper import ROBOTS
from skillpath.checks.suites.web_scraper.crawl import expected_crawl
from skillpath.checks.suites.web_scraper.site import FORMS, Site, href, link_graph, plain_site

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
