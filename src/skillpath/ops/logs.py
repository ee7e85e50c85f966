"""Logging for servers and laptops: the request id on every record, one formatter for JSON
lines (core.security_log.JsonLinesFormatter) and one format for readable lines."""

from __future__ import annotations

import logging

from skillpath.ops.request_id import current_request_id

# Local mode's readable line; `-` stands for "no request" (start-up, the CLI).
READABLE_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


class RequestIdFilter(logging.Filter):
    """Stamps each record with the id of the request being served (`request_id`, None
    outside a request). On the handlers, so that records of every logger get it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = current_request_id()
        return True


class ReadableFormatter(logging.Formatter):
    """`READABLE_FORMAT`, with `-` for a record that has no request id."""

    def __init__(self) -> None:
        super().__init__(READABLE_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        if getattr(record, "request_id", None) is None:
            record.request_id = "-"
            try:
                return super().format(record)
            finally:
                record.request_id = None
        return super().format(record)
