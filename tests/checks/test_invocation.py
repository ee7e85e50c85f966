"""The `skillpath` the check pages and a failed run print is one that works when pasted
into a terminal: the one on the PATH, else the one installed beside this Python."""

from __future__ import annotations

import sys
from pathlib import Path

from skillpath.checks.invocation import page_command, skillpath_command
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
    # Outside the checkout, the whole path.
    monkeypatch.chdir(tmp_path)
    assert skillpath_command() == str(INSTALLED)
    assert replay_command(suite="text-cli", url=None, cmd="python main.py", seed=3) == (
        f"{INSTALLED} check text-cli --cmd 'python main.py' --seed 3"
    )


def test_the_pages_show_the_whole_path_for_a_terminal_in_any_folder(
    monkeypatch, tmp_path, settings
):
    """The pages showed `.venv/bin/skillpath` (the server's folder), which a learner's
    terminal in their program's folder cannot find."""
    need(INSTALLED.is_file(), "skillpath is not installed beside this Python")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.chdir(INSTALLED.parents[2])  # `make run` serves from the checkout
    settings.LOCAL_MODE = True

    assert page_command() == str(INSTALLED)
    suite = suite_by_slug("text-cli")
    assert suite is not None
    assert suite.example_commands() == [f'{INSTALLED} check text-cli --cmd "python main.py"']


def test_a_servers_pages_show_the_name(monkeypatch, tmp_path, settings):
    """On a server its learners run their own copy: the server's path means nothing there."""
    monkeypatch.setenv("PATH", str(tmp_path))
    settings.LOCAL_MODE = False

    assert page_command() == "skillpath"
