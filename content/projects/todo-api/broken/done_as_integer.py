"""Broken: "done" is answered as SQLite stores it, 0 or 1, not as false or true."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app as todo

task_json = todo.task_json
todo.task_json = lambda row: {**task_json(row), "done": row["done"]}


if __name__ == "__main__":
    todo.main()
