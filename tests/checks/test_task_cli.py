"""The pure helpers of the task-cli suite: how a list line looks and how a failed run is
judged. The runs of its reference and broken variants are in test_suites.py."""

from __future__ import annotations

import pytest

from skillpath.checks.context import Completed
from skillpath.checks.expect import SHOWN_CHARS, CheckFailed
from skillpath.checks.suites.task_cli.listing import list_line, task
from skillpath.checks.suites.task_cli.runs import expect_error, output_lines, shown


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
