"""Parsing what git prints, without git: the commit list and the patches."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from skillpath.assessment.gitlog import (
    HEADER_LINES,
    FileChange,
    first_lines,
    header_is_complete,
    parse_commit_list,
    parse_patches,
    unquote_path,
)

A = "a" * 40
B = "b" * 40
BLOB = "1" * 40

PATCH = f"""\x00{A}

diff --git a/app/main.py b/app/main.py
new file mode 100644
index {"0" * 40}..{BLOB}
--- /dev/null
+++ b/app/main.py
@@ -0,0 +1,4 @@
+import os
+
+def main():
+++ not a header: an added line that starts with ++
diff --git a/logo.png b/logo.png
new file mode 100644
index {"0" * 40}..{"2" * 40}
Binary files /dev/null and b/logo.png differ
\x00{B}

diff --git a/old name.py b/new name.py
similarity index 80%
rename from old name.py
rename to new name.py
index {BLOB}..{"3" * 40}
--- a/old name.py
+++ b/new name.py
@@ -10,3 +10,4 @@ def f():
     a = 1
-    b = 2
+    b = 3
+    \t
 diff --git a/x b/x
\\ No newline at end of file
diff --git "a/caf\\303\\251.md" "b/caf\\303\\251.md"
deleted file mode 100644
index {"4" * 40}..{"0" * 40}
--- "a/caf\\303\\251.md"
+++ /dev/null
@@ -1 +0,0 @@
-# Café
"""


def test_it_reads_each_commit_and_file_of_a_patch():
    first, second = parse_patches(PATCH.splitlines(keepends=True))

    assert first.sha == A and second.sha == B
    main, logo = first.files
    assert (main.path, main.blob, main.is_new, main.added_lines) == ("app/main.py", BLOB, True, 3)
    assert main.header == [
        "import os",
        "",
        "def main():",
        "++ not a header: an added line that starts with ++",
    ]
    assert header_is_complete(main)
    assert (logo.path, logo.is_binary, logo.added_lines) == ("logo.png", True, 0)
    renamed, deleted = second.files
    assert (renamed.path, renamed.added_lines, renamed.is_new) == ("new name.py", 1, False)
    assert renamed.header is None and not header_is_complete(renamed)
    assert (deleted.path, deleted.is_deleted, deleted.added_lines) == ("café.md", True, 0)


def test_it_reads_the_commit_list():
    text = f"{A}\x1f\x1falice@example.com\x1f2026-01-01T10:00:00+00:00\n" + (
        f"{B}\x1f{A} {'c' * 40}\x1fBob@Example.com\x1f2026-01-02T12:30:00+03:00\n"
    )

    first, merge = parse_commit_list(text)

    assert (first.sha, first.parents, first.is_merge) == (A, (), False)
    assert first.authored_at == datetime(2026, 1, 1, 10, tzinfo=UTC)
    assert (merge.parents, merge.email, merge.is_merge) == ((A, "c" * 40), "Bob@Example.com", True)


def test_a_short_modified_file_needs_its_blob_for_the_header():
    change = FileChange(path="a.py", header=["x = 1"])

    assert not header_is_complete(change)
    assert header_is_complete(FileChange(path="a.py", header=["x"] * HEADER_LINES))
    assert header_is_complete(FileChange(path="a.py", is_new=True, header=["x"]))


def test_first_lines_are_decoded_leniently():
    assert first_lines(b"\xff\xfeline\r\nsecond\nthird\n", 2) == ["\ufffd\ufffdline", "second"]


paths = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=20
).filter(lambda p: "/" not in p and p.strip() == p and "\x00" not in p)


def _quote(path: str) -> str:
    """As git (core.quotepath=off) writes a path with special characters."""
    special = {"\t": "\\t", "\n": "\\n", '"': '\\"', "\\": "\\\\"}
    if not any(c in special or ord(c) < 32 for c in path):
        return path
    body = "".join(special.get(c, f"\\{ord(c):03o}" if ord(c) < 32 else c) for c in path)
    return f'"{body}"'


@given(path=paths)
def test_unquoting_undoes_gits_quoting(path):
    assert unquote_path(_quote(path)) == path


@given(
    files=st.lists(
        st.tuples(
            st.sampled_from(["a.py", "b/c.js", "d e.go", "f.md"]),
            st.lists(st.sampled_from(["x = 1", "", "   ", "++y", "--z", "diff --git a b"])),
        ),
        max_size=4,
    )
)
def test_added_non_blank_lines_are_counted_whatever_they_hold(files):
    text = f"\x00{A}\n\n"
    for name, added in files:
        text += f"diff --git a/{name} b/{name}\nnew file mode 100644\n"
        text += f"index {'0' * 40}..{BLOB}\n"
        if added:
            text += f"--- /dev/null\n+++ b/{name}\n@@ -0,0 +1,{len(added)} @@\n"
            text += "".join(f"+{line}\n" for line in added)

    (commit,) = parse_patches(text.splitlines(keepends=True))

    assert [(f.path, f.added_lines) for f in commit.files] == [
        (name, sum(1 for line in added if line.strip())) for name, added in files
    ]
