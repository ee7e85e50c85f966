"""How a learner calls the `skillpath` command on this machine, for the commands the
pages and a failed run print: they must work when pasted into a terminal.

A failed run prints `skillpath_command()`, for the terminal it ran in. The pages show
`page_command()`: the learner pastes it into a terminal in any folder (their program's,
for `--cmd`), so it is the whole path when `skillpath` is not on the PATH."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def skillpath_command() -> str:
    """`skillpath` when it is on the PATH; else the one installed beside this Python (the
    `.venv/bin/skillpath` of a source checkout after `make run`), relative to the current
    directory when it is inside it, as README's commands write it."""
    if shutil.which("skillpath"):
        return "skillpath"
    installed = Path(sys.executable).parent / "skillpath"
    if not installed.is_file():
        return "skillpath"
    try:
        return str(installed.relative_to(Path.cwd()))
    except ValueError:
        return str(installed)


def page_command() -> str:
    """The `skillpath` the pages show (README, "The command line"): the name when it is on
    the server's PATH, or on a server (local mode off), whose learners run their own copy;
    else, in local mode, the whole path of the one beside the server's Python
    (`/…/skillpath/.venv/bin/skillpath` after `make run`)."""
    from django.conf import settings

    if not settings.LOCAL_MODE or shutil.which("skillpath"):
        return "skillpath"
    installed = Path(sys.executable).parent / "skillpath"
    return str(installed) if installed.is_file() else "skillpath"
