"""Where a request comes from: the visitor's address."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings


def client_address(meta: Mapping[str, str]) -> str | None:
    """The visitor's address: behind a trusted reverse proxy (SKILLPATH_BEHIND_PROXY), the
    last X-Forwarded-For entry — the one our proxy added; earlier entries are the client's
    own claims — else REMOTE_ADDR."""
    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_PROXY and forwarded:
        return forwarded.split(",")[-1].strip() or None
    return meta.get("REMOTE_ADDR") or None
