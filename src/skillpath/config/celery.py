"""The Celery app: workers and beat run the tasks of each app's `tasks.py`.

With `SKILLPATH_BROKER_URL` (Redis or RabbitMQ) `skillpath worker` runs them and `skillpath
beat` sends the periodic ones (settings.CELERY_BEAT_SCHEDULE). Without a broker there is no
worker: `CELERY_TASK_ALWAYS_EAGER` makes `.delay()` run the task in-process, at once — the
one switch, in settings. Every task takes ids, calls one service and is safe to run twice
(acknowledged late: a worker that dies halfway leaves its task to run again).
"""

from __future__ import annotations

import contextvars
import os
from typing import Any

from celery import Celery
from celery.signals import before_task_publish

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


# The request id of the web request that enqueues a task, once the logging work provides
# one (`current_request_id()`): it goes into the task's headers so that the worker's log
# lines can carry it. Until then this variable is never set and nothing is added.
request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "skillpath_request_id", default=None
)
REQUEST_ID_HEADER = "skillpath_request_id"


@before_task_publish.connect
def _carry_request_id(headers: dict[str, Any] | None = None, **_kwargs: Any) -> None:
    current = request_id.get()
    if current and headers is not None:
        headers.setdefault(REQUEST_ID_HEADER, current)
