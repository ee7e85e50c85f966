"""What the health probes report: whether this process can serve (`readiness`).

Each check returns its status and how long it took, never an error message: a driver's
message can hold a host name, a user name or a whole DSN, and the probe's answer is read by
whoever can reach it. The name of the exception's class is enough to start looking; the
details go to the log.

The database and its migrations are required: without them no page works, so the process
must leave the load balancer ("fail", 503). The cache and the broker are not: pages keep
working on cache misses, and they are shared by every process, so failing readiness for
them would take all the web processes out of service at once for an outage that only slows
them down ("degraded", still 200; alert on it from the metrics or the probe's body).
"""

from __future__ import annotations

import logging
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger("skillpath.health")

Status = Literal["ok", "degraded", "fail"]
# A probe that waits longer than its own timeout is a failed probe anyway.
TIMEOUT_SECONDS = 1.0
# The key the cache check writes; one per process, so two processes never read each other's.
_CACHE_KEY = f"skillpath:health:{uuid.uuid4().hex}"


@dataclass(frozen=True)
class Check:
    status: Literal["ok", "fail"]
    ms: float
    details: dict[str, object] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {"status": self.status, "ms": self.ms, **self.details}


@dataclass(frozen=True)
class Report:
    status: Status
    checks: dict[str, Check]

    @property
    def http_status(self) -> int:
        # A degraded process still serves: only "fail" takes it out of the load balancer.
        return 503 if self.status == "fail" else 200

    def as_json(self) -> dict[str, object]:
        return {
            "status": self.status,
            "checks": {name: check.as_json() for name, check in self.checks.items()},
        }


def overall(checks: dict[str, Check], *, required: frozenset[str]) -> Status:
    """ "fail" when a required check failed, "degraded" when another one did, else "ok"."""
    failed = {name for name, check in checks.items() if check.status == "fail"}
    if failed & required:
        return "fail"
    return "degraded" if failed else "ok"


def _timed(name: str, probe: Callable[[], dict[str, object] | None]) -> Check:
    """Run `probe`; a probe fails by raising, or by returning details with `failed` set."""
    started = time.perf_counter()
    try:
        details = probe() or {}
    except Exception as error:
        logger.warning("health check %s failed", name, exc_info=True)
        details = {"failed": True, "error": type(error).__name__}
    ms = round((time.perf_counter() - started) * 1000, 2)
    status: Literal["ok", "fail"] = "fail" if details.pop("failed", False) else "ok"
    return Check(status, ms, details)


def _database() -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        # A broken connection (the server restarted) would fail every later request of this
        # thread; closing it makes the next one reconnect. Inside a transaction Django
        # refuses to close it, and the transaction is lost anyway.
        if not connection.in_atomic_block:
            connection.close()
        raise


def _migrations() -> dict[str, object]:
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    # A process whose code expects a column the database lacks fails on the first page that
    # reads it; during a rolling upgrade it must wait for `migrate` to run.
    return {"failed": True, "pending": len(pending)} if pending else {"pending": 0}


def _cache() -> None:
    # Whatever the backend (local memory, Redis): a real round trip through Django's cache.
    cache = caches["default"]
    # A cache that turns its errors into misses (core/cache.py) says itself whether it is up.
    reachable = getattr(cache, "is_reachable", None)
    if reachable is not None and not reachable():
        raise ConnectionError("the cache server does not answer")
    cache.set(_CACHE_KEY, 1, timeout=30)
    if not cache.has_key(_CACHE_KEY):
        raise LookupError("the cache did not keep a value")


# What each broker answers to its first bytes, when it is there: Redis answers PING (with
# +PONG, or with an error when it wants a password: a Redis all the same), an AMQP 0-9-1
# server answers its protocol header with a method frame (type 1).
_BROKER_PORTS = {"redis": 6379, "rediss": 6379, "amqp": 5672, "amqps": 5671, "pyamqp": 5672}
_BROKER_GREETINGS = {
    "redis": (b"PING\r\n", lambda answer: answer[:1] in (b"+", b"-")),
    "amqp": (b"AMQP\x00\x00\x09\x01", lambda answer: answer[:1] == b"\x01"),
    "pyamqp": (b"AMQP\x00\x00\x09\x01", lambda answer: answer[:1] == b"\x01"),
}


def broker_url() -> str:
    """The Celery broker's URL, empty when none is configured (tasks then run in-process)."""
    return str(getattr(settings, "BROKER_URL", "") or "")


def _broker(url: str) -> dict[str, object] | None:
    parts = urlsplit(url)
    scheme = parts.scheme.split("+")[0]
    port = parts.port or _BROKER_PORTS.get(scheme)
    if not parts.hostname or not port:
        return {"failed": True, "error": "UnsupportedBrokerURL"}
    with socket.create_connection((parts.hostname, port), timeout=TIMEOUT_SECONDS) as sock:
        greeting = _BROKER_GREETINGS.get(scheme)
        if greeting is None:  # TLS (rediss, amqps): that it accepts connections will do
            return None
        hello, is_broker = greeting
        sock.sendall(hello)
        answer = sock.recv(16)
    return None if is_broker(answer) else {"failed": True, "error": "UnexpectedAnswer"}


REQUIRED = frozenset({"database", "migrations"})


def readiness() -> Report:
    """Whether this process can serve: database, migrations applied, cache, and the broker
    when one is configured. Reads only (plus one cache key of its own)."""
    checks = {"database": _timed("database", _database)}
    # Without a database, which migrations ran cannot be known.
    if checks["database"].status == "ok":
        checks["migrations"] = _timed("migrations", _migrations)
    else:
        checks["migrations"] = Check("fail", 0.0, {"error": "DatabaseUnavailable"})
    checks["cache"] = _timed("cache", _cache)
    url = broker_url()
    if url:
        checks["broker"] = _timed("broker", lambda: _broker(url))
    return Report(overall(checks, required=REQUIRED), checks)


def liveness() -> Report:
    """The process answers: nothing is checked (a dependency's outage must not get the
    process restarted, only taken out of service by readiness)."""
    return Report("ok", {})
