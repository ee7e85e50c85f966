"""Broken: an id larger than SQLite can keep goes to the database, which fails on it: 500
instead of 404."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app as todo

todo.find_task = lambda db, task_id: db.execute(
    "SELECT * FROM tasks WHERE id = ?", (task_id,)
).fetchone()

if __name__ == "__main__":
    todo.main()
