"""The text-cli suite's own rules: the counts it expects, how it explains a wrong `stats`
or `top` answer, that its `top` text always tells ties apart, and that it measures the
memory of a running program (the reference and the variants run in test_suites.py)."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest

from skillpath.checks.context import Context
from skillpath.checks.memory import PeakMemory
from skillpath.checks.suites.text_cli.counting import (
    expected_stats,
    expected_top,
    stats_differences,
    stats_hint,
    top_hint,
)
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

    assert stats_differences(counts, "a.txt", "3 13 154 154 a.txt") == [
        "chars: expected 93, got 154"
    ]
    assert stats_differences(counts, "a.txt", "3 13 93 154 /tmp/a.txt") == [
        "name: expected a.txt, got /tmp/a.txt"
    ]
    assert stats_differences(counts, "a.txt", "lines=3 words=13") == []


def test_the_stats_hint_recognises_bytes_counted_as_characters():
    counts = {"lines": 3, "words": 13, "chars": 93, "bytes": 154}

    assert "UTF-8 bytes" in stats_hint(counts, "3 13 154 154 a.txt")
    assert "last line" in stats_hint(counts, "2 13 93 154 a.txt")
    assert "standard input" in stats_hint(counts, "0 0 0 0 -")


def test_the_top_hint_tells_case_punctuation_and_order_apart():
    expected = ["3 река", "2 мост", "2 river"]

    assert "Lower-case" in top_hint(expected, ["2 Река", "2 мост", "2 river"])
    assert "punctuation" in top_hint(expected, ["3 река,", "2 мост", "2 river"])
    assert "alphabetical" in top_hint(expected, ["3 река", "2 river", "2 мост"])


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
