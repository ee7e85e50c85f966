"""Broken: the database is kept in a folder next to DATA_DIR, not under it (the tasks still
survive a restart)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app as todo

ELSEWHERE = Path(os.environ.get("DATA_DIR", ".")).resolve().parent / "elsewhere"
ELSEWHERE.mkdir(exist_ok=True)
os.environ["DATA_DIR"] = str(ELSEWHERE)

if __name__ == "__main__":
    todo.main()
