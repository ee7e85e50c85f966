"""`skillpath activity list|submit`: the months reached, evidence stored through the same
service as the pages, bad input an exit 2 with nothing stored."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from skillpath.assessment.models import Activity
from skillpath.cli.main import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_list_shows_the_four_activities_of_a_month(enrolled):
    result = run("activity", "list", "--month", "1", "--user", "alice", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["kind"], r["state"]) for r in rows] == [
        ("code_review", "planned"),
        ("presentation", "planned"),
        ("pair_programming", "planned"),
        ("mock_interview", "planned"),
    ]
    table = run("activity", "list", "--month", "1", "--user", "alice")
    assert "Technical presentation" in table.output


def test_submit_stores_the_evidence(enrolled):
    result = run(
        "activity",
        "submit",
        "presentation",
        "--month",
        "1",
        "--slides",
        "https://slides.example.com/http",
        "--link",
        "https://video.example.com/1",
        "--notes",
        "HTTP caching",
        "--on",
        "2026-01-28",
        "--user",
        "alice",
    )
    assert result.exit_code == 0, result.output
    assert "Submitted: Technical presentation, month 1." in result.output
    activity = Activity.objects.get()
    assert (activity.state, activity.links) == ("submitted", ["https://video.example.com/1"])
    listed = json.loads(run("activity", "list", "--month", "1", "--user", "alice", "--json").output)
    assert listed[1]["state"] == "submitted"


def test_bad_input_is_exit_2_naming_the_field(enrolled):
    result = run(
        "activity", "submit", "code_review", "--month", "1", "--link", "x", "--user", "alice"
    )
    assert result.exit_code == 2
    assert "repository_url" in result.output or "links" in result.output
    assert run("activity", "submit", "nap", "--month", "1", "--user", "alice").exit_code == 2
    assert run("activity", "list", "--month", "99", "--user", "alice").exit_code == 2
    assert not Activity.objects.filter(state="submitted").exists()
