"""Ctrl-C during `skillpath check` stops the learner's program too (it runs in a session of
its own, so the terminal's interrupt reaches only the checker, which must pass it on)."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

# Writes its pid where it is told (SLEEPER_PID), then sleeps far past the test. A shell, not
# Python: on a busy machine Python's start-up alone could eat the stage's time limit before
# the interrupt arrives.
SLEEPER = 'echo $$ > "$SLEEPER_PID"; exec sleep 120'


def test_ctrl_c_stops_the_check_and_the_learners_program(tmp_path: Path):
    pid_file = tmp_path / "pid"
    skillpath = Path(sys.executable).with_name("skillpath")
    environment = {
        **os.environ,
        "SLEEPER_PID": str(pid_file),
        "SKILLPATH_DATA_DIR": str(tmp_path / "data"),
        "SKILLPATH_LANGUAGE": "en",
    }
    environment.pop("DATABASE_URL", None)
    command = f"sh -c {shlex.quote(SLEEPER)}"
    checker = subprocess.Popen(
        [str(skillpath), "check", "text-cli", "--cmd", command, "--no-record"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not pid_file.exists() or not pid_file.read_text().strip():
        assert time.monotonic() < deadline, "the learner's program never started"
        assert checker.poll() is None, checker.communicate()
        time.sleep(0.05)
    program = int(pid_file.read_text().strip())

    checker.send_signal(signal.SIGINT)
    out, err = checker.communicate(timeout=30)

    assert checker.returncode == 130, (out, err)
    assert "interrupted" in err
    assert _ended(program)


def _ended(pid: int) -> bool:
    """Whether the process is gone (or a zombie waiting for init), within a few seconds."""
    deadline = time.monotonic() + 15  # generous: a busy machine reaps slowly
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False
