"""How a learner calls the `skillpath` command on this machine, for the commands the check
pages and a failed run print: they must work when pasted into a terminal."""

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
