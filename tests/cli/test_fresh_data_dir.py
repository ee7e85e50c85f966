"""Every command of the CLI on an empty data directory — as a newcomer runs it before `make
run` ever set anything up: it prepares the database itself (as `setup` does) or says in one
line what to run, and never ends in a traceback. Each runs as its own process, on its own
empty directory, as a learner would run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from skillpath.cli.main import app
from tests.conftest import FIXTURES, ROOT

PLAN = ROOT / "content" / "curricula" / "backend" / "curriculum.yaml"
SKILLPATH = Path(sys.executable).parent / "skillpath"  # the command the virtualenv installs

# A sound invocation of each command (its arguments, after the command's words; `{tmp}` is
# the test's own folder). `serve` only shows its help here: it serves until stopped
# (tests/cli/test_serve_cli.py starts it). `restore` is given an archive that is not there
# and must say so in one line (tests/ops/test_backup_cli.py restores real ones).
INVOCATIONS: dict[str, list[str]] = {
    "enroll": ["--hours", "10"],
    "today": [],
    "log": ["30m", "theory"],
    "done": ["git"],
    "plan": [],
    "check": ["todo-api", "--url", "http://127.0.0.1:9", "--no-record"],
    "quiz": ["git"],
    "review": [],
    "assess": [],
    "setup": ["--quiet"],
    "serve": ["--help"],
    # Both run until stopped, against a broker (tests/config/test_worker.py starts a worker).
    "worker": ["--help"],
    "beat": ["--help"],
    "curriculum import": [str(PLAN), "--dry-run", "--json"],
    "curriculum export": ["backend"],
    "curriculum list": [],
    "questions import": [str(FIXTURES / "questions-git.yaml"), "--dry-run"],
    "questions export": ["--curriculum", "backend"],
    "questions stats": [],
    "timer start": ["theory"],
    "timer stop": [],
    "timer status": [],
    "report week": [],
    "kpi add-repo": [str(ROOT)],
    "kpi add-author": ["learner@example.com"],
    "kpi scan": [],
    "kpi show": [],
    "kpi add": ["certification-achievements", "--title", "CKA"],
    "activity list": [],
    "activity submit": ["code_review", "--month", "1"],
    "backup": ["{tmp}/skillpath.zip"],
    "restore": ["{tmp}/no-such-backup.zip"],
}


def leaf_commands(command, words=()):  # type: ignore[no-untyped-def]
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():
            yield from leaf_commands(sub, (*words, name))
    else:
        yield " ".join(words)


def test_every_command_has_an_invocation_here():
    assert sorted(leaf_commands(typer.main.get_command(app))) == sorted(INVOCATIONS)


@pytest.mark.parametrize("command", sorted(INVOCATIONS))
def test_a_command_on_an_empty_data_directory_ends_without_a_traceback(command, tmp_path: Path):
    environment = {
        **os.environ,
        "SKILLPATH_DATA_DIR": str(tmp_path),
        "SKILLPATH_LANGUAGE": "en",
        "COLUMNS": "200",
    }
    environment.pop("DATABASE_URL", None)  # an empty directory, not the suite's database
    done = subprocess.run(
        [
            str(SKILLPATH),
            *command.split(),
            *(word.replace("{tmp}", str(tmp_path)) for word in INVOCATIONS[command]),
        ],
        capture_output=True,
        text=True,
        env=environment,
        stdin=subprocess.DEVNULL,
        timeout=180,
        check=False,
    )
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    # 0 done, 1 a check or a step that failed, 2 the learner's input or state said no.
    assert done.returncode in (0, 1, 2), (done.returncode, output)
    if done.returncode == 2:
        message = [line for line in done.stderr.splitlines() if line.strip()]
        assert message and message[0].startswith(("error:", "Error", "Usage")), output
