"""The url-shortener load stage's measuring and judging: the load it puts on the redirects
and the thresholds it holds them to, as the spec's "Performance" section states them, which
threshold a report misses, how comfortably it meets them, and its figures as a message shows
them.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from skillpath.checks.load import LoadReport, run_load

# The load stage, as the spec states it.
LOAD_LINKS = 20
LOAD_USERS = 20
LOAD_SECONDS = 4
MIN_RPS = 600
MAX_P99_MS = 300


def measure_load(base_url: str, locations: dict[str, str]) -> LoadReport:
    return run_load(
        base_url,
        list(locations),
        users=LOAD_USERS,
        seconds=LOAD_SECONDS,
        status=302,
        locations=locations,
    )


def load_problem(report: LoadReport) -> str | None:
    """Which threshold of the load stage the report misses, or None."""
    if report.rps < MIN_RPS:
        return "rps"
    if report.p99 > MAX_P99_MS:
        return "p99"
    return None


def load_figures(report: LoadReport) -> str:
    return _(
        "%(rps)s requests/s; latency p50 %(p50)s ms, p95 %(p95)s ms, p99 %(p99)s ms"
        " (%(requests)s requests from %(users)s users in %(seconds)s s)"
    ) % {
        "rps": round(report.rps),
        "p50": report.p50,
        "p95": report.p95,
        "p99": report.p99,
        "requests": report.requests,
        "users": report.users,
        "seconds": report.seconds,
    }


def load_margin(report: LoadReport) -> float:
    """How comfortably a run meets the thresholds (below 1: it misses one)."""
    return min(report.rps / MIN_RPS, MAX_P99_MS / max(report.p99, 0.001))
