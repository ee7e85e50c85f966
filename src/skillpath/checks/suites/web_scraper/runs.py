"""How the web-scraper suite tells a learner why a run of their scraper did not end as the
spec asks: the command could not be run at all, it crashed with a Python traceback (the
end of it shown once, whole lines), or it ended with another exit status."""

from __future__ import annotations

from skillpath.checks.context import Completed
from skillpath.checks.expect import CheckFailed
from skillpath.checks.i18n import gettext as _
from skillpath.checks.programs import TRACEBACK, crashed, tail, traceback_end

# Exit statuses of a shell that could not run the command: not executable, not found.
NOT_RUN_CODES = (126, 127)
# What Python prints (with exit status 2) when the script given to it does not exist.
NO_SCRIPT = "can't open file"
# The errors of one request: a traceback that ends with one of them was not caught.
NETWORK_ERRORS = (
    "HTTPError",
    "URLError",
    "TimeoutError",
    "timeout",
    "ConnectionError",
    "ConnectionResetError",
    "ConnectionRefusedError",
    "RemoteDisconnected",
    "IncompleteRead",
    "HTTPStatusError",
    "ConnectError",
    "ReadTimeout",
    "RemoteProtocolError",
)


def could_not_run(done: Completed) -> bool:
    return done.returncode in NOT_RUN_CODES or (
        done.returncode == 2 and NO_SCRIPT in done.stderr and TRACEBACK not in done.stderr
    )


def run_failure(
    done: Completed, *, expected: str, exit_hint: str, crash_hint: str | None = None
) -> CheckFailed:
    """Why a run that should have ended otherwise did not: the command could not be run,
    the program crashed (`crash_hint`: how to avoid it at this point), or it ended with an
    exit status the spec does not give here (`exit_hint` says what the spec asks)."""
    if could_not_run(done):
        return CheckFailed(
            _("the command could not be run (exit status %(code)s)") % {"code": done.returncode},
            expected=expected,
            actual=tail((done.stderr or done.stdout).strip()) or _("(no output)"),
            hint=_(
                "Check the command you gave to --cmd: run it yourself in this folder, with a "
                "URL after it. The path to your script is relative to the folder you ran "
                "skillpath check in."
            ),
        )
    if crashed(done):
        where = done.stderr if TRACEBACK in done.stderr else done.stdout
        end = traceback_end(where)
        last = end.rsplit("\n", 1)[-1]
        advice = _(
            "The last line of the traceback says what went wrong, the lines above it where "
            "in your program."
        )
        if any(name in last.split(":", 1)[0] for name in NETWORK_ERRORS):
            advice += " " + _(
                "It is the error of one request: catch it where you make the request "
                "(urllib.error.HTTPError, urllib.error.URLError, TimeoutError, "
                'ConnectionError), put the URL in "errors" and go on with the rest.'
            )
        if crash_hint:
            advice += " " + crash_hint
        return CheckFailed(
            _("your scraper crashed with a Python traceback (exit status %(code)s)")
            % {"code": done.returncode},
            expected=expected,
            actual=_("the end of the traceback:\n%(lines)s") % {"lines": end},
            hint=advice,
        )
    return CheckFailed(
        _("your scraper ended with exit status %(code)s") % {"code": done.returncode},
        expected=expected,
        actual=tail((done.stderr or done.stdout).strip()) or _("(no output)"),
        hint=exit_hint,
    )
