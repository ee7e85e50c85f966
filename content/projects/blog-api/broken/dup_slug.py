"""Broken: slugs are not made unique: a second post with the same title gets the same slug,
which the UNIQUE constraint refuses (409) instead of giving it "-2"."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog

blog.unique_slug = lambda conn, title: blog.slugify(title)

if __name__ == "__main__":
    blog.main()
