"""Broken: "expires_in" is an ordinary Pydantic int, which turns true, "3600" and 1.0 into
numbers, so true is accepted as one second.

Fails the stage `invalid-fields`.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reference import app


class LaxNewLink(app.BaseModel):
    url: str
    code: str | None = None
    expires_in: int | None = None


# The route's body model is read when the route is added: add it again with the lax model.
app.NewLink = LaxNewLink
app.create_link.__annotations__["new"] = LaxNewLink
app.app.router.routes = [
    route for route in app.app.router.routes if getattr(route, "path", None) != "/links"
]
app.app.post("/links", status_code=201)(app.create_link)

if __name__ == "__main__":
    app.main()
