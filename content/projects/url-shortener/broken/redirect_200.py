"""Broken: a short link answers 200 with the URL in a JSON body instead of redirecting,
so a browser shows the JSON and never goes to the long URL.

Fails the stage `redirect`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app


def follow_without_redirect(code: str, request: app.Request):
    response = app.follow(code, request)
    if response.status_code == 302:
        return {"url": response.headers["location"]}
    return response


# Swap the route GET /{code} for one that answers 200.
app.app.router.routes = [
    route for route in app.app.router.routes if getattr(route, "path", None) != "/{code}"
]
app.app.get("/{code}")(follow_without_redirect)

if __name__ == "__main__":
    app.main()
