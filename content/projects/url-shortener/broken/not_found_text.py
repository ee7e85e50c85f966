"""Broken: an unknown code is answered 404 with the plain text "Not Found" instead of a
JSON error.

Fails the stage `not-found`.
"""

import sys
from pathlib import Path

from fastapi.responses import PlainTextResponse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app

error = app.error


def plain_not_found(status: int, message: str, field: str | None = None):
    if status == 404:
        return PlainTextResponse("Not Found", status_code=404)
    return error(status, message, field)


app.error = plain_not_found

if __name__ == "__main__":
    app.main()
