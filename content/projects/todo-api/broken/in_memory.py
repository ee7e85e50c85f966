"""Broken: tasks live in an in-memory SQLite database, so a restart forgets them all."""

import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app as todo

MEMORY = "file:todo-api?mode=memory&cache=shared"
# An in-memory database lives as long as one connection to it is open.
keeper = sqlite3.connect(MEMORY, uri=True, check_same_thread=False)


def connect() -> sqlite3.Connection:
    db = sqlite3.connect(MEMORY, uri=True)
    db.row_factory = sqlite3.Row
    return db


todo.connect = connect


if __name__ == "__main__":
    todo.main()
