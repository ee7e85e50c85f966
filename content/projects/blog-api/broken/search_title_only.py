"""Broken: ?q= searches the titles only, not the bodies of posts."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog

blog.search_condition = lambda q: ("instr(lower(title), lower(?)) > 0", [q])

if __name__ == "__main__":
    blog.main()
