"""Broken: the posts table has no AUTOINCREMENT, so SQLite gives the id of the newest post
again once that post is deleted: ids are reused."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog

blog.SCHEMA = blog.SCHEMA.replace("INTEGER PRIMARY KEY AUTOINCREMENT,", "INTEGER PRIMARY KEY,", 1)

if __name__ == "__main__":
    blog.main()
