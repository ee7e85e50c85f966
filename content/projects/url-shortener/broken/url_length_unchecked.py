"""Broken: URLs of any length are accepted, although the spec allows at most 2048
characters.

Fails the stage `invalid-url`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app

app.MAX_URL_LENGTH = 1_000_000

if __name__ == "__main__":
    app.main()
