"""Docs that cannot go stale: every setting and every CLI command is documented."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from skillpath.cli.main import app

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_read_from_the_environment_is_documented():
    settings_source = (ROOT / "src/skillpath/config/settings.py").read_text(encoding="utf-8")
    names = set(re.findall(r'env_\w+\("([A-Z_]+)"', settings_source))
    docs = (ROOT / "docs/configuration.md").read_text(encoding="utf-8")

    assert names, "no settings found: the pattern above is out of date"
    missing = sorted(name for name in names if f"`{name}`" not in docs)
    assert missing == []


def _commands(group, prefix: str = "skillpath") -> list[str]:
    found = []
    for name, command in group.commands.items():
        found.append(f"{prefix} {name}")
        if hasattr(command, "commands"):  # a group of subcommands
            found.extend(_commands(command, f"{prefix} {name}"))
    return found


def test_every_cli_command_is_documented():
    commands = _commands(typer.main.get_command(app))
    docs = (ROOT / "docs/cli.md").read_text(encoding="utf-8")

    assert "skillpath curriculum import" in commands
    missing = [c for c in commands if f"`{c}" not in docs and f"## `{c}" not in docs]
    assert missing == []


def test_the_readme_shows_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert "make run" in readme and "make test" in readme
