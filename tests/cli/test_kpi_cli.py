"""`skillpath kpi`: register, scan and show, on the real test database and real git
repositories (tests/assessment/repos.py)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from skillpath.assessment.models import AuthorAddress, CountedCommit, Repository
from skillpath.cli.main import app
from tests.assessment.repos import ALICE, ALICE_WORK, EXPECTED, build_history, have_git
from tests.conftest import need

pytestmark = pytest.mark.django_db
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def project(tmp_path):
    need(have_git(), "the git binary is not installed")
    repo, _shas = build_history(tmp_path / "project")
    return repo.path


def test_scan_registers_and_counts_then_show_prints_the_same_totals(project):
    scanned = run("kpi", "scan", str(project), "--author", ALICE, "--author", ALICE_WORK, "--json")

    assert scanned.exit_code == 0, scanned.output
    document = json.loads(scanned.stdout)
    assert {k: document[k] for k in EXPECTED} == EXPECTED
    (repository,) = document["repositories"]
    assert repository["path"] == str(project)
    scanned_now = {k: repository[k] for k in ("commits", "counted", "from_scratch", "problem")}
    assert scanned_now == {"commits": 4, "counted": 4, "from_scratch": True, "problem": None}

    shown = run("kpi", "show", "--json")

    assert shown.exit_code == 0
    totals = json.loads(shown.stdout)
    assert set(totals) == {
        "commits",
        "lines_of_code",
        "docs_pages",
        "repositories",
        "kpis",
        "months",
    }
    assert {k: totals[k] for k in EXPECTED} == EXPECTED
    assert totals["repositories"][0]["commits"] == 4


def test_a_second_scan_without_paths_rescans_the_registered_ones_and_adds_nothing(project):
    assert run("kpi", "add-repo", str(project / "app")).exit_code == 0
    assert run("kpi", "add-author", ALICE).exit_code == 0
    assert run("kpi", "add-author", ALICE_WORK).exit_code == 0
    first = run("kpi", "scan")

    again = run("kpi", "scan")

    assert first.exit_code == again.exit_code == 0
    assert f"{project}: 4 new commits counted." in first.stdout
    assert f"{project}: 0 new commits counted." in again.stdout
    assert "Commits: 4" in again.stdout
    assert "Lines of code: 16 (tests: 2)" in again.stdout
    assert "Documentation pages: 3" in again.stdout
    assert CountedCommit.objects.count() == 4


def test_show_prints_the_addresses_and_repositories(project):
    run("kpi", "scan", str(project), "--author", ALICE)

    shown = run("kpi", "show")

    assert shown.exit_code == 0
    assert "Authors: alice@example.com" in shown.stdout
    assert "Commits: 3" in shown.stdout
    assert "Python: 6" in shown.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["kpi", "scan", "{tmp}/missing", "--author", ALICE], "error: no such folder: "),
        (["kpi", "scan", "{tmp}/plain", "--author", ALICE], "error: not a git repository: "),
        (["kpi", "scan", "{project}", "--author", "alice"], "error: not an e-mail address: alice"),
        (["kpi", "scan", "{project}"], "error: no author address yet"),
        (["kpi", "scan", "--author", ALICE], "error: no repository yet"),
        (["kpi", "add-repo", "{tmp}/plain"], "error: not a git repository: "),
        (["kpi", "add-author", "a@b@c"], "error: not an e-mail address: a@b@c"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_stores_nothing(project, tmp_path, args, message):
    (tmp_path / "plain").mkdir()
    filled = [a.format(tmp=tmp_path, project=project) for a in args]

    result = run(*filled)

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert Repository.objects.count() == 0
    assert AuthorAddress.objects.count() == 0
    assert CountedCommit.objects.count() == 0


def test_add_and_show_every_kpi_against_its_target(builtin):
    from skillpath.planning.selectors import current_enrolment

    shown = run("kpi", "show")
    assert shown.exit_code == 0, shown.output
    assert "Target" in shown.stdout and "Progress" in shown.stdout

    from datetime import date
    from decimal import Decimal

    from skillpath.people.services import ensure_local_user
    from skillpath.planning.services import CalendarInput, enrol

    learner = ensure_local_user()
    if current_enrolment(learner) is None:
        choice = CalendarInput(date(2026, 1, 5), Decimal(20), frozenset(range(5)))
        enrol(learner=learner, curriculum=builtin, choice=choice, today=date(2026, 1, 5))
    bad = run("kpi", "add", "certification-achievements", "--title", "CKA", "--url", "ftp://x")
    assert bad.exit_code == 2
    assert "--evidence-url" in bad.output
    added = run(
        "kpi",
        "add",
        "certification-achievements",
        "--title",
        "CKA",
        "--amount",
        "2",
        "--date",
        "2026-01-20",
    )
    assert added.exit_code == 0, added.output
    document = json.loads(run("kpi", "show", "--json").stdout)
    (row,) = [k for k in document["kpis"] if k["slug"] == "certification-achievements"]
    assert (row["figure"], row["target"]["min"], row["target"]["max"]) == (2, 3, 5)
    assert "commits" in document  # the git totals stay


def test_show_writes_when_a_repository_was_scanned_as_a_date(project, monkeypatch):
    from datetime import UTC, datetime

    from django.utils import translation

    from skillpath.core import display

    run("kpi", "scan", str(project), "--author", ALICE)
    moment = datetime(2026, 11, 4, 17, 5, tzinfo=UTC)
    Repository.objects.update(scanned_at=moment)
    monkeypatch.setenv("SKILLPATH_LANGUAGE", "ru")

    shown = run("kpi", "show").stdout

    with translation.override("ru"):
        written = display.date_time(moment)
    assert written == "4 ноября 2026, 17:05"
    assert written in shown and "2026-11-04T" not in shown
