"""System checks of our own settings (`manage.py check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

# deploy/server.env marks what every server must change with this word.
PLACEHOLDER = "CHANGE-ME"


@register(Tags.security, deploy=True)
def example_values_are_replaced(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The server profile's example secret key or database password is not in use."""
    found = []
    if PLACEHOLDER in settings.SECRET_KEY:
        found.append("SKILLPATH_SECRET_KEY")
    if any(PLACEHOLDER in str(db.get("PASSWORD", "")) for db in settings.DATABASES.values()):
        found.append("DATABASE_URL")
    return [
        Error(
            f"{name} still holds the example value of deploy/server.env.",
            hint="Set it to this server's own value.",
            id="skillpath.E002",
        )
        for name in found
    ]
