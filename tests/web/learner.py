"""Helpers for the learner page tests."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.html import escape

from skillpath.core.dates import week_start


def body(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def shows(response, *texts: str) -> None:
    page = body(response)
    missing = [t for t in texts if escape(t) not in page]
    assert not missing, f"missing from the page: {missing}"


def hides(response, *texts: str) -> None:
    page = body(response)
    present = [t for t in texts if escape(t) in page]
    assert not present, f"should not be on the page: {present}"


def html_lang(response) -> str:
    match = re.search(r'<html lang="([a-z-]+)"', body(response))
    assert match
    return match.group(1)


def enrol_from_this_week(learner, curriculum, *, hours: int = 20):
    """Enrol `learner` from this week's Monday, studying every day (so today has topics)."""
    from skillpath.planning.services import CalendarInput, enrol

    today = timezone.now().date()
    choice = CalendarInput(week_start(today), Decimal(hours), frozenset(range(7)))
    return enrol(learner=learner, curriculum=curriculum, choice=choice, today=today)


def log_history(learner, *, days: int, topic=None) -> None:
    """One session a day for `days` days before today, of rotating kinds."""
    from skillpath.tracking.services import log_session

    now = timezone.now()
    today = now.date()
    kinds = ("theory", "practice", "research")
    for i in range(1, days + 1):
        log_session(
            learner=learner,
            kind=kinds[i % 3],
            minutes=30 + i % 90,
            on=today - timedelta(days=i),
            topic=topic,
            now=now,
        )


def today() -> date:
    return timezone.now().date()


def element(page: str, element_id: str) -> str:
    """The HTML of the element with `element_id` in `page`, its children included."""
    from html.parser import HTMLParser

    void = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    class Finder(HTMLParser):
        start: int | None = None
        end: int | None = None
        depth = 0

        def position(self) -> int:
            line, column = self.getpos()
            return line_starts[line - 1] + column

        def handle_starttag(self, tag, attrs):
            if tag in void or self.end is not None:
                return
            if self.start is None:
                if dict(attrs).get("id") == element_id:
                    self.start, self.depth = self.position(), 1
            else:
                self.depth += 1

        def handle_endtag(self, tag):
            if self.start is None or self.end is not None or tag in void:
                return
            self.depth -= 1
            if self.depth == 0:
                self.end = self.position() + len(f"</{tag}>")

    line_starts = [0]
    for row in page.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(row))
    finder = Finder()
    finder.feed(page)
    assert finder.start is not None and finder.end is not None, f"no element #{element_id}"
    return page[finder.start : finder.end]


def options(html: str, name: str) -> list[str]:
    """The values of the options of the select named `name` in `html`."""
    match = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
    assert match, f"no select named {name}"
    return re.findall(r'<option value="([^"]*)"', match.group(1))
