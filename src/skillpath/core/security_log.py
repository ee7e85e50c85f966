"""The security log: sign-ins, sign-outs, refused attempts, lockouts and admin changes on
the `skillpath.security` logger, one JSON object a line (`JsonLinesFormatter`), so that a
log shipper or `jq` reads it without parsing prose.

Callers pass only what identifies the event — usernames, addresses, object ids. Never a
password, a session key or a token: whoever reads the log must not be able to sign in
with what it holds.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

logger = logging.getLogger("skillpath.security")

# Usernames come from the visitor: a username field holds 150 characters in Django.
_MAX_TEXT = 150


def security_event(event: str, *, level: int = logging.INFO, **fields: object) -> None:
    """Write one event to the security log (a log record whose `security` is its fields)."""
    clean = {
        name: value[:_MAX_TEXT] if isinstance(value, str) else value
        for name, value in fields.items()
    }
    logger.log(level, event, extra={"security": {"event": event, **clean}})


class JsonLinesFormatter(logging.Formatter):
    """One JSON object a line: `time` (UTC, ISO 8601), `level`, `event`, then the fields.
    JSON escapes newlines, so a username cannot forge a line of its own.

    The server's own log uses it too (docs/operations.md): a record that is not a security
    event also names its `logger`, carries the fields passed as `extra={"fields": {...}}`,
    and its `exception` as text. Every record logged while serving a request carries its
    `request_id` (ops.logs.RequestIdFilter puts it on the record)."""

    def format(self, record: logging.LogRecord) -> str:
        security = getattr(record, "security", None)
        fields = security or {
            "event": record.getMessage(),
            "logger": record.name,
            **(getattr(record, "fields", None) or {}),
        }
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            **fields,
        }
        request_id = getattr(record, "request_id", None)
        if request_id is not None:
            line["request_id"] = request_id
        if record.exc_info and not security:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
