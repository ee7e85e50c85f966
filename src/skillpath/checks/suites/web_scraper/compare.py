"""The web-scraper suite's comparison of a crawl with the model: the requests the site
received and the report's "pages" and "errors", each difference told in the learner's
terms, with the hint that fits its cause."""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import urljoin, urlsplit

from skillpath.checks.expect import CheckFailed, expect
from skillpath.checks.i18n import gettext as _
from skillpath.checks.i18n import joined, ngettext
from skillpath.checks.suites.web_scraper.crawl import AGENT, Crawl, listed, path_of
from skillpath.checks.suites.web_scraper.site import DROP, Page

ROBOTS_PATH = "/robots.txt"


def linked_from(result: Crawl, url: str) -> str:
    """Where the crawl meets `url`: the start URL, a link on a page, or a redirect."""
    if url == result.start:
        return _("the start URL")
    if url in result.expected.via:
        source, written = result.expected.via[url]
        return _('linked from %(page)s as href="%(href)s"') % {"page": source, "href": written}
    sources = [source for source, final in result.expected.redirects.items() if final == url]
    if sources:
        return _("where the redirect of %(url)s leads") % {"url": sources[0]}
    return _("a page of the site")


def answers_text(page: Page, attempts: int) -> str:
    """What the site answers to the first `attempts` requests for the page, e.g.
    "500, then 502, then 200"."""
    answers = [*page.fails, page.status]
    answers += [page.status] * max(0, attempts - len(answers))
    shown = [
        _("none (the connection was closed)") if answer == DROP else str(answer)
        for answer in answers[:attempts]
    ]
    return _(", then ").join(shown)


def disallow_rules(robots: str) -> list[str]:
    """The Disallow prefixes of every group of a robots.txt."""
    rules = []
    for line in robots.splitlines():
        name, _colon, value = line.partition(":")
        if name.strip().lower() == "disallow" and value.strip():
            rules.append(value.strip())
    return rules


# --- the requests ---------------------------------------------------------------------


def check_requests(result: Crawl) -> None:
    """Every path requested as often as a correct crawl requests it, and nothing else."""
    expected = result.expected
    made = Counter(hit.path for hit in result.site.pages_requested())
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
                    "Read /robots.txt first and skip the URLs it disallows for your agent: "
                    "use the group of skillpath-scraper, and the group * only when there is "
                    'none (RobotFileParser.can_fetch("skillpath-scraper", url) does it).'
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
        fewest = wanted - expected.optional.get(path, 0)
        count = made.get(path, 0)
        if not fewest <= count <= wanted:
            raise count_failure(result, path, fewest, wanted, count)


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


def count_failure(result: Crawl, path: str, fewest: int, wanted: int, count: int) -> CheckFailed:
    url = result.site.base + path
    page = result.site.pages.get(path, Page(status=404))
    numbers = {"path": path, "count": count, "wanted": wanted, "fewest": fewest}
    if fewest == wanted:
        expected = ngettext(
            "%(wanted)s GET request for %(path)s", "%(wanted)s GET requests for %(path)s", wanted
        )
    else:
        expected = _("%(fewest)s or %(wanted)s GET requests for %(path)s")
    expected %= numbers
    actual = (
        ngettext("%(count)s request", "%(count)s requests", count) % numbers
        if count
        else _("no request")
    )
    if count == 0:
        return never_requested(result, path, url, expected, actual)
    if page.fails and count < fewest and page.status == 200 and not page.hang:
        network = DROP in page.fails
        return CheckFailed(
            _("your scraper gave up on %(path)s too soon; the site's answers to it: %(answers)s")
            % {"path": path, "answers": answers_text(page, len(page.fails) + 1)},
            expected=expected,
            actual=actual,
            hint=_(
                "A connection closed without an answer is a network error: retry it like a "
                "5xx status, up to --retries more times."
            )
            if network
            else _(
                "Retry a request that got a 5xx status or a network error, up to --retries "
                "more times."
            ),
        )
    if page.hang:
        return CheckFailed(
            ngettext(
                "%(path)s never answers: with --retries %(retries)s it must be requested "
                "%(wanted)s times in all, each attempt given up after --timeout, but it was "
                "requested %(count)s time",
                "%(path)s never answers: with --retries %(retries)s it must be requested "
                "%(wanted)s times in all, each attempt given up after --timeout, but it was "
                "requested %(count)s times",
                count,
            )
            % {**numbers, "retries": result.retries},
            expected=expected,
            actual=actual,
            hint=_(
                "Pass --timeout to every request, so that each attempt gives up after it, "
                "and retry a time-out like any network error, up to --retries more times "
                "(catch TimeoutError and urllib.error.URLError around each attempt)."
            )
            if count < wanted
            else _(
                "--retries N means up to N more attempts after the first one, so N + 1 "
                "requests in all."
            ),
        )
    if page.status >= 500 or (page.fails and count > wanted):
        return CheckFailed(
            ngettext(
                "the site's answers to %(path)s: %(answers)s; with --retries %(retries)s it "
                "must be requested %(wanted)s times in all, but it was requested %(count)s time",
                "the site's answers to %(path)s: %(answers)s; with --retries %(retries)s it "
                "must be requested %(wanted)s times in all, but it was requested %(count)s times",
                count,
            )
            % {**numbers, "answers": answers_text(page, wanted), "retries": result.retries},
            expected=expected,
            actual=actual,
            hint=_(
                "--retries N means up to N more attempts after the first one, so N + 1 "
                "requests in all; stop retrying as soon as one succeeds."
            ),
        )
    if page.status == 404:
        return CheckFailed(
            ngettext(
                "%(path)s answers 404 and was requested %(count)s time; once is enough",
                "%(path)s answers 404 and was requested %(count)s times; once is enough",
                count,
            )
            % numbers,
            expected=expected,
            actual=actual,
            hint=_(
                "Do not retry a 4xx status: asking again will not help. Retry only 5xx "
                "statuses and network errors."
            ),
        )
    sources = [source for source, final in result.expected.redirects.items() if final == url]
    if sources and count > wanted:
        return CheckFailed(
            ngettext(
                "your scraper fetched %(path)s %(count)s time: through the redirect of "
                "%(source)s, then again for a link met after it",
                "your scraper fetched %(path)s %(count)s times: through the redirect of "
                "%(source)s, then again for a link met after it",
                count,
            )
            % {**numbers, "source": sources[0]},
            expected=expected,
            actual=actual,
            hint=_(
                "After a redirect, add the final URL (response.geturl()) to your seen set "
                "too, so that a later link to it is not fetched again."
            ),
        )
    return CheckFailed(
        ngettext(
            "your scraper fetched %(path)s %(count)s time; each page must be fetched once",
            "your scraper fetched %(path)s %(count)s times; each page must be fetched once",
            count,
        )
        % numbers,
        expected=expected,
        actual=actual,
        hint=_(
            "Mark a URL as seen when you queue it, not when you fetch it, and compare "
            "URLs after resolving them and dropping the #fragment."
        ),
    )


def never_requested(result: Crawl, path: str, url: str, expected: str, actual: str) -> CheckFailed:
    """The failure for a URL the scraper never requested, with the likeliest cause."""
    site = result.site
    read_robots = bool(site.requests(ROBOTS_PATH))
    if url == result.start:
        if read_robots and not site.pages_requested():
            hint = (
                _(
                    "This site's robots.txt answers 404, and a robots.txt that cannot be "
                    "fetched allows everything: RobotFileParser.parse([]) with no rules, "
                    "not disallow_all."
                )
                if not site.robots
                else _(
                    "This site's robots.txt does not disallow the start URL for "
                    "skillpath-scraper: check how you choose the group of rules."
                )
            )
            message = _(
                "your scraper requested /robots.txt and then nothing else, not even the "
                "start URL %(url)s"
            )
        else:
            message = _("your scraper never requested the start URL %(url)s")
            hint = _("Request START_URL first (after /robots.txt), then every page it links to.")
        return CheckFailed(message % {"url": url}, expected=expected, actual=actual, hint=hint)
    message = _("your scraper never requested %(path)s (%(via)s)") % {
        "path": path,
        "via": linked_from(result, url),
    }
    for rule in disallow_rules(site.robots):
        if rule.endswith("/") and path.startswith(rule.rstrip("/")) and not path.startswith(rule):
            hint = _(
                "robots.txt disallows %(rule)s, and %(path)s does not start with that whole "
                "prefix, slash included, so it is allowed: only /private/… is disallowed, "
                "not /private-…. RobotFileParser.can_fetch compares the prefix as written."
            ) % {"rule": rule, "path": path}
            return CheckFailed(message, expected=expected, actual=actual, hint=hint)
    hint = _(
        "Follow every <a href> of every page on the site; resolve relative links against "
        "the page's final URL and drop the #fragment."
    )
    if read_robots and site.robots:
        hint += " " + _(
            "robots.txt allows this URL for skillpath-scraper: skip only what its rules disallow."
        )
    return CheckFailed(message, expected=expected, actual=actual, hint=hint)


# --- the report -----------------------------------------------------------------------


def check_once(result: Crawl) -> None:
    """No URL is both a page and an error."""
    pages = listed(result.report, "pages")
    errors = listed(result.report, "errors")
    for url in pages.keys() & errors.keys():
        raise CheckFailed(
            _('the report lists %(url)s both in "pages" and in "errors"') % {"url": url},
            expected=_("each URL once in the whole report"),
            actual=json.dumps({"pages": pages[url], "errors": errors[url]}, ensure_ascii=False),
            hint=_(
                'A URL goes to "errors" only when its last attempt failed; when a retry '
                "succeeds, it is a page and nothing else."
            ),
        )


def garbled(got: object, wanted: str) -> bool:
    """Whether a title is the right one decoded with the wrong charset."""
    if not isinstance(got, str) or got == wanted:
        return False
    if "\ufffd" in got:
        return True
    for wrong in ("latin-1", "cp1252", "cp1251"):
        try:
            if got.encode(wrong).decode("utf-8") == wanted:
                return True
        except UnicodeError:
            continue
    return False


def title_hint(page: Page, got: object) -> str:
    """Why a page's "title" in the report is not the one expected."""
    if page.title is None:
        return _('This page has no <title>: its "title" is null (None in Python), not "".')
    if page.later_title is not None and got == " ".join(page.later_title.split()):
        return _(
            "This page has two <title> elements (the second in an SVG image): take the "
            "first and ignore the later ones."
        )
    if page.charset != "utf-8" or garbled(got, page.title):
        return _(
            "This page is served with Content-Type: text/html; charset=%(charset)s: decode "
            "it with that charset (response.headers.get_content_charset()), and with UTF-8 "
            "only when the header names none."
        ) % {"charset": page.charset}
    return _(
        '"title" is the text of the first <title>, HTML entities decoded, every run of '
        'whitespace turned into one space and the ends trimmed: " ".join(text.split()).'
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
        shown = json.dumps(entry, ensure_ascii=False)
        if "title" not in entry:
            raise CheckFailed(
                _('the report\'s entry for %(url)s has no "title"') % {"url": url},
                expected=json.dumps(wanted, ensure_ascii=False),
                actual=shown,
                hint=_('Every page has a "title": null when the page has no <title>.'),
            )
        hints: list[str] = []
        if got["status"] != 200:
            hints.append(_('"status" of a page is 200.'))
        if got["title"] != page.title:
            hints.append(title_hint(page, got["title"]))
        if got["links"] != len(page.hrefs):
            duplicates = len(page.hrefs) - len(set(page.hrefs))
            hints.append(
                ngettext(
                    '"links" counts every <a> with an href as it is in the page: '
                    "duplicates, #fragments, mailto: and links to other sites included. "
                    "This page has %(count)s such link.",
                    '"links" counts every <a> with an href as it is in the page: '
                    "duplicates, #fragments, mailto: and links to other sites included. "
                    "This page has %(count)s such links.",
                    len(page.hrefs),
                )
                % {"count": len(page.hrefs)}
                + (
                    " "
                    + ngettext(
                        "%(count)s of them repeats an earlier one.",
                        "%(count)s of them repeat earlier ones.",
                        duplicates,
                    )
                    % {"count": duplicates}
                    if duplicates
                    else ""
                )
            )
        expect(
            got == wanted,
            _("the report's entry for %(url)s is not right") % {"url": url},
            expected=json.dumps(wanted, ensure_ascii=False),
            actual=json.dumps(got, ensure_ascii=False),
            hint=joined(" ", hints) or None,
        )
    for url in pages.keys() - result.expected.pages.keys():
        raise CheckFailed(
            _('the report\'s "pages" list %(url)s, which is not a page of the site') % {"url": url},
            expected=_("only the pages that answered 200, each under its final URL"),
            actual=json.dumps(pages[url], ensure_ascii=False),
            hint=extra_hint(result, url),
        )


def extra_hint(result: Crawl, url: str) -> str:
    """Why a URL the report lists does not belong where it is."""
    expected = result.expected
    if urlsplit(url)[:2] != urlsplit(result.start)[:2]:
        return _("Skip links to other hosts and ports and to non-HTTP schemes (mailto:).")
    if path_of(url) == ROBOTS_PATH:
        return _(
            "robots.txt is not a page of the site: read its rules, and leave it out of "
            '"pages" and "errors".'
        )
    if url in expected.redirects:
        return _("A URL that redirects is not a page itself: list the page it leads to.")
    if path_of(url) in expected.disallowed:
        return _("robots.txt disallows this URL: do not request it and do not report it.")
    if url in expected.errors:
        return _('This URL could not be fetched: it belongs in "errors".')
    if url in expected.pages:
        return _('This URL answered 200 (after a retry, maybe): it belongs in "pages".')
    return _("Report only the URLs your scraper requested: the pages linked from the site.")


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
        if entry.get("status") == status:
            continue
        if page is not None and page.hang:
            hint = _(
                '"status" is null when no answer came (a time-out, a refused connection): '
                "None in Python, not 0 or a text."
            )
        elif page is not None and page.fails:
            hint = _(
                'The site\'s answers to this URL: %(answers)s; "status" is the HTTP status of the '
                "last attempt."
            ) % {"answers": answers_text(page, result.expected.requests[path_of(url)])}
        else:
            hint = _(
                '"status" is the HTTP status of the last attempt, or null when no answer '
                "came (a time-out, a refused connection)."
            )
        raise CheckFailed(
            _('the status of %(url)s in "errors" is not right') % {"url": url},
            expected=json.dumps(status),
            actual=json.dumps(entry.get("status"), ensure_ascii=False),
            hint=hint,
        )
    for url in errors.keys() - result.expected.errors.keys():
        raise CheckFailed(
            _('the report\'s "errors" list %(url)s, which should not be there') % {"url": url},
            expected=_("only the URLs of the site whose last attempt failed"),
            actual=json.dumps(errors[url], ensure_ascii=False),
            hint=extra_hint(result, url),
        )


def check_crawl(result: Crawl) -> None:
    check_requests(result)
    check_once(result)
    check_pages(result)
    check_errors(result)
