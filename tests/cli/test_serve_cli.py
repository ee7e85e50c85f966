"""`skillpath serve` in local mode serves only on this machine."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from skillpath.cli.main import app

runner = CliRunner()


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10", "skillpath.example.org"])
def test_local_mode_refuses_to_serve_on_an_address_others_can_reach(settings, host):
    settings.LOCAL_MODE, settings.BEHIND_PROXY = True, False

    result = runner.invoke(app, ["serve", "--host", host, "--port", "8765"])

    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: local mode signs in everyone who reaches it")
    assert f"to serve on {host}, set SKILLPATH_LOCAL_MODE=false" in line
    assert "running at" not in result.stdout


def test_local_mode_refuses_to_serve_behind_a_proxy(settings):
    settings.LOCAL_MODE, settings.BEHIND_PROXY = True, True

    result = runner.invoke(app, ["serve", "--host", "127.0.0.1", "--port", "8765"])

    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert "SKILLPATH_BEHIND_PROXY" in line and "SKILLPATH_LOCAL_MODE=false" in line
