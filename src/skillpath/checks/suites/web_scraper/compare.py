"""The web-scraper suite's comparison of a crawl with the model: the requests the site
received and the report's "pages" and "errors", each difference told in the learner's
terms."""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import urljoin

from django.utils.translation import gettext as _

from skillpath.checks.expect import CheckFailed, expect
from skillpath.checks.suites.web_scraper.crawl import AGENT, Crawl, listed, path_of
from skillpath.checks.suites.web_scraper.site import Page


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
        if entry is None:
            raise CheckFailed(
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
