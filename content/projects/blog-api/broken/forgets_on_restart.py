"""Broken: the database is deleted at every start, so no post survives a restart (as if the
data were kept in memory)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog

if __name__ == "__main__":
    blog.DB_PATH.unlink(missing_ok=True)
    blog.main()
