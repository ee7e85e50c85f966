"""tasks — a console task manager that keeps its tasks in a JSON file.

    python tasks.py [--file PATH] COMMAND [OPTIONS]

The reference solution of project 1 (spec.en.md): the standard library only.
The file is read and written under an exclusive lock, and written atomically, so two
runs at once lose nothing and a crash never leaves half a file behind.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

PRIORITIES = ("low", "medium", "high")
DEFAULT_FILE = "tasks.json"


class TaskError(Exception):
    """A problem the user can fix: printed as "error: ...", exit code 1."""


# --- parsing the command line -------------------------------------------------


def title_text(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("the title must not be empty")
    return value


def due_date(value: str) -> str:
    """A real calendar date written YYYY-MM-DD, returned in that form."""
    try:
        return datetime.strptime(value, "%Y-%m-%d").date().isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid date {value!r}: expected a real date as YYYY-MM-DD"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tasks", description="A console task manager that keeps tasks in a JSON file."
    )
    parser.add_argument(
        "--file",
        metavar="PATH",
        help=f"the tasks file (default: {DEFAULT_FILE} in the current directory)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    add = commands.add_parser("add", help="add a task")
    add.add_argument("title", type=title_text)
    add.add_argument("--priority", choices=PRIORITIES, default="medium")
    add.add_argument("--due", type=due_date, help="due date, YYYY-MM-DD")
    add.set_defaults(action=add_task, changes=True)

    listing = commands.add_parser("list", help="list all tasks")
    listing.add_argument("--json", action="store_true", help="print the tasks as JSON")
    listing.set_defaults(action=list_tasks, changes=False)

    done = commands.add_parser("done", help="mark a task as done")
    done.add_argument("id", type=int)
    done.set_defaults(action=complete_task, changes=True)

    edit = commands.add_parser("edit", help="change a task's title, priority or due date")
    edit.add_argument("id", type=int)
    edit.add_argument("--title", type=title_text)
    # No defaults here: an option that is not given leaves that field as it is.
    edit.add_argument("--priority", choices=PRIORITIES)
    edit.add_argument("--due", type=due_date, help="due date, YYYY-MM-DD")
    edit.set_defaults(action=edit_task, changes=True)

    delete = commands.add_parser("delete", help="delete a task")
    delete.add_argument("id", type=int)
    delete.set_defaults(action=delete_task, changes=True)
    return parser


# --- the file -------------------------------------------------------------------


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock (on PATH.lock) while the block reads and writes the file.

    Without it two runs at once both read the same tasks, and the one that writes last
    throws away the task the other one added.
    """
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # waits while another run holds it
        yield  # closing the file releases the lock


def load_tasks(path: Path) -> list[dict]:
    """The tasks in the file; none when it does not exist yet."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    if not data.strip():
        return []
    try:
        tasks = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise TaskError(f"{path} is damaged ({problem}); fix or remove it") from None
    if not isinstance(tasks, list) or not all(is_task(task) for task in tasks):
        raise TaskError(f"{path} is damaged (not a JSON array of tasks); fix or remove it")
    return tasks


def is_task(task: object) -> bool:
    """A task object with the five fields of the spec, each of its type (more are fine)."""
    return (
        isinstance(task, dict)
        and type(task.get("id")) is int
        and isinstance(task.get("title"), str)
        and task.get("priority") in PRIORITIES
        and (task.get("due") is None or isinstance(task.get("due"), str))
        and isinstance(task.get("done"), bool)
    )


def save_tasks(path: Path, tasks: list[dict]) -> None:
    """Write a temporary file next to the real one, then swap it in (os.replace is atomic)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(tasks, out, ensure_ascii=False, indent=2)
            out.write("\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


# --- the commands: each changes the list in place and returns what to print -------


def find_task(tasks: list[dict], task_id: int) -> dict:
    for task in tasks:
        if task["id"] == task_id:
            return task
    raise TaskError(f"task {task_id} not found")


def format_task(task: dict) -> str:
    mark = "x" if task["done"] else " "
    return f"{task['id']} [{mark}] {task['priority']} {task['due'] or '-'} {task['title']}"


def add_task(tasks: list[dict], args: argparse.Namespace) -> str:
    task = {
        "id": max((task["id"] for task in tasks), default=0) + 1,
        "title": args.title,
        "priority": args.priority,
        "due": args.due,
        "done": False,
    }
    tasks.append(task)
    return f"Added task {task['id']}: {task['title']}"


def list_tasks(tasks: list[dict], args: argparse.Namespace) -> str:
    tasks = sorted(tasks, key=lambda task: task["id"])
    if args.json:
        return json.dumps(tasks, ensure_ascii=False)
    if not tasks:
        return "No tasks."
    return "\n".join(format_task(task) for task in tasks)


def complete_task(tasks: list[dict], args: argparse.Namespace) -> str:
    task = find_task(tasks, args.id)
    task["done"] = True
    return f"Completed task {task['id']}: {task['title']}"


def edit_task(tasks: list[dict], args: argparse.Namespace) -> str:
    task = find_task(tasks, args.id)
    for field in ("title", "priority", "due"):
        value = getattr(args, field)
        if value is not None:
            task[field] = value
    return f"Updated task {task['id']}: {task['title']}"


def delete_task(tasks: list[dict], args: argparse.Namespace) -> str:
    task = find_task(tasks, args.id)
    tasks.remove(task)
    return f"Deleted task {task['id']}: {task['title']}"


def changes_nothing(args: argparse.Namespace) -> bool:
    """An edit without any of its options: a usage error."""
    return args.command == "edit" and (args.title, args.priority, args.due) == (None, None, None)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if changes_nothing(args):
        parser.error("edit needs at least one of --title, --priority, --due")
    path = Path(args.file or DEFAULT_FILE)
    try:
        with locked(path):
            tasks = load_tasks(path)
            output = args.action(tasks, args)
            if args.changes:
                save_tasks(path, tasks)
    except TaskError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
