"""Login throttling: after `MAX_FAILURES` failed sign-ins for one username, or from one
address, within `WINDOW_SECONDS`, refuse further attempts for `LOCKOUT_SECONDS`.

State lives in Django's cache (local memory on a laptop, Redis on servers, so every web
process of a server sees the same counts). Each key keeps the times of its recent
failures, which makes the window a sliding one. A read-modify-write race between two
processes can lose one failure at most; a throttle does not need to be exact.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.core.cache import cache

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60
LOCKOUT_SECONDS = 15 * 60
_PREFIX = "skillpath:login"


def _subjects(username: str, ip: str | None) -> list[str]:
    # Usernames are hashed: cache keys must be short and free of odd characters.
    name = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    subjects = [f"user:{name}"]
    if ip:
        subjects.append(f"ip:{ip}")
    return subjects


def _now(now: float | None) -> float:
    return time.time() if now is None else now


def seconds_locked(*, username: str, ip: str | None, now: float | None = None) -> int:
    """How many seconds sign-ins for `username` or from `ip` stay refused (0: allowed)."""
    moment = _now(now)
    left = 0.0
    for subject in _subjects(username, ip):
        until = cache.get(f"{_PREFIX}:lock:{subject}")
        if until is not None and until > moment:
            left = max(left, until - moment)
    return math.ceil(left)


def record_failure(*, username: str, ip: str | None, now: float | None = None) -> None:
    """Count a failed sign-in; the fifth within the window locks the username or address."""
    moment = _now(now)
    for subject in _subjects(username, ip):
        key = f"{_PREFIX}:failures:{subject}"
        recent = [t for t in cache.get(key, []) if t > moment - WINDOW_SECONDS]
        recent.append(moment)
        if len(recent) >= MAX_FAILURES:
            cache.set(f"{_PREFIX}:lock:{subject}", moment + LOCKOUT_SECONDS, LOCKOUT_SECONDS)
            cache.delete(key)
        else:
            cache.set(key, recent, WINDOW_SECONDS)


def record_success(*, username: str) -> None:
    """Forget a username's failures after it signs in (the address's failures stay)."""
    cache.delete(f"{_PREFIX}:failures:{_subjects(username, None)[0]}")


def client_address(meta: dict[str, str]) -> str | None:
    """The visitor's address: behind a trusted reverse proxy (SKILLPATH_BEHIND_PROXY), the
    last X-Forwarded-For entry — the one our proxy added; earlier entries are the client's
    own claims — else REMOTE_ADDR."""
    from django.conf import settings

    forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
    if settings.SECURE_PROXY_SSL_HEADER and forwarded:
        return forwarded.split(",")[-1].strip() or None
    return meta.get("REMOTE_ADDR")
