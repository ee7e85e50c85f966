"""The one duration parser (API, web form and CLI): what people type, and nothing else."""

from __future__ import annotations

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from skillpath.core import display
from skillpath.tracking.durations import (
    MAX_LENGTH,
    MAX_SESSION_MINUTES,
    BadDurationError,
    parse_duration,
)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("90m", 90),
        ("1h30m", 90),
        ("1.5h", 90),
        ("2h", 120),
        ("45", 45),
        ("1,5h", 90),
        (" 1h 5m ", 65),
        ("30min", 30),
        ("1H30M", 90),
        ("1440", 1440),
        # As Russian learners write them.
        ("1ч", 60),
        ("1ч30м", 90),
        ("1,5 ч", 90),
        ("90 мин", 90),
        ("1 ч. 30 мин.", 90),
        ("2Ч", 120),
    ],
)
def test_durations_people_type(text, minutes):
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("text", ["", "abc", "0m", "-5m", "1x", "25h", "h", "1441"])
def test_bad_durations_get_an_example(text):
    with pytest.raises(BadDurationError, match=r"1 h 30 min|longer than a day|positive"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["²", "①", "٣", "٣٠m", "1h٣٠m", "１h", "⁴⁵"])
def test_it_refuses_digits_that_are_not_ascii(text):
    # str.isdigit() takes these; int() refuses "²" and reads "٣" as 3.
    with pytest.raises(BadDurationError, match="is not a duration"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["9" * 400 + "h", "1" * 5000, "0" * 30 + "1m"])
def test_it_refuses_a_number_too_long_to_read(text):
    # 400 nines of hours overflow a float; 5000 digits are more than int() reads.
    with pytest.raises(BadDurationError, match="is not a duration"):
        parse_duration(text)


@settings(max_examples=300, derandomize=True, database=None)
@given(st.text(max_size=MAX_LENGTH + 5))
def test_any_text_is_a_duration_of_a_minute_to_a_day_or_refused(text):
    try:
        minutes = parse_duration(text)
    except BadDurationError:
        return
    assert 1 <= minutes <= MAX_SESSION_MINUTES


@settings(derandomize=True, database=None)
@given(st.integers(min_value=1, max_value=MAX_SESSION_MINUTES))
def test_a_written_duration_reads_back_in_either_language(minutes):
    for language in ("en", "ru"):
        with translation.override(language):
            assert parse_duration(display.duration(minutes)) == minutes


HOUR_UNITS = st.sampled_from(["h", "H", "ч", "Ч", "ч.", " ч", " h"])
MINUTE_UNITS = st.sampled_from(["m", "min", "м", "мин", "мин.", " мин", " m"])


@settings(derandomize=True, database=None)
@given(
    hours=st.integers(min_value=0, max_value=23),
    minutes=st.integers(min_value=0, max_value=59),
    hour_unit=HOUR_UNITS,
    minute_unit=MINUTE_UNITS,
    gap=st.sampled_from(["", " "]),
)
def test_hours_and_minutes_read_however_either_language_types_them(
    hours, minutes, hour_unit, minute_unit, gap
):
    parts = ([f"{hours}{hour_unit}"] if hours else []) + (
        [f"{minutes}{minute_unit}"] if minutes or not hours else []
    )
    text = gap.join(parts)
    if hours * 60 + minutes == 0:
        with pytest.raises(BadDurationError):
            parse_duration(text)
        return
    assert parse_duration(text) == hours * 60 + minutes


@settings(derandomize=True, database=None)
@given(
    tenths=st.integers(min_value=1, max_value=240),
    comma=st.booleans(),
    unit=st.sampled_from(["h", "ч", " ч", " h"]),
)
def test_decimal_hours_read_with_a_point_or_a_comma(tenths, comma, unit):
    whole, tenth = divmod(tenths, 10)
    text = f"{whole}{',' if comma else '.'}{tenth}{unit}"
    assert parse_duration(text) == round(tenths * 6)
