"""Every Prometheus metric Skillpath exports, defined once here, and the page that renders
them (`render`). Names and labels: docs/operations.md ("Watching it").

Label values come from short fixed lists (view names of the URL conf, HTTP methods, status
classes, task names), never from what a visitor typed: each distinct value is a new time
series kept by Prometheus forever.

With `PROMETHEUS_MULTIPROC_DIR` set (a server with several worker processes), each process
writes its samples to files in that directory and a scrape adds up the files of all the
processes, whichever process answers it; prometheus-client decides this when it is first
imported, from the environment.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

# --- Requests (ops.middleware) -----------------------------------------------------------

REQUEST_SECONDS = Histogram(
    "skillpath_http_request_duration_seconds",
    "Time to answer a request, from the first middleware to the response, by view.",
    ["view", "method", "status"],
)
REQUEST_QUERIES = Histogram(
    "skillpath_http_request_db_queries",
    "SQL queries run while answering one request, by view.",
    ["view"],
    buckets=(0, 1, 2, 5, 10, 20, 50, 100, 200, 500),
)
REQUEST_DB_SECONDS = Histogram(
    "skillpath_http_request_db_seconds",
    "Time spent in SQL queries while answering one request, by view.",
    ["view"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)
# The methods a browser or an API client sends; anything else is counted as "other".
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
# What a request that no URL pattern matched is counted under (a 404, or an answer of a
# middleware before URL resolution: a redirect to HTTPS, a bad Host).
UNMATCHED = "<unmatched>"

# --- Cache (ops.cache) -------------------------------------------------------------------

CACHE_REQUESTS = Counter(
    "skillpath_cache_requests",
    "Reads from Django's cache (get, get_many per key), by result: hit or miss.",
    ["result"],
)
CACHE_HITS = CACHE_REQUESTS.labels(result="hit")
CACHE_MISSES = CACHE_REQUESTS.labels(result="miss")

# --- Background tasks --------------------------------------------------------------------
# The hook for the task runner (Celery, or in-process without a broker): wrap each run in
# `observe_task(name)`, which counts its outcome and times it. docs/operations.md shows the
# wrapper.

TASK_RUNS = Counter(
    "skillpath_task_runs",
    "Background task runs, by task and outcome (success, failure, retry).",
    ["task", "outcome"],
)
TASK_SECONDS = Histogram(
    "skillpath_task_duration_seconds",
    "Time a background task ran, by task.",
    ["task"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900),
)
TASK_OUTCOMES = ("success", "failure", "retry")


class TaskRetry(Exception):
    """Raised through `observe_task` by a task that will be run again (counted as retry)."""


@contextmanager
def observe_task(task: str) -> Iterator[None]:
    """Count one run of `task` (its registered name) as success, failure or retry, and time
    it. An exception propagates, after being counted; a retry is any exception whose class
    is named `Retry` (Celery's) or is a `TaskRetry`."""
    started = time.perf_counter()
    outcome = "failure"
    try:
        yield
        outcome = "success"
    except BaseException as error:
        if isinstance(error, TaskRetry) or type(error).__name__ == "Retry":
            outcome = "retry"
        raise
    finally:
        TASK_SECONDS.labels(task=task).observe(time.perf_counter() - started)
        TASK_RUNS.labels(task=task, outcome=outcome).inc()


# --- Product gauges, computed at scrape time ---------------------------------------------

ACTIVE_DAYS = 7


class ProductCollector(Collector):
    """Learners active in the last week, check runs and study sessions stored: three
    queries per scrape however many learners there are."""

    def describe(self) -> Iterable[Metric]:
        return []  # computed at scrape time only; nothing to register in advance

    def collect(self) -> Iterable[Metric]:
        from skillpath.checks.selectors import check_run_counts
        from skillpath.tracking.selectors import active_learner_count, study_session_counts

        since = timezone.now() - timedelta(days=ACTIVE_DAYS)
        active = GaugeMetricFamily(
            "skillpath_active_learners",
            f"Learners who logged study time in the last {ACTIVE_DAYS} days.",
        )
        active.add_metric([], active_learner_count(since=since))
        yield active
        runs = GaugeMetricFamily(
            "skillpath_check_runs",
            "Practice check runs stored, by status (pass, fail, error).",
            labels=["status"],
        )
        for status, count in sorted(check_run_counts().items()):
            runs.add_metric([status], count)
        yield runs
        sessions = GaugeMetricFamily(
            "skillpath_study_sessions",
            "Study sessions logged, by kind of time (theory, practice, research).",
            labels=["kind"],
        )
        for kind, count in sorted(study_session_counts().items()):
            sessions.add_metric([kind], count)
        yield sessions


_PRODUCT = CollectorRegistry(auto_describe=False)
_PRODUCT.register(ProductCollector())


def is_multiprocess() -> bool:
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def render() -> tuple[bytes, str]:
    """The text of a scrape and its content type: this process's metrics (all the
    processes' with PROMETHEUS_MULTIPROC_DIR), then the product gauges."""
    if is_multiprocess():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = REGISTRY
    # Two registries, no metric name in both: the text format allows their concatenation.
    return generate_latest(registry) + generate_latest(_PRODUCT), CONTENT_TYPE_LATEST


def worker_exited(pid: int) -> None:
    """For the server's hook on a worker's exit (gunicorn's `child_exit`): drop the files of
    a dead worker's live samples. Counters and histograms keep their totals."""
    if is_multiprocess():
        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]
