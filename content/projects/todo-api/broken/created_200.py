"""Broken: POST /tasks answers 200 OK instead of 201 Created."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app as todo


@todo.app.after_request
def created_as_ok(response):
    if response.status_code == 201:
        response.status_code = 200
    return response


if __name__ == "__main__":
    todo.main()
