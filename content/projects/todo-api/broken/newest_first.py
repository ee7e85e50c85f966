"""Broken: each page of GET /tasks lists its tasks newest first instead of in id order."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app as todo

select_tasks = todo.select_tasks


def select_newest_first(db, *, done, limit, offset):
    total, rows = select_tasks(db, done=done, limit=limit, offset=offset)
    return total, rows[::-1]


todo.select_tasks = select_newest_first


if __name__ == "__main__":
    todo.main()
