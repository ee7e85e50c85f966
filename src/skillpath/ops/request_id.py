"""The id of the request being served, for every log line written while serving it and
for the tasks it enqueues.

The id lives in a context variable, so each thread (and each asyncio task) of a server sees
its own. A task wrapper passes it on in the task's headers (`task_headers()`) and restores
it around the task's run (`request_id_scope`), so a task's log lines carry the id of the
request that caused them.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

HEADER = "X-Request-ID"
# The name of the id in a task's headers (or kwargs): see docs/operations.md.
TASK_HEADER = "request_id"
# A proxy or a client may send its own id, to follow one request through several services.
# Anything else (too long, spaces, quotes, newlines) could forge log lines or blow up a
# log index: it is replaced by one of ours.
_SANE = re.compile(r"[A-Za-z0-9._-]{1,64}")

_current: ContextVar[str | None] = ContextVar("skillpath_request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request (or task) being served in this context, or None."""
    return _current.get()


def sane_request_id(value: str | None) -> str | None:
    """`value` when it is a token we can log as it is, else None."""
    if value and _SANE.fullmatch(value):
        return value
    return None


def new_request_id() -> str:
    """A fresh id: 32 hexadecimal digits, unique enough to search the logs for."""
    return uuid.uuid4().hex


@contextmanager
def request_id_scope(value: str | None) -> Iterator[str]:
    """Serve something under `value` (a fresh id when it is missing or not sane), and put
    back the previous id afterwards."""
    chosen = sane_request_id(value) or new_request_id()
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


def task_headers() -> dict[str, str]:
    """Headers to enqueue a task with, so that it logs under this request's id:
    `task.apply_async(args, headers=task_headers())`. Empty outside a request."""
    found = current_request_id()
    return {TASK_HEADER: found} if found else {}
