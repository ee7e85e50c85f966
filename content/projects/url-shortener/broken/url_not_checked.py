"""Broken: the URL is only checked for being non-empty, so "not a url", ftp:// and
javascript: links are shortened too.

Fails the stage `invalid-url`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app

app.is_valid_url = lambda url: url != ""

if __name__ == "__main__":
    app.main()
