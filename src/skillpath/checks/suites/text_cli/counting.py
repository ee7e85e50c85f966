"""What text-cli's `stats` and `top` must print, as the spec asks: the expected counts and
word ranking, the check of a `stats` answer, and the hints that say which rule a wrong answer
broke.
"""

from __future__ import annotations

import json
from collections import Counter

from django.utils.translation import gettext as _

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
    """What differs in one printed `stats` line: ["chars: expected 57, got 98"]; empty when
    the line cannot be read as four numbers and a name."""
    fields = line.split(maxsplit=4)
    if len(fields) < 4 or not all(field.isdigit() for field in fields[:4]):
        return []
    actual: dict[str, int | str] = dict(zip(STATS_FIELDS, map(int, fields[:4]), strict=True))
    actual["name"] = fields[4] if len(fields) == 5 else ""
    wanted = {**expected, "name": name}
    return [
        _("%(field)s: expected %(expected)s, got %(actual)s")
        % {"field": field, "expected": wanted[field], "actual": actual[field]}
        for field in (*STATS_FIELDS, "name")
        if wanted[field] != actual[field]
    ]


def stats_hint(expected: dict[str, int], line: str) -> str:
    """A hint for a wrong `stats` line, from which of its numbers is wrong."""
    fields = line.split()
    if len(fields) >= 4 and all(field.isdigit() for field in fields[:4]):
        numbers = dict(zip(STATS_FIELDS, map(int, fields[:4]), strict=True))
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
            _("stats printed %(actual)s lines, expected %(expected)s")
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
            "differences": "; ".join(differences) or _("not «LINES WORDS CHARS BYTES NAME»"),
        },
        expected="\n".join(expected),
        hint=stats_hint(all_numbers[wrong], actual[wrong]),
    )


def expected_top(counts: Counter, n: int) -> list[str]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]
    return [f"{times} {word}" for word, times in ranked]


def top_hint(expected: list[str], actual: list[str]) -> str:
    """A hint for a wrong `top` answer, from how it differs from the right one."""
    if any(word != word.lower() for line in actual for word in line.split()[1:]):
        return _("Lower-case every word before counting: «Река» and «река» are one word.")
    if any(mark in line for line in actual for mark in ',.!?;:«»()"—'):
        return _(
            "A word is a run of letters, digits and _ only: punctuation such as , . ! « » is "
            "not part of it."
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
