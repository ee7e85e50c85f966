"""The pure helpers of the todo-api suite: how it judges tasks and pages, and the requests it
builds. The suite itself is proven against its reference and variants in test_suites.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillpath.checks.context import Context
from skillpath.checks.suites.todo_api.data import invalid_tasks
from skillpath.checks.suites.todo_api.service import tasks_path
from skillpath.checks.suites.todo_api.shapes import (
    first_difference,
    ids_ascending,
    is_date,
    is_utc_timestamp,
    page_problem,
    same,
    task_problem,
)

TASK = {
    "id": 7,
    "title": "Read chapter 3",
    "description": "",
    "done": False,
    "due_on": "2026-12-01",
    "created_at": "2026-11-27T10:00:00Z",
}


def test_json_values_are_the_same_only_with_the_same_type():
    assert same(False, False)
    assert not same(0, False)
    assert not same(1, True)
    assert not same(1.0, 1)
    assert same("", "")


def test_the_first_difference_is_named_in_field_order():
    assert first_difference(TASK, dict(TASK)) is None
    assert first_difference(TASK, {**TASK, "done": 0, "title": "x"}) == "title"
    assert first_difference(TASK, {**TASK, "done": 0}) == "done"
    assert first_difference({"title": "x"}, TASK) == "title"
    # Only the fields expected are compared: a sent body has no id or created_at.
    assert first_difference({"title": TASK["title"]}, TASK) is None


@pytest.mark.parametrize("value", ["2026-12-01", "2028-02-29"])
def test_a_date_is_a_real_day_written_yyyy_mm_dd(value):
    assert is_date(value)


@pytest.mark.parametrize("value", ["2026-02-30", "20261201", "2026-W01-1", "1.12.2026", 20261201])
def test_anything_else_is_not_a_date(value):
    assert not is_date(value)


@pytest.mark.parametrize(
    "value", ["2026-11-27T10:00:00Z", "2026-11-27T10:00:00+00:00", "2026-11-27T10:00:00.123456Z"]
)
def test_a_utc_timestamp_carries_its_zone(value):
    assert is_utc_timestamp(value)


@pytest.mark.parametrize(
    "value", ["2026-11-27T10:00:00", "2026-11-27T13:00:00+03:00", "2026-11-27", 1764237600, None]
)
def test_a_timestamp_without_utc_is_refused(value):
    assert not is_utc_timestamp(value)


def test_a_well_formed_task_has_no_problem():
    assert task_problem(TASK) is None
    assert task_problem({**TASK, "due_on": None, "extra": 1}) is None


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"id": "7"}, '"id"'),
        ({"id": True}, '"id"'),
        ({"title": None}, '"title"'),
        ({"done": 0}, '"done"'),
        ({"due_on": "01.12.2026"}, '"due_on"'),
        ({"created_at": "2026-11-27 10:00"}, '"created_at"'),
    ],
)
def test_a_wrong_field_is_named(change, named):
    problem = task_problem({**TASK, **change})
    assert problem is not None and named in problem


def test_missing_fields_are_all_named():
    problem = task_problem({"id": 1, "title": "x"})
    assert problem is not None
    assert all(f'"{name}"' in problem for name in ("description", "done", "due_on"))


def test_a_page_needs_items_and_whole_numbers():
    page = {"items": [TASK], "total": 1, "limit": 20, "offset": 0}
    assert page_problem(page) is None
    assert '"items"' in page_problem({**page, "items": None})
    assert '"total"' in page_problem({**page, "total": "1"})
    assert '"offset"' in page_problem({**page, "offset": -1})
    assert '"done"' in page_problem({**page, "items": [{**TASK, "done": "no"}]})


def test_ids_must_strictly_increase():
    assert ids_ascending([])
    assert ids_ascending([{"id": 1}, {"id": 5}])
    assert not ids_ascending([{"id": 2}, {"id": 1}])
    assert not ids_ascending([{"id": 1}, {"id": 1}])


def test_query_strings_write_booleans_as_the_spec_does():
    assert tasks_path() == "/tasks"
    assert tasks_path(done=True, limit=2) == "/tasks?done=true&limit=2"
    assert tasks_path(done="maybe") == "/tasks?done=maybe"


def test_each_invalid_task_names_one_field_and_a_distinct_problem(tmp_path: Path):
    cases = invalid_tasks(Context(seed=3, tmp=tmp_path, lang="en"))
    assert len({problem for problem, _field, _body in cases}) == len(cases)
    assert {field for _problem, field, _body in cases} == {"title", "description", "done", "due_on"}
    titles = [body.get("title") for _problem, field, body in cases if field == "title"]
    assert None in titles and "" in titles and 42 in titles
    assert 201 in [len(title) for title in titles if isinstance(title, str)]


def test_invalid_tasks_replay_for_a_seed(tmp_path: Path):
    first = invalid_tasks(Context(seed=11, tmp=tmp_path, lang="en"))
    again = invalid_tasks(Context(seed=11, tmp=tmp_path, lang="en"))
    assert first == again
