"""Broken: slow under load. No cache: every redirect opens its own SQLite connection,
reads the link, and writes its click at once in a transaction of its own, so each redirect
waits for the disk and the redirects queue up behind each other's writes.

Every functional stage passes; the load stage fails.
"""

import sqlite3
import sys
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app


def find_in_database(self, code):
    with closing(sqlite3.connect(self.path)) as db:
        row = db.execute(
            "SELECT code, url, created_at, expires_at FROM links WHERE code = ?", (code,)
        ).fetchone()
    return None if row is None else app.Link(*row)


def click_in_database(self, code):
    with closing(sqlite3.connect(self.path)) as db, db:
        db.execute("UPDATE links SET clicks = clicks + 1 WHERE code = ?", (code,))


app.LinkStore.find = find_in_database
app.LinkStore.click = click_in_database

if __name__ == "__main__":
    app.main()
