"""Durations as people type them: "90m", "1h30m", "1.5h", "2h", "45" (minutes)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from skillpath.core.errors import DomainError

_PATTERN = re.compile(
    r"^\s*(?:(?P<hours>\d+(?:[.,]\d+)?)\s*h)?\s*(?:(?P<minutes>\d+)\s*m(?:in)?)?\s*$", re.I
)
EXAMPLES = "90m, 1h30m, 1.5h"


class BadDurationError(DomainError):
    pass


def parse_duration(text: str) -> int:
    """Minutes in `text`; raise BadDurationError with an example of a good one."""
    value = text.strip()
    if value.isdigit():
        minutes = int(value)
    else:
        m = _PATTERN.match(value)
        if not m or not (m["hours"] or m["minutes"]):
            raise BadDurationError(
                _("'%(text)s' is not a duration: write it like %(examples)s")
                % {"text": text, "examples": EXAMPLES}
            )
        hours = float((m["hours"] or "0").replace(",", "."))
        minutes = round(hours * 60) + int(m["minutes"] or 0)
    if minutes <= 0:
        raise BadDurationError(
            _("'%(text)s' is not a positive duration: write it like %(examples)s")
            % {"text": text, "examples": EXAMPLES}
        )
    if minutes > 24 * 60:
        raise BadDurationError(
            _("'%(text)s' is longer than a day: log each day on its own") % {"text": text}
        )
    return minutes


def format_minutes(minutes: int) -> str:
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return f"{hours}h{rest:02d}m"
    return f"{hours}h" if hours else f"{rest}m"
