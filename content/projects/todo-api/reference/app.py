"""Todo API: a REST API for tasks, kept in SQLite — the reference solution of practice 3.

Run it with `PORT=8080 python reference/app.py`; it listens on 127.0.0.1 at that port and
keeps its tasks in `todo.sqlite3` under the directory named by DATA_DIR (default: the
current directory). The interface is in spec.en.md and openapi.yaml.
"""

import os
import re
import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path

from flask import Flask, jsonify, request

app = Flask(__name__)

MAX_TITLE_CHARS = 200
MAX_DESCRIPTION_CHARS = 2000
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_INTEGER = 2**63 - 1  # the largest integer SQLite stores: larger ids or offsets can't exist
FIELDS = ("title", "description", "done", "due_on")  # what a client may set
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

SCHEMA = """
CREATE TABLE IF NOT EXISTS tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: ids of deleted tasks never return
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    done INTEGER NOT NULL DEFAULT 0,        -- SQLite has no booleans: 0 or 1
    due_on TEXT,                            -- 'YYYY-MM-DD' or NULL
    created_at TEXT NOT NULL
)
"""


# --- storage ------------------------------------------------------------------------------


def connect() -> sqlite3.Connection:
    """A new connection to the database; each request opens its own and closes it."""
    path = Path(os.environ.get("DATA_DIR", ".")) / "todo.sqlite3"
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    return db


def find_task(db: sqlite3.Connection, task_id: int) -> sqlite3.Row | None:
    if task_id > MAX_INTEGER:
        return None
    return db.execute("SELECT * FROM tasks WHERE id = ?", (task_id,)).fetchone()


def select_tasks(
    db: sqlite3.Connection, *, done: bool | None, limit: int, offset: int
) -> tuple[int, list[sqlite3.Row]]:
    """How many tasks match the filter, and one page of them in the order of their ids."""
    where, params = "", []
    if done is not None:
        where, params = "WHERE done = ?", [done]
    total = db.execute(f"SELECT COUNT(*) FROM tasks {where}", params).fetchone()[0]
    rows = db.execute(
        f"SELECT * FROM tasks {where} ORDER BY id LIMIT ? OFFSET ?", [*params, limit, offset]
    ).fetchall()
    return total, rows


def task_json(row: sqlite3.Row) -> dict:
    return {
        "id": row["id"],
        "title": row["title"],
        "description": row["description"],
        "done": bool(row["done"]),
        "due_on": row["due_on"],
        "created_at": row["created_at"],
    }


# --- errors -------------------------------------------------------------------------------


class Invalid(Exception):
    """A field of the request has a wrong value: answered 422, naming the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class BadBody(Exception):
    """The request body is not a JSON object: answered 400."""


@app.errorhandler(Invalid)
def invalid(error: Invalid):
    return jsonify(error="validation_failed", field=error.field, message=error.message), 422


@app.errorhandler(BadBody)
def bad_body(error: BadBody):
    return jsonify(error="invalid_json", message="the request body must be a JSON object"), 400


@app.errorhandler(404)
def no_such_path(error):
    return jsonify(error="not_found", message=f"nothing at {request.path}"), 404


def not_found(task_id: int):
    return jsonify(error="not_found", message=f"task {task_id} does not exist"), 404


# --- input --------------------------------------------------------------------------------


def json_body() -> dict:
    data = request.get_json(force=True, silent=True)
    if not isinstance(data, dict):
        raise BadBody()
    return data


def check_title(title: object) -> str:
    if not isinstance(title, str) or not title.strip():
        raise Invalid("title", "title must be a string with at least one non-space character")
    if len(title) > MAX_TITLE_CHARS:
        raise Invalid("title", f"title must be at most {MAX_TITLE_CHARS} characters long")
    return title


def check_description(description: object) -> str:
    if not isinstance(description, str):
        raise Invalid("description", "description must be a string")
    if len(description) > MAX_DESCRIPTION_CHARS:
        raise Invalid(
            "description", f"description must be at most {MAX_DESCRIPTION_CHARS} characters long"
        )
    return description


def check_done(done: object) -> bool:
    if not isinstance(done, bool):
        raise Invalid("done", "done must be true or false")
    return done


def check_due_on(due_on: object) -> str | None:
    if due_on is None:
        return None
    if isinstance(due_on, str) and DATE.fullmatch(due_on):
        try:
            return date.fromisoformat(due_on).isoformat()
        except ValueError:
            pass  # a date that does not exist, such as 2026-02-30
    raise Invalid("due_on", "due_on must be a date written YYYY-MM-DD, or null")


def check_task(data: dict, *, partial: bool) -> dict:
    """The task fields in `data`, checked; `partial` (PATCH) lets the title be left out."""
    if not partial and "title" not in data:
        raise Invalid("title", "title is required")
    checks = {
        "title": check_title,
        "description": check_description,
        "done": check_done,
        "due_on": check_due_on,
    }
    return {name: checks[name](data[name]) for name in FIELDS if name in data}


def query_int(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
        raise Invalid(name, f"{name} must be a whole number from {low} to {high}")
    return int(raw)


def query_done() -> bool | None:
    raw = request.args.get("done")
    if raw is None:
        return None
    if raw not in ("true", "false"):
        raise Invalid("done", "done must be true or false")
    return raw == "true"


# --- endpoints ----------------------------------------------------------------------------


@app.get("/tasks")
def list_tasks():
    limit = query_int("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    offset = query_int("offset", 0, 0, MAX_INTEGER)
    done = query_done()
    with closing(connect()) as db:
        total, rows = select_tasks(db, done=done, limit=limit, offset=offset)
    items = [task_json(row) for row in rows]
    return jsonify(items=items, total=total, limit=limit, offset=offset)


@app.post("/tasks")
def create_task():
    fields = check_task(json_body(), partial=False)
    task = {"description": "", "done": False, "due_on": None, **fields}
    created_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with closing(connect()) as db, db:  # `with db`: commit, or roll back on an error
        cursor = db.execute(
            "INSERT INTO tasks (title, description, done, due_on, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (task["title"], task["description"], task["done"], task["due_on"], created_at),
        )
        row = find_task(db, cursor.lastrowid)
    return jsonify(task_json(row)), 201, {"Location": f"/tasks/{row['id']}"}


@app.get("/tasks/<int:task_id>")
def get_task(task_id: int):
    with closing(connect()) as db:
        row = find_task(db, task_id)
    if row is None:
        return not_found(task_id)
    return jsonify(task_json(row))


@app.patch("/tasks/<int:task_id>")
def update_task(task_id: int):
    with closing(connect()) as db, db:
        if find_task(db, task_id) is None:
            return not_found(task_id)
        fields = check_task(json_body(), partial=True)
        if fields:
            # The column names come from check_task, never from the client.
            columns = ", ".join(f"{name} = ?" for name in fields)
            db.execute(f"UPDATE tasks SET {columns} WHERE id = ?", [*fields.values(), task_id])
        row = find_task(db, task_id)
    return jsonify(task_json(row))


@app.delete("/tasks/<int:task_id>")
def delete_task(task_id: int):
    with closing(connect()) as db, db:
        if find_task(db, task_id) is None:
            return not_found(task_id)
        db.execute("DELETE FROM tasks WHERE id = ?", (task_id,))
    return "", 204


def main() -> None:
    with closing(connect()) as db:
        db.execute(SCHEMA)
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8080")))


if __name__ == "__main__":
    main()
