"""The pure helpers of the task-cli suite: how a list line looks, how a failed run is
judged and shown, and how a changed file is shown. The runs of its reference and broken
variants are in test_suites.py."""

from __future__ import annotations

import pytest

from skillpath.checks.context import Completed
from skillpath.checks.expect import SHOWN_CHARS, CheckFailed
from skillpath.checks.programs import tail
from skillpath.checks.suites.task_cli.listing import list_line, same_tasks, task
from skillpath.checks.suites.task_cli.runs import (
    expect_error,
    expect_lines,
    expect_success,
    expect_unchanged,
    file_bytes,
    first_difference,
    output_lines,
    shown,
)

TRACEBACK = (
    "Traceback (most recent call last):\n"
    '  File "tasks.py", line 90, in <module>\n'
    "    sys.exit(main())\n"
    "             ^^^^^^\n"
    '  File "tasks.py", line 80, in main\n'
    "    return run(args)\n"
    "           ^^^^^^^^^\n"
    '  File "tasks.py", line 60, in run\n'
    "    tasks = load(path)\n"
    '  File "tasks.py", line 30, in load\n'
    '    mark = task["done"]\n'
    "           ~~~~^^^^^^^^\n"
    "KeyError: 'done'\n"
)


def completed(returncode: int, stdout: str = "", stderr: str = "") -> Completed:
    return Completed("python tasks.py done 7", returncode, stdout, stderr, 0.1)


def test_a_list_line_marks_a_done_task_and_a_missing_due_date():
    assert list_line(task(3, "Позвонить маме", "low", done=True)) == "3 [x] low - Позвонить маме"
    assert list_line(task(1, "Buy milk", "high", "2026-12-01")) == "1 [ ] high 2026-12-01 Buy milk"


def test_output_lines_ignore_trailing_spaces_and_blank_lines():
    assert output_lines("1 [ ] low - a  \n2 [x] high - b\n\n") == [
        "1 [ ] low - a",
        "2 [x] high - b",
    ]


def test_an_error_with_its_exit_code_and_message_passes():
    expect_error(completed(1, stderr="error: task 7 not found\n"), 1, "m", hint="h")
    expect_error(completed(2, stderr="usage: tasks ...\ntasks: error: bad\n"), 2, "m", hint="h")


@pytest.mark.parametrize(
    "run",
    [
        completed(0, stdout="Nothing to do"),
        completed(2, stderr="error: task 7 not found"),
        completed(1, stderr="task 7 not found"),
    ],
    ids=["exit-0", "wrong-code", "no-error-word"],
)
def test_an_error_without_its_exit_code_or_message_fails(run: Completed):
    with pytest.raises(CheckFailed) as failure:
        expect_error(run, 1, "done 7 must fail", hint="Say so.")

    assert failure.value.message == "done 7 must fail"
    assert failure.value.request == "$ python tasks.py done 7"
    assert "Say so." in failure.value.hint


def test_a_traceback_is_called_a_crash_even_with_the_right_exit_code():
    stderr = 'Traceback (most recent call last):\n  File "tasks.py"\nKeyError: 7\n'

    with pytest.raises(CheckFailed) as failure:
        expect_error(completed(1, stderr=stderr), 1, "done 7 must fail", hint="Say so.")

    assert "crashed with a Python traceback" in failure.value.message
    assert failure.value.hint.endswith("Say so.")


def test_a_long_stderr_is_shown_by_its_end_where_the_error_is():
    stderr = "x" * (2 * SHOWN_CHARS) + "\nKeyError: 7"

    text = shown(completed(1, stderr=stderr))

    assert text.endswith("KeyError: 7")
    assert len(text) < SHOWN_CHARS + 100


def test_a_long_text_is_cut_at_the_start_of_a_line_with_one_mark():
    text = "\n".join(f"line {number} of the output" for number in range(100))

    end = tail(text, limit=100)

    assert end.startswith("…\nline ")
    assert end.count("…") == 1
    assert end.endswith("line 99 of the output")
    assert tail("short", limit=100) == "short"


def test_a_crash_shows_the_last_lines_of_the_traceback_once_without_markers():
    text = shown(completed(1, stderr="some warning\n" + TRACEBACK))

    assert "KeyError: 'done'" in text
    assert 'File "tasks.py", line 30, in load' in text
    assert "^^^" not in text and "~~~" not in text
    assert "sys.exit(main())" not in text  # only the last lines
    assert text.count("KeyError") == 1


def test_a_crash_is_called_a_crash_by_every_judgement():
    run = completed(1, stdout="", stderr=TRACEBACK)
    judgements = [
        lambda: expect_success(run, "list must print the tasks"),
        lambda: expect_lines(run, ["1 [ ] low - a"], "list must print the tasks"),
        lambda: expect_error(run, 1, "list must fail", hint="Say so."),
    ]
    for judge in judgements:
        with pytest.raises(CheckFailed) as failure:
            judge()
        assert "crashed with a Python traceback" in failure.value.message
        assert "KeyError: 'done'" in failure.value.actual
        assert "Catch the problem" in failure.value.hint


def test_lines_from_a_run_that_failed_show_its_exit_code_and_stderr():
    with pytest.raises(CheckFailed) as failure:
        expect_lines(completed(1, stderr="error: no"), ["No tasks."], "list must work")

    assert "exit code 1" in failure.value.actual
    assert "error: no" in failure.value.actual


def test_an_extra_line_gets_a_hint_about_the_extra_line():
    run = completed(0, stdout="Added task 1: a\nSaved to tasks.json\n")

    with pytest.raises(CheckFailed) as failure:
        expect_lines(run, ["Added task 1: a"], "add must print it", hint="About ids.")

    assert failure.value.message == "add must print it, and nothing else on stdout"
    assert "'Saved to tasks.json'" in failure.value.hint
    assert "About ids." not in failure.value.hint


def test_a_wrong_line_keeps_the_hint_it_was_given():
    with pytest.raises(CheckFailed) as failure:
        expect_lines(completed(0, stdout="Added task 2: a"), ["Added task 1: a"], "m", hint="h")

    assert (failure.value.message, failure.value.hint) == ("m", "h")


def test_an_error_on_stdout_is_named_as_such():
    with pytest.raises(CheckFailed) as failure:
        expect_error(completed(1, stdout="error: task 7 not found"), 1, "done 7 must fail", hint="")

    assert "printed its error message on stdout" in failure.value.message
    assert "file=sys.stderr" in failure.value.hint


def test_the_first_difference_of_two_files_is_shown_with_its_bytes():
    offset, before, after = first_difference(b'[{"id": 1},\n  ', b'[{"id": 1},\n')

    assert offset == 12
    assert "14 bytes" in before and repr(b'[{"id": 1},\n  ') in before
    assert "12 bytes" in after and repr(b'[{"id": 1},\n') in after
    assert first_difference(b"abc", b"abd")[0] == 2


def test_a_changed_or_removed_file_fails_and_does_not_crash(tmp_path):
    path = tmp_path / "tasks.json"
    path.write_bytes(b"[{")
    expect_unchanged(path, b"[{", changed="changed", gone="gone", hint="h", request="r")

    path.write_bytes(b"[{\n")
    with pytest.raises(CheckFailed) as failure:
        expect_unchanged(path, b"[{", changed="changed", gone="gone", hint="h", request="r")
    assert failure.value.message == "changed (the first difference is at byte 2)"

    path.unlink()
    with pytest.raises(CheckFailed) as failure:
        expect_unchanged(path, b"[{", changed="changed", gone="gone", hint="h", request="r")
    assert failure.value.message == "gone"
    assert file_bytes(path) is None
    assert file_bytes(tmp_path) is None  # a directory where the file was


def test_the_same_tasks_in_another_order_are_the_same_tasks():
    tasks = [task(1, "a"), task(2, "b")]

    assert same_tasks(tasks[::-1], tasks)
    assert not same_tasks(tasks[:1], tasks)
    assert not same_tasks([task(1, "a"), task(1, "a")], tasks)
