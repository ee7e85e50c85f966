"""System checks of the operations settings (`manage.py check`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from skillpath.ops.access import parse_network


@register()
def metrics_allow_list_is_valid(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Every entry of SKILLPATH_METRICS_ALLOW is an IP address or a CIDR range."""
    wrong = [e for e in settings.SKILLPATH_METRICS_ALLOW if parse_network(e) is None]
    return [
        Error(
            f"SKILLPATH_METRICS_ALLOW: {entry!r} is neither an IP address nor a CIDR range.",
            hint="Write addresses or ranges such as 10.0.0.0/8, comma-separated.",
            id="skillpath.E003",
        )
        for entry in wrong
    ]
