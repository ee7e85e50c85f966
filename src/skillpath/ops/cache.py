"""Django's cache backends, counting hits and misses for /metrics (`CACHES` names these).

A subclass per backend rather than a wrapper around any: `get` and `get_many` are the
reads (`get_or_set` goes through `get`), and counting them costs one comparison and one
counter increment per key.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache as DjangoLocMemCache

from skillpath.core.cache import ResilientRedisCache
from skillpath.ops.metrics import CACHE_HITS, CACHE_MISSES

# A value no caller can have stored: `None` is a legitimate cached value.
_MISSING = object()


class CountedReads(BaseCache):
    # Django's own get_many (the local-memory cache's) reads each key through get, which
    # counts it already; a backend with a get_many of its own (Redis) is counted here.
    get_many_counts_itself = False

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        value = super().get(key, _MISSING, version)
        if value is _MISSING:
            CACHE_MISSES.inc()
            return default
        CACHE_HITS.inc()
        return value

    def get_many(self, keys: Any, version: Any = None) -> Any:
        keys = list(keys)
        found = super().get_many(keys, version)
        if self.get_many_counts_itself:
            CACHE_HITS.inc(len(found))
            CACHE_MISSES.inc(len(keys) - len(found))
        return found


class LocMemCache(CountedReads, DjangoLocMemCache):
    """Django's local-memory cache, its reads counted."""


class RedisCache(CountedReads, ResilientRedisCache):
    """Django's Redis cache, its reads counted, its connection errors misses (core/cache.py)."""

    get_many_counts_itself = True
