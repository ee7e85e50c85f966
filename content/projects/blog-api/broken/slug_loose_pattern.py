"""Broken: a chosen slug is checked only to start with a letter or digit, so "hello-" and
"hello--world" are accepted (201) instead of refused with 400."""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reference import app as blog

blog.SLUG_RE = re.compile(r"[a-z0-9][a-z0-9-]*")

if __name__ == "__main__":
    blog.main()
