"""`skillpath curriculum import|export|list` as a user runs them."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from skillpath.cli.main import app
from skillpath.curriculum import models as m
from tests.curriculum.plans import GOOD
from tests.seed import SEED_COUNTS

pytestmark = pytest.mark.django_db
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_dry_run_json_reports_the_seed_counts_and_the_repair(seed_original):
    result = run("curriculum", "import", str(seed_original), "--dry-run", "--json")

    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["counts"] == SEED_COUNTS
    assert report["dry_run"] is True
    assert report["source"]["encoding"]["repaired"] == "mojibake: UTF-8 read as macroman"
    assert report["source"]["language"] == "ru"
    assert not m.Curriculum.objects.exists()


def test_import_writes_and_a_second_import_changes_nothing(seed_ru):
    first = json.loads(run("curriculum", "import", str(seed_ru), "--json").stdout)
    second = json.loads(run("curriculum", "import", str(seed_ru), "--json").stdout)

    assert first["created"] and first["changes"]["created"] > 144
    assert second["changed"] is False
    assert second["changes"] == {"created": 0, "updated": 0, "deleted": 0, "by_kind": {}}
    assert m.Curriculum.objects.count() == 1


def test_the_table_output_names_what_was_imported(seed_ru):
    result = run("curriculum", "import", str(seed_ru))

    assert result.exit_code == 0
    assert "topics" in result.stdout and "144" in result.stdout


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"", 1, "empty file"),
        (b"# Plan\n\nJust text.\n", 1, "phase/month structure"),
        (GOOD.replace("### Month 2", "### Month 1").encode(), 8, "second month 1"),
        (GOOD.replace("- **Git**: Commits\n", "").encode(), 5, "expected topics"),
        (("**Practice**: early\n" + GOOD).encode(), 1, "inside a month"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "binary data"),
    ],
    ids=["empty", "no-structure", "duplicate-month", "empty-block", "practice-outside", "binary"],
)
def test_bad_input_fails_with_file_line_and_exit_2_and_writes_nothing(
    tmp_path, builtin, content, line, message
):
    path = tmp_path / "plan.md"
    path.write_bytes(content)
    before = m.Topic.objects.count()

    result = run("curriculum", "import", str(path))

    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:{line}: error: ")
    assert message in result.stderr
    assert m.Topic.objects.count() == before
    assert m.Curriculum.objects.count() == 1


def test_an_unreadable_path_is_reported(tmp_path):
    result = run("curriculum", "import", str(tmp_path / "missing.md"))

    assert result.exit_code == 2
    assert "error: expected a readable file" in result.stderr


def test_a_bad_slug_is_refused(seed_ru):
    result = run("curriculum", "import", str(seed_ru), "--slug", "Not A Slug")

    assert result.exit_code == 2
    assert "expected a slug" in result.stderr


@pytest.mark.parametrize(("fmt", "suffix"), [("md", "md"), ("yaml", "yaml")])
def test_export_then_import_gives_the_same_curriculum(tmp_path, builtin, fmt, suffix):
    path = tmp_path / f"export.{suffix}"

    exported = run("curriculum", "export", "backend", "--format", fmt, "--output", str(path))
    reimported = json.loads(run("curriculum", "import", str(path), "--json").stdout)

    assert exported.exit_code == 0
    assert reimported["slug"] == "backend"
    assert reimported["changed"] is False


def test_yaml_export_to_stdout_has_both_languages(builtin):
    result = run("curriculum", "export", "backend", "--format", "yaml")

    data = yaml.safe_load(result.stdout)
    assert data["phases"][0]["months"][0]["title"] == {
        "ru": "Фундаментальные навыки",
        "en": "Foundational skills",
    }


def test_english_markdown_export(builtin):
    result = run("curriculum", "export", "backend", "--format", "md", "--language", "en")

    assert "## PHASE 1: PROGRAMMING FUNDAMENTALS (Months 1-3)" in result.stdout
    assert "### Month 1: Foundational skills" in result.stdout


def test_exporting_an_unknown_slug_lists_the_known_ones(builtin):
    result = run("curriculum", "export", "nope")

    assert result.exit_code == 2
    assert "no curriculum 'nope' (known: backend)" in result.stderr


def test_list_as_json(builtin):
    rows = json.loads(run("curriculum", "list", "--json").stdout)

    assert rows == [
        {
            "slug": "backend",
            "title": builtin.title,
            "builtin": True,
            "phases": 4,
            "months": 18,
            "blocks": 36,
            "topics": 144,
            "practices": 18,
            "milestones": 4,
            "projects": 12,
            "resources": 14,
        }
    ]
