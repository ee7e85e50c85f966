"""Study sessions as CSV, for a spreadsheet: one row per session, times in the learner's
time zone as ISO 8601, UTF-8 with a byte-order mark so that Excel reads the accents right.

Cells a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) get a leading apostrophe: a note typed as `=HYPERLINK(...)` stays text (OWASP's
advice on CSV injection). Minutes are numbers we write, never prefixed.
"""

from __future__ import annotations

import csv
import io
import zoneinfo
from collections.abc import Iterable

from skillpath.tracking.models import StudySession

BOM = "\ufeff"
HEADER = ("date", "started_at", "ended_at", "kind", "minutes", "topic", "note")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """The text as a spreadsheet shows it, never as a formula it runs."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def sessions_csv(sessions: Iterable[StudySession], zone: zoneinfo.ZoneInfo) -> str:
    """The sessions as a CSV document (with its BOM), in `zone`."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for session in sessions:
        start = session.started_at.astimezone(zone)
        end = session.ended_at.astimezone(zone)
        writer.writerow(
            (
                start.date().isoformat(),
                start.isoformat(timespec="minutes"),
                end.isoformat(timespec="minutes"),
                session.kind,
                session.minutes,
                safe_cell(session.topic.slug if session.topic else ""),
                safe_cell(session.note),
            )
        )
    return out.getvalue()


def export_filename(day_iso: str) -> str:
    return f"skillpath-sessions-{day_iso}.csv"
