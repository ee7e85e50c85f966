"""The one writer of durations and dates (core/display.py), in both languages."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from skillpath.core import display
from tests.conftest import need


def need_russian(msgid: str) -> None:
    """Skip until the lead merges the Russian translation of a new msgid."""
    with translation.override("ru"):
        need(translation.gettext(msgid) != msgid, f"no Russian for {msgid!r} in the catalogue yet")


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(225, "3 h 45 min"), (45, "45 min"), (120, "2 h"), (0, "0 min"), (61, "1 h 1 min")],
)
def test_it_writes_a_duration_in_hours_and_minutes_in_english(minutes, text):
    assert display.duration(minutes) == text


def test_it_writes_whole_hours_in_russian():
    with translation.override("ru"):
        assert display.duration(120) == "2 ч"


def test_it_writes_hours_and_minutes_in_russian():
    need_russian("%(minutes)s min")
    with translation.override("ru"):
        assert display.duration(225) == "3 ч 45 мин"
        assert display.duration(45) == "45 мин"


def test_decimal_hours_are_for_a_chart_axis_only():
    assert display.chart_hours(225) == 3.8


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2028, 6, 2), "2 июня"),
        (date(2028, 5, 9), "9 мая"),
        (date(2028, 11, 5), "5 ноя."),
        (date(2028, 1, 31), "31 янв."),
    ],
)
def test_a_short_russian_date_has_a_lowercase_month(day, text):
    with translation.override("ru"):
        assert display.short_date(day) == text


def test_a_long_russian_date_has_its_year_and_no_trailing_dot():
    with translation.override("ru"):
        assert display.long_date(date(2028, 6, 2)) == "2 июня 2028"
        assert display.long_date(date(2028, 6, 2), weekday=True) == "Пятница, 2 июня 2028"


def test_english_dates_write_the_month_as_the_long_date_does():
    assert display.short_date(date(2028, 6, 2)) == "June 2"
    assert display.short_date(date(2028, 6, 2), weekday=True) == "Fri, June 2"
    assert display.long_date(date(2028, 6, 2)) == "June 2, 2028"


def test_a_range_writes_the_year_once_within_a_year():
    with translation.override("ru"):
        assert display.date_range(date(2028, 6, 2), date(2028, 6, 9)) == "2 июня – 9 июня 2028"
        assert (
            display.date_range(date(2028, 12, 30), date(2029, 1, 2))
            == "30 декабря 2028 – 2 января 2029"
        )
    assert display.date_range(date(2028, 6, 2), date(2028, 6, 2)) == "June 2, 2028"


def test_a_month_alone_is_lowercase_in_russian():
    with translation.override("ru"):
        assert display.month_abbr(date(2028, 11, 1)) == "ноя."
        assert display.month_abbr(date(2028, 5, 1)) == "май"
    assert display.month_abbr(date(2028, 11, 1)) == "Nov."
