"""Reading what `git log` prints: the list of commits and their patches, as plain data.

Pure functions over text, tested without git. `assessment/git.py` runs the commands; the
KPI rules that decide what counts are in `assessment/kpi.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

# `git log --format=` of the commit list: one line per commit, fields split by US (0x1f).
COMMIT_LIST_FORMAT = "%H%x1f%P%x1f%ae%x1f%aI"
# Each commit's patch starts with a line holding NUL and its hash: no patch line can.
PATCH_FORMAT = "%x00%H"
# How many first lines of a file are read to tell whether it is generated (or a script).
HEADER_LINES = 5
HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


@dataclass(frozen=True)
class CommitHead:
    """One line of the commit list."""

    sha: str
    parents: tuple[str, ...]
    email: str
    authored_at: datetime

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1


@dataclass
class FileChange:
    """One file of a commit's patch: what the commit did to it and how many non-blank lines
    it added. `header` is the new file's first lines when the patch shows all of them."""

    path: str
    blob: str = ""
    is_new: bool = False
    is_deleted: bool = False
    is_binary: bool = False
    added_lines: int = 0
    header: list[str] | None = None


@dataclass
class CommitPatch:
    sha: str
    files: list[FileChange] = field(default_factory=list)


def parse_commit_list(text: str) -> list[CommitHead]:
    """The commits of `git log --format=COMMIT_LIST_FORMAT`, in the order printed."""
    commits = []
    for line in text.splitlines():
        if not line.strip():
            continue
        sha, parents, email, authored = line.split("\x1f")
        commits.append(
            CommitHead(
                sha=sha,
                parents=tuple(parents.split()),
                email=email,
                authored_at=datetime.fromisoformat(authored),
            )
        )
    return commits


def unquote_path(text: str) -> str:
    """A path as git prints it: C-quoted ("a\\tb", "\\303\\251") when it holds special
    characters, else as is."""
    if not (len(text) >= 2 and text[0] == '"' and text[-1] == '"'):
        return text
    raw, body, i = bytearray(), text[1:-1], 0
    while i < len(body):
        char = body[i]
        if char != "\\" or i + 1 == len(body):
            raw += char.encode("utf-8", "surrogateescape")
            i += 1
        elif body[i + 1] in ESCAPES:
            raw.append(ESCAPES[body[i + 1]])
            i += 2
        else:
            raw.append(int(body[i + 1 : i + 4], 8))
            i += 4
    return raw.decode("utf-8", "surrogateescape")


def _path_of_diff_line(line: str) -> str:
    """The path of `diff --git a/P b/P` (both sides alike unless renamed, which the `rename
    to` line then tells)."""
    rest = line[len("diff --git ") :]
    if rest.startswith('"'):
        end = rest.index('" ', 1) + 1
        return _strip_prefix(unquote_path(rest[:end]))
    half = (len(rest) - 1) // 2
    return _strip_prefix(rest[:half])


def _strip_prefix(path: str) -> str:
    return path[2:] if path[:2] in ("a/", "b/") else path


class _Hunk:
    """Counts what is left of a hunk, so that a `+++` or `diff` inside it stays content."""

    def __init__(self, match: re.Match[str]) -> None:
        self.old = int(match.group(2) or 1)
        self.new = int(match.group(4) or 1)
        self.starts_file = int(match.group(3)) <= 1

    @property
    def done(self) -> bool:
        return self.old <= 0 and self.new <= 0


def parse_patches(lines: Iterable[str]) -> Iterator[CommitPatch]:
    """The commits of `git log --format=PATCH_FORMAT -p --full-index`, one at a time, as
    they are read (lines with or without their line ends)."""
    commit: CommitPatch | None = None
    change: FileChange | None = None
    hunk: _Hunk | None = None
    header: list[str] | None = None
    for raw in lines:
        line = raw.rstrip("\n")
        if hunk is not None and not hunk.done:
            assert change is not None
            _hunk_line(line, hunk, change, header)
            continue
        hunk = None
        if line.startswith("\x00"):
            if commit is not None:
                yield commit
            commit, change = CommitPatch(sha=line[1:].strip()), None
        elif line.startswith("diff --git "):
            assert commit is not None, "a patch before its commit line"
            change = FileChange(path=_path_of_diff_line(line))
            commit.files.append(change)
        elif change is None:
            continue
        elif line.startswith("@@"):
            match = HUNK.match(line)
            if match is None:
                continue
            hunk = _Hunk(match)
            header = None
            if hunk.starts_file and change.header is None:
                header = change.header = []
        else:
            _file_line(line, change)
    if commit is not None:
        yield commit


def _file_line(line: str, change: FileChange) -> None:
    """A line of a file's extended header (between `diff --git` and the first hunk)."""
    if line.startswith("new file mode"):
        change.is_new = True
    elif line.startswith("deleted file mode"):
        change.is_deleted = True
    elif line.startswith("rename to "):
        change.path = unquote_path(line[len("rename to ") :])
    elif line.startswith("index "):
        blobs = line.split()[1]
        change.blob = blobs.split("..")[-1]
    elif line.startswith("+++ "):
        target = line[4:]
        if target != "/dev/null":
            change.path = _strip_prefix(unquote_path(target))
    elif line.startswith("Binary files ") or line == "GIT binary patch":
        change.is_binary = True


def _hunk_line(line: str, hunk: _Hunk, change: FileChange, header: list[str] | None) -> None:
    mark, text = line[:1], line[1:]
    if mark == "\\":  # "\ No newline at end of file"
        return
    if mark == "-":
        hunk.old -= 1
        return
    if mark == "+":
        hunk.new -= 1
        if text.strip():
            change.added_lines += 1
    else:  # context (a blank context line may have lost its leading space)
        hunk.old -= 1
        hunk.new -= 1
    if header is not None and len(header) < HEADER_LINES:
        header.append(text)


def header_is_complete(change: FileChange) -> bool:
    """Whether the patch showed the file's first HEADER_LINES lines (or the whole of a new
    file); otherwise they must be read from the blob."""
    if change.header is None:
        return False
    return change.is_new or len(change.header) >= HEADER_LINES


def first_lines(content: bytes, count: int = HEADER_LINES) -> list[str]:
    """The first `count` lines of a blob, decoded leniently."""
    return content[:4096].decode("utf-8", "replace").splitlines()[:count]
