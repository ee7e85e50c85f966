"""The KPI figures of `make bench`: scanning a generated git repository of 10,000 commits
(2,000 with `--quick`), built in a moment with `git fast-import`.

Four commits in five are the learner's (the fifth is someone else's). Each creates a
Python module of 8 lines (one blank), changes one line in the middle of one of 20 shared
modules of 30 lines (so the scanner must read that file's first lines from its blob), and
every tenth adds a test module, every hundredth a Markdown page. Two figures:

- `full_scan`: `scan_kpis` of the repository into a fresh database, from scratch:
  `commits_per_s` is the repository's commits over the seconds the scan took;
- `rescan_nothing_new`: the same scan again, with nothing new; target under 1 s.
"""

from __future__ import annotations

import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from progress import log

COMMITS = 10_000
QUICK_COMMITS = 2_000
TARGET_RESCAN_S = 1.0
LEARNER = "learner@example.com"
OTHER = "other@example.com"
START = 1_767_261_600  # 2026-01-01 10:00 UTC


def _blob(content: str) -> bytes:
    data = content.encode()
    return b"data %d\n%s\n" % (len(data), data)


def _stream(commits: int) -> Iterator[bytes]:
    """A `git fast-import` stream of `commits` commits on main."""
    for i in range(commits):
        email = OTHER if i % 5 == 4 else LEARNER
        when = START + i * 60
        yield b"commit refs/heads/main\n"
        yield f"author A <{email}> {when} +0000\ncommitter A <{email}> {when} +0000\n".encode()
        yield _blob(f"commit {i}")
        module = f"def f{i}():\n    return {i}\n\n" + "".join(f"x{k} = {k}\n" for k in range(5))
        yield f"M 100644 inline src/p{i // 100}/m{i}.py\n".encode() + _blob(module)
        shared = "".join(f"v = {i}\n" if k == 15 else f"line{k} = {k}\n" for k in range(30))
        yield f"M 100644 inline src/shared{i % 20}.py\n".encode() + _blob(shared)
        if i % 10 == 0:
            test = "def test():\n    pass\n"
            yield f"M 100644 inline tests/test_m{i}.py\n".encode() + _blob(test)
        if i % 100 == 0:
            yield f"M 100644 inline docs/page{i}.md\n".encode() + _blob(f"# Page {i}\n")


def build_repository(path: Path, commits: int) -> float:
    """Build the repository at `path`; the seconds it took."""
    started = time.perf_counter()
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main", str(path)], check=True)
    with subprocess.Popen(
        ["git", "-C", str(path), "fast-import", "--quiet"], stdin=subprocess.PIPE
    ) as process:
        assert process.stdin is not None
        for chunk in _stream(commits):
            process.stdin.write(chunk)
        process.stdin.close()
        if process.wait() != 0:
            raise RuntimeError("git fast-import failed")
    subprocess.run(["git", "-C", str(path), "checkout", "--quiet", "main"], check=True)
    return time.perf_counter() - started


def collect(quick: bool, fresh_database: Callable[[], AbstractContextManager[None]]) -> dict:
    """Scan a generated repository from scratch and again with nothing new."""
    commits = QUICK_COMMITS if quick else COMMITS
    with tempfile.TemporaryDirectory(prefix="skillpath-bench-kpi-") as tmp, fresh_database():
        return measure(Path(tmp) / "repository", commits)


def measure(path: Path, commits: int) -> dict[str, Any]:
    """The figures for a repository of `commits` commits built at `path` (the test DB
    or a fresh one must be the default connection)."""
    from django.contrib.auth import get_user_model

    from skillpath.assessment import selectors, services

    log(f"building a git repository of {commits} commits")
    build_s = build_repository(path, commits)
    learner = get_user_model().objects.create_user(f"bench-kpi-{commits}")
    log("scanning it from scratch")
    started = time.perf_counter()
    (full,) = services.scan_kpis(learner=learner, paths=[str(path)], emails=[LEARNER])
    full_s = time.perf_counter() - started
    log("scanning it again, nothing new")
    started = time.perf_counter()
    (again,) = services.scan_kpis(learner=learner)
    rescan_s = time.perf_counter() - started
    totals = selectors.kpi_totals(learner=learner)
    return {
        "repository": {"commits": commits, "build_s": round(build_s, 2)},
        "full_scan": {
            "seconds": round(full_s, 3),
            "commits_per_s": round(commits / full_s),
            "counted": full.counted,
        },
        "rescan_nothing_new": {"seconds": round(rescan_s, 4), "counted": again.counted},
        "totals": {
            "commits": totals.commits,
            "lines": totals.lines,
            "test_lines": totals.test_lines,
            "docs_pages": totals.docs_pages,
        },
    }


def expected_totals(commits: int) -> dict[str, int]:
    """What the rules of docs/kpi.md must count in the generated repository."""
    mine = [i for i in range(commits) if i % 5 != 4]
    tests = sum(1 for i in mine if i % 10 == 0)
    # The commit that creates a shared module adds its 30 lines, not just the changed one.
    shared_created = sum(1 for i in mine if i < 20)
    return {
        "commits": len(mine),
        # 7 per new module and 1 changed shared line; 2 per test module.
        "lines": 8 * len(mine) + 29 * shared_created + 2 * tests,
        "test_lines": 2 * tests,
        "docs_pages": sum(1 for i in mine if i % 100 == 0),
    }


def targets(figures: dict[str, Any]) -> dict[str, Any]:
    rescan = figures["rescan_nothing_new"]["seconds"]
    return {
        "kpi_rescan_nothing_new_under_1_s": {
            "target": f"< {TARGET_RESCAN_S} s",
            "value": rescan,
            "met": rescan < TARGET_RESCAN_S,
        },
        "kpi_totals_follow_the_rules": {
            "target": "the counts docs/kpi.md gives for the generated history",
            "value": figures["totals"],
            "met": figures["totals"] == expected_totals(figures["repository"]["commits"]),
        },
    }
