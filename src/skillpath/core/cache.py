"""Django's Redis cache, made to degrade: when Redis does not answer, a read is a miss and a
write is dropped, so pages keep working on the database alone (the issue's fault rule).

Django's `RedisCache` raises on a refused or timed-out connection, which would turn every
page into a 500 while Redis is down. Here each call is guarded in one place; after a failure
this process leaves Redis alone for `RETRY_AFTER_SECONDS`, so an outage costs one timeout
per few seconds, not one per cache call, and logs one line, not thousands.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("skillpath.cache")

RETRY_AFTER_SECONDS = 5.0

T = TypeVar("T")


class ResilientRedisCache(RedisCache):
    """`RedisCache` whose connection errors are cache misses (logged), never exceptions."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _guard(self, call: Callable[[], T], fallback: T) -> T:
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return call()
        except (RedisError, OSError) as error:
            with self._lock:
                first = time.monotonic() >= self._down_until
                self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
            if first:
                logger.warning("redis unavailable, the cache misses meanwhile: %s", error)
            return fallback

    def is_reachable(self) -> bool:
        """Whether Redis answers a PING now (for a readiness check); never raises."""
        try:
            client = self._cache.get_client(write=False)  # type: ignore[attr-defined]
            return bool(client.ping())
        except (RedisError, OSError):
            return False

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        return self._guard(
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), False
        )

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._guard(
            lambda: super(ResilientRedisCache, self).get(key, default, version), default
        )

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        self._guard(
            lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        return self._guard(
            lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key: Any, version: Any = None) -> bool:
        return self._guard(lambda: super(ResilientRedisCache, self).delete(key, version), False)

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        return self._guard(lambda: super(ResilientRedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: Any = None) -> bool:
        return self._guard(lambda: super(ResilientRedisCache, self).has_key(key, version), False)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        missing = object()
        value = self._guard(
            lambda: super(ResilientRedisCache, self).incr(key, delta, version), missing
        )
        if value is missing:
            # What a cache says of a key it does not hold.
            raise ValueError(f"Key '{key}' not found.")
        return value  # type: ignore[return-value]

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> list[Any]:
        return self._guard(
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._guard(lambda: super(ResilientRedisCache, self).delete_many(keys, version), None)

    def clear(self) -> None:
        self._guard(lambda: super(ResilientRedisCache, self).clear(), None)
