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


def test_the_readmes_make_run_options_do_what_it_says():
    """README: `make run PORT=8040` serves on that port; HOST alone is refused in local mode,
    so the README says to turn it off (it once offered `HOST=0.0.0.0` alone)."""
    import shutil
    import subprocess

    from skillpath.people.local_mode import serving_error

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "`make run PORT=8040`" in readme
    assert "`make run HOST=0.0.0.0 SKILLPATH_LOCAL_MODE=false`" in readme
    assert serving_error(host="0.0.0.0") is not None  # local mode, as the tests run
    if shutil.which("make"):
        dry = subprocess.run(
            ["make", "-n", "run", "PORT=8040", "HOST=0.0.0.0"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "serve --host 0.0.0.0 --port 8040" in dry
