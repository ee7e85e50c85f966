"""task-cli: project 1, a console task manager that keeps its tasks in a JSON file.

Every stage works on a tasks file of its own under the run's temporary directory, passed
with `--file`, so the stages do not depend on each other and nothing is written to the
learner's folder. The spec is content/projects/task-cli/spec.en.md.

This module holds the suite and its stages, in order; `runs` runs the program and judges a
run, `listing` holds the task format (the `list` line, `list --json`) and the tasks expected.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.utils.translation import gettext_lazy as _l

from skillpath.checks.context import Completed, Context
from skillpath.checks.expect import expect, shorten
from skillpath.checks.i18n import gettext as _
from skillpath.checks.suite import Suite
from skillpath.checks.suites.task_cli.listing import (
    FIELDS,
    as_json,
    expect_tasks,
    list_json,
    list_line,
    random_due,
    same_tasks,
    task,
)
from skillpath.checks.suites.task_cli.runs import (
    add,
    data_file,
    expect_error,
    expect_lines,
    expect_success,
    expect_unchanged,
    run,
    shown,
    stored_bytes,
    write_file,
)

suite = Suite(
    slug="task-cli",
    kind="cli",
    title=_l("Console task manager with file storage"),
    subject=("project", "cli-task-manager"),
)

COMMANDS = ("add", "list", "done", "edit", "delete")
# Enough runs at once that a program without a lock loses tasks every time.
PARALLEL_RUNS = 16
# Every run starts a new Python process (0.1-0.5 s on a busy machine), and a stage runs
# up to ten of them: more time than the default, so only a stuck program runs out of it.
RUNS_TIMEOUT = 20


# --- the stages -----------------------------------------------------------------


def commands_missing(text: str) -> list[str]:
    return [name for name in COMMANDS if not re.search(rf"\b{name}\b", text)]


@suite.stage("help", _l("The program shows help and refuses unknown commands"))
def shows_help(ctx: Context) -> None:
    done = ctx.run(["--help"])
    expect_success(done, _("--help must print the help and exit with code 0"))
    missing = commands_missing(done.stdout)
    expect(
        not missing or commands_missing(done.stderr),
        _("--help printed the help on stderr: help must be printed on standard output (stdout)"),
        request=f"$ {done.command}",
        expected=_("help on stdout that names every command: %(commands)s")
        % {"commands": ", ".join(COMMANDS)},
        actual=shown(done),
        hint=_(
            "argparse prints --help on stdout by itself; if you call print_help() yourself, "
            "do not give it sys.stderr. Help the user asked for is a result, not an error."
        ),
    )
    expect(
        not missing,
        _("the help does not name the commands %(commands)s") % {"commands": ", ".join(missing)},
        request=f"$ {done.command}",
        expected=_("help on stdout that names every command: %(commands)s")
        % {"commands": ", ".join(COMMANDS)},
        actual=shorten(done.stdout.strip()) or _("(empty)"),
        hint=_("Make each command an argparse subcommand: its help lists them by itself."),
    )
    word = ctx.random.choice(["fly", "archive", "undo", "sing"])
    done = run(ctx, data_file(ctx, "help"), word)
    expect_error(
        done,
        2,
        _('an unknown command ("%(word)s") must be refused with exit code 2') % {"word": word},
        hint=_("Usage errors exit with code 2; argparse does this for an unknown subcommand."),
    )


@suite.stage("add-list", _l("Tasks are added and listed"), timeout=RUNS_TIMEOUT)
def add_and_list(ctx: Context) -> None:
    path = data_file(ctx, "add-list")
    done = run(ctx, path, "list")
    expect_success(
        done,
        _("list must work before any task was added"),
        hint=_("A tasks file that does not exist yet means there are no tasks."),
    )
    expect_lines(done, ["No tasks."], _('list with no tasks must print "No tasks."'))
    titles = [ctx.words(2), ctx.words(3)]
    for number, title in enumerate(titles, start=1):
        done = add(ctx, path, title)
        expect_lines(
            done,
            [f"Added task {number}: {title}"],
            _("add must print the id and the title of the new task"),
            hint=_("The first task gets id 1, each new one the largest id plus one."),
        )
    expect(
        path.is_file(),
        _("after add, the tasks file given with --file does not exist"),
        request=f"$ {done.command}",
        expected=_("the file %(path)s") % {"path": path},
        actual=_("no such file"),
        hint=_("Save the tasks to the file named by --file, not to a fixed name."),
    )
    for blank in ("", ctx.random.choice([" ", "   ", "\t"])):
        done = run(ctx, path, "add", blank)
        expect_error(
            done,
            2,
            _("add with an empty title (%(title)s) must be refused with exit code 2")
            % {"title": repr(blank)},
            hint=_(
                "A title of only spaces is empty too. Check value.strip() in an argparse "
                "type= function and raise argparse.ArgumentTypeError: a usage error, code 2."
            ),
        )
    tasks = [task(number, title) for number, title in enumerate(titles, start=1)]
    done = run(ctx, path, "list")
    expect_success(done, _("list must print the tasks"))
    expect_lines(
        done,
        [list_line(item) for item in tasks],
        _("list must print one line per task: id, [ ] or [x], priority, due date or -, title"),
    )
    expect_tasks(ctx, path, tasks, _("list --json must print the tasks that were added"))


@suite.stage(
    "priority-due", _l("Priorities and due dates are kept and checked"), timeout=RUNS_TIMEOUT
)
def priorities_and_due_dates(ctx: Context) -> None:
    path = data_file(ctx, "priority-due")
    first, second = random_due(ctx), random_due(ctx)
    tasks = [
        task(1, ctx.words(2), "high", first),
        task(2, ctx.words(2), "low"),
        task(3, ctx.words(2), "medium", second),
    ]
    add(ctx, path, tasks[0]["title"], "--priority", "high", "--due", first)
    add(ctx, path, tasks[1]["title"], "--priority", "low")
    add(ctx, path, tasks[2]["title"], "--due", second)
    expect_tasks(
        ctx,
        path,
        tasks,
        _("add must keep the --priority and --due it was given (default priority: medium)"),
    )
    done = run(ctx, path, "list")
    expect_lines(
        done,
        [list_line(item) for item in tasks],
        _("list must show each task's priority and due date"),
    )
    done = run(ctx, path, "add", ctx.words(2), "--priority", "urgent")
    expect_error(
        done,
        2,
        _("add with --priority urgent must be refused: the priorities are low, medium, high"),
        hint=_('Let argparse check it: choices=("low", "medium", "high").'),
    )
    impossible = ctx.random.choice(["2026-02-30", "2027-04-31", "2026-13-01", "2025-00-10"])
    misshapen = ctx.random.choice(["31.12.2026", "2026/05/01", "tomorrow", "next week"])
    for bad in (impossible, misshapen):
        done = run(ctx, path, "add", ctx.words(2), "--due", bad)
        expect_error(
            done,
            2,
            _('add with --due "%(date)s" must be refused: it is not a real date as YYYY-MM-DD')
            % {"date": bad},
            hint=_(
                "Parse it with datetime.strptime and refuse it when that raises ValueError; "
                "an argparse type= function can do it."
            ),
        )
    expect_tasks(ctx, path, tasks, _("a refused add must not add a task"))


def three_tasks(ctx: Context, stage: str) -> tuple[Path, list[dict]]:
    """A tasks file of the stage's own with three tasks added, and those tasks."""
    path = data_file(ctx, stage)
    tasks = [task(number, ctx.words(2)) for number in (1, 2, 3)]
    for item in tasks:
        add(ctx, path, item["title"])
    return path, tasks


@suite.stage("complete", _l("A task is marked done"), timeout=RUNS_TIMEOUT)
def complete(ctx: Context) -> None:
    path, tasks = three_tasks(ctx, "complete")
    chosen = ctx.random.choice(tasks)
    done = run(ctx, path, "done", str(chosen["id"]))
    expect_success(done, _("done with the id of a task must mark it done"))
    expect_lines(
        done,
        [f"Completed task {chosen['id']}: {chosen['title']}"],
        _("done must print which task it completed"),
    )
    chosen["done"] = True
    expect_tasks(
        ctx, path, tasks, _("after done %(id)s, that task and only it must be done") % chosen
    )
    done = run(ctx, path, "list")
    expect_lines(done, [list_line(item) for item in tasks], _("list must mark a done task [x]"))
    done = run(ctx, path, "done", str(chosen["id"]))
    expect_success(done, _("done of a task that is already done must succeed: it stays done"))
    expect_tasks(
        ctx,
        path,
        tasks,
        _("after done %(id)s a second time, task %(id)s must still be done") % chosen,
        hint=_('Set "done" to true; do not flip it: done again is fine and changes nothing.'),
        request=_("$ %(command)s  (the second time)\n$ … list --json") % {"command": done.command},
    )
    missing = 3 + ctx.random.randint(1, 50)
    done = run(ctx, path, "done", str(missing))
    expect_error(
        done,
        1,
        _("done %(id)s must fail: there is no task %(id)s") % {"id": missing},
        hint=_('Print "error: task %(id)s not found" to stderr and exit with code 1.')
        % {"id": missing},
    )


@suite.stage("edit", _l("A task is edited, only in the fields given"), timeout=RUNS_TIMEOUT)
def edit(ctx: Context) -> None:
    path = data_file(ctx, "edit")
    tasks = [task(1, ctx.words(2), "high", random_due(ctx)), task(2, ctx.words(2))]
    add(ctx, path, tasks[0]["title"], "--priority", "high", "--due", tasks[0]["due"])
    add(ctx, path, tasks[1]["title"])
    tasks[0]["title"] = ctx.words(3)
    done = run(ctx, path, "edit", "1", "--title", tasks[0]["title"])
    expect_success(done, _("edit with --title must change the title"))
    expect_lines(
        done,
        [f"Updated task 1: {tasks[0]['title']}"],
        _("edit must print the task's id and its title after the change"),
    )
    expect_tasks(
        ctx,
        path,
        tasks,
        _("edit 1 --title must change only the title: priority and due date stay as they were"),
        hint=_(
            "Change only the fields whose option was given; in argparse, give the options "
            "of edit no default, so a missing one is None."
        ),
    )
    tasks[1].update(priority="low", due=random_due(ctx))
    done = run(ctx, path, "edit", "2", "--priority", "low", "--due", tasks[1]["due"])
    expect_success(done, _("edit with --priority and --due must change them"))
    expect_tasks(
        ctx, path, tasks, _("edit 2 --priority --due must change the priority and the due date")
    )
    done = run(ctx, path, "edit", "1", "--due", "2026-02-30")
    expect_error(
        done,
        2,
        _('edit with --due "2026-02-30" must be refused: there is no 30 February'),
        hint=_("Check the due date of edit as you check the one of add."),
    )
    done = run(ctx, path, "edit", "1")
    expect_error(
        done,
        2,
        _("edit 1 with no option must be refused with exit code 2: there is nothing to change"),
        hint=_(
            "When none of --title, --priority, --due is given, call parser.error(...): it is "
            "a usage error, so it prints the usage and exits with code 2."
        ),
    )
    missing = 2 + ctx.random.randint(1, 50)
    done = run(ctx, path, "edit", str(missing), "--title", ctx.words(2))
    expect_error(
        done,
        1,
        _("edit %(id)s must fail: there is no task %(id)s") % {"id": missing},
        hint=_('Print "error: task %(id)s not found" to stderr and exit with code 1.')
        % {"id": missing},
    )
    expect_tasks(ctx, path, tasks, _("a refused edit must not change any task"))


@suite.stage("delete", _l("A task is deleted"), timeout=RUNS_TIMEOUT)
def delete(ctx: Context) -> None:
    path, tasks = three_tasks(ctx, "delete")
    chosen = ctx.random.choice(tasks[:2])
    done = run(ctx, path, "delete", str(chosen["id"]))
    expect_success(done, _("delete with the id of a task must delete it"))
    expect_lines(
        done,
        [f"Deleted task {chosen['id']}: {chosen['title']}"],
        _("delete must print which task it deleted"),
    )
    tasks.remove(chosen)
    expect_tasks(
        ctx, path, tasks, _("after delete %(id)s, the other tasks must still be there") % chosen
    )
    before = stored_bytes(path, done)
    done = run(ctx, path, "delete", str(chosen["id"]))
    expect_error(
        done,
        1,
        _("delete %(id)s must fail: task %(id)s does not exist any more") % chosen,
        hint=_(
            'Print "error: task %(id)s not found" to stderr and exit with code 1, so a '
            "script that called it can tell it did nothing."
        )
        % chosen,
    )
    expect_unchanged(
        path,
        before,
        changed=_("a delete that failed changed the tasks file"),
        gone=_("a delete that failed removed the tasks file"),
        hint=_("Write the file only when a command changed something."),
        request=f"$ {done.command}",
    )


@suite.stage("persist", _l("Tasks live in the file, in the format of the spec"))
def persist(ctx: Context) -> None:
    path = data_file(ctx, "persist")
    low = ctx.random.randint(2, 5)
    high = low + ctx.random.randint(2, 6)
    tasks = [
        task(low, ctx.words(2), "high", random_due(ctx), done=True),
        task(high, ctx.words(3), "low"),
    ]
    # Out of order: the file is the user's too, and the spec lists tasks in order of id.
    in_file = tasks[::-1]
    write_file(path, json.dumps(in_file, ensure_ascii=False, indent=2).encode())
    written = _(
        "the checker wrote the tasks file %(path)s itself, its tasks not in order of id:\n%(tasks)s"
    ) % {"path": path, "tasks": as_json(in_file)}
    expect_tasks(
        ctx,
        path,
        tasks,
        _("list --json must show the tasks of a tasks file written as the spec says"),
        hint=_("The file is a JSON array of task objects, the same as list --json prints."),
        request=written + "\n$ … list --json",
    )
    done = run(ctx, path, "list")
    expect_lines(
        done,
        [list_line(item) for item in tasks],
        _("list must show the tasks in the file, in order of id"),
        request=written + f"\n$ {done.command}",
    )
    title = ctx.words(2)
    done = add(ctx, path, title)
    expect_lines(
        done,
        [f"Added task {high + 1}: {title}"],
        _("a new task must get the largest id in the file plus one (%(id)s)") % {"id": high + 1},
        hint=_("Counting the tasks is not enough: ids have gaps after a delete."),
    )
    tasks.append(task(high + 1, title))
    data = stored_bytes(path, done)
    try:
        stored = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON
        stored = None
    expect(
        isinstance(stored, list)
        and same_tasks(
            [
                {name: item.get(name) for name in FIELDS}
                for item in stored
                if isinstance(item, dict)
            ],
            tasks,
        ),
        _("after add, the tasks file must be a JSON array (UTF-8) of all the tasks"),
        request=f"$ {done.command}",
        expected=as_json(tasks),
        actual=shorten(data.decode("utf-8", errors="replace")),
        hint=_("Write json.dump(tasks, file) with the whole list, in UTF-8."),
    )


def expect_damaged_refused(
    done: Completed,
    path: Path,
    damaged: bytes,
    command: str,
    message: str,
    *,
    hint: str,
    request: str,
) -> None:
    """A run on a damaged file failed with exit code 1 and an error naming the file, and
    left the file where it was, byte for byte."""
    expect_error(done, 1, message, hint=hint, request=request)
    expect(
        path.name in done.stderr,
        _(
            "the error about a damaged tasks file must name the file, so its user knows "
            "which file to repair"
        ),
        request=request,
        expected=_('"error: ..." on stderr with the name of the file, %(name)s')
        % {"name": path.name},
        actual=shown(done),
        hint=_('Put the path in the message, for example f"error: {path} is damaged: ...".'),
    )
    expect_unchanged(
        path,
        damaged,
        changed=_("%(command)s changed the damaged tasks file") % {"command": command},
        gone=_(
            "after %(command)s, the damaged tasks file is gone: it must stay where it was, "
            "byte for byte"
        )
        % {"command": command},
        hint=_(
            "Never write, move or remove the file after reading it failed: its user may "
            "still repair it. A backup is a copy, not the file moved away."
        ),
        request=request,
    )


def not_an_array(ctx: Context, tasks: list[dict]) -> str:
    """Valid JSON that is not an array: an object, a string or a number."""
    return ctx.random.choice(
        ["{}", as_json({"tasks": tasks}), as_json(ctx.words(2)), str(ctx.random.randint(1, 99))]
    )


def not_objects(ctx: Context) -> str:
    """A JSON array whose items are not task objects."""
    return ctx.random.choice(
        ["[1, 2]", "[null]", as_json([ctx.words(2)]), as_json([[1, ctx.words(2)]])]
    )


@suite.stage("corrupted", _l("A damaged file is reported, never overwritten"), timeout=RUNS_TIMEOUT)
def corrupted(ctx: Context) -> None:
    path = data_file(ctx, "corrupted")
    tasks = [task(1, ctx.words(2)), task(2, ctx.words(2))]
    for item in tasks:
        done = add(ctx, path, item["title"])
    data = stored_bytes(path, done)
    # Cut in half, as a crash in the middle of a plain write would leave it.
    damaged = data[: len(data) // 2]
    write_file(path, damaged)
    cut = _(
        "before this run the checker cut the tasks file in half (%(kept)s of its %(size)s "
        "bytes), as a crash in the middle of a write would leave it"
    ) % {"kept": len(damaged), "size": len(data)}
    for args in (["list"], ["add", ctx.words(2)], ["done", "1"], ["delete", "2"]):
        done = run(ctx, path, *args)
        expect_damaged_refused(
            done,
            path,
            damaged,
            args[0],
            _(
                "with a damaged tasks file (cut in half, so not valid JSON), %(command)s must "
                "fail with exit code 1"
            )
            % {"command": args[0]},
            hint=_(
                'Print "error: ..." that names the file to stderr and exit 1: do not start '
                "again from an empty list, that would throw the user's tasks away."
            ),
            request=cut + f"\n$ {done.command}",
        )
    for content in (not_an_array(ctx, tasks), not_objects(ctx)):
        damaged = content.encode()
        write_file(path, damaged)
        wrote = _(
            "before this run the checker wrote to the tasks file valid JSON that is not an "
            "array of task objects:\n%(content)s"
        ) % {"content": shorten(content)}
        for args in (["list"], ["add", ctx.words(2)]):
            done = run(ctx, path, *args)
            expect_damaged_refused(
                done,
                path,
                damaged,
                args[0],
                _(
                    "with a tasks file that is valid JSON but not an array of task objects, "
                    "%(command)s must fail with exit code 1"
                )
                % {"command": args[0]},
                hint=_(
                    "After json.load, check that you got a list of dicts (isinstance); when "
                    'not, the file is damaged: print "error: ..." that names the file to '
                    "stderr and exit 1."
                ),
                request=wrote + f"\n$ {done.command}",
            )


@suite.stage("concurrent", _l("Runs at the same time lose no task"), timeout=RUNS_TIMEOUT + 10)
def concurrent(ctx: Context) -> None:
    path = data_file(ctx, "concurrent")
    titles = [f"{ctx.words(2)} {number}" for number in range(1, PARALLEL_RUNS + 1)]
    running = [ctx.start(["--file", str(path), "add", title]) for title in titles]
    finished = [process.wait() for process in running]
    request = _(
        "the checker started your program %(count)s times at once, each with a title of its "
        "own, such as:\n$ %(command)s"
    ) % {"count": PARALLEL_RUNS, "command": running[0].command}
    for done in finished:
        expect_success(
            done,
            _("add must succeed while other runs use the same file"),
            hint=_("Wait for the other run to finish with the file rather than failing."),
        )
    tasks, _done = list_json(ctx, path)
    found = [item["title"] for item in tasks]
    lost = [title for title in titles if title not in found]
    expect(
        not lost,
        _("%(lost)s of %(count)s tasks added by runs at the same time were lost")
        % {"lost": len(lost), "count": PARALLEL_RUNS},
        request=request,
        expected=_("the number of tasks is %(count)s") % {"count": PARALLEL_RUNS},
        actual=_("the number of tasks is %(count)s; lost, for example: %(titles)s")
        % {"count": len(tasks), "titles": as_json(lost[:3])},
        hint=_(
            "Two runs that read the file at the same moment each write back their own list, "
            "and the later one wins. Hold a lock (for example fcntl.flock on a lock file) "
            "from reading the file until the new one is written."
        ),
    )
    ids = [item["id"] for item in tasks]
    numbers = sorted(number for number in ids if type(number) is int)
    expect(
        len(numbers) == len(ids) and numbers == list(range(1, PARALLEL_RUNS + 1)),
        _("runs at the same time must give the tasks the ids 1 to %(count)s, each once")
        % {"count": PARALLEL_RUNS},
        request=request,
        expected=as_json(list(range(1, PARALLEL_RUNS + 1))),
        actual=shorten(as_json(numbers if len(numbers) == len(ids) else ids)),
        hint=_("Choose the new id while holding the lock, after reading the file."),
    )
