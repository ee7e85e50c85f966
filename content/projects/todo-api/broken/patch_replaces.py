"""Broken: PATCH works like PUT — every field it does not send goes back to its default."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app as todo

check_task = todo.check_task
DEFAULTS = {"description": "", "done": False, "due_on": None}
todo.check_task = lambda data, *, partial: check_task({**DEFAULTS, **data}, partial=partial)


if __name__ == "__main__":
    todo.main()
