"""What a learner's command-line program printed, as every suite reads it: a Python
traceback in its output (a crash, whatever the stage was checking) shown by its last lines,
and the end of a long text shown from the start of a line."""

from __future__ import annotations

from skillpath.checks.context import Completed
from skillpath.checks.expect import SHOWN_CHARS

TRACEBACK = "Traceback (most recent call last)"
# How many lines of the end of a traceback a message shows: the last one says what went
# wrong, the ones before it where.
TRACEBACK_LINES = 6


def crashed(done: Completed) -> bool:
    """Whether the run printed a Python traceback (on either stream)."""
    return TRACEBACK in done.stderr or TRACEBACK in done.stdout


def tail(text: str, limit: int = SHOWN_CHARS) -> str:
    """The end of a long text, from the start of a line, after one "…" line."""
    if len(text) <= limit:
        return text
    end = text[-limit:]
    newline = end.find("\n")
    if 0 <= newline < len(end) - 1:
        end = end[newline + 1 :]
    return "…\n" + end


def traceback_end(text: str) -> str:
    """The last lines of the (last) traceback in `text`, without the ^^^ marker lines."""
    found = text.rfind(TRACEBACK)
    lines = [line for line in text[max(found, 0) :].rstrip().splitlines() if line.strip("^~ ")]
    shown = lines[-TRACEBACK_LINES:]
    if len(shown) < len(lines):
        shown.insert(0, "…")
    return tail("\n".join(shown))
