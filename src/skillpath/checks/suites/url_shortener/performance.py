"""The url-shortener load stage's measuring and judging: the load it puts on the redirects
and the thresholds it holds them to, as the spec's "Performance" section states them, which
threshold a report misses, how comfortably it meets them, and its figures as a message shows
them (the same line whether the stage passes or fails, saying when a second try was run).
"""

from __future__ import annotations

from dataclasses import dataclass

from skillpath.checks.expect import decimal
from skillpath.checks.i18n import gettext as _
from skillpath.checks.load import LoadReport, run_load

# The load stage, as the spec states it.
LOAD_LINKS = 20
LOAD_USERS = 20
LOAD_SECONDS = 4
MIN_RPS = 600
MAX_P99_MS = 300


@dataclass(frozen=True)
class LoadRuns:
    """The load stage's runs: the first, and the second when the first fell short."""

    first: LoadReport
    second: LoadReport | None = None

    @property
    def counted(self) -> LoadReport:
        """The run that counts: the better of the two."""
        if self.second is None:
            return self.first
        return max(self.first, self.second, key=load_margin)


def measure_load(base_url: str, locations: dict[str, str]) -> LoadReport:
    return run_load(
        base_url,
        list(locations),
        users=LOAD_USERS,
        seconds=LOAD_SECONDS,
        status=302,
        locations=locations,
    )


def measure_runs(base_url: str, locations: dict[str, str]) -> LoadRuns:
    """One run, and a second when the first answered right but missed a threshold (something
    else on the machine may have been busy)."""
    first = measure_load(base_url, locations)
    if first.requests == 0 or first.failures or load_problem(first) is None:
        return LoadRuns(first)
    return LoadRuns(first, measure_load(base_url, locations))


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
        "rps": decimal(report.rps, 0),
        "p50": decimal(report.p50, 1),
        "p95": decimal(report.p95, 1),
        "p99": decimal(report.p99, 1),
        "requests": report.requests,
        "users": report.users,
        "seconds": decimal(report.seconds, 1),
    }


def runs_figures(runs: LoadRuns) -> str:
    """The figures of the run that counts; after a second try, of both, in order."""
    if runs.second is None:
        return load_figures(runs.first)
    return _(
        "first try: %(first)s; second try: %(second)s. The first fell short, so the stage"
        " ran a second time, and the better try counts."
    ) % {"first": load_figures(runs.first), "second": load_figures(runs.second)}


def load_margin(report: LoadReport) -> float:
    """How comfortably a run meets the thresholds (below 1: it misses one)."""
    return min(report.rps / MIN_RPS, MAX_P99_MS / max(report.p99, 0.001))
