"""Running the learner's task-cli program on a tasks file and judging a run: its exit code,
its stdout lines, an error the way the spec says (exit code and "error:" on stderr, no crash),
and how a finished run is shown in a message.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from skillpath.checks.context import Completed, Context
from skillpath.checks.expect import SHOWN_CHARS, CheckFailed, expect, shorten


def data_file(ctx: Context, stage: str) -> Path:
    """A tasks file of this stage's own, which does not exist yet."""
    return ctx.tmp / f"{stage}-tasks.json"


def run(ctx: Context, path: Path, *args: str) -> Completed:
    return ctx.run(["--file", str(path), *args])


def output_lines(text: str) -> list[str]:
    """The lines a program printed, without trailing spaces and trailing empty lines."""
    return [line.rstrip() for line in text.rstrip().splitlines()]


def shown(done: Completed) -> str:
    """How a finished run is shown in a message: exit code, stdout and stderr."""
    return _("exit code %(code)s\nstdout: %(stdout)s\nstderr: %(stderr)s") % {
        "code": done.returncode,
        "stdout": shorten(done.stdout.strip()) or _("(empty)"),
        "stderr": tail(done.stderr.strip()) or _("(empty)"),
    }


def tail(text: str) -> str:
    """The end of a long text: the last line of a traceback says what went wrong."""
    return text if len(text) <= SHOWN_CHARS else "…" + text[-SHOWN_CHARS:]


def expect_success(done: Completed, message: str, *, hint: str | None = None) -> None:
    expect(
        done.returncode == 0,
        message,
        request=f"$ {done.command}",
        expected=_("exit code 0"),
        actual=shown(done),
        hint=hint or _("A command that worked exits with code 0; its stderr may say what failed."),
    )


def expect_lines(
    done: Completed, lines: list[str], message: str, *, hint: str | None = None
) -> None:
    expect(
        output_lines(done.stdout) == lines,
        message,
        request=f"$ {done.command}",
        expected=_("stdout:\n%(lines)s") % {"lines": "\n".join(lines)},
        actual=_("stdout:\n%(stdout)s") % {"stdout": shorten(done.stdout.rstrip())},
        hint=hint,
    )


def expect_error(done: Completed, code: int, message: str, *, hint: str) -> None:
    """The run failed the way the spec says: exit `code` and "error:" on stderr, no crash."""
    crashed = "Traceback (most recent call last)" in done.stderr
    if not crashed and done.returncode == code and "error:" in done.stderr:
        return
    if crashed:
        message = _("%(message)s — but your program crashed with a Python traceback") % {
            "message": message
        }
        hint = _("Catch the problem and print a clear error instead of crashing.") + " " + hint
    raise CheckFailed(
        message,
        request=f"$ {done.command}",
        expected=_('exit code %(code)s and a message with "error:" on stderr') % {"code": code},
        actual=shown(done),
        hint=hint,
    )


def add(ctx: Context, path: Path, title: str, *options: str) -> Completed:
    done = run(ctx, path, "add", title, *options)
    expect_success(done, _("add must add the task"))
    return done
