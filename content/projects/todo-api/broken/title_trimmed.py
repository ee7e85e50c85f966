"""Broken: the title is stored with the spaces around it trimmed, not exactly as sent."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app as todo

check_title = todo.check_title
todo.check_title = lambda title: check_title(title).strip()

if __name__ == "__main__":
    todo.main()
