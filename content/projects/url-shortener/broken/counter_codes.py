"""Broken: generated codes come from a counter (c000001, c000002, ...), not at random, so
anyone can guess the other links.

Fails the stage `create`.
"""

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app

counter = itertools.count(1)
app.generate_code = lambda: f"c{next(counter):06d}"

if __name__ == "__main__":
    app.main()
