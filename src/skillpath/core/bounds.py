"""The bounds of what a learner may give, in one place for the web forms, the API and the CLI.

Dates far outside a human life overflow date arithmetic (the target 24 months after
9999-12-01, the week after 9999-12-31) or make pages thousands of years long (a plan from
0001-01-01), so every date a learner types falls between FIRST_DAY and LAST_DAY.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)
# The same years as a pattern, for a schema or a form to state the bound as well as check it.
DAY_PATTERN = r"(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"

# The largest id a database row can have (BigAutoField): a larger number names nothing, and
# SQLite cannot even bind it.
MAX_ID = 2**63 - 1
# Lists are read a page at a time; a page past this one would overflow the SQL offset.
MAX_PAGE = 10_000
MAX_PAGE_SIZE = 100
# Days off and holidays of one enrolment (each a day or a range): every day of a plan is
# checked against each of them.
MAX_DAYS_OFF = 100


def is_within_bounds(day: date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def bounds_message() -> str:
    """What a learner reads when a date falls outside the bounds (in the active language)."""
    return _("Enter a date between %(first)s and %(last)s.") % {
        "first": FIRST_DAY.isoformat(),
        "last": LAST_DAY.isoformat(),
    }


def small_number(raw: object, limit: int = 10_000) -> int | None:
    """A form field's ASCII whole number below `limit`, or None (`str.isdigit` admits "²"
    and "①", and a 5,000-digit string is too long for `int`)."""
    if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 6:
        value = int(raw)
        return value if value < limit else None
    return None
