"""Bad input, as an attacker or a careless user types it: the Hypothesis strategies that the
"no 5xx" tests of the pages (tests/web/test_bad_input.py) and of the API
(tests/api/test_bad_input.py) send, and the settings that keep them fast and repeatable.

Edge values are drawn from fixed lists (digit-like characters, NUL, huge numbers, years 1 and
9999, bodies of megabytes) as often as from Hypothesis' own generators, so that each target
meets them within a handful of examples.
"""

from __future__ import annotations

import json
import string
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, Phase, example, settings
from hypothesis import strategies as st

# Deterministic (the same examples on every run, so CI does not flake) and bounded: each
# target (a form field, a parameter, a body) gets this many examples.
EXAMPLES = 12


def bounded(examples: int = EXAMPLES) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        # A request may replan an enrolment (a few hundred ms on a busy machine).
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )


def with_examples(argument: str, values: list[Any], **fixed: Any) -> Callable[[Any], Any]:
    """One explicit example of a @given function per value of `argument` (the rest `fixed`)."""

    def decorate(test: Any) -> Any:
        for value in reversed(values):
            test = example(**{argument: value}, **fixed)(test)
        return test

    return decorate


# --- Text --------------------------------------------------------------------------------

# Every target meets these first (as explicit examples), then generated ones: each was a 500
# somewhere — a digit str.isdigit() takes and int() refuses, a NUL PostgreSQL refuses, years
# that overflow date arithmetic, numbers too big for a database or for int().
EDGES = ["²", "①", "\x00", "9999-12-31", "0001-01-01", str(10**30), "-1", "1" * 5_000]

TEXTS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    # Digits that str.isdigit() and \d take, and int() refuses or reads differently.
    "²",
    "①",
    "٣",
    "١٢",
    "１２",
    "⁴⁵",
    "९०m",
    "\u202e\u0661h",
    "\r\n",
    "\t\x0b\x0c",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "../../../../etc/passwd",
    "{{ 7*7 }}",
    "null",
    "true",
    "[]",
    "{}",
    "ǅ\U0001f600\u0301",
    "9" * 400,
    "1" * 5_000,
    "x" * 100_000,
]
NUMBERS = [
    "0",
    "-0",
    "-1",
    "1.5",
    "1,5",
    "1e309",
    "-1e309",
    "1e-400",
    "NaN",
    "nan",
    "Infinity",
    "-inf",
    "0x10",
    "1_000",
    str(10**30),
    str(-(10**30)),
    str(2**31),
    str(2**63 - 1),
    str(2**63),
    str(-(2**63) - 1),
    # More digits than int() reads (4300) in Python 3.11.
    "1" + "0" * 5_000,
]
DATES = [
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "1900-01-01",
    "2199-12-31",
    "2200-01-01",
    "2026-02-30",
    "2026-13-01",
    "2026-00-10",
    "2026-1-5",
    "20260105",
    "2026-W01-1",
    "2026-01-05T10:00",
    "0000-00-00",
    "-2026-01-01",
    "10000-01-01",
    "２０２６-01-05",
    "2026-01-05 – 9999-12-31",
    "2026-01-05\n0001-01-01",
    "9999-12-31T23:59:59+14:00",
    "0001-01-01T00:00:00-14:00",
    "25:00",
    "23:60",
    "-01:00",
]


def texts() -> st.SearchStrategy[str]:
    """Any text a field may receive: edge cases, numbers, dates, or Hypothesis' own."""
    return st.one_of(
        st.sampled_from(TEXTS),
        st.sampled_from(NUMBERS),
        st.sampled_from(DATES),
        st.integers(min_value=-(10**20), max_value=10**20).map(str),
        st.floats().map(repr),
        st.dates().map(lambda day: day.isoformat()),
        st.text(max_size=40),
    )


# --- JSON values ---------------------------------------------------------------------------

_NUMBERS = st.one_of(
    st.integers(),
    st.sampled_from([10**30, -(10**30), 2**63, 2**63 - 1, -(2**63) - 1, 2**31, -1, 0]),
    st.floats(),
)
_SCALARS = st.one_of(st.none(), st.booleans(), _NUMBERS, texts())


def json_values() -> st.SearchStrategy[object]:
    """A JSON value of any type where a field expects one type: scalars, lists, objects."""
    return st.recursive(
        _SCALARS,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(st.text(string.ascii_lowercase, max_size=8), inner, max_size=4),
        ),
        max_leaves=6,
    )


def to_json(value: object) -> bytes:
    """As Python's json writes it: NaN and Infinity too, which Python's json also reads."""
    return json.dumps(value).encode()


# --- Whole bodies --------------------------------------------------------------------------

_DEEP = 100_000
# As EDGES: every target gets these bodies first.
EDGE_BODIES: list[tuple[bytes, str]] = [
    (
        b'--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\ntheory',
        "multipart/form-data; boundary=x",
    ),
    (b"x" * 3_000_000, "application/json"),
    (b"[" * _DEEP, "application/json"),
    ("&".join(f"field{n}=1" for n in range(2_000)).encode(), "application/x-www-form-urlencoded"),
]
BODIES: list[bytes] = [
    b"",
    b"{",
    b"[]",
    b"[1, 2, 3]",
    b"null",
    b"0",
    b'"text"',
    b"NaN",
    b"\xff\xfe\x00\x00",
    b"\xef\xbb\xbf{}",
    b"[" * _DEEP,
    b"[" * 20_000 + b"]" * 20_000,
    b'{"a":' * 20_000 + b"1" + b"}" * 20_000,
    b'{"kind": "theory", "kind": "practice"}',
    b'{"kind": "theory"',
    b'--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\ntheory',
    b'--x\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nabc\r\n--x--\r\n',
    "&".join(f"field{n}=1" for n in range(2_000)).encode(),
    b"a=1&a=2&%00=%ff&=",
    b"x" * 3_000_000,
]
CONTENT_TYPES = [
    "application/json",
    "application/json; charset=latin-1",
    "application/json; charset=utf-16",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "application/xml",
    "",
]


def bodies() -> st.SearchStrategy[tuple[bytes, str]]:
    """A raw body and the content type it comes with, often not the one it is in."""
    raw = st.one_of(st.sampled_from(BODIES), st.binary(max_size=200), json_values().map(to_json))
    return st.tuples(raw, st.sampled_from(CONTENT_TYPES))
