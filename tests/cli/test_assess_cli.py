"""`skillpath assess`: the checklist printed (Rich) or as JSON, a snapshot stored when the
result moved."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from skillpath.assessment.models import AssessmentSnapshot
from skillpath.cli.main import app

pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_assess_prints_the_checklist_and_stores_a_snapshot(enrolled, alice):
    result = runner.invoke(app, ["assess", "--user", "alice"])
    assert result.exit_code == 0, result.output
    # The table wraps its cells: read the text of the cells, line breaks and borders aside.
    cells = " ".join(re.sub(r"[│┃┏┓┗┛━─┌┐└┘┼┤├┬┴╇╈╋┡┩]", " ", result.output).split())
    assert "URL shortener with caching missing" in cells and "Q1" in result.output
    assert AssessmentSnapshot.objects.filter(learner=alice).count() == 1


def test_assess_json_says_whether_the_snapshot_is_new(enrolled, alice):
    first = json.loads(runner.invoke(app, ["assess", "--user", "alice", "--json"]).stdout)
    again = json.loads(runner.invoke(app, ["assess", "--user", "alice", "--json"]).stdout)
    assert first["snapshot_is_new"] and not again["snapshot_is_new"]
    assert first["snapshot"] == again["snapshot"] and first["level"] is None
    assert first["assessment"]["milestones"][0]["quarter"] == "Q1"
