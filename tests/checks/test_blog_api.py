"""The pure helpers of the blog-api suite: the slug rule, timestamps, the shape of a post, the
paths it builds. The suite itself is proven against its reference and variants in
test_suites.py."""

from __future__ import annotations

import pytest

from skillpath.checks.context import WORDS
from skillpath.checks.suites.blog_api.data import LATIN_WORDS
from skillpath.checks.suites.blog_api.service import list_path, post_path
from skillpath.checks.suites.blog_api.shapes import (
    page_size,
    parse_timestamp,
    post_problem,
    slugify,
)

POST = {
    "id": 7,
    "slug": "hello-world",
    "title": "Hello, World!",
    "body": "My first post.",
    "tags": ["python", "web"],
    "created_at": "2026-11-27T10:15:30.123456+00:00",
    "updated_at": "2026-11-27T10:15:30.123456+00:00",
}


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Hello, World!", "hello-world"),  # the examples of the spec
        ("  HELLO world?  ", "hello-world"),
        ("Привет, мир: Python 3!", "привет-мир-python-3"),
        ("snake_case -- and  spaces", "snake-case-and-spaces"),
        ("Ёлка", "ёлка"),
        ("!!!", "post"),
    ],
)
def test_a_slug_keeps_lowercase_letters_of_any_alphabet_and_digits(title, slug):
    assert slugify(title) == slug


@pytest.mark.parametrize(
    "value",
    [
        "2026-11-27T10:15:30.123456+00:00",
        "2026-11-27T10:15:30Z",
        "2026-11-27T10:15:30.5+03:00",
    ],
)
def test_a_timestamp_is_iso_8601_with_a_time_zone(value):
    assert parse_timestamp(value) is not None
    assert parse_timestamp(value).tzinfo is not None


@pytest.mark.parametrize(
    "value",
    [
        "2026-11-27T10:15:30",  # no time zone
        "2026-11-27 10:15:30+00:00",  # SQLite's CURRENT_TIMESTAMP style, not ISO 8601's T
        "2026-11-27",
        "2026-13-27T10:15:30Z",
        1764238530,
        None,
    ],
)
def test_anything_else_is_not_a_timestamp(value):
    assert parse_timestamp(value) is None


def test_a_whole_post_has_no_problem():
    assert post_problem(POST) is None


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"id": "7"}, '"id"'),
        ({"tags": "python,web"}, '"tags"'),
        ({"updated_at": "2026-11-27 10:15:30"}, '"updated_at"'),
    ],
)
def test_a_post_with_a_wrong_field_names_it(change, named):
    problem = post_problem({**POST, **change})
    assert problem is not None
    assert named in problem.message
    # What is expected is said of that field alone, not shown as a made-up example post.
    assert problem.expected.startswith(named)
    assert "hello-world" not in problem.expected


def test_a_wrong_timestamp_names_its_field_and_the_format():
    problem = post_problem({**POST, "created_at": "2026-11-27T10:15:30.123456"})
    assert problem is not None
    assert '"created_at"' in problem.message
    assert "2026-11-27T10:15:30.123456+00:00" in problem.expected


def test_a_post_without_fields_lists_the_missing_ones():
    post = {name: value for name, value in POST.items() if name not in ("body", "tags")}
    problem = post_problem(post)
    assert problem is not None
    assert problem.message == 'the post has no "body", "tags"'
    assert post_problem(["not", "a", "post"]) is not None


def test_page_sizes_count_a_partly_filled_last_page():
    assert [page_size(5, page, 2) for page in (1, 2, 3, 4)] == [2, 2, 1, 0]
    assert page_size(0, 1, 10) == 0


def test_paths_keep_cyrillic_readable_and_quote_anything_odd():
    assert post_path("привет-мир", "comments") == "/posts/привет-мир/comments"
    assert post_path("a/b?c") == "/posts/a%2Fb%3Fc"
    assert list_path() == "/posts"
    assert list_path(tag="web", page=2) == "/posts?tag=web&page=2"


def test_no_word_holds_another_so_a_search_for_one_finds_only_it():
    # The search stage builds "posts without the word" from the other words.
    assert LATIN_WORDS
    assert not [(a, b) for a in LATIN_WORDS for b in WORDS if a != b and a in b]
