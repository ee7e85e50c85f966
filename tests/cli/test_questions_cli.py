"""`skillpath questions import|export|stats`: Moodle GIFT and YAML banks in and out, counted
exactly; a bad file is refused as FILE:LINE: error: with status 2 and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillpath.cli.main import app
from skillpath.curriculum.services import builtin_package_path
from skillpath.knowledge.bank import bank_files, read_bank
from skillpath.knowledge.gift import parse_gift
from skillpath.knowledge.models import Question
from skillpath.knowledge.services import load_builtin_questions

pytestmark = pytest.mark.django_db
runner = CliRunner()

# A teacher's file, as Moodle writes them: categories, comments, a multi-line answer block,
# weights, feedback, a numeric range and a matching question.
TEACHER = """\
// Exported from a Moodle course
$CATEGORY: $course$/top/git

::git-status-shows:: What does `git status` show?{
  =The state of the working tree and the index
  ~The commit history#That is `git log`.
  ~The remote branches
}

::git-is-centralised:: Git needs a central server to commit.{F####Commits are local.}

::git-rebase-weights:: Which rewrite history? {
  ~%50%git rebase
  ~%50%git commit --amend
  ~%-100%git revert
}

$CATEGORY: linux

::linux-init-pid:: The PID of the first process is {#0..2}

::linux-commands:: Match each command with what it does. {
  =ls -> lists files
  =cd -> changes directory
  =pwd -> prints the directory
}

::linux-list-command:: Which command lists a directory? {=ls =dir}
"""


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def teacher_file(tmp_path: Path) -> Path:
    path = tmp_path / "course.gift"
    path.write_text(TEACHER, encoding="utf-8")
    return path


def test_a_gift_file_with_categories_imports_with_exact_counts(builtin, teacher_file):
    dry = run("questions", "import", str(teacher_file), "--dry-run", "--json")
    assert dry.exit_code == 0, dry.output
    assert json.loads(dry.output) == {
        "questions": 6,
        "topics": {"git": 3, "linux": 3},
        "by_kind": {
            "single": 1,
            "true_false": 1,
            "multiple": 1,
            "numeric": 1,
            "matching": 1,
            "short": 1,
        },
    }
    assert not Question.objects.exists()
    done = run("questions", "import", str(teacher_file), "--json")
    assert json.loads(done.output)["created"] == 6
    assert Question.objects.filter(topic__slug="git").count() == 3
    again = json.loads(run("questions", "import", str(teacher_file), "--json").output)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 6)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("::a:: q {=x}\n\n::b:: q {=y\n", 3, "never closed"),
        ("$CATEGORY: git\n\n::c:: Pick one {~x ~y}\n", 3, "right"),
        ("$CATEGORY: no-such-topic\n\n::d:: q {=x}\n", 3, "unknown topic 'no-such-topic'"),
    ],
)
def test_a_malformed_file_is_refused_by_line_and_nothing_is_written(
    builtin, tmp_path, text, line, message
):
    path = tmp_path / "bad.gift"
    path.write_text("$CATEGORY: git\n\n::ok:: fine {=yes}\n\n" + text, encoding="utf-8")
    result = run("questions", "import", str(path))
    assert result.exit_code == 2
    assert f"{path}:{line + 4}: error:" in result.output and message in result.output
    assert not Question.objects.exists()


def test_the_topic_option_places_questions_before_any_category(builtin, tmp_path):
    path = tmp_path / "plain.gift"
    path.write_text("::q-one:: 2 + 2 = {#4}\n", encoding="utf-8")
    assert run("questions", "import", str(path)).exit_code == 2  # no topic
    assert run("questions", "import", str(path), "--topic", "algoritmy").exit_code == 0
    assert Question.objects.get().topic.slug == "algoritmy"

    Question.objects.all().delete()
    assert run("questions", "import", str(path), "--topic", "ALGORITMY").exit_code == 0
    assert Question.objects.get().topic.slug == "algoritmy"


def test_export_takes_a_topic_by_title_and_refuses_an_unknown_one(builtin):
    """`export --topic` wrote an empty bank for a topic it did not know, and took only slugs."""
    load_builtin_questions(builtin)
    by_title = run("questions", "export", "--topic", "GIT")
    assert by_title.exit_code == 0, by_title.output
    assert by_title.stdout.count("topic: git") >= 5
    assert "topic: linux" not in by_title.stdout
    unknown = run("questions", "export", "--topic", "gti")
    assert unknown.exit_code == 2
    assert "did you mean git" in unknown.stderr and unknown.stdout == ""


@pytest.mark.parametrize("format", ["gift", "yaml"])
def test_importing_an_export_yields_the_same_bank(builtin, tmp_path, format):
    load_builtin_questions(builtin)
    exported = tmp_path / f"bank.{format}"
    assert run("questions", "export", "--format", format, "-o", str(exported)).exit_code == 0
    shipped = read_bank(bank_files(builtin_package_path() / "questions"))
    if format == "gift":
        assert parse_gift(exported.read_text(encoding="utf-8")).questions == shipped.questions
    else:
        assert read_bank([exported]).questions == shipped.questions
    again = json.loads(run("questions", "import", str(exported), "--json").output)
    assert again["unchanged"] == len(shipped.questions) and again["created"] == 0


def test_stats_count_the_built_in_bank(builtin):
    load_builtin_questions(builtin)
    found = json.loads(run("questions", "stats", "--json").output)
    assert found["topics"] == found["topics_with_at_least_5"] == 144
    assert found["by_language"] == {"ru": found["questions"], "en": found["questions"]}
    assert sum(found["by_kind"].values()) == found["questions"] >= 144 * 5
    assert set(found["by_kind"]) == {
        "single",
        "multiple",
        "true_false",
        "short",
        "numeric",
        "matching",
        "ordering",
    }
    text = run("questions", "stats")
    assert f"{found['questions']} questions; 144 of 144 topics have at least 5." in text.output
