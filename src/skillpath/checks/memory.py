"""How much memory a learner's program takes: its process group polled while it runs,
and killed once it passes a limit, so a program that reads everything fails at once."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading


def group_memory_kb(group: int) -> int:
    """The memory of the largest live process of a process group, in KB: its peak
    resident size (VmHWM) where there is /proc (Linux), else its resident size now (ps)."""
    if os.path.isdir("/proc/self"):
        return proc_peak_kb(group)
    return ps_resident_kb(group)


def proc_peak_kb(group: int) -> int:
    peak = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                # After the command name in parentheses: state, parent, process group, ...
                if int(stat.read().rsplit(b")", 1)[1].split()[2]) != group:
                    continue
            with open(f"/proc/{entry.name}/status", encoding="ascii", errors="replace") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        except (OSError, ValueError, IndexError):
            continue  # it ended meanwhile, or is not ours to read
    return peak


def ps_resident_kb(group: int) -> int:
    try:
        listing = subprocess.run(
            ["ps", "-A", "-o", "pgid=,rss="], capture_output=True, text=True, timeout=5
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return 0
    rows = (line.split() for line in listing.splitlines())
    return max((int(row[1]) for row in rows if len(row) == 2 and row[0] == str(group)), default=0)


class PeakMemory:
    """Polls the memory of a process group (the learner's program: the runner starts it
    in a session of its own) until `finish`, and kills the group once it passes
    `limit_kb`, so a program that reads everything fails at once, not at the time limit.
    Not getrusage(RUSAGE_CHILDREN): Linux keeps in it the size a child had before exec —
    that of the checker it was forked from."""

    def __init__(self, group: int, *, limit_kb: int | None = None, interval: float = 0.05):
        self.group = group
        self.limit_kb = limit_kb
        self.interval = interval
        self.peak_kb = 0
        self.exceeded = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, name="check-memory", daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, group_memory_kb(self.group))
            if self.limit_kb is not None and self.peak_kb > self.limit_kb:
                self.exceeded = True
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(self.group, signal.SIGKILL)
                return
            self._stop.wait(self.interval)

    def finish(self) -> int:
        """The largest memory seen, in KB (0 when it could not be measured)."""
        self._stop.set()
        self._thread.join()
        return self.peak_kb
