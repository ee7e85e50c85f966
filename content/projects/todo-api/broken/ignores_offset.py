"""Broken: pagination ignores offset — every page starts at the first task."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app as todo

select_tasks = todo.select_tasks
todo.select_tasks = lambda db, *, done, limit, offset: select_tasks(
    db, done=done, limit=limit, offset=0
)


if __name__ == "__main__":
    todo.main()
