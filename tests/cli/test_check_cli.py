"""`skillpath check`: the list, usage errors (exit 2), a failing run (exit 1) recorded in
the learner's progress, the JSON document and the messages in Russian."""

from __future__ import annotations

import json
import os
import shlex
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skillpath.checks.models import CheckRun
from skillpath.checks.process import free_port
from skillpath.checks.suites import all_suites
from skillpath.cli.main import app
from tests.conftest import need

pytestmark = pytest.mark.django_db
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def closed_url() -> str:
    """A loopback address where nothing listens."""
    return f"http://127.0.0.1:{free_port()}"


def test_list_shows_every_suite_with_its_stages_and_status():
    result = run("check", "list")

    assert result.exit_code == 0, result.output
    for suite in all_suites():
        assert suite.slug in result.output
        assert str(suite.stages[0].title)[:20] in result.output
    assert "not run" in result.output
    assert "skillpath check SLUG" in result.output


def test_a_run_against_a_service_that_is_down_fails_stage_one_and_is_recorded(closed_url):
    result = run("check", "todo-api", "--url", closed_url, "--seed", "42")

    assert result.exit_code == 1, result.output
    assert "could not reach the service" in result.output
    assert "seed 42" in result.output
    assert f"skillpath check todo-api --url {closed_url} --seed 42" in result.output
    recorded = CheckRun.objects.get()
    assert recorded.suite == "todo-api" and recorded.status == "fail"
    assert recorded.seed == 42 and recorded.target == closed_url
    assert recorded.result["tests"][0]["status"] == "fail"
    assert run("check", "list").output.count("not passed yet") == 1


def test_json_prints_the_result_document(closed_url):
    result = run("check", "todo-api", "--url", closed_url, "--json", "--no-record")

    document = json.loads(result.output)
    assert document["version"] == 3 and document["status"] == "fail"
    assert document["suite"] == "todo-api"
    assert [t["status"] for t in document["tests"]][:2] == ["fail", "skip"]
    assert not CheckRun.objects.exists()


def test_messages_come_in_the_language_asked_for(closed_url):
    result = run("check", "todo-api", "--url", closed_url, "--lang", "ru", "--no-record")

    assert result.exit_code == 1
    assert "не удалось связаться" in result.output


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["check", "no-such-suite", "--cmd", "true"], "no check suite 'no-such-suite'"),
        (["check", "text-cli", "--url", "http://127.0.0.1:1"], "give --cmd, not --url"),
        (["check", "todo-api"], "give --url of your running service"),
        (["check", "todo-api", "--url", "http://a", "--stage", "99"], "--stage must be between"),
        (["check", "todo-api", "--url", "http://a", "--lang", "de"], "--lang must be ru or en"),
    ],
)
def test_a_usage_error_exits_2_saying_what_to_do(args, complaint):
    result = run(*args)

    assert result.exit_code == 2, result.output
    assert complaint in result.output
    assert not CheckRun.objects.exists()


def test_help_shows_json_and_record_as_flags_that_take_no_value():
    result = run("check", "--help")

    assert result.exit_code == 0, result.output
    lines = {
        flag: next(line for line in result.output.splitlines() if flag in line)
        for flag in ("--json", "--record", "--url")
    }
    assert "<bool>" not in lines["--json"] and "<bool>" not in lines["--record"]
    assert "--no-record" in lines["--record"]
    assert "<str>" in lines["--url"]  # options that take a value still say what value


RECORDED = "Recorded in your progress (skillpath check todo-api … --no-record to keep a run out)."


def test_the_first_recorded_run_says_it_was_recorded_and_how_to_keep_one_out(closed_url):
    kept_out = run("check", "todo-api", "--url", closed_url, "--no-record")
    first = run("check", "todo-api", "--url", closed_url)
    second = run("check", "todo-api", "--url", closed_url)

    assert RECORDED not in kept_out.output
    assert first.stderr.strip().splitlines()[-1] == RECORDED
    assert RECORDED not in first.stdout
    assert RECORDED not in second.output
    assert CheckRun.objects.count() == 2


def test_the_first_recorded_run_in_json_keeps_stdout_json(closed_url):
    result = run("check", "todo-api", "--url", closed_url, "--json")

    assert json.loads(result.stdout)["status"] == "fail"
    assert RECORDED in result.stderr
    assert CheckRun.objects.count() == 1


# Prints "programs-line" (a text its command does not hold), then ends with exit status 3:
# text-cli's first stage fails and its message shows the whole run.
PRINTS_AND_EXITS_3 = (
    f'{shlex.quote(sys.executable)} -c \'print("-".join(["programs", "line"])); exit(3)\''
)


def test_a_failure_prints_the_programs_output_once():
    result = run("check", "text-cli", "--cmd", PRINTS_AND_EXITS_3, "--stage", "1", "--lang", "en")

    assert result.exit_code == 1, result.output
    assert "the program ended with exit status 3 instead of 0" in result.output
    assert result.output.count("programs-line") == 1


def test_the_replay_command_is_the_skillpath_that_works_here(monkeypatch, tmp_path):
    installed = Path(sys.executable).parent / "skillpath"
    need(installed.is_file(), "skillpath is not installed beside this Python")
    monkeypatch.setenv("PATH", str(tmp_path))  # no skillpath on it, as after `make run`
    monkeypatch.chdir(installed.parents[2])  # the checkout (.venv/bin/skillpath)
    result = run("check", "text-cli", "--cmd", PRINTS_AND_EXITS_3, "--seed", "4", "--no-record")

    relative = os.path.join(installed.parent.parent.name, "bin", "skillpath")
    assert f"Replay exactly this run: {relative} check text-cli --cmd" in result.output
