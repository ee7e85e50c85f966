"""Durations as people type them: "90m", "1h30m", "1.5h", "2h", "45" (minutes), and the
same in Russian: "1ч30м", "1,5 ч", "90 мин".

The one parser of a duration: the API, the web form and the CLI all call `parse_duration`;
`skillpath.core.display.duration` writes one the way it reads back.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from skillpath.core.errors import DomainError

# The longest session: a day (`tracking.services` refuses longer ones however they are given).
MAX_SESSION_MINUTES = 24 * 60
# Longer than any duration written the ways above; the API and the form cap the field at it.
MAX_LENGTH = 20
# ASCII digits only: `\d` and `str.isdigit()` also take "²", "①" or "٣", which `int()` and
# `float()` refuse or read differently.
_PATTERN = re.compile(
    r"\s*(?:(?P<hours>[0-9]+(?:[.,][0-9]+)?)\s*(?:h|ч)\.?)?"
    r"\s*(?:(?P<minutes>[0-9]+)\s*(?:m(?:in)?|м(?:ин)?)\.?)?\s*",
    re.IGNORECASE,
)
_MINUTES_ONLY = re.compile(r"[0-9]+")


class BadDurationError(DomainError):
    pass


def _minutes(value: str) -> int | None:
    if _MINUTES_ONLY.fullmatch(value):
        return int(value)
    m = _PATTERN.fullmatch(value)
    if m is None or not (m["hours"] or m["minutes"]):
        return None
    hours = float((m["hours"] or "0").replace(",", "."))
    return round(hours * 60) + int(m["minutes"] or 0)


def examples() -> str:
    """Two durations written the way the pages write them, for a hint: "1 h 30 min, 45 min"."""
    from skillpath.core.display import duration

    return f"{duration(90)}, {duration(45)}"


def parse_duration(text: str) -> int:
    """Minutes in `text`; raise BadDurationError with an example of a good one."""
    value = text.strip()
    # Bounded before any number is read: a thousand digits would overflow a float.
    minutes = _minutes(value) if len(value) <= MAX_LENGTH else None
    if minutes is None:
        raise BadDurationError(
            _("'%(text)s' is not a duration: write it like %(examples)s")
            % {"text": value[:MAX_LENGTH], "examples": examples()}
        )
    if minutes <= 0:
        raise BadDurationError(
            _("'%(text)s' is not a positive duration: write it like %(examples)s")
            % {"text": text, "examples": examples()}
        )
    if minutes > MAX_SESSION_MINUTES:
        raise BadDurationError(
            _("'%(text)s' is longer than a day: log each day on its own") % {"text": text}
        )
    return minutes
