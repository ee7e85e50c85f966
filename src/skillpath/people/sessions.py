"""Signed-in sessions: Django's database sessions, each row knowing its user, and the rule
of how long one lives (OWASP ASVS L2, V3.3).

A session ends after `SKILLPATH_SESSION_IDLE_SECONDS` without a request (its row's expiry,
pushed forward as the user works) and `SKILLPATH_SESSION_MAX_SECONDS` after signing in,
however active (the sign-in time kept in the session). The session engine is this module
(`SESSION_ENGINE`); `people.session_middleware` applies the rule on every request.
"""

from __future__ import annotations

import enum
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import cached_db, db
from django.core.cache import caches
from django.utils.crypto import salted_hmac

# What the session remembers of its sign-in, set when the user signs in (people.signals).
SIGNED_IN_AT = "_sp_signed_in_at"  # Unix time of the sign-in
SEEN_AT = "_sp_seen_at"  # Unix time of the last request that pushed the expiry forward
AGENT = "_sp_agent"  # the browser's User-Agent, cut short
ADDRESS = "_sp_address"  # the address it signed in from
AGENT_LENGTH = 200
# Saving the session on every request would be a database write per page; once a minute
# keeps the idle timeout exact to a minute.
TOUCH_SECONDS = 60


class Lifetime(enum.Enum):
    FRESH = "fresh"  # nothing to do
    TOUCH = "touch"  # save it, so that its idle expiry moves forward
    OVER = "over"  # past its absolute lifetime (or never stamped): sign out


def lifetime(*, data: dict[str, Any], now: float, max_seconds: int) -> Lifetime:
    """What a signed-in session needs now. The idle timeout is the database's (an idle
    session is not even loaded); this decides the absolute one and when to touch."""
    signed_in_at = data.get(SIGNED_IN_AT)
    # A signed-in session without the stamp predates this rule: it has no known age.
    if not isinstance(signed_in_at, int | float) or now - signed_in_at >= max_seconds:
        return Lifetime.OVER
    seen_at = data.get(SEEN_AT)
    if not isinstance(seen_at, int | float) or now - seen_at >= TOUCH_SECONDS:
        return Lifetime.TOUCH
    return Lifetime.FRESH


def public_id(session_key: str) -> str:
    """An id for a session that may be shown and posted back: the key itself never leaves
    the cookie (knowing it is being signed in)."""
    return salted_hmac("skillpath.people.session", session_key).hexdigest()[:32]


class _UserRows:
    """Session rows in `people.Session`, each with its user."""

    @classmethod
    def get_model_class(cls) -> Any:
        from skillpath.people.models import Session

        return Session

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        instance = super().create_model_instance(data)  # type: ignore[misc]
        user_id = data.get(SESSION_KEY)
        instance.user_id = int(user_id) if user_id is not None else None
        return instance


class SessionStore(_UserRows, db.SessionStore):
    """Django's database session store, writing `people.Session` with its user. With Redis,
    `CachedSessionStore` below is the engine instead (`people.cached_sessions`)."""


class CachedSessionStore(_UserRows, cached_db.SessionStore):
    """Django's `cached_db` store over the same rows: read from the cache first, written to
    both. A cache that is down only costs the database query it saves."""


def forget_cached(session_keys: list[str]) -> None:
    """Drop these sessions' cached copies, after their rows were deleted: with `cached_db`
    an ended session would otherwise still be read from the cache until it expired there."""
    if settings.SESSION_ENGINE.endswith("cached_sessions") and session_keys:
        cache = caches[settings.SESSION_CACHE_ALIAS]
        cache.delete_many([cached_db.KEY_PREFIX + key for key in session_keys])


def store_class() -> type[db.SessionStore]:
    """The session store of the engine in use."""
    from importlib import import_module

    return import_module(settings.SESSION_ENGINE).SessionStore  # type: ignore[no-any-return]
