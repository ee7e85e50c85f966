"""Broken: ids are INTEGER PRIMARY KEY without AUTOINCREMENT, so SQLite gives the id of
the last task again once that task is deleted."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app as todo

todo.SCHEMA = todo.SCHEMA.replace("AUTOINCREMENT", "")

if __name__ == "__main__":
    todo.main()
