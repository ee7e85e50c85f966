"""Broken: ?q= is case-sensitive: "RIVER" does not find a post about a "river"."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog

blog.search_condition = lambda q: ("(instr(title, ?) > 0 OR instr(body, ?) > 0)", [q, q])

if __name__ == "__main__":
    blog.main()
