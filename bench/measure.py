"""The measurements behind `make bench`: small functions over an already configured Django.

`run.py` prepares a throwaway environment and calls `collect()`; the test suite calls it
too, with tiny repetitions, against the test database.
"""

from __future__ import annotations

import math
import os
import platform
import sqlite3
import statistics
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import django
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from progress import log

from skillpath.curriculum.exporters.markdown import render_markdown
from skillpath.curriculum.importers.base import ParsedPlan
from skillpath.curriculum.importers.loader import parse_plan_bytes, read_plan
from skillpath.curriculum.models import Topic
from skillpath.curriculum.plan import (
    BlockDoc,
    CurriculumDoc,
    MilestoneDoc,
    MonthDoc,
    PhaseDoc,
    ProjectDoc,
    ResourceDoc,
)
from skillpath.curriculum.services import ImportResult, builtin_package_path, import_curriculum

REPO = Path(__file__).resolve().parent.parent
SEED_FILES = ("backend-plan.original.txt", "backend-plan.ru.md")
TARGET_IMPORT_MS = 1000
# The page, the outline, and the signed-in learner's mastery (questions per topic, cards).
TARGET_ROADMAP_QUERIES = 12
SCALE = 3

# A context manager that gives the default database connection an empty, migrated database.
FreshDatabase = Callable[[], AbstractContextManager[None]]


@dataclass(frozen=True)
class Repeats:
    parses: int = 20
    imports: int = 5
    renders: int = 50
    warmups: int = 3  # renders before timing: sign-in, template compilation
    plans: int = 200  # build_plan runs (a few milliseconds each)
    replans: int = 20


FULL = Repeats()
QUICK = Repeats(parses=5, imports=2, renders=10, warmups=2, plans=30, replans=5)


# --- Statistics ----------------------------------------------------------------------------


def timed_ms(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return (time.perf_counter() - started) * 1000, result


def percentile(samples: list[float], percent: float) -> float:
    """Nearest-rank percentile: the smallest sample with `percent`% of samples at or below."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def summary(samples: list[float]) -> dict[str, Any]:
    return {
        "median_ms": round(statistics.median(samples), 2),
        "min_ms": round(min(samples), 2),
        "max_ms": round(max(samples), 2),
        "runs": len(samples),
    }


# --- The seed ------------------------------------------------------------------------------


def seed_dir() -> tuple[Path, str]:
    """Where the seed is: $SKILLPATH_SEED_DIR, else `shared/seed` beside the repository."""
    if os.environ.get("SKILLPATH_SEED_DIR"):
        return Path(os.environ["SKILLPATH_SEED_DIR"]), "SKILLPATH_SEED_DIR"
    return REPO.parent / "shared" / "seed", "shared/seed"


def seed_plans() -> tuple[str, dict[str, bytes]]:
    """The seed files that exist, first the original; else the built-in plan's Russian export."""
    folder, source = seed_dir()
    plans = {name: (folder / name).read_bytes() for name in SEED_FILES if (folder / name).is_file()}
    if plans:
        return source, plans
    builtin = read_plan(builtin_package_path()).doc
    return "builtin-export", {"builtin.ru.md": render_markdown(builtin, "ru").encode()}


def parse_figures(plans: dict[str, bytes], runs: int) -> dict[str, Any]:
    """Bytes → decoded text → parsed, validated document, per file."""
    figures = {}
    for name, data in plans.items():
        log(f"parsing {name} ×{runs}")
        figures[name] = summary([_parse_ms(data) for _ in range(runs)])
    return figures


def _parse_ms(data: bytes) -> float:
    return timed_ms(lambda: parse_plan_bytes(data))[0]


def _parse_and_import(data: bytes) -> ImportResult:
    return import_curriculum(parsed=parse_plan_bytes(data))


def import_figures(data: bytes, runs: int, fresh_database: FreshDatabase) -> dict[str, Any]:
    """Parse + write into an empty database, each run on a fresh one; then re-imports."""
    first, again = [], []
    for run in range(runs):
        log(f"importing into an empty database, run {run + 1}/{runs}")
        with fresh_database():
            connection.ensure_connection()  # opening the file is not the import's cost
            elapsed, result = timed_ms(lambda: _parse_and_import(data))
            first.append(elapsed)
            topics = Topic.objects.filter(curriculum__slug=result.slug).count()
            elapsed, again_result = timed_ms(lambda: _parse_and_import(data))
            again.append(elapsed)
    return {
        "into_empty_db": {**summary(first), "topics_written": topics},
        "reimport_unchanged": {**summary(again), "changed": again_result.changed},
    }


# --- A curriculum three times the seed -----------------------------------------------------


def scaled(doc: CurriculumDoc, factor: int, slug: str) -> CurriculumDoc:
    """`doc` repeated `factor` times, with phases, months, weeks and slugs renumbered."""
    shifts = [_Shift(copy, doc) for copy in range(factor)]
    milestones = [shift.milestone(ms) for shift in shifts for ms in doc.milestones]
    return replace(
        doc,
        slug=slug,
        phases=tuple(shift.phase(p) for shift in shifts for p in doc.phases),
        milestones=tuple(
            replace(ms, number=number) for number, ms in enumerate(milestones, start=1)
        ),
        projects=tuple(shift.project(p) for shift in shifts for p in doc.projects),
        resources=tuple(shift.resource(r) for shift in shifts for r in doc.resources),
    )


class _Shift:
    """Copy number `copy` of a document: how far it moves each number, and its slug suffix."""

    def __init__(self, copy: int, doc: CurriculumDoc) -> None:
        self.suffix = f"-x{copy + 1}" if copy else ""
        self.phases = copy * len(doc.phases)
        self.months = copy * len(doc.months)
        self.weeks = copy * max(b.week_to for b in doc.blocks)
        self.projects = copy * len(doc.projects)

    def item(self, item: Any, **changes: Any) -> Any:
        return replace(item, slug=item.slug + self.suffix, **changes)

    def phase(self, phase: PhaseDoc) -> PhaseDoc:
        months = tuple(self.month(m) for m in phase.months)
        return self.item(phase, number=phase.number + self.phases, months=months)

    def month(self, month: MonthDoc) -> MonthDoc:
        blocks = tuple(self.block(b) for b in month.blocks)
        practice = self.item(month.practice) if month.practice else None
        return self.item(month, number=month.number + self.months, blocks=blocks, practice=practice)

    def block(self, block: BlockDoc) -> BlockDoc:
        topics = tuple(self.item(t) for t in block.topics)
        weeks = {"week_from": block.week_from + self.weeks, "week_to": block.week_to + self.weeks}
        return self.item(block, topics=topics, **weeks)

    def milestone(self, milestone: MilestoneDoc) -> MilestoneDoc:
        return self.item(milestone, after_month=milestone.after_month + self.months)

    def project(self, project: ProjectDoc) -> ProjectDoc:
        return self.item(
            project, number=project.number + self.projects, phase=project.phase + self.phases
        )

    def resource(self, resource: ResourceDoc) -> ResourceDoc:
        phase = None if resource.phase is None else resource.phase + self.phases
        # Certifications are unique in a curriculum; parts name theirs, topics are copied too.
        suffix = self.suffix
        return self.item(
            resource,
            phase=phase,
            topics=tuple(t + suffix for t in resource.topics),
            certifications=tuple(self.item(c) for c in resource.certifications),
            parts=tuple(
                replace(part, certification=part.certification + suffix)
                if part.certification
                else part
                for part in resource.parts
            ),
        )


# --- The roadmap page ----------------------------------------------------------------------


def load_roadmaps() -> tuple[str, str]:
    """Import the built-in curriculum and one three times its size; return both slugs."""
    log("importing the built-in curriculum and a 3× one")
    parsed = read_plan(builtin_package_path())
    builtin = import_curriculum(parsed=parsed, builtin=True)
    big = scaled(parsed.doc, SCALE, f"{builtin.slug}-x{SCALE}")
    import_curriculum(parsed=ParsedPlan(big, "yaml", "ru+en"))
    return builtin.slug, big.slug


def roadmap_figures(client: Client, slug: str, repeats: Repeats) -> dict[str, Any]:
    """Render times over `repeats.renders` requests, then the SQL queries of one more."""
    url = f"/c/{slug}/"
    log(f"rendering {url} ×{repeats.renders}")
    for _ in range(repeats.warmups):
        _get_ok(client, url)
    samples = [timed_ms(lambda: _get_ok(client, url))[0] for _ in range(repeats.renders)]
    with CaptureQueriesContext(connection) as queries:
        _get_ok(client, url)
    return {
        "url": url,
        "topics": Topic.objects.filter(curriculum__slug=slug).count(),
        "p50_ms": round(percentile(samples, 50), 2),
        "p90_ms": round(percentile(samples, 90), 2),
        "renders": repeats.renders,
        "queries": len(queries),
    }


def _get_ok(client: Client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")


# --- Putting it together -------------------------------------------------------------------


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def targets(result: dict[str, Any]) -> dict[str, Any]:
    from seed_plan import TARGET_BUILD_PLAN_MS

    import_ms = result["seed_import"]["into_empty_db"]["median_ms"]
    queries = result["roadmap"]["queries"]
    queries_3x = result["roadmap_3x"]["queries"]
    plan_ms = result["seed_plan"]["build_plan"]["median_ms"]
    return {
        "seed_import_under_1000_ms": _target(
            f"< {TARGET_IMPORT_MS} ms", import_ms, import_ms < TARGET_IMPORT_MS
        ),
        "roadmap_queries_at_most_12": _target(
            f"<= {TARGET_ROADMAP_QUERIES}", queries, queries <= TARGET_ROADMAP_QUERIES
        ),
        "roadmap_queries_fixed_at_3x": _target(
            f"the same at {SCALE}× the size", [queries, queries_3x], queries == queries_3x
        ),
        "build_plan_at_most_20_ms": _target(
            f"<= {TARGET_BUILD_PLAN_MS} ms", plan_ms, plan_ms <= TARGET_BUILD_PLAN_MS
        ),
    }


def _target(target: str, value: Any, met: bool) -> dict[str, Any]:
    return {"target": target, "value": value, "met": met}


def collect(repeats: Repeats, fresh_database: FreshDatabase) -> dict[str, Any]:
    """Every figure, as one JSON-ready dict; the default database must be migrated."""
    source, plans = seed_plans()
    main_plan = next(iter(plans))
    result: dict[str, Any] = {
        "machine": machine(),
        "repeats": asdict(repeats),
        "seed": {"source": source, "bytes": {name: len(data) for name, data in plans.items()}},
        "seed_parse": parse_figures(plans, repeats.parses),
        "seed_import": {
            "plan": main_plan,
            **import_figures(plans[main_plan], repeats.imports, fresh_database),
        },
    }
    slug, big_slug = load_roadmaps()
    client = Client(HTTP_HOST="localhost")
    result["roadmap"] = roadmap_figures(client, slug, repeats)
    result["roadmap_3x"] = roadmap_figures(client, big_slug, repeats)
    from seed_plan import seed_plan_figures  # seed_plan imports this module

    result["seed_plan"] = seed_plan_figures(slug, repeats.plans, repeats.replans)
    result["targets"] = targets(result)
    return result
