"""Broken: text fields are only checked to be strings, so a title of only spaces (or an
empty one) is accepted with 201 instead of 400."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog

blog.is_text = lambda value: isinstance(value, str)

if __name__ == "__main__":
    blog.main()
