"""Broken: the ?done= filter of GET /tasks is ignored — every task is listed and counted."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app as todo

select_tasks = todo.select_tasks
todo.select_tasks = lambda db, *, done, limit, offset: select_tasks(
    db, done=None, limit=limit, offset=offset
)


if __name__ == "__main__":
    todo.main()
