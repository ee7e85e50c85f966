"""Broken: answers are JSON text sent as Content-Type: text/html (as a string made by
json.dumps would be), not application/json."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app as todo


@todo.app.after_request
def as_html(response):
    if response.is_json:
        response.content_type = "text/html; charset=utf-8"
    return response


if __name__ == "__main__":
    todo.main()
