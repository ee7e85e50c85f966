"""Enqueueing tasks: after the transaction that asks for them commits, never before.

A task enqueued inside a transaction could run before the rows it reads are committed (or
for rows that are rolled back). `transaction.on_commit` waits; `robust=True` logs a broker
that cannot be reached instead of failing the request whose work is already committed —
the periodic sweeps (settings.CELERY_BEAT_SCHEDULE) pick such work up later.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction


def enqueue_on_commit(task: Any, *args: Any) -> None:
    """Send `task` with `args` (ids, dates as ISO strings) once the current transaction
    commits; at once outside one. Without a broker it runs in-process then."""
    transaction.on_commit(lambda: task.delay(*args), robust=True)
