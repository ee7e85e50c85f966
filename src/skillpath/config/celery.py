"""The Celery app: workers and beat run the tasks of each app's `tasks.py`.

With `SKILLPATH_BROKER_URL` (Redis or RabbitMQ) `skillpath worker` runs them and `skillpath
beat` sends the periodic ones (settings.CELERY_BEAT_SCHEDULE). Without a broker there is no
worker: `CELERY_TASK_ALWAYS_EAGER` makes `.delay()` run the task in-process, at once — the
one switch, in settings. Every task takes ids, calls one service and is safe to run twice
(acknowledged late: a worker that dies halfway leaves its task to run again).
"""

from __future__ import annotations

import os
from typing import Any

from celery import Celery
from celery.signals import before_task_publish, task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillpath.config.settings")

app = Celery("skillpath")
# Every CELERY_* Django setting is Celery's setting of that name (lower case).
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def broker_url() -> str | None:
    """The broker's URL, None without one (tasks then run in-process). For readiness checks:
    it may hold a password, so never show it whole."""
    from django.conf import settings

    return settings.BROKER_URL


# The request id of the web request that enqueues a task goes into the task's headers, and
# the worker runs the task under it, so that its log lines carry the same id
# (ops/request_id.py; docs/operations.md).
_task_scopes: dict[str, Any] = {}


@before_task_publish.connect
def _carry_request_id(headers: dict[str, Any] | None = None, **_kwargs: Any) -> None:
    from skillpath.ops.request_id import task_headers

    if headers is not None:
        for name, value in task_headers().items():
            headers.setdefault(name, value)


@task_prerun.connect
def _enter_request_id(task_id: str = "", task: Any = None, **_kwargs: Any) -> None:
    from skillpath.ops.request_id import TASK_HEADER, request_id_scope

    # A worker puts a message's own headers on the request; an eager run keeps them apart.
    request = getattr(task, "request", None)
    carried = getattr(request, TASK_HEADER, None) or (getattr(request, "headers", None) or {}).get(
        TASK_HEADER
    )
    scope = request_id_scope(carried)
    scope.__enter__()
    _task_scopes[task_id] = scope


@task_postrun.connect
def _leave_request_id(task_id: str = "", **_kwargs: Any) -> None:
    scope = _task_scopes.pop(task_id, None)
    if scope is not None:
        scope.__exit__(None, None, None)
