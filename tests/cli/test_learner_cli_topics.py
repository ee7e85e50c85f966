"""`skillpath plan`, `--topic` and `log --date` as a learner reads them (issue 16, item 8),
and the learner's commands in Russian (item 7)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from skillpath.curriculum.models import Topic
from skillpath.tracking.models import StudySession
from tests.cli.test_learner_cli import learner, run  # noqa: F401 (a fixture)
from tests.conftest import need

pytestmark = pytest.mark.django_db


def test_plan_never_cuts_a_slug_at_80_columns(learner, monkeypatch):  # noqa: F811
    monkeypatch.setenv("COLUMNS", "80")
    output = run("plan").output
    slugs = Topic.objects.values_list("slug", flat=True)
    assert [s for s in slugs if s not in output] == []
    assert max(map(len, output.splitlines())) <= 80


@pytest.mark.parametrize("command", ["plan", "today"])
def test_at_80_columns_the_other_cells_wrap_rather_than_end_in_an_ellipsis(
    learner,  # noqa: F811
    monkeypatch,
    command,
):
    """Titles came out as "IDE/ed…" and statuses as "not start…" beside the whole slugs."""
    monkeypatch.setenv("COLUMNS", "80")
    output = run(command).output
    assert "…" not in output
    assert "started" in output  # "not started", wrapped or not


@pytest.mark.parametrize("given", ["GIT", "Git", "git", "  git "])
def test_topic_takes_a_slug_or_a_title_whatever_the_case(learner, given):  # noqa: F811
    result = run("log", "30m", "theory", "--topic", given)
    assert result.exit_code == 0, result.output
    assert StudySession.objects.get().topic.slug == "git"


def test_topic_takes_the_russian_title(learner):  # noqa: F811
    topic = Topic.objects.get(slug="rabota-s-faylami")
    result = run("log", "30m", "theory", "--topic", topic.title_ru.upper())
    assert result.exit_code == 0, result.output
    assert StudySession.objects.get().topic == topic


def test_a_missed_topic_names_the_closest(learner):  # noqa: F811
    result = run("log", "30m", "theory", "--topic", "dekoratori")
    assert result.exit_code == 2
    assert "did you mean dekoratory" in result.output


def test_a_past_day_without_at_starts_at_nine_as_the_help_says(learner):  # noqa: F811
    yesterday = (timezone.now() - timedelta(days=1)).date().isoformat()
    help_text = " ".join(run("log", "--help").output.split())
    assert "an earlier --date, it starts at 09:00" in help_text
    result = run("log", "1h30m", "practice", "--date", yesterday)
    assert result.exit_code == 0, result.output
    assert "09:00–10:30" in result.output
    assert "1 h 30 min" in result.output


def test_the_russian_plan_shows_statuses_by_label(learner, monkeypatch):  # noqa: F811
    monkeypatch.setenv("SKILLPATH_LANGUAGE", "ru")
    output = run("plan").output
    assert "not_started" not in output and "not started" not in output
    assert "начато" in output  # «не начато», wrapped or not
    assert " ч" in output  # durations in Russian units, whatever the column's width


def test_the_russian_plan_has_no_raw_slug_header(learner, monkeypatch):  # noqa: F811
    with translation.override("ru"):
        need(translation.gettext("code") != "code", "no Russian for 'code' in the catalogue yet")
    monkeypatch.setenv("SKILLPATH_LANGUAGE", "ru")
    header = next(line for line in run("plan").output.splitlines() if "код" in line)
    assert "slug" not in header and "code" not in header
