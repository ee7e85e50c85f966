"""Where the sign-in throttle keeps its counts: Django's cache (in-process on a laptop,
Redis on a server, shared by every web process), or this database while Redis is down.

Without Redis the throttle works as it always has, on the default cache. With Redis it uses
the `throttle` cache alias, which raises on a connection error instead of missing, so that a
Redis outage is not taken for "no failures yet": the counts then go to `ThrottleCount` rows
until Redis answers again (the counts made meanwhile are not carried back; a throttle needs
no exactness).
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.utils import timezone
from redis.exceptions import RedisError

logger = logging.getLogger("skillpath.people")

# After a failure, this process counts in the database for this long before it tries Redis
# again: an outage costs one connection attempt per few seconds, and one log line.
RETRY_AFTER_SECONDS = 5.0
_down_until = 0.0


class _Resting(Exception):
    """Redis failed moments ago: go to the database without trying it."""


def _redis() -> Any:
    if "throttle" not in settings.CACHES:
        return None
    if time.monotonic() < _down_until:
        raise _Resting
    return caches["throttle"]


def _fallback(error: Exception) -> None:
    global _down_until
    logger.warning("sign-in throttle: redis unavailable (%s), counting in the database", error)
    _down_until = time.monotonic() + RETRY_AFTER_SECONDS


def get(key: str, default: Any = None) -> Any:
    """The value kept under `key`, or `default`."""
    try:
        redis = _redis()
        if redis is None:
            return cache.get(key, default)
        return redis.get(key, default)
    except _Resting:
        return _db_get(key, default)
    except (RedisError, OSError) as error:
        _fallback(error)
        return _db_get(key, default)


def set(key: str, value: Any, seconds: int) -> None:
    """Keep `value` under `key` for `seconds`."""
    try:
        redis = _redis()
        if redis is None:
            cache.set(key, value, seconds)
            return
        redis.set(key, value, seconds)
    except _Resting:
        _db_set(key, value, seconds)
    except (RedisError, OSError) as error:
        _fallback(error)
        _db_set(key, value, seconds)


def delete(key: str) -> None:
    """Forget `key`."""
    try:
        redis = _redis()
        if redis is None:
            cache.delete(key)
            return
        redis.delete(key)
    except _Resting:
        _db_delete(key)
    except (RedisError, OSError) as error:
        _fallback(error)
        _db_delete(key)


def _db_get(key: str, default: Any) -> Any:
    from skillpath.people.models import ThrottleCount

    row = ThrottleCount.objects.filter(key=key, expires_at__gt=timezone.now()).first()
    return row.value if row is not None else default


def _db_set(key: str, value: Any, seconds: int) -> None:
    from skillpath.people.models import ThrottleCount

    now = timezone.now()
    ThrottleCount.objects.update_or_create(
        key=key, defaults={"value": value, "expires_at": now + timedelta(seconds=seconds)}
    )
    # Expired counts are of no use; outages are rare, so tidying on each write is cheap.
    ThrottleCount.objects.filter(expires_at__lte=now).delete()


def _db_delete(key: str) -> None:
    from skillpath.people.models import ThrottleCount

    ThrottleCount.objects.filter(key=key).delete()
