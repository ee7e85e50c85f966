"""How a learner reads a duration, a date or a share: the one writer of each, for the pages
(the `duration`, `short_date` and `long_date` filters), the charts, the CLI and the
messages of the services.

- A duration is hours and minutes with their units: "3 h 45 min", "45 min", "2 h"
  («3 ч 45 мин»). It reads back through `tracking.durations.parse_duration`. Decimal hours
  (`chart_hours`) are only for a chart's axis.
- A short date is the month and the day as the long date writes them, without the year:
  "Jan. 2", "June 2" (en); «2 янв.», «2 мая» (ru: lowercase, an abbreviation ends in a dot,
  a short month is written whole). A long date adds the year through DATE_FORMAT
  ("June 2, 2028"; «2 июня 2028», see `skillpath/formats/ru`); a moment (`date_time`)
  adds the time through DATETIME_FORMAT, as the pages' `date:"DATETIME_FORMAT"` does.
- A figure or a share is written as the pages' `floatformat:"-1"` writes it: "33.3%",
  «33,3%», "100%".
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# Russian months of at most this many letters are written whole («мая», «июня», «июля»).
_WHOLE_MONTH_LETTERS = 4


def duration(minutes: int) -> str:
    """Minutes as hours and minutes with their units: 225 → "3 h 45 min"."""
    hours, rest = divmod(max(0, int(minutes)), 60)
    parts = []
    if hours:
        parts.append(_("%(hours)s h") % {"hours": hours})
    if rest or not hours:
        parts.append(_("%(minutes)s min") % {"minutes": rest})
    return " ".join(parts)


def chart_hours(minutes: int) -> float:
    """Minutes as hours to a tenth, for a chart's axis (the one place hours have decimals)."""
    return round(int(minutes) / 60, 1)


def number(value: float) -> str:
    """A figure as the pages write it (`floatformat:"-1"`): "33.3", «33,3»; a whole one
    without decimals ("100", not "100.0")."""
    from django.template.defaultfilters import floatformat

    return str(floatformat(value, "-1"))


def percent(value: float) -> str:
    """A share as the pages write it: "33.3%", «33,3%», "100%"."""
    return number(value) + "%"


def _is_russian() -> bool:
    return (get_language() or "").startswith("ru")


def _russian_month(day: date) -> str:
    whole = formats.date_format(day, "E")  # the genitive: «июня»
    if len(whole) <= _WHOLE_MONTH_LETTERS:
        return whole
    return formats.date_format(day, "b") + "."


def short_date(day: date, *, weekday: bool = False) -> str:
    """The day and the month's short name: "June 2", «2 июн.»; with `weekday`, the day's
    short name first ("Fri, June 2")."""
    text = f"{day.day} {_russian_month(day)}" if _is_russian() else formats.date_format(day, "N j")
    return f"{formats.date_format(day, 'D')}, {text}" if weekday else text


def month_abbr(day: date) -> str:
    """The month's short name alone ("June", «июн.», «май»), for a heading over a calendar's
    weeks."""
    if not _is_russian():
        return formats.date_format(day, "N")
    short = formats.date_format(day, "b")
    return short if short == formats.date_format(day, "F").lower() else short + "."


def long_date(day: date, *, weekday: bool = False) -> str:
    """The date with its year: "June 2, 2028", «2 июня 2028»; with `weekday`, the day's
    name first ("Friday, June 2, 2028")."""
    text = formats.date_format(day, "DATE_FORMAT")
    return f"{formats.date_format(day, 'l')}, {text}" if weekday else text


def date_time(moment: datetime) -> str:
    """A moment as the pages write one (DATETIME_FORMAT): "Nov. 4, 2026, 5:05 p.m.",
    «4 ноября 2026, 17:05» — in the zone `moment` carries."""
    return formats.date_format(moment, "DATETIME_FORMAT")


def date_range(first: date, last: date) -> str:
    """Two dates as a range, the year written once in the same year: "June 2 – June 9, 2028",
    «2 июн. – 9 июня 2028»; one date alone
    when they are the same."""
    if first == last:
        return long_date(first)
    start = short_date(first) if first.year == last.year else long_date(first)
    return f"{start} – {long_date(last)}"
