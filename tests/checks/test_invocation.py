"""The `skillpath` the check pages and a failed run print is one that works when pasted
into a terminal: the one on the PATH, else the one installed beside this Python."""

from __future__ import annotations

import sys
from pathlib import Path

from skillpath.checks.invocation import skillpath_command
from skillpath.checks.results import replay_command
from skillpath.checks.suites import suite_by_slug
from tests.conftest import need

INSTALLED = Path(sys.executable).parent / "skillpath"


def test_the_one_on_the_path_is_called_by_its_name(monkeypatch, tmp_path):
    program = tmp_path / "skillpath"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))

    assert skillpath_command() == "skillpath"


def test_without_it_on_the_path_the_checkouts_own_is_shown(monkeypatch, tmp_path):
    need(INSTALLED.is_file(), "skillpath is not installed beside this Python")
    monkeypatch.setenv("PATH", str(tmp_path))
    checkout = INSTALLED.parents[2]
    monkeypatch.chdir(checkout)

    assert skillpath_command() == str(INSTALLED.relative_to(checkout))  # .venv/bin/skillpath
    suite = suite_by_slug("text-cli")
    assert suite is not None
    assert suite.example_commands() == [
        f'{INSTALLED.relative_to(checkout)} check text-cli --cmd "python main.py"'
    ]
    # Outside the checkout, the whole path.
    monkeypatch.chdir(tmp_path)
    assert skillpath_command() == str(INSTALLED)
    assert replay_command(suite="text-cli", url=None, cmd="python main.py", seed=3) == (
        f"{INSTALLED} check text-cli --cmd 'python main.py' --seed 3"
    )
