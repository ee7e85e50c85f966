"""The dashboard of a learner with years of history, alone and among many learners.

Two databases live side by side: "alone" holds two measured learners (one month and two
years of history), "among" the same two plus everyone else, each with two years. Renders
of the three subjects are interleaved round by round, switching the default connection
between the databases, so the ratios compare figures taken under the same machine load.
`run.py --part learners` prepares the databases and calls `collect()`.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

import history
from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Count, Sum
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from measure import log, percentile, timed_ms

from skillpath.curriculum.importers.loader import read_plan
from skillpath.curriculum.models import Curriculum
from skillpath.curriculum.services import builtin_package_path, import_curriculum
from skillpath.planning.models import Enrolment, PlanEntry
from skillpath.planning.scheduler import Plan
from skillpath.planning.selectors import current_enrolment
from skillpath.planning.services import replan
from skillpath.tracking.models import DailyActivity, StudySession, TopicProgress, TopicStatus
from skillpath.tracking.selectors import dashboard

DASHBOARD_URL_NAME = "web:dashboard"
TARGET_LEARNERS_RATIO = 1.2
TARGET_HISTORY_RATIO = 1.5
MONTH, TWO_YEARS = "bench-month", "bench-two-years"


@dataclass(frozen=True)
class Sizes:
    learners: int = 1000  # learners with two years of history in the "among" database
    days: int = 730
    month_days: int = 30
    renders: int = 60  # timed renders of each subject
    warmups: int = 3
    replans: int = 5
    batch_rows: int = 50_000  # sessions written per transaction


FULL = Sizes()
QUICK = Sizes(learners=50, renders=10, warmups=1, replans=2)

SUBJECTS = (
    ("alone_1_month", "alone", MONTH),
    ("alone_2_years", "alone", TWO_YEARS),
    ("among_2_years", "among", TWO_YEARS),
)


# --- Databases side by side ----------------------------------------------------------------


class World:
    """A database the default connection can be pointed at, with its own open wrapper."""

    def __init__(self, name: str, wrapper: BaseDatabaseWrapper) -> None:
        self.name = name
        self.wrapper = wrapper

    @classmethod
    def current(cls, name: str) -> World:
        return cls(name, connections[DEFAULT_DB_ALIAS])

    @classmethod
    def copy_of_default(cls, name: str, database_name: str) -> World:
        """The default database's settings, pointed at the database `database_name`."""
        default = connections[DEFAULT_DB_ALIAS]
        settings = {**default.settings_dict, "NAME": database_name}
        return cls(name, type(default)(settings, DEFAULT_DB_ALIAS))

    @contextmanager
    def active(self) -> Iterator[None]:
        """Make this database the default one (`django.db.connection` follows)."""
        previous = connections[DEFAULT_DB_ALIAS]
        connections[DEFAULT_DB_ALIAS] = self.wrapper
        try:
            yield
        finally:
            connections[DEFAULT_DB_ALIAS] = previous


def import_builtin() -> Curriculum:
    import_curriculum(parsed=read_plan(builtin_package_path()), builtin=True)
    return Curriculum.objects.get(is_builtin=True)


# --- Building a database -------------------------------------------------------------------


def learner_specs(sizes: Sizes, today: date) -> tuple[list[history.Spec], list[history.Spec]]:
    """The measured learners (one month, two years) and everyone else; history ends
    yesterday, so no session lies in the future whatever the time of the run."""
    last = today - timedelta(days=1)
    seeds = len(history.CALENDARS)  # both measured learners get the same calendar
    measured = [
        history.spec(MONTH, 1, today - timedelta(days=sizes.month_days), last),
        history.spec(TWO_YEARS, 1 + seeds, today - timedelta(days=sizes.days), last),
    ]
    crowd = [
        history.spec(
            f"bench-learner-{i:04d}", 1000 + i, today - timedelta(days=sizes.days - i % 7), last
        )
        for i in range(sizes.learners - 1)
    ]
    return measured, crowd


def build_world(
    measured: Sequence[history.Spec], crowd: Sequence[history.Spec], today: date, sizes: Sizes
) -> dict[str, Any]:
    """Learners, enrolments, plans and history in the default database; the measured
    learners enrol and replan through the planning services, the others get the same
    rows in bulk. Returns what was written and the consistency checks."""
    started = time.perf_counter()
    curriculum = Curriculum.objects.get(is_builtin=True)
    topics = history.curriculum_topics(curriculum.pk)
    _fast_loading()
    log(f"  {len(measured) + len(crowd)} learners, enrolments and plans")
    users = history.create_learners([*measured, *crowd])
    enrolments = {
        s.username: history.enrol_through_service(s, users[s.username], curriculum)
        for s in measured
    }
    enrolments.update(history.enrol_in_bulk(crowd, users, curriculum.pk))
    # The measured learners study among the others, not first in every table.
    middle = len(crowd) // 2
    order = [*crowd[:middle], *measured, *crowd[middle:]]
    studies = {s.username: history.Study(s, users[s.username].pk, topics) for s in order}
    progress = log if crowd else (lambda _message: None)
    sessions = history.write_history(
        [studies[s.username] for s in order], progress, sizes.batch_rows
    )

    log("  plans after the history")
    firsts: dict[tuple, Plan] = {}

    def rows_of(spec: history.Spec) -> list[tuple]:
        key = (spec.start_on, spec.hours_per_week, spec.weekdays)  # what the first plan depends on
        if key not in firsts:
            firsts[key] = history.first_plan(spec, topics)
        enrolment_id = enrolments[spec.username].pk
        return history.plan_rows(studies[spec.username], enrolment_id, today, firsts[key])

    history.insert_plan_entries([row for s in crowd for row in rows_of(s)])
    plans_match = True
    for spec in measured:
        expected = rows_of(spec)
        replan(enrolment=enrolments[spec.username], today=today)
        plans_match &= history.plan_entries_of(enrolments[spec.username]) == expected
    measured_ids = [users[s.username].pk for s in measured]
    rollups_match = history.rollups_match_sessions(measured_ids)
    _settle()
    return {
        "learners": len(users),
        "sessions": sessions,
        "daily_activity_rows": DailyActivity.objects.count(),
        "topic_progress_rows": TopicProgress.objects.count(),
        "plan_entries": PlanEntry.objects.count(),
        "two_year_learner": _learner_stats(studies[TWO_YEARS]),
        "month_learner": _learner_stats(studies[MONTH]),
        "rollups_match_sessions": rollups_match,
        "plans_match_replan_service": plans_match,
        "build_s": round(time.perf_counter() - started, 1),
    }


def _learner_stats(study: history.Study) -> dict[str, Any]:
    sessions = StudySession.objects.filter(learner_id=study.learner_id).aggregate(
        count=Count("pk"), minutes=Sum("minutes")
    )
    statuses = [p.status for p in study.progress.values()]
    return {
        "days": (study.spec.last_on - study.spec.start_on).days + 1,
        "sessions": sessions["count"],
        "hours": round((sessions["minutes"] or 0) / 60),
        "topics_done": statuses.count(TopicStatus.DONE),
        "topics_skipped": statuses.count(TopicStatus.SKIPPED),
        "topics_in_progress": statuses.count(TopicStatus.IN_PROGRESS),
    }


def _fast_loading() -> None:
    """Load faster without changing what ends up in the tables: SQLite skips the fsyncs
    of a throwaway file; PostgreSQL skips the foreign-key triggers (a superuser's right),
    which otherwise triple the time of COPY — every id written was just read back from
    the database. Both last until the connection closes at the end of `build_world`.
    Inside a transaction (the test suite's) nothing changes."""
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-262144")
            return
        try:
            cursor.execute("SET session_replication_role = replica")
        except DatabaseError:
            log("  not a superuser: foreign keys are checked while loading (slower)")


def _settle() -> None:
    """Bring the database to the state a running server would be in after the load.

    PostgreSQL's autovacuum would vacuum and analyse these tables within a minute of such
    inserts; doing it now makes the run deterministic. SQLite gets nothing: Skillpath
    never runs ANALYZE (or PRAGMA optimize), so its query planner has no statistics.
    Inside a transaction (the test suite's) there is nothing to settle.
    """
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


# --- Rendering -----------------------------------------------------------------------------


def dashboard_url() -> str | None:
    """The dashboard page's URL, or None while the page does not exist."""
    try:
        return reverse(DASHBOARD_URL_NAME)
    except NoReverseMatch:
        return None


@dataclass
class Subject:
    key: str
    world: World | None
    render: Callable[[], Any]

    @contextmanager
    def active(self) -> Iterator[None]:
        if self.world is None:
            yield
        else:
            with self.world.active():
                yield


def subject(key: str, world: World | None, username: str, url: str | None) -> Subject:
    """How to render `username`'s dashboard in `world`: the page through the test client
    (signed in), or the selector when there is no page."""
    probe = Subject(key, world, lambda: None)
    with probe.active():
        user = get_user_model().objects.get(username=username)
        if url is None:
            return Subject(key, world, lambda: _selector(user))
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
    return Subject(key, world, lambda: _page(client, url))


def _selector(user: Any) -> Any:
    enrolment = current_enrolment(user)
    return dashboard(enrolment, timezone.localdate())


def _page(client: Client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")


def measure_subjects(subjects: Sequence[Subject], renders: int, warmups: int) -> dict[str, Any]:
    """p50/p90 of each subject over `renders` rounds, the order rotating every round so no
    subject always runs first; then the SQL queries of one more render."""
    for item in subjects:
        with item.active():
            for _ in range(warmups):
                item.render()
    samples: dict[str, list[float]] = {item.key: [] for item in subjects}
    for number in range(renders):
        shift = number % len(subjects)
        for item in [*subjects[shift:], *subjects[:shift]]:
            with item.active():
                samples[item.key].append(timed_ms(item.render)[0])
    figures = {}
    for item in subjects:
        with item.active(), CaptureQueriesContext(connection) as queries:
            item.render()
        figures[item.key] = {
            "p50_ms": round(percentile(samples[item.key], 50), 2),
            "p90_ms": round(percentile(samples[item.key], 90), 2),
            "renders": renders,
            "queries": len(queries),
        }
    return figures


def replan_figures(world: World, username: str, runs: int) -> dict[str, Any]:
    """The replan service for one learner (it rewrites the plan rows), for information."""
    with world.active():
        enrolment = Enrolment.objects.get(learner__username=username)
        today = timezone.localdate()
        samples = [
            timed_ms(lambda: replan(enrolment=enrolment, today=today))[0] for _ in range(runs)
        ]
    return {"median_ms": round(statistics.median(samples), 2), "runs": runs}


# --- Putting it together -------------------------------------------------------------------


def ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, 3)


def targets(figures: dict[str, Any]) -> dict[str, Any]:
    learners = figures["ratios"]["learners"]
    history_ratio = figures["ratios"]["history"]
    return {
        "learners_ratio_at_most_1_2": {
            "target": f"<= {TARGET_LEARNERS_RATIO}",
            "value": learners,
            "met": learners <= TARGET_LEARNERS_RATIO,
        },
        "history_ratio_at_most_1_5": {
            "target": f"<= {TARGET_HISTORY_RATIO}",
            "value": history_ratio,
            "met": history_ratio <= TARGET_HISTORY_RATIO,
        },
    }


def collect(sizes: Sizes, alone: World, among: World) -> dict[str, Any]:
    """Build both databases (both freshly migrated, with the built-in curriculum), render
    the three subjects interleaved, and return the figures as one JSON-ready dict."""
    today = timezone.localdate()
    measured, crowd = learner_specs(sizes, today)
    url = dashboard_url()
    data = {}
    for world, others in ((alone, []), (among, crowd)):
        log(f"{connection.vendor} '{world.name}': {len(measured) + len(others)} learners")
        with world.active():
            data[world.name] = build_world(measured, others, today, sizes)
    worlds = {alone.name: alone, among.name: among}
    log(f"rendering the dashboard ({'page ' + url if url else 'selector'}) ×{sizes.renders} each")
    subjects = [subject(key, worlds[w], username, url) for key, w, username in SUBJECTS]
    figures = measure_subjects(subjects, sizes.renders, sizes.warmups)
    log(f"replanning the two-year learner among {sizes.learners} ×{sizes.replans}")
    result: dict[str, Any] = {
        "database": _database_version(among),
        "measured": "page" if url else "selector",
        "url": url,
        "today": today.isoformat(),
        "sizes": asdict(sizes),
        "data": data,
        **figures,
        "ratios": {
            "learners": ratio(
                figures["among_2_years"]["p50_ms"], figures["alone_2_years"]["p50_ms"]
            ),
            "history": ratio(
                figures["alone_2_years"]["p50_ms"], figures["alone_1_month"]["p50_ms"]
            ),
        },
        "replan_two_years_among": replan_figures(among, TWO_YEARS, sizes.replans),
    }
    result["targets"] = targets(result)
    return result


def _database_version(world: World) -> str:
    with world.active():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SHOW server_version")
                return f"postgresql {cursor.fetchone()[0]}"
        import sqlite3

        return f"sqlite {sqlite3.sqlite_version}"
