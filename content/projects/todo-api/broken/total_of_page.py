"""Broken: "total" in a page of tasks counts only the tasks on that page."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app as todo

select_tasks = todo.select_tasks


def select_page(db, *, done, limit, offset):
    _total, rows = select_tasks(db, done=done, limit=limit, offset=offset)
    return len(rows), rows


todo.select_tasks = select_page


if __name__ == "__main__":
    todo.main()
