"""Personal Blog API: the reference solution of project 2 (blog-api).

Flask and the standard library's sqlite3 with plain SQL; the database is the file blog.db
in the directory named by DATA_DIR (default: the current directory).

    PORT=8000 DATA_DIR=/tmp/blog python reference/app.py
"""

import math
import os
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask, abort, g, request
from werkzeug.exceptions import HTTPException

app = Flask(__name__)
DB_PATH = Path(os.environ.get("DATA_DIR", ".")) / "blog.db"

SCHEMA = """
CREATE TABLE IF NOT EXISTS posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,   -- AUTOINCREMENT: ids of deleted posts never return
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS post_tags (
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (post_id, tag)
);
CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
"""
# An edit stamps updated_at; created_at never changes.
UPDATE_POST = "UPDATE posts SET title = :title, body = :body, updated_at = :now WHERE id = :id"
SLUG_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


# --- database -------------------------------------------------------------------------------


def db():
    """One connection per request, closed by close_db."""
    if "db" not in g:
        g.db = sqlite3.connect(DB_PATH)
        g.db.row_factory = sqlite3.Row
        # SQLite leaves foreign keys (and so ON DELETE CASCADE) off unless asked, per connection.
        g.db.execute("PRAGMA foreign_keys = ON")
    return g.db


@app.teardown_appcontext
def close_db(_exc):
    conn = g.pop("db", None)
    if conn is not None:
        conn.close()


def init_db():
    DB_PATH.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(DB_PATH) as conn:
        conn.executescript(SCHEMA)


# --- rules ----------------------------------------------------------------------------------


def now_iso():
    """The current UTC time, e.g. 2026-11-27T10:15:30.123456+00:00."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def slugify(title):
    """'Hello, World!' -> 'hello-world'; letters of any alphabet and digits are kept."""
    return re.sub(r"[\W_]+", "-", title.lower()).strip("-") or "post"


def unique_slug(conn, title):
    """The title's slug, or with -2, -3, ... appended: the first one no post has."""
    base = slugify(title)
    slug, n = base, 1
    while conn.execute("SELECT 1 FROM posts WHERE slug = ?", (slug,)).fetchone():
        n += 1
        slug = f"{base}-{n}"
    return slug


def is_text(value):
    return isinstance(value, str) and value.strip() != ""


def validate_post(data, *, partial):
    """The post's fields from a request body, or abort(400) saying what is wrong."""
    if not isinstance(data, dict):
        abort(400, "the request body must be a JSON object")
    fields = {}
    for name in ("title", "body"):
        if name in data:
            if not is_text(data[name]):
                abort(400, f'"{name}" must be a non-empty string')
            fields[name] = data[name]
        elif not partial:
            abort(400, f'"{name}" is required')
    if "tags" in data:
        tags = data["tags"]
        if not isinstance(tags, list) or not all(is_text(tag) for tag in tags):
            abort(400, '"tags" must be a list of non-empty strings')
        fields["tags"] = sorted(set(tags))
    elif not partial:
        fields["tags"] = []
    if not partial and "slug" in data:
        if not isinstance(data["slug"], str) or not SLUG_RE.fullmatch(data["slug"]):
            abort(400, '"slug" must be lowercase letters a-z and digits joined by single "-"')
        fields["slug"] = data["slug"]
    if not fields:
        abort(400, 'nothing to change: send "title", "body" or "tags"')
    return fields


def page_arg(name, default, highest):
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        abort(400, f'"{name}" must be an integer')
    if not 1 <= value <= highest:
        abort(400, f'"{name}" must be between 1 and {highest}')
    return value


# --- representation -------------------------------------------------------------------------


def find_post(conn, slug):
    row = conn.execute("SELECT * FROM posts WHERE slug = ?", (slug,)).fetchone()
    if row is None:
        abort(404, f'there is no post with the slug "{slug}"')
    return row


def post_json(conn, row):
    tags = conn.execute(
        "SELECT tag FROM post_tags WHERE post_id = ? ORDER BY tag", (row["id"],)
    ).fetchall()
    return {
        "id": row["id"],
        "slug": row["slug"],
        "title": row["title"],
        "body": row["body"],
        "tags": [tag["tag"] for tag in tags],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def comment_json(row):
    return {
        "id": row["id"],
        "author": row["author"],
        "body": row["body"],
        "created_at": row["created_at"],
    }


@app.errorhandler(HTTPException)
def json_error(error):
    """Every error, ours (abort) or Flask's (unknown URL, wrong method), as {"error": ...}."""
    # A 405 Method Not Allowed must still list the methods that are (the Allow header).
    headers = [(name, value) for name, value in error.get_headers() if name == "Allow"]
    return {"error": error.description}, error.code, headers


# --- posts ----------------------------------------------------------------------------------


def tag_condition(tag):
    """Posts that have the tag (exactly)."""
    return "id IN (SELECT post_id FROM post_tags WHERE tag = ?)", [tag]


def search_condition(q):
    """Posts whose title or body contains q, ignoring the case of A-Z."""
    # instr() finds a plain substring (LIKE would treat % and _ as wildcards);
    # SQLite's lower() folds only A-Z, which is what the spec asks for.
    return "(instr(lower(title), lower(?)) > 0 OR instr(lower(body), lower(?)) > 0)", [q, q]


def page_count(total, per_page):
    return math.ceil(total / per_page)


@app.get("/posts")
def list_posts():
    page = page_arg("page", 1, highest=1_000_000_000)
    per_page = page_arg("per_page", 10, highest=100)
    conditions = []
    if tag := request.args.get("tag"):
        conditions.append(tag_condition(tag))
    if q := request.args.get("q"):
        conditions.append(search_condition(q))
    where = " WHERE " + " AND ".join(sql for sql, _ in conditions) if conditions else ""
    params = [value for _, values in conditions for value in values]
    conn = db()
    total = conn.execute("SELECT count(*) FROM posts" + where, params).fetchone()[0]
    rows = conn.execute(
        "SELECT * FROM posts" + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
        [*params, per_page, (page - 1) * per_page],
    ).fetchall()
    return {
        "items": [post_json(conn, row) for row in rows],
        "page": page,
        "per_page": per_page,
        "total": total,
        "pages": page_count(total, per_page),
    }


@app.post("/posts")
def create_post():
    fields = validate_post(request.get_json(silent=True), partial=False)
    conn = db()
    slug = fields.get("slug") or unique_slug(conn, fields["title"])
    now = now_iso()
    try:
        with conn:  # one transaction: the post and its tags, or nothing
            cursor = conn.execute(
                "INSERT INTO posts (slug, title, body, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (slug, fields["title"], fields["body"], now, now),
            )
            conn.executemany(
                "INSERT INTO post_tags (post_id, tag) VALUES (?, ?)",
                [(cursor.lastrowid, tag) for tag in fields["tags"]],
            )
    except sqlite3.IntegrityError:
        # The UNIQUE constraint on posts.slug: an explicit slug that is taken, or another
        # request that took the same generated slug a moment ago.
        abort(409, f'the slug "{slug}" is taken')
    return post_json(conn, find_post(conn, slug)), 201


@app.get("/posts/<slug>")
def get_post(slug):
    conn = db()
    return post_json(conn, find_post(conn, slug))


@app.patch("/posts/<slug>")
def update_post(slug):
    conn = db()
    post = find_post(conn, slug)
    fields = validate_post(request.get_json(silent=True), partial=True)
    with conn:
        conn.execute(
            UPDATE_POST,
            {
                "id": post["id"],
                "title": fields.get("title", post["title"]),
                "body": fields.get("body", post["body"]),
                "now": now_iso(),
            },
        )
        if "tags" in fields:
            conn.execute("DELETE FROM post_tags WHERE post_id = ?", (post["id"],))
            conn.executemany(
                "INSERT INTO post_tags (post_id, tag) VALUES (?, ?)",
                [(post["id"], tag) for tag in fields["tags"]],
            )
    return post_json(conn, find_post(conn, slug))


@app.delete("/posts/<slug>")
def delete_post(slug):
    conn = db()
    post = find_post(conn, slug)
    with conn:  # its tags and comments go with it (ON DELETE CASCADE)
        conn.execute("DELETE FROM posts WHERE id = ?", (post["id"],))
    return "", 204


# --- comments -------------------------------------------------------------------------------


@app.get("/posts/<slug>/comments")
def list_comments(slug):
    conn = db()
    post = find_post(conn, slug)
    rows = conn.execute(
        "SELECT * FROM comments WHERE post_id = ? ORDER BY id", (post["id"],)
    ).fetchall()
    return [comment_json(row) for row in rows]


@app.post("/posts/<slug>/comments")
def add_comment(slug):
    conn = db()
    post = find_post(conn, slug)
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "the request body must be a JSON object")
    for name in ("author", "body"):
        if not is_text(data.get(name)):
            abort(400, f'"{name}" must be a non-empty string')
    with conn:
        cursor = conn.execute(
            "INSERT INTO comments (post_id, author, body, created_at) VALUES (?, ?, ?, ?)",
            (post["id"], data["author"], data["body"], now_iso()),
        )
    row = conn.execute("SELECT * FROM comments WHERE id = ?", (cursor.lastrowid,)).fetchone()
    return comment_json(row), 201


def main():
    init_db()
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8000")))


if __name__ == "__main__":
    main()
