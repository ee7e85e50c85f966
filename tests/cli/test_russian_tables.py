"""The tables of the curriculum and question commands in Russian (issue 16, item 7): column
headers and rows in words, not the slugs and enum values the JSON output keeps."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from skillpath.cli.main import app
from skillpath.knowledge.services import load_builtin_questions

pytestmark = pytest.mark.django_db
runner = CliRunner()
RAW_KINDS = ("single", "multiple", "true_false", "short", "numeric", "matching", "ordering")


@pytest.fixture
def in_russian(monkeypatch):
    monkeypatch.setenv("SKILLPATH_LANGUAGE", "ru")


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_the_curricula_list_has_no_slug_column(builtin, in_russian):
    header = next(line for line in run("curriculum", "list").splitlines() if "название" in line)
    assert "slug" not in header
    assert "код" in header


def test_an_imports_table_names_what_it_counts_in_russian(seed_ru, in_russian):
    output = run("curriculum", "import", str(seed_ru), "--dry-run")
    rows = {line.split("│")[1].strip() for line in output.splitlines() if line.count("│") == 3}
    assert {"фазы", "месяцы", "темы", "практики"} <= rows
    assert not rows & {"phases", "months", "topics", "practices"}


def test_the_question_stats_name_each_kind_in_russian(builtin, in_russian):
    load_builtin_questions(builtin)
    output = run("questions", "stats")
    assert "Один вариант" in output and "Несколько вариантов" in output
    assert [kind for kind in RAW_KINDS if kind in output] == []


def test_the_weekly_report_writes_its_shares_as_the_pages_do(builtin, in_russian):
    from datetime import UTC, datetime, timedelta

    from django.utils import timezone

    from skillpath.people.services import ensure_local_user
    from skillpath.tracking.services import log_session

    assert runner.invoke(app, ["enroll", "--start", "2026-01-05"]).exit_code == 0
    learner, start = ensure_local_user(), datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    for kind, hours, at in (("theory", 1, start), ("practice", 2, start + timedelta(hours=1))):
        log_session(
            learner=learner, kind=kind, minutes=60 * hours, started_at=at, now=timezone.now()
        )

    output = run("report", "week", "--week", "2026-11-18")

    assert "33,3%" in output and "66,7%" in output
    assert "0%" in output and "0.0%" not in output and "33.3" not in output
