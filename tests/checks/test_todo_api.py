"""The pure helpers of the todo-api suite: how it judges tasks and pages, and the requests it
builds. The suite itself is proven against its reference and variants in test_suites.py."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from skillpath.checks.context import Context
from skillpath.checks.expect import CheckFailed
from skillpath.checks.suites.todo_api.data import (
    MAX_DESCRIPTION_CHARS,
    bad_bodies,
    invalid_tasks,
    text_of,
)
from skillpath.checks.suites.todo_api.service import (
    expect_json_answer,
    expect_same_task,
    tasks_path,
)
from skillpath.checks.suites.todo_api.shapes import (
    created_now,
    error_problem,
    first_difference,
    ids_ascending,
    is_date,
    is_json_media_type,
    is_utc_timestamp,
    location_path,
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


def test_invalid_tasks_hold_every_rule_of_the_spec(tmp_path: Path):
    cases = invalid_tasks(Context(seed=5, tmp=tmp_path, lang="en"))
    dones = [body["done"] for _problem, field, body in cases if field == "done"]
    assert "true" in dones and 1 in dones
    descriptions = [body["description"] for _p, field, body in cases if field == "description"]
    assert MAX_DESCRIPTION_CHARS + 1 in [len(d) for d in descriptions if isinstance(d, str)]
    titles = [body.get("title") for _problem, field, body in cases if field == "title"]
    assert any(isinstance(t, str) and t and not t.strip() and "\t" in t for t in titles)


def test_bad_bodies_are_not_json_an_array_and_not_utf8(tmp_path: Path):
    bodies = [body for _problem, body in bad_bodies(Context(seed=5, tmp=tmp_path, lang="en"))]
    with pytest.raises(json.JSONDecodeError):
        json.loads(bodies[0])
    assert isinstance(json.loads(bodies[1]), list)
    with pytest.raises(UnicodeDecodeError):
        bodies[2].decode("utf-8")


@pytest.mark.parametrize("length", [1, 200, 2000])
def test_text_of_has_exactly_the_length_asked_and_no_spaces_at_its_ends(tmp_path, length):
    text = text_of(Context(seed=1, tmp=tmp_path, lang="en"), length)
    assert len(text) == length and text == text.strip()


def test_created_at_must_be_near_the_clock():
    now = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    assert created_now("2026-11-27T10:03:00Z", now)
    assert created_now("2026-11-27T09:58:00.5+00:00", now)
    # A local time of Moscow written with a Z is three hours off.
    assert not created_now("2026-11-27T13:00:00Z", now)


@pytest.mark.parametrize(
    "location", ["/tasks/7", "http://127.0.0.1:8080/tasks/7", " /tasks/7 ", "/tasks/7?x=1"]
)
def test_a_location_may_be_relative_or_absolute(location):
    assert location_path(location) == "/tasks/7"


def test_a_location_elsewhere_is_not_the_task():
    assert location_path("/api/tasks/7") != "/tasks/7"
    assert location_path("/tasks/17") != "/tasks/7"


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("application/json", True),
        ("application/json; charset=utf-8", True),
        ("Application/JSON", True),
        ("text/html; charset=utf-8", False),
        ("application/problem+json", False),
        (None, False),
    ],
)
def test_json_answers_say_so_in_content_type(value, ok):
    assert is_json_media_type(value) is ok


def test_an_error_body_names_what_is_wrong():
    good = {"error": "validation_failed", "field": "title", "message": "title is required"}
    assert error_problem(good, "validation_failed", "title") is None
    assert error_problem({"error": "not_found", "message": "no"}, "not_found") is None
    assert '"error"' in error_problem({"message": "x"}, "not_found")
    assert '"not_found"' in error_problem({"error": "missing", "message": "x"}, "not_found")
    assert '"title"' in error_problem({**good, "field": "name"}, "validation_failed", "title")
    assert '"field"' in error_problem(
        {"error": "validation_failed", "message": "x"}, "validation_failed", "title"
    )
    assert '"message"' in error_problem({**good, "message": " "}, "validation_failed", "title")
    assert '"message"' in error_problem({"error": "not_found"}, "not_found")


def test_a_json_answer_needs_its_content_type():
    body = b'{"items": []}'
    ok = httpx.Response(200, content=body, headers={"Content-Type": "application/json"})
    assert expect_json_answer(ok, dict) == {"items": []}
    html = httpx.Response(200, content=body, headers={"Content-Type": "text/html"})
    with pytest.raises(CheckFailed, match="Content-Type"):
        expect_json_answer(html, dict)


def test_json_nested_too_deep_fails_the_stage_instead_of_the_checker():
    deep = httpx.Response(
        200, content=b"[" * 100_000 + b"]" * 100_000, headers={"Content-Type": "application/json"}
    )
    with pytest.raises(CheckFailed, match="too deep"):
        expect_json_answer(deep, dict)


def test_a_trimmed_text_is_named_with_a_hint_to_keep_the_spaces():
    with pytest.raises(CheckFailed) as failure:
        expect_same_task({"title": " a b "}, {**TASK, "title": "a b"}, "not as sent")
    assert '"title"' in failure.value.message
    assert failure.value.hint is not None and "spaces" in failure.value.hint
