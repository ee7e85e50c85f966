"""Running the learner's text-cli program and judging a run: `Run` (a finished run as messages
show it, with the checks of its exit status and output), `run_program`, and the small helpers
that write input files and read printed lines.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.utils.translation import gettext as _

from skillpath.checks.context import Completed, Context
from skillpath.checks.expect import CheckFailed, shorten

TRACEBACK = "Traceback (most recent call last)"


class Run:
    """A finished run of the learner's program and what it was given, as messages show it."""

    def __init__(self, done: Completed, request: str) -> None:
        self.done = done
        self.request = request

    def outcome(self) -> str:
        """Exit status, stdout and stderr, as a message shows them."""
        return _("exit status %(code)s\nstdout: %(stdout)s\nstderr: %(stderr)s") % {
            "code": self.done.returncode,
            "stdout": shorten(self.done.stdout) or _("(nothing)"),
            "stderr": shorten(self.done.stderr.strip()) or _("(nothing)"),
        }

    def fail(self, message: str, *, expected: str, hint: str | None = None) -> CheckFailed:
        return CheckFailed(
            message, request=self.request, expected=expected, actual=self.outcome(), hint=hint
        )

    def expect_no_traceback(self) -> None:
        if TRACEBACK in self.done.stderr or TRACEBACK in self.done.stdout:
            raise self.fail(
                _("the program crashed with a Python traceback"),
                expected=_("no traceback: a short message, or the expected output"),
                hint=_(
                    "Read the last line of the traceback: it names the exception and the line "
                    "of your program where it happened."
                ),
            )

    def expect_success(self) -> None:
        self.expect_no_traceback()
        if self.done.returncode != 0:
            raise self.fail(
                _("the program ended with exit status %(code)s instead of 0")
                % {"code": self.done.returncode},
                expected=_("exit status 0"),
                hint=_("A command that did its work ends with exit status 0."),
            )

    def expect_output(self, expected: str, message: str, hint: str) -> None:
        """Exit status 0 and exactly `expected` on stdout."""
        self.expect_success()
        if self.done.stdout != expected:
            raise self.fail(message, expected=shorten(expected) or _("(nothing)"), hint=hint)


def run_program(
    ctx: Context, args: list[str], *, files: tuple | list = (), stdin: str | None = None
) -> Run:
    """Run the program with `args`; `files` are the (path, text) pairs it is given, shown
    in messages with the standard input."""
    done = ctx.run(args, input="" if stdin is None else stdin)
    shown = [f"$ {done.command}"]
    for path, text in files:
        shown.append(_("contents of %(path)s:") % {"path": path} + " " + literal(text))
    if stdin:
        shown.append(_("standard input:") + " " + literal(stdin))
    return Run(done, "\n".join(shown))


def literal(text: str) -> str:
    """Text shown so that its tabs and line breaks can be seen: a JSON string."""
    return shorten(json.dumps(text, ensure_ascii=False))


def write(ctx: Context, name: str, text: str) -> Path:
    path = ctx.tmp / name
    path.write_bytes(text.encode("utf-8"))
    return path


def output_lines(text: str) -> list[str]:
    """The lines a program printed, without trailing spaces and empty lines at the end."""
    return [line.rstrip() for line in text.rstrip().splitlines()]
