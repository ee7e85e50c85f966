"""Broken: links are kept in an in-memory SQLite database instead of a file under
DATA_DIR, so a restart loses every link.

Fails the stage `restart`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app

app.database_path = lambda: ":memory:"

if __name__ == "__main__":
    app.main()
