"""The text-cli suite's own rules: the counts it expects, how it explains a wrong `stats`,
`stats --json` or `top` answer and a text printed wrong, that a crash is reported as one
whatever the stage checks, that its `top` text always tells ties apart, and that it
measures the memory of a running program (the reference and the variants run in
test_suites.py)."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest

from skillpath.checks.context import Completed, Context
from skillpath.checks.memory import PeakMemory
from skillpath.checks.programs import traceback_end
from skillpath.checks.suites.text_cli import names
from skillpath.checks.suites.text_cli.counting import (
    expected_stats,
    expected_top,
    json_difference,
    stats_differences,
    stats_hint,
    top_hint,
)
from skillpath.checks.suites.text_cli.runs import Run, first_difference
from skillpath.checks.suites.text_cli.texts import top_text

# Holds `megabytes` MB of its own, then waits for its standard input to close.
HOLDER = "import sys; data = bytearray(int(sys.argv[1]) * 2**20); sys.stdin.read()"


def test_a_last_line_without_a_line_break_counts_as_a_line():
    assert expected_stats("a b\nc\n")["lines"] == 2
    assert expected_stats("a b\nc")["lines"] == 2
    assert expected_stats("")["lines"] == 0
    assert expected_stats("\n\n")["lines"] == 2


def test_characters_are_code_points_and_bytes_are_utf8():
    assert expected_stats("жёлтый мост\n") == {"lines": 1, "words": 2, "chars": 12, "bytes": 22}


def test_a_wrong_stats_line_names_each_wrong_field_and_the_name():
    counts = {"lines": 3, "words": 13, "chars": 93, "bytes": 154}

    assert stats_differences(counts, "a.txt", "3 13 154 154 a.txt") == ["chars 154 instead of 93"]
    assert stats_differences(counts, "a.txt", "3 13 93 154 /tmp/a.txt") == [
        "name /tmp/a.txt instead of a.txt"
    ]
    assert stats_differences(counts, "a.txt", "lines=3 words=13") == []
    # Digits int() would refuse are not numbers of a stats line, and no crash.
    assert stats_differences(counts, "a.txt", "3 13 93 15² a.txt") == []


def test_the_stats_hint_recognises_bytes_counted_as_characters():
    counts = {"lines": 3, "words": 13, "chars": 93, "bytes": 154}

    assert "UTF-8 bytes" in stats_hint(counts, "3 13 154 154 a.txt")
    assert "last line" in stats_hint(counts, "2 13 93 154 a.txt")
    assert "standard input" in stats_hint(counts, "0 0 0 0 -")
    assert "empty input has no lines" in stats_hint(expected_stats(""), "1 0 0 0 e.txt")
    assert "NAME is the FILE" in stats_hint(counts, "3 13 93 154 a.txt", "/tmp/a.txt")
    assert "NAME is the FILE" not in stats_hint(counts, "3 13 93 154 /tmp/a.txt", "/tmp/a.txt")


def test_the_top_hint_tells_case_punctuation_and_order_apart():
    expected = ["3 река", "2 мост", "2 river"]

    assert "Lower-case" in top_hint(expected, ["2 Река", "2 мост", "2 river"])
    assert "punctuation" in top_hint(expected, ["3 река,", "2 мост", "2 river"])
    assert "alphabetical" in top_hint(expected, ["3 река", "2 river", "2 мост"])


def test_the_top_hint_tells_one_input_and_words_with_digits_apart():
    expected = ["4 река", "3 river_2", "2 мост"]

    first = ["2 река", "2 river_2", "1 мост"]
    assert "first input only" in top_hint(expected, first, first_only=first)
    assert "Digits and _" in top_hint(expected, ["4 река", "3 river", "2 мост"])


def test_a_text_difference_shows_what_cannot_be_seen():
    crlf = first_difference("one\ntwo\n", "one\r\ntwo\r\n")
    assert "line 1, character 4" in crlf
    assert 'got "one\\r\\ntwo' in crlf

    extra = first_difference("one\ntwo", "one\ntwo\n")
    assert "line 2, character 4" in extra
    assert 'expected "one\\ntwo" (the end), got "one\\ntwo\\n" (the end)' in extra

    tab = first_difference("a b", "a\tb")
    assert '"a\\tb"' in tab


def test_a_json_difference_names_the_first_place_and_wants_whole_numbers():
    expected = {"files": [{"name": "a.txt", "lines": 2}], "total": {"lines": 2}}

    assert json_difference(expected, expected) is None
    assert json_difference(expected, {"files": [{"name": "a.txt", "lines": 2}]}) == (
        '"total" is missing'
    )
    assert json_difference(expected, {**expected, "files": [{"name": "/a.txt", "lines": 2}]}) == (
        'files[0].name is "/a.txt", expected "a.txt"'
    )
    assert "is 2.0, expected 2" in str(
        json_difference(expected, {**expected, "total": {"lines": 2.0}})
    )
    assert "expected an object" in str(json_difference(expected, [1]))


def test_the_help_must_name_a_command_as_a_word_of_its_own():
    assert names("commands: stats, top, upper", "top")
    assert not names("stop the stats", "top")
    assert not names("--upper-case", "upper")


TRACEBACK_TEXT = """Traceback (most recent call last):
  File "t.py", line 9, in <module>
    main()
    ^^^^^^
  File "t.py", line 5, in main
    count(lines)
  File "t.py", line 2, in count
    return totals["lines"]
           ~~~~~~^^^^^^^^^
KeyError: 'lines'
"""


def test_a_traceback_is_shown_by_its_end_without_marker_lines():
    end = traceback_end("some output\n" + TRACEBACK_TEXT)

    assert end.endswith("KeyError: 'lines'")
    assert "^^^" not in end and "~~~" not in end
    assert end.startswith("…")


def test_a_crash_is_the_failure_whatever_the_stage_found_wrong():
    done = Completed(command="$ t", returncode=1, stdout="", stderr=TRACEBACK_TEXT, duration=0)

    failure = Run(done, "$ t stats").fail("stats printed 0 lines", expected="1 line", hint="x")

    assert failure.message == "your program crashed with a Python traceback"
    assert failure.actual is not None and failure.actual.count("KeyError: 'lines'") == 1
    assert failure.hint is not None and "last line of the traceback" in failure.hint


@pytest.mark.parametrize("seed", range(20))
def test_the_top_text_has_ties_that_first_appearance_orders_wrongly(seed, tmp_path):
    text, counts = top_text(Context(seed=seed, tmp=tmp_path, lang="en"))
    found = re.findall(r"\w+", text)
    seen = Counter(word.lower() for word in found)

    assert seen == counts
    in_order_seen = [f"{times} {word}" for word, times in seen.most_common(3)]
    assert in_order_seen != expected_top(counts, 3)
    # The words that occur more than once do so in several case forms.
    for word in (word for word, times in counts.items() if times > 1):
        assert len({form for form in found if form.lower() == word}) > 1


def test_the_top_text_is_the_same_for_the_same_seed(tmp_path):
    first = top_text(Context(seed=5, tmp=tmp_path, lang="en"))
    second = top_text(Context(seed=5, tmp=tmp_path, lang="en"))

    assert first == second


@pytest.mark.parametrize(("megabytes", "low", "high"), [(0, 0, 40), (120, 120, 200)])
def test_peak_memory_sees_what_a_program_holds(megabytes, low, high):
    program = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(megabytes)],
        stdin=subprocess.PIPE,
        start_new_session=True,
    )
    memory = PeakMemory(program.pid)
    try:
        # Long enough for the program to start and allocate, and for a few polls.
        _wait_for_memory(memory, low)
        program.communicate(b"", timeout=10)
    finally:
        peak_mb = memory.finish() / 1024
        program.kill()

    assert low <= peak_mb <= high


def _wait_for_memory(memory: PeakMemory, megabytes: int) -> None:
    deadline = time.monotonic() + 10
    while memory.peak_kb < max(megabytes, 1) * 1024 and time.monotonic() < deadline:
        time.sleep(0.05)


def test_peak_memory_stops_a_program_past_its_limit():
    program = subprocess.Popen(
        [sys.executable, "-c", HOLDER, "120"], stdin=subprocess.PIPE, start_new_session=True
    )
    memory = PeakMemory(program.pid, limit_kb=50 * 1024)
    try:
        # It never closes the program's input: only the watcher can end it.
        returncode = program.wait(timeout=10)
    finally:
        memory.finish()
        program.kill()

    assert memory.exceeded
    assert returncode == -signal.SIGKILL
