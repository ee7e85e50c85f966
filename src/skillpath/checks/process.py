"""Starting and stopping the learner's programs: a free port, waiting until a service
listens, and killing the whole process tree — also when the learner presses Ctrl-C."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

# How much of a program's output the result document keeps (the tail, where errors are).
OUTPUT_LIMIT_BYTES = 4096
STOP_GRACE_SECONDS = 3.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def kill_tree(process: subprocess.Popen, grace: float = STOP_GRACE_SECONDS) -> None:
    """Stop the process and every child it started (it runs in a session of its own, so
    its process group is all of them): SIGTERM first, and `grace` seconds for the whole
    group to finish — a service saves its state on SIGTERM, and the shell of a --cmd dies
    at once while its child is still saving — then SIGKILL for whatever is left."""
    group = process.pid
    if _signal_group(group, signal.SIGTERM):
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and _group_alive(group, process):
            time.sleep(0.02)
    _signal_group(group, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)


def _signal_group(group: int, sig: signal.Signals) -> bool:
    """Send `sig` to the group; False when no process of it is left."""
    try:
        os.killpg(group, sig)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _group_alive(group: int, leader: subprocess.Popen) -> bool:
    """Whether a process of the group still runs (the leader is reaped as it ends, so that
    a dead leader does not keep the group 'alive' as a zombie)."""
    leader.poll()
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _only_zombies(group)


def _only_zombies(group: int) -> bool:
    """True when every process left in the group has exited (a zombie whose parent, init,
    has not reaped it yet); Linux only, elsewhere assume they still run."""
    proc = Path("/proc")
    if not proc.is_dir():
        return False
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] != b"Z":
            return False
    return True


def tail(path: Path, limit: int = OUTPUT_LIMIT_BYTES) -> str:
    """The last `limit` bytes of a log file, as text."""
    try:
        with path.open("rb") as log:
            log.seek(0, os.SEEK_END)
            size = log.tell()
            log.seek(max(0, size - limit))
            data = log.read()
    except OSError:
        return ""
    text = data.decode("utf-8", errors="replace")
    return cut(("…" + text) if size > limit else text)


# Colours and cursor moves of a learner's program would garble the checker's own output.
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def cut(text: str, limit: int = OUTPUT_LIMIT_BYTES) -> str:
    """The end of a program's output, at most `limit` characters, starting on a whole line,
    without terminal escape codes."""
    text = ANSI_ESCAPE.sub("", text)
    if len(text) <= limit:
        return text
    kept = text[-limit:]
    newline = kept.find("\n")
    if 0 <= newline < limit // 4:
        kept = kept[newline + 1 :]
    return "…\n" + kept


class ServiceNotListening(Exception):
    def __init__(self, reason: str, output: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.output = output


@dataclass
class Service:
    """A learner's HTTP service started from `command` with PORT (and DATA_DIR) set."""

    command: str
    port: int
    cwd: Path
    data_dir: Path
    log_path: Path
    process: subprocess.Popen | None = None

    def start(self, ready_timeout: float = 15.0) -> None:
        env = {**os.environ, "PORT": str(self.port), "DATA_DIR": str(self.data_dir)}
        env["PYTHONUNBUFFERED"] = "1"  # so a crash's traceback reaches the log
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # the learner's own command line
                self.command,
                shell=True,
                cwd=self.cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServiceNotListening("exited", self.output())
            if _listening(self.port):
                return
            time.sleep(0.05)
        raise ServiceNotListening("timeout", self.output())

    def stop(self) -> None:
        if self.process is not None:
            kill_tree(self.process)
            self.process = None
        # A port still held by an orphan would make a restart talk to the old program.
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        while _listening(self.port) and time.monotonic() < deadline:
            time.sleep(0.05)

    def output(self) -> str:
        return tail(self.log_path)


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0
