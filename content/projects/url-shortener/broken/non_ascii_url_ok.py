"""Broken: a URL with letters that are not ASCII (https://example.com/кот, not
percent-encoded) is accepted; only spaces are refused.

Fails the stage `invalid-url`.
"""

import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app


def is_valid_url(url: str) -> bool:
    if len(url) > app.MAX_URL_LENGTH or any(char.isspace() for char in url):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


app.is_valid_url = is_valid_url

if __name__ == "__main__":
    app.main()
