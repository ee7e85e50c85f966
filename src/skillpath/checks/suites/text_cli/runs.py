"""Running the learner's text-cli program and judging a run: `Run` (a finished run as messages
show it, with the checks of its exit status and output), `run_program`, and the small helpers
that write input files, read printed lines and point at the first difference of two texts.

Every judgement says the same about a crash: when the program printed a Python traceback,
the failure says so, whatever the stage was checking, and shows the end of the traceback once.
"""

from __future__ import annotations

import json
from pathlib import Path

from skillpath.checks.context import Completed, Context
from skillpath.checks.expect import CheckFailed, shorten
from skillpath.checks.i18n import gettext as _
from skillpath.checks.i18n import joined
from skillpath.checks.programs import TRACEBACK, crashed, tail, traceback_end

# What `Completed` holds where the program printed bytes that are not UTF-8.
REPLACEMENT = "\ufffd"
# Characters shown on each side of the first difference between two texts.
AROUND_CHARS = 20


class Run:
    """A finished run of the learner's program and what it was given, as messages show it."""

    def __init__(self, done: Completed, request: str) -> None:
        self.done = done
        self.request = request

    @property
    def crashed(self) -> bool:
        return crashed(self.done)

    def outcome(self) -> str:
        """Exit status, stdout and stderr, as a message shows them (a traceback by its end)."""
        stdout, stderr = self.done.stdout, self.done.stderr
        if self.crashed:
            where = stderr if TRACEBACK in stderr else stdout
            shown_error = _("the end of a Python traceback:\n%(lines)s") % {
                "lines": traceback_end(where)
            }
            if where is stdout:
                stdout = shown_error
            else:
                stderr = shown_error
        else:
            stdout, stderr = shorten(stdout), tail(stderr.strip())
            self.done.is_shown = (stdout, stderr) == (self.done.stdout, self.done.stderr.strip())
        return _("exit status %(code)s\nstdout: %(stdout)s\nstderr: %(stderr)s") % {
            "code": self.done.returncode,
            "stdout": stdout or _("(nothing)"),
            "stderr": stderr or _("(nothing)"),
        }

    def fail(
        self,
        message: str,
        *,
        expected: str,
        hint: str | None = None,
        crash_hint: str | None = None,
    ) -> CheckFailed:
        """The failure of this run; when it crashed, the crash is the failure, whatever
        the stage found wrong (`crash_hint` says how to avoid it at this point)."""
        if self.crashed:
            return self.crash(expected=expected, hint=crash_hint)
        return CheckFailed(
            message, request=self.request, expected=expected, actual=self.outcome(), hint=hint
        )

    def crash(self, *, expected: str, hint: str | None = None) -> CheckFailed:
        advice: list[str] = [
            _(
                "The last line of the traceback says what went wrong, the lines above it "
                "where in your program."
            )
        ]
        error = traceback_end(self.done.stderr + self.done.stdout).rsplit("\n", 1)[-1]
        if error.startswith("UnicodeEncodeError"):
            advice.append(
                _(
                    "Your program printed in the system's encoding, not UTF-8: call "
                    'sys.stdout.reconfigure(encoding="utf-8", newline="\\n") and '
                    'sys.stderr.reconfigure(encoding="utf-8") before printing.'
                )
            )
        elif error.startswith("UnicodeDecodeError"):
            advice.append(
                _(
                    "An input was read in an encoding that is not UTF-8, or is not UTF-8 "
                    'text: open files with encoding="utf-8", call sys.stdin.reconfigure('
                    'encoding="utf-8", newline="\\n"), and catch UnicodeDecodeError where you '
                    "read an input (an error with exit status 1)."
                )
            )
        if hint:
            advice.append(hint)
        return CheckFailed(
            _("your program crashed with a Python traceback"),
            request=self.request,
            expected=expected,
            actual=self.outcome(),
            hint=joined(" ", advice),
        )

    def expect_no_traceback(self, *, expected: str, hint: str | None = None) -> None:
        if self.crashed:
            raise self.crash(expected=expected, hint=hint)

    def expect_success(self) -> None:
        """Exit status 0, no traceback, and UTF-8 output."""
        self.expect_no_traceback(expected=_("exit status 0 and the output the spec asks for"))
        if self.done.returncode != 0:
            raise self.fail(
                _("the program ended with exit status %(code)s instead of 0")
                % {"code": self.done.returncode},
                expected=_("exit status 0"),
                hint=_("A command that did its work ends with exit status 0."),
            )
        if REPLACEMENT in self.done.stdout:
            raise self.fail(
                _("the output is not UTF-8 text (what is not UTF-8 is shown as �)"),
                expected=_("UTF-8 text on stdout"),
                hint=_(
                    "Print UTF-8 whatever the system's locale: call sys.stdout.reconfigure("
                    'encoding="utf-8", newline="\\n") before printing (and the same for '
                    "sys.stdin, to read UTF-8)."
                ),
            )

    def expect_output(self, expected: str, message: str, hint: str) -> None:
        """Exit status 0 and exactly `expected` on stdout; a failure points at the first
        difference, shown so that spaces, tabs and line breaks can be seen."""
        self.expect_success()
        if self.done.stdout != expected:
            raise self.fail(
                message + " — " + first_difference(expected, self.done.stdout),
                expected=shorten(expected) or _("(nothing)"),
                hint=hint,
            )


def run_program(
    ctx: Context,
    args: list[str],
    *,
    files: tuple | list = (),
    stdin: str | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """Run the program with `args`; `files` are the (path, text) pairs it is given, shown
    in messages with the standard input and the environment it was given."""
    done = ctx.run(args, input="" if stdin is None else stdin, env=env)
    shown = [f"$ {done.command}"]
    for path, text in files:
        shown.append(_("contents of %(path)s:") % {"path": path} + " " + literal(text))
    if stdin:
        shown.append(_("standard input:") + " " + literal(stdin))
    return Run(done, joined("\n", shown))


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


def first_difference(expected: str, actual: str) -> str:
    """Where `actual` first differs from `expected`, with a little text around it on each
    side, as JSON strings, so that a tab, a "\\r" or a missing line break can be seen."""
    at = next(
        (i for i, (want, got) in enumerate(zip(expected, actual, strict=False)) if want != got),
        min(len(expected), len(actual)),
    )
    line = expected.count("\n", 0, at) + 1
    column = at - (expected.rfind("\n", 0, at) + 1) + 1
    start = max(0, at - AROUND_CHARS)

    def around(text: str) -> str:
        part = json.dumps(text[start : at + AROUND_CHARS], ensure_ascii=False)
        shown = ("…" if start else "") + part
        return shown + ("…" if at + AROUND_CHARS < len(text) else " " + _("(the end)"))

    return _(
        "the first difference is at line %(line)s, character %(column)s: expected %(expected)s, "
        "got %(actual)s"
    ) % {"line": line, "column": column, "expected": around(expected), "actual": around(actual)}
