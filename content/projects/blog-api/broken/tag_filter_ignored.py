"""Broken: ?tag= is ignored: GET /posts?tag=x lists every post, tagged x or not."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog

blog.tag_condition = lambda tag: ("1 = 1", [])

if __name__ == "__main__":
    blog.main()
