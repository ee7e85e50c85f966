"""Broken: page has no upper limit, so page=1000000001 answers 200 with an empty page
instead of 400 (and a bigger one would overflow SQLite's integers: a 500)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog

page_arg = blog.page_arg


def page_arg_unbounded(name, default, highest):
    return page_arg(name, default, highest=10**18 if name == "page" else highest)


blog.page_arg = page_arg_unbounded

if __name__ == "__main__":
    blog.main()
