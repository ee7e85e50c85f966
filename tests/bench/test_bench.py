"""`make bench` still measures what it says: its functions, run with tiny sizes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from skillpath.curriculum.models import Curriculum
from skillpath.planning.models import Enrolment, PlanEntry
from skillpath.planning.services import replan
from skillpath.tracking.models import DailyActivity, StudySession, TopicProgress, TopicStatus
from tests.conftest import need

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import history  # noqa: E402  (bench/ is not a package: its modules import each other)
import learners  # noqa: E402
import measure  # noqa: E402
import run  # noqa: E402

TINY = learners.Sizes(learners=3, days=60, month_days=20, renders=2, warmups=1, replans=1)


@contextmanager
def emptied_curricula() -> Iterator[None]:
    """The test database cannot be swapped for a fresh file; emptying it is the stand-in."""
    Curriculum.objects.all().delete()
    yield


@pytest.mark.django_db
def test_the_bench_reports_every_figure_with_sane_values():
    result = measure.collect(
        measure.Repeats(parses=1, imports=1, renders=1, warmups=1, plans=2, replans=1),
        emptied_curricula,
    )

    json.dumps(result)
    sections = {"machine", "seed", "seed_parse", "seed_import", "roadmap", "roadmap_3x"}
    assert sections | {"seed_plan", "targets"} <= set(result)
    assert result["machine"]["cpu_count"] >= 1
    assert all(f["median_ms"] > 0 for f in result["seed_parse"].values())
    imported = result["seed_import"]
    assert imported["into_empty_db"]["topics_written"] == 144
    assert imported["into_empty_db"]["median_ms"] > 0
    assert imported["reimport_unchanged"]["changed"] is False
    for page in (result["roadmap"], result["roadmap_3x"]):
        assert isinstance(page["queries"], int)
        assert 0 < page["queries"] <= measure.TARGET_ROADMAP_QUERIES
        assert 0 < page["p50_ms"] <= page["p90_ms"]
    assert result["roadmap_3x"]["topics"] == 3 * result["roadmap"]["topics"] == 3 * 144
    assert result["roadmap_3x"]["queries"] == result["roadmap"]["queries"]
    plan = result["seed_plan"]
    assert (plan["topics"], plan["hours"]) == (144, 1440)
    assert plan["build_plan"]["runs"] == 2 and plan["build_plan"]["median_ms"] > 0
    assert plan["replan"]["median_ms"] > 0
    assert plan["finish_on_days"] > 365  # 1,440 hours at 20 a week
    assert "build_plan_at_most_20_ms" in result["targets"]
    assert all(isinstance(target["met"], bool) for target in result["targets"].values())


@pytest.fixture
def world(db):
    """Three learners of 60 days and one of 20, built the way the bench builds them."""
    learners.import_builtin()
    today = timezone.localdate()
    measured, crowd = learners.learner_specs(TINY, today)
    stats = learners.build_world(measured, crowd, today, TINY)
    return today, measured, crowd, stats


def test_the_history_is_what_the_services_would_have_written(world):
    today, measured, crowd, stats = world

    assert stats["learners"] == len(measured) + len(crowd) == 4
    assert stats["rollups_match_sessions"] is True
    assert stats["plans_match_replan_service"] is True
    assert stats["sessions"] == StudySession.objects.count() > 0
    assert stats["daily_activity_rows"] == DailyActivity.objects.count()
    assert stats["plan_entries"] == 4 * 144
    two_years = stats["two_year_learner"]
    assert two_years["days"] == 60
    assert 2.5 <= two_years["sessions"] / two_years["days"] <= 5.5  # about four a day
    assert two_years["topics_done"] > 0 and two_years["topics_in_progress"] > 0
    # Read back through the ORM: the text the bench wrote is what Django would have.
    session = StudySession.objects.order_by("-started_at").first()
    assert session.started_at.tzinfo is not None
    assert session.started_at.date() < today
    assert session.minutes == (session.ended_at - session.started_at).total_seconds() // 60
    session.full_clean()
    TopicProgress.objects.filter(status=TopicStatus.DONE).first().full_clean()
    yesterday = today - timedelta(days=1)
    assert DailyActivity.objects.filter(day__gt=yesterday).count() == 0


def test_the_others_plans_are_the_replan_services(world):
    _today, _measured, crowd, _stats = world
    enrolment = Enrolment.objects.get(learner__username=crowd[0].username)
    written = history.plan_entries_of(enrolment)

    replan(enrolment=enrolment, today=_today)

    assert history.plan_entries_of(enrolment) == written
    assert all(
        history.rollups_match_sessions([learner_id])
        for learner_id in set(PlanEntry.objects.values_list("enrolment__learner_id", flat=True))
    )


def test_the_dashboard_figures_have_their_shape(world):
    url = learners.dashboard_url()
    subjects = [
        learners.subject("month", None, learners.MONTH, url),
        learners.subject("two_years", None, learners.TWO_YEARS, url),
    ]

    figures = learners.measure_subjects(subjects, renders=3, warmups=1)

    for figure in figures.values():
        assert isinstance(figure["queries"], int) and figure["queries"] > 0
        assert 0 < figure["p50_ms"] <= figure["p90_ms"]
        assert figure["renders"] == 3
    assert figures["month"]["queries"] == figures["two_years"]["queries"]


def test_targets_are_named_after_their_database():
    figures = {
        "sqlite": {"targets": {"learners_ratio_at_most_1_2": {"met": True}}},
        "postgres": {"skipped": "PostgreSQL not reachable"},
    }

    assert run.dashboard_targets(figures) == {
        "dashboard_sqlite_learners_ratio_at_most_1_2": {"met": True}
    }


def _learners_part(db: str, **environment: str) -> dict:
    command = [sys.executable, str(BENCH / "run.py"), "--part", "learners", "--db", db]
    command += ["--learners=3", "--days=60", "--renders=2", "--warmups=1", "--replans=1"]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **environment},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _check_learners_part(result: dict) -> None:
    assert result["measured"] in ("page", "selector")
    assert (result["url"] is None) == (result["measured"] == "selector")
    assert result["data"]["alone"]["learners"] == 2
    assert result["data"]["among"]["learners"] == 4
    for world in result["data"].values():
        assert world["sessions"] > 0
        assert world["rollups_match_sessions"] and world["plans_match_replan_service"]
    for key in ("alone_1_month", "alone_2_years", "among_2_years"):
        assert isinstance(result[key]["queries"], int)
        assert 0 < result[key]["p50_ms"] <= result[key]["p90_ms"]
    assert set(result["ratios"]) == {"learners", "history"}
    assert all(ratio > 0 for ratio in result["ratios"].values())
    assert set(result["targets"]) == {"learners_ratio_at_most_1_2", "history_ratio_at_most_1_5"}
    assert all(isinstance(target["met"], bool) for target in result["targets"].values())


def test_the_learners_part_prints_its_figures_on_sqlite():
    result = _learners_part("sqlite")

    assert result["database"].startswith("sqlite")
    _check_learners_part(result)


@pytest.mark.postgres
def test_the_learners_part_prints_its_figures_on_postgres():
    result = _learners_part("postgres")

    need("skipped" not in result, result.get("skipped", ""))
    assert result["database"].startswith("postgresql")
    _check_learners_part(result)


def test_without_a_postgres_server_the_part_says_why_and_does_not_fail():
    nowhere = "postgres://postgres@127.0.0.1:1/postgres"  # nothing listens on port 1

    result = _learners_part("postgres", SKILLPATH_BENCH_POSTGRES_URL=nowhere)

    assert set(result) == {"skipped"}
    assert "127.0.0.1:1" in result["skipped"]


def test_the_practice_check_figures_are_measured_with_their_targets():
    import practice_checks

    figures = practice_checks.collect(quick=True)

    overhead = figures["runner_overhead"]
    assert overhead["requests"] > 20 and overhead["plain_ms"] > 0
    assert overhead["ratio"] == pytest.approx(overhead["suite_ms"] / overhead["plain_ms"], abs=0.02)
    load = figures["load_generator"]
    assert load["locust_rps"] > 0 and load["locust_failures"] == 0
    targets = practice_checks.targets(figures)
    assert "check_runner_overhead_under_2x" in targets
    if shutil.which("wrk"):
        assert load["wrk_rps"] > 0
        assert targets["load_stage_at_least_half_of_wrk"]["value"] == load["ratio"]
    else:
        assert "missing" in load["wrk"]


@pytest.mark.django_db
def test_the_knowledge_figures_are_measured_with_their_targets():
    import knowledge

    queue = knowledge.queue_figures(True, emptied_curricula, sizes=(300, 20, 30))
    quality = knowledge.quality_figures(True, cards=100)
    big, crowd = queue["learner_with_300_cards"], queue["one_of_20_learners_with_30_cards"]
    for figures in (big, crowd):
        assert figures["due_count"]["queries"] == figures["next_card"]["queries"] == 1
        assert figures["due_count"]["median_ms"] > 0
    # About 3 % of the cards are due (due dates spread over a year from ten days ago).
    assert 0 < big["due_count"]["value"] < 300
    assert quality["reviews"] > 100 and 0 < quality["recall_rate"] < 1
    found = knowledge.targets({"queue": queue, "scheduling": quality})
    assert {
        "knowledge_due_count_under_50_ms",
        "knowledge_next_card_ratio_at_most_1_5",
        "knowledge_fsrs_beats_constant_log_loss",
    } <= set(found)
    assert found["knowledge_fsrs_beats_constant_log_loss"]["met"] is True
    assert all(isinstance(target["met"], bool) for target in found.values())
