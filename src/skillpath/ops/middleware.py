"""One middleware around every request: its id, its metrics and its access-log line.

First in MIDDLEWARE, so that its timing and its log line cover the others, and the id is set
before anything logs.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

from skillpath.ops import metrics
from skillpath.ops.request_id import HEADER, request_id_scope

logger = logging.getLogger("skillpath.request")


class QueryTally:
    """Counts the SQL queries of a request and their time (`connection.execute_wrapper`)."""

    __slots__ = ("count", "seconds")

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - started


def view_name(request: HttpRequest) -> str:
    """The URL pattern's name (`web:today`), never the path: one time series per page, not
    one per URL a visitor can make up."""
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else metrics.UNMATCHED


def user_id(request: HttpRequest) -> int | None:
    """The signed-in user's id, only if the request already loaded the user: loading it here
    would cost a query (or fail, when the database is what failed)."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:  # a lazy user never read
        return None
    return user.pk if user.is_authenticated else None


class RequestMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        tally = QueryTally()
        with request_id_scope(request.headers.get(HEADER)) as request_id:
            with connection.execute_wrapper(tally):
                response = self.get_response(request)
            response[HEADER] = request_id
            seconds = time.perf_counter() - started
            self._observe(request, response, seconds, tally)
        return response

    def _observe(
        self, request: HttpRequest, response: HttpResponse, seconds: float, tally: QueryTally
    ) -> None:
        view = view_name(request)
        method = request.method if request.method in metrics.METHODS else "other"
        status = response.status_code
        metrics.REQUEST_SECONDS.labels(
            view=view, method=method, status=f"{status // 100}xx"
        ).observe(seconds)
        metrics.REQUEST_QUERIES.labels(view=view).observe(tally.count)
        metrics.REQUEST_DB_SECONDS.labels(view=view).observe(tally.seconds)
        if not logger.isEnabledFor(logging.INFO):  # SKILLPATH_ACCESS_LOG=false
            return
        ms = round(seconds * 1000, 1)
        fields = {
            "method": request.method,
            "view": view,
            "status": status,
            "duration_ms": ms,
            "db_queries": tally.count,
            "user_id": user_id(request),
        }
        logger.info("%s %s %s %s ms", request.method, view, status, ms, extra={"fields": fields})
