"""Broken: --due is stored as typed, never checked, so "2026-02-30" or "tomorrow" end up
in the file as due dates."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import tasks

tasks.due_date = str

if __name__ == "__main__":
    sys.exit(tasks.main())
