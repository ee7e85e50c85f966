"""Broken: a request for an expired link is answered 410, but counted as a click all the
same, so the stats of an expired link keep growing.

Fails the stage `expiry`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app

follow = app.follow


def follow_counting_expired(code: str, request: app.Request):
    response = follow(code, request)
    if response.status_code == 410:
        request.app.state.store.click(code)
    return response


# Swap the route GET /{code} for one that counts expired links too.
app.app.router.routes = [
    route for route in app.app.router.routes if getattr(route, "path", None) != "/{code}"
]
app.app.get("/{code}")(follow_counting_expired)

if __name__ == "__main__":
    app.main()
