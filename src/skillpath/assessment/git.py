"""Running `git` for the KPI scanner: the few commands it needs, read-only.

The outside world of the scanner: it only runs git and hands its output to the parsers of
`assessment/gitlog.py`. Every command fixes the settings that change what git prints
(quoted paths, signatures, colours, rename detection), whatever the user's config says.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from skillpath.assessment.gitlog import (
    COMMIT_LIST_FORMAT,
    PATCH_FORMAT,
    CommitHead,
    CommitPatch,
    first_lines,
    parse_commit_list,
    parse_patches,
)

GIT = (
    "git",
    "-c",
    "core.quotepath=off",
    "-c",
    "log.showSignature=false",
    "-c",
    "color.ui=never",
)
# Read-only: never take the index lock (a scan must not disturb the learner's own git).
ENVIRONMENT = {"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
PATCH_OPTIONS = (
    "-p",
    "-M",
    "--root",
    "--full-index",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    f"--format={PATCH_FORMAT}",
)


class GitError(Exception):
    """git failed; `str()` holds its first line of error."""


def _environment() -> dict[str, str]:
    return {**os.environ, **ENVIRONMENT}


def _run(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [*GIT, "-C", str(root), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        env=_environment(),
        check=False,
    )
    if check and done.returncode != 0:
        raise GitError((done.stderr.strip().splitlines() or [f"git {args[0]} failed"])[0])
    return done


def repository_root(path: Path) -> Path | None:
    """The top folder of the git repository holding `path` (its git folder if bare), or
    None when `path` is in none."""
    done = _run(path, "rev-parse", "--is-bare-repository", "--show-toplevel", check=False)
    if done.returncode != 0:
        return None
    lines = done.stdout.splitlines()
    if lines and lines[0] == "true":
        bare = _run(path, "rev-parse", "--absolute-git-dir", check=False)
        return Path(bare.stdout.strip()) if bare.returncode == 0 else None
    return Path(lines[1]) if len(lines) > 1 else None


def head_commit(root: Path) -> str | None:
    """The commit HEAD points at; None in a repository without commits."""
    done = _run(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
    if done.returncode != 0:
        return None
    return done.stdout.strip() or None


def is_ancestor(root: Path, older: str, newer: str) -> bool:
    """Whether `older` is a commit that `newer` descends from (False when it is gone)."""
    done = _run(root, "merge-base", "--is-ancestor", older, newer, check=False)
    return done.returncode == 0


def commit_list(root: Path, head: str, since: str | None = None) -> list[CommitHead]:
    """The commits reachable from `head` and not from `since`, merges included."""
    revisions = [head, f"^{since}"] if since else [head]
    done = _run(root, "log", f"--format={COMMIT_LIST_FORMAT}", *revisions, "--")
    return parse_commit_list(done.stdout)


def patches(root: Path, shas: Iterable[str]) -> Iterator[CommitPatch]:
    """The patch of each commit of `shas`, read as git writes them."""
    wanted = "".join(f"{sha}\n" for sha in shas)
    if not wanted:
        return
    process = subprocess.Popen(
        [*GIT, "-C", str(root), "log", "--no-walk=unsorted", "--stdin", *PATCH_OPTIONS],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(),
    )
    assert process.stdin is not None and process.stdout is not None
    # git reads every revision from stdin before it writes a line, so this cannot block.
    process.stdin.write(wanted.encode())
    process.stdin.close()
    lines = (raw.decode("utf-8", "surrogateescape") for raw in process.stdout)
    try:
        yield from parse_patches(lines)
    finally:
        process.stdout.close()
        error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        if process.wait() != 0:
            raise GitError((error.strip().splitlines() or ["git log failed"])[0])


def blob_headers(root: Path, blobs: Iterable[str]) -> dict[str, list[str]]:
    """The first lines of each blob, by id, read through one `git cat-file --batch`."""
    wanted = sorted(set(blobs))
    if not wanted:
        return {}
    headers: dict[str, list[str]] = {}
    with subprocess.Popen(
        [*GIT, "-C", str(root), "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=_environment(),
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        # One id at a time, answer read before the next: no pipe can fill up both ways.
        for blob in wanted:
            process.stdin.write(f"{blob}\n".encode())
            process.stdin.flush()
            answer = process.stdout.readline().split()
            if len(answer) == 3 and answer[1] == b"blob":
                content = process.stdout.read(int(answer[2]) + 1)
                headers[blob] = first_lines(content[:-1])
            elif len(answer) == 3:  # a tree or a commit (a submodule): skip its content
                process.stdout.read(int(answer[2]) + 1)
        process.stdin.close()
    return headers
