"""Running the learner's task-cli program on a tasks file and judging a run: its exit code,
its stdout lines, an error the way the spec says (exit code and "error:" on stderr, no crash),
and how a finished run and a changed file are shown in a message.

Every judgement says the same about a crash: when stderr holds a Python traceback, the
failure says so and shows the end of the traceback, once.
"""

from __future__ import annotations

from pathlib import Path

from skillpath.checks.context import Completed, Context
from skillpath.checks.expect import CheckFailed, shorten
from skillpath.checks.i18n import gettext as _
from skillpath.checks.programs import crashed, tail, traceback_end

# Bytes shown on each side of the first difference between two versions of a file.
AROUND_BYTES = 24


def data_file(ctx: Context, stage: str) -> Path:
    """A tasks file of this stage's own, which does not exist yet."""
    return ctx.tmp / f"{stage}-tasks.json"


def run(ctx: Context, path: Path, *args: str) -> Completed:
    return ctx.run(["--file", str(path), *args])


def file_bytes(path: Path) -> bytes | None:
    """The file's content; None when the program removed it, moved it or made it unreadable."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def stored_bytes(path: Path, done: Completed) -> bytes:
    """The file the run `done` left behind; a failure when it is not there."""
    data = file_bytes(path)
    if data is None:
        raise CheckFailed(
            _("after this run, the tasks file given with --file does not exist"),
            request=f"$ {done.command}",
            expected=_("the file %(path)s") % {"path": path},
            actual=_("no such file"),
            hint=_("Keep the tasks in the file named by --file: write it back, never remove it."),
        )
    return data


def write_file(path: Path, data: bytes) -> None:
    """Write the tasks file as a stage needs it; a failure when the program left it so that
    it cannot be written (a directory, no permission)."""
    try:
        path.write_bytes(data)
    except OSError as error:
        raise CheckFailed(
            _("the checker could not write the tasks file %(path)s") % {"path": path},
            actual=f"{type(error).__name__}: {error.strerror or error}",
            hint=_("Leave the tasks file a plain file that its user can write."),
        ) from None


def output_lines(text: str) -> list[str]:
    """The lines a program printed, without trailing spaces and trailing empty lines."""
    return [line.rstrip() for line in text.rstrip().splitlines()]


def shown(done: Completed) -> str:
    """How a finished run is shown in a message: exit code, stdout and stderr."""
    stderr: str
    if crashed(done):
        stderr = _("the end of a Python traceback:\n%(lines)s") % {
            "lines": traceback_end(done.stderr + "\n" + done.stdout)
        }
    else:
        stderr = tail(done.stderr.strip()) or _("(empty)")
        # Both streams shown whole: the stage's output need not repeat them.
        done.is_shown = (shorten(done.stdout.strip()), tail(done.stderr.strip())) == (
            done.stdout.strip(),
            done.stderr.strip(),
        )
    return _("exit code %(code)s\nstdout: %(stdout)s\nstderr: %(stderr)s") % {
        "code": done.returncode,
        "stdout": shorten(done.stdout.strip()) or _("(empty)"),
        "stderr": stderr,
    }


def crash(
    done: Completed,
    message: str,
    *,
    expected: str,
    hint: str | None = None,
    request: str | None = None,
) -> CheckFailed:
    """The failure for a run that died with a Python traceback."""
    advice = _(
        "Catch the problem and print a clear error instead of crashing; the last line of "
        "the traceback says what went wrong, the lines above it where."
    )
    return CheckFailed(
        _("%(message)s — but your program crashed with a Python traceback") % {"message": message},
        request=request or f"$ {done.command}",
        expected=expected,
        actual=shown(done),
        hint=advice + " " + hint if hint else advice,
    )


def expect_success(
    done: Completed, message: str, *, hint: str | None = None, request: str | None = None
) -> None:
    if done.returncode == 0:
        return
    if crashed(done):
        raise crash(done, message, expected=_("exit code 0"), hint=hint, request=request)
    raise CheckFailed(
        message,
        request=request or f"$ {done.command}",
        expected=_("exit code 0"),
        actual=shown(done),
        hint=hint or _("A command that worked exits with code 0; its stderr may say what failed."),
    )


def in_order_within(lines: list[str], printed: list[str]) -> bool:
    """Whether `lines` all appear in `printed`, in the same order, with others between."""
    rest = iter(printed)
    return all(any(line == other for other in rest) for line in lines)


def expect_lines(
    done: Completed,
    lines: list[str],
    message: str,
    *,
    hint: str | None = None,
    request: str | None = None,
) -> None:
    printed = output_lines(done.stdout)
    if printed == lines:
        return
    expected = _("stdout:\n%(lines)s") % {"lines": "\n".join(lines)}
    if crashed(done):
        raise crash(done, message, expected=expected, hint=hint, request=request)
    if done.returncode != 0:
        actual = shown(done)
    else:
        actual = _("stdout:\n%(stdout)s") % {"stdout": shorten(done.stdout.rstrip())}
    if len(printed) > len(lines) and in_order_within(lines, printed):
        extra = next(line for index, line in enumerate(printed) if line != ([*lines, None])[index])
        message = _("%(message)s, and nothing else on stdout") % {"message": message}
        hint = _(
            "Your program printed a line the spec does not ask for (%(line)s): print only the "
            "lines the spec shows on stdout; a note for yourself goes to stderr, or nowhere."
        ) % {"line": repr(extra)}
    raise CheckFailed(
        message, request=request or f"$ {done.command}", expected=expected, actual=actual, hint=hint
    )


def expect_error(
    done: Completed, code: int, message: str, *, hint: str, request: str | None = None
) -> None:
    """The run failed the way the spec says: exit `code` and "error:" on stderr, no crash."""
    if not crashed(done) and done.returncode == code and "error:" in done.stderr:
        return
    expected = _('exit code %(code)s and a message with "error:" on stderr') % {"code": code}
    if crashed(done):
        raise crash(
            done,
            message,
            expected=_('exit code %(code)s and a message with "error:" on stderr, no traceback')
            % {"code": code},
            hint=hint,
            request=request,
        )
    if done.returncode == code and "error:" in done.stdout:
        message = _(
            "%(message)s — it exited with code %(code)s, but printed its error message on "
            "stdout: error messages go to stderr"
        ) % {"message": message, "code": code}
        hint = _(
            "Print errors with print(..., file=sys.stderr): stdout is for results only, so a "
            "script reading it never takes an error for a result."
        )
    raise CheckFailed(
        message,
        request=request or f"$ {done.command}",
        expected=expected,
        actual=shown(done),
        hint=hint,
    )


def first_difference(before: bytes, after: bytes) -> tuple[int, str, str]:
    """Where two versions of a file first differ, and each one's bytes around that place
    as repr() shows them, so that a change of whitespace or line ends is visible."""
    offset = next(
        (index for index, (old, new) in enumerate(zip(before, after, strict=False)) if old != new),
        min(len(before), len(after)),
    )
    start = max(0, offset - AROUND_BYTES)
    end = offset + AROUND_BYTES

    def around(data: bytes) -> str:
        return _("%(size)s bytes, and from byte %(start)s on: %(bytes)s") % {
            "size": len(data),
            "start": start,
            "bytes": repr(data[start:end]),
        }

    return offset, around(before), around(after)


def expect_unchanged(
    path: Path,
    before: bytes,
    *,
    changed: str,
    gone: str,
    hint: str,
    request: str,
) -> None:
    """The file is still there, byte for byte as `before`."""
    after = file_bytes(path)
    if after == before:
        return
    if after is None:
        raise CheckFailed(
            gone,
            request=request,
            expected=_("the file %(path)s, byte for byte as it was (%(size)s bytes)")
            % {"path": path, "size": len(before)},
            actual=_("no such file"),
            hint=hint,
        )
    offset, expected, actual = first_difference(before, after)
    raise CheckFailed(
        _("%(message)s (the first difference is at byte %(offset)s)")
        % {"message": changed, "offset": offset},
        request=request,
        expected=expected,
        actual=actual,
        hint=hint,
    )


def add(ctx: Context, path: Path, title: str, *options: str) -> Completed:
    done = run(ctx, path, "add", title, *options)
    expect_success(done, _("add must add the task"))
    return done
