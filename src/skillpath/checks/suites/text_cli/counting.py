"""What text-cli's `stats` and `top` must print, as the spec asks: the expected counts and
word ranking, the check of a `stats` answer, and the hints that say which rule a wrong answer
broke.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from skillpath.checks.expect import shorten
from skillpath.checks.i18n import gettext as _
from skillpath.checks.i18n import joined
from skillpath.checks.suites.text_cli.runs import Run, output_lines

STATS_FIELDS = ("lines", "words", "chars", "bytes")


def expected_stats(text: str) -> dict[str, int]:
    """The counts of `stats`: a last line without a line break counts as a line."""
    lines = text.count("\n") + (1 if text and not text.endswith("\n") else 0)
    return {
        "lines": lines,
        "words": len(text.split()),
        "chars": len(text),
        "bytes": len(text.encode("utf-8")),
    }


def stats_line(counts: dict[str, int], name: str) -> str:
    return " ".join(str(counts[field]) for field in STATS_FIELDS) + " " + name


def total_of(all_counts: list[dict[str, int]]) -> dict[str, int]:
    return {field: sum(counts[field] for counts in all_counts) for field in STATS_FIELDS}


def stats_differences(expected: dict[str, int], name: str, line: str) -> list[str]:
    """What differs in one printed `stats` line: ["chars 98 instead of 57"]; empty when
    the line cannot be read as four numbers and a name."""
    fields = line.split(maxsplit=4)
    if len(fields) < 4 or not all(is_number(field) for field in fields[:4]):
        return []
    actual: dict[str, int | str] = dict(zip(STATS_FIELDS, map(int, fields[:4]), strict=True))
    actual["name"] = fields[4] if len(fields) == 5 else ""
    wanted = {**expected, "name": name}
    return [
        _("%(field)s %(actual)s instead of %(expected)s")
        % {"field": field, "expected": wanted[field], "actual": actual[field]}
        for field in (*STATS_FIELDS, "name")
        if wanted[field] != actual[field]
    ]


def is_number(field: str) -> bool:
    """A whole number written with the digits 0-9 (not "²" or "٣", which int() may refuse)."""
    return field.isascii() and field.isdigit()


def stats_hint(expected: dict[str, int], line: str, name: str | None = None) -> str:
    """A hint for a wrong `stats` line (of the input `name`), from which of its parts is
    wrong."""
    fields = line.split(maxsplit=4)
    if len(fields) >= 4 and all(is_number(field) for field in fields[:4]):
        numbers = dict(zip(STATS_FIELDS, map(int, fields[:4]), strict=True))
        if numbers == expected and name is not None and fields[4:] != [name]:
            return _(
                "The counts are right. NAME is the FILE exactly as it was given, the whole "
                'path the check passed, not a part of it; "-" for standard input.'
            )
        if not expected["chars"] and numbers["lines"]:
            return _(
                "An empty input has no lines: its line is «0 0 0 0 NAME». Count a line for "
                "each line you read (for line in file:), not one more."
            )
        if not any(numbers.values()) and expected["chars"]:
            return _(
                "Nothing was counted: was the input read? With no FILE, or when FILE is "
                '"-", read standard input (sys.stdin), line by line.'
            )
        if numbers["chars"] != expected["chars"] and numbers["chars"] == expected["bytes"]:
            return _(
                "That many characters is the number of bytes: count characters of the "
                "decoded text (in Python, len() of a str), not of its UTF-8 bytes. "
                "«ж» is one character and two bytes."
            )
        if numbers["lines"] == expected["lines"] - 1:
            return _("A last line without a line break at its end is a line too.")
        if numbers["words"] != expected["words"]:
            return _(
                "Words are runs of characters that are not whitespace; spaces and tabs, "
                "several in a row too, separate them (in Python, len(line.split()))."
            )
    return _(
        "Print one line: lines, words, characters, bytes and the name, separated by single spaces."
    )


def expect_stats(run: Run, inputs: list, counts: list | None = None) -> None:
    """Exit status 0, and a `stats` line per (text, name) input — plus the total line
    when there are several; `counts` gives the counts when the texts are not kept."""
    run.expect_success()
    all_counts = counts or [expected_stats(text) for text, _name in inputs]
    expected = [stats_line(c, name) for c, (_text, name) in zip(all_counts, inputs, strict=True)]
    if len(inputs) > 1:
        expected.append(stats_line(total_of(all_counts), "total"))
    actual = output_lines(run.done.stdout)
    if actual == expected:
        return
    if len(actual) != len(expected):
        raise run.fail(
            _("stats printed a different number of lines: %(actual)s instead of %(expected)s")
            % {"actual": len(actual), "expected": len(expected)},
            expected="\n".join(expected),
            hint=_(
                "One line per input, in the order given, and a «total» line when there "
                "are two inputs or more."
            ),
        )
    wrong = next(i for i, line in enumerate(actual) if line != expected[i])
    all_numbers = [*all_counts, total_of(all_counts)]
    names = [name for _text, name in inputs] + ["total"]
    differences = stats_differences(all_numbers[wrong], names[wrong], actual[wrong])
    raise run.fail(
        _("stats printed a wrong line %(line)s: %(differences)s")
        % {
            "line": json.dumps(actual[wrong], ensure_ascii=False),
            "differences": joined("; ", differences) or _("not «LINES WORDS CHARS BYTES NAME»"),
        },
        expected="\n".join(expected),
        hint=stats_hint(all_numbers[wrong], actual[wrong], names[wrong]),
    )


def expected_top(counts: Counter, n: int) -> list[str]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]
    return [f"{times} {word}" for word, times in ranked]


def top_hint(expected: list[str], actual: list[str], *, first_only: list[str] | None = None) -> str:
    """A hint for a wrong `top` answer, from how it differs from the right one;
    `first_only` is the right answer for the first of several inputs alone."""
    if first_only is not None and actual == first_only != expected:
        return _(
            "These are the words of the first input only: count the words of every input "
            "together, in the order given."
        )
    if any(word != word.lower() for line in actual for word in line.split()[1:]):
        return _("Lower-case every word before counting: «Река» and «река» are one word.")
    if any(mark in line for line in actual for mark in ',.!?;:«»()"—'):
        return _(
            "A word is a run of letters, digits and _ only: punctuation such as , . ! « » is "
            "not part of it."
        )
    printed = {word for line in actual for word in line.split()[1:]}
    if any(
        re.search(r"[\d_]", line) and line.split()[1] not in printed
        for line in expected
        if len(line.split()) == 2
    ):
        return _(
            'Digits and _ are part of a word: «river_2» is one word (re.findall(r"\\w+", '
            "line) finds it whole)."
        )
    if sorted(actual) == sorted(expected):
        return _(
            "The right words and counts, in the wrong order: the most frequent first, and "
            "words with equal counts in alphabetical order (Python's sorted() order of strings)."
        )
    return _(
        "A word is a run of letters, digits and _; lower-case it; count every occurrence in "
        "every input; print «COUNT WORD» lines, the most frequent first."
    )


def json_difference(expected: Any, actual: Any, where: str = "") -> str | None:
    """The first place where the JSON `actual` differs from `expected`, as a message says
    it: 'files[0].name is "/tmp/a.txt", expected "a.txt"'; None when they are the same.
    A count must be a whole number: 2.0 or true is not 2."""
    place = where or _("the whole output")

    def shown(value: Any) -> str:
        return shorten(json.dumps(value, ensure_ascii=False))

    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return _("%(place)s is %(actual)s, expected an object") % {
                "place": place,
                "actual": shown(actual),
            }
        for key in expected:
            inner = f"{where}.{key}" if where else key
            if key not in actual:
                return _('"%(key)s" is missing') % {"key": inner}
            difference = json_difference(expected[key], actual[key], inner)
            if difference:
                return difference
        extra = [key for key in actual if key not in expected]
        if extra:
            return _('%(place)s has a key the spec does not ask for: "%(key)s"') % {
                "place": place,
                "key": extra[0],
            }
        return None
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return _("%(place)s is %(actual)s, expected a list") % {
                "place": place,
                "actual": shown(actual),
            }
        if len(actual) != len(expected):
            return _(
                "%(place)s has a different number of items: %(actual)s instead of %(expected)s"
            ) % {
                "place": place,
                "expected": len(expected),
                "actual": len(actual),
            }
        for number, (want, got) in enumerate(zip(expected, actual, strict=True)):
            difference = json_difference(want, got, f"{where}[{number}]")
            if difference:
                return difference
        return None
    if type(actual) is not type(expected) or actual != expected:
        return _("%(place)s is %(actual)s, expected %(expected)s") % {
            "place": place,
            "expected": shown(expected),
            "actual": shown(actual),
        }
    return None
