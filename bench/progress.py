"""Progress lines on stderr, in one format for `run.py` and its child processes."""

from __future__ import annotations

import os
import sys
import time

# Child processes of run.py count from the parent's start and say which part they run.
STARTED = float(os.environ.get("SKILLPATH_BENCH_STARTED", time.time()))
PART = os.environ.get("SKILLPATH_BENCH_PART", "")


def log(message: str) -> None:
    part = f"[{PART}] " if PART else ""
    elapsed = time.time() - STARTED
    print(f"bench: {elapsed:6.1f} s  {part}{message}", file=sys.stderr, flush=True)
