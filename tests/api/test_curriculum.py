"""The curriculum endpoints: contents in Russian and English, 404s, and query counts.

Every response is also checked against the OpenAPI schema (`conforms`).
"""

from __future__ import annotations

import pytest

from skillpath.curriculum.models import Curriculum
from tests.seed import SEED_COUNTS

# The list and the tree each cost these many queries, however many curricula or items.
LIST_QUERIES = 9
TREE_QUERIES = 8
TOPIC_QUERIES = (
    6  # curriculum; topic (+block, month, phase); its points; its materials; previous; next
)


def get(client, path, language="en"):
    return client.get(path, HTTP_ACCEPT_LANGUAGE=language)


# --- List ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Comprehensive Backend Developer Learning Plan"),
        ("ru", "Комплексный план обучения Backend разработчика"),
    ],
)
def test_the_list_shows_curricula_in_the_language_asked_for(
    api_client, builtin, conforms, language, title
):
    response = get(api_client, "/api/curricula", language)

    conforms(response)
    assert response.headers["Content-Language"] == language
    assert "Accept-Language" in response.headers["Vary"]
    [curriculum] = response.json()
    assert curriculum["slug"] == "backend"
    assert curriculum["title"] == title
    assert curriculum["is_builtin"] is True
    assert curriculum["duration_months"] == {"min": 18, "max": 24}
    assert curriculum["hours_per_week"] == {"min": 15, "max": 25}
    assert (curriculum["practice_percent"], curriculum["theory_percent"]) == (70, 30)
    assert curriculum["counts"] == SEED_COUNTS


def test_the_list_puts_the_builtin_curriculum_first(api_client, second, conforms):
    response = get(api_client, "/api/curricula")

    conforms(response)
    assert [c["slug"] for c in response.json()] == ["backend", "second"]


def test_the_list_is_empty_without_curricula(api_client, db, conforms):
    response = get(api_client, "/api/curricula")

    conforms(response)
    assert response.json() == []


def test_a_text_missing_in_english_comes_in_russian(api_client, db, conforms):
    Curriculum.objects.create(slug="ru-only", title_ru="Только по-русски")

    response = get(api_client, "/api/curricula", "en")

    conforms(response)
    assert response.json()[0]["title"] == "Только по-русски"
    assert response.json()[0]["duration_months"] is None


# --- Tree ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "phase", "month", "block", "topic"),
    [
        ("en", "PROGRAMMING FUNDAMENTALS", "Foundational skills", "System fundamentals",
         ("Terminal and SSH", "Working with remote servers")),
        ("ru", "ОСНОВЫ ПРОГРАММИРОВАНИЯ", "Фундаментальные навыки", "Системные основы",
         ("Терминал и SSH", "Удаленная работа с серверами")),
    ],
)  # fmt: skip
def test_the_tree_is_in_the_language_asked_for(
    api_client, builtin, conforms, language, phase, month, block, topic
):
    response = get(api_client, "/api/curricula/backend", language)

    conforms(response)
    assert response.headers["Content-Language"] == language
    tree = response.json()
    first_phase = tree["phases"][0]
    first_month = first_phase["months"][0]
    first_block = first_month["blocks"][0]
    assert first_phase["title"] == phase
    assert first_month["title"] == month
    assert first_block["title"] == block
    ssh = next(t for t in first_block["topics"] if t["slug"] == "terminal-i-ssh")
    assert (ssh["title"], ssh["description"]) == topic


def test_the_tree_holds_the_whole_seed(api_client, builtin, conforms):
    response = get(api_client, "/api/curricula/backend")

    conforms(response)
    tree = response.json()
    months = [month for phase in tree["phases"] for month in phase["months"]]
    blocks = [block for month in months for block in month["blocks"]]
    assert tree["counts"] == SEED_COUNTS
    assert [p["number"] for p in tree["phases"]] == [1, 2, 3, 4]
    assert [m["number"] for m in months] == list(range(1, 19))
    assert len(blocks) == 36
    assert sum(len(b["topics"]) for b in blocks) == 144
    assert all(m["practice"] for m in months)
    assert [m["practice"]["is_capstone"] for m in months].count(True) == 1
    assert months[-1]["practice"]["is_capstone"]
    milestones = [ms for m in months for ms in m["milestones"]]
    assert [ms["number"] for ms in milestones] == [1, 2, 3, 4]
    assert sum(len(p["projects"]) for p in tree["phases"]) == 12
    books = [r for p in tree["phases"] for r in p["resources"]]
    assert {r["kind"] for r in books} == {"book"}
    assert len(books) + len(tree["resources"]) == 14
    assert {r["kind"] for r in tree["resources"]} <= {"course", "platform"}


def test_the_tree_shows_a_milestones_level_or_null(api_client, builtin, conforms):
    response = get(api_client, "/api/curricula/backend")

    conforms(response)
    months = [month for phase in response.json()["phases"] for month in phase["months"]]
    levels = [ms["level"] for m in months for ms in m["milestones"]]
    assert set(levels) <= {"junior", "middle", "senior", "tech_lead", None}


# --- Topic ---------------------------------------------------------------------------------


def test_a_topic_shows_where_it_sits_and_its_neighbours(api_client, builtin, conforms):
    response = get(api_client, "/api/curricula/backend/topics/terminal-i-ssh", "en")

    conforms(response)
    topic = response.json()
    assert topic["title"] == "Terminal and SSH"
    assert topic["description"] == "Working with remote servers"
    assert topic["curriculum"] == "backend"
    assert topic["phase"] == {"slug": "phase-1", "number": 1, "title": "PROGRAMMING FUNDAMENTALS"}
    assert topic["month"] == {"slug": "month-1", "number": 1, "title": "Foundational skills"}
    assert topic["block"] == {
        "slug": "weeks-1-2", "week_from": 1, "week_to": 2, "title": "System fundamentals",
    }  # fmt: skip
    assert topic["previous"] == {"slug": "ide-redaktor", "title": "IDE/editor"}
    assert topic["next"]["slug"] != "terminal-i-ssh"


def test_a_topic_is_in_russian_when_asked(api_client, builtin, conforms):
    response = get(api_client, "/api/curricula/backend/topics/terminal-i-ssh", "ru")

    conforms(response)
    assert response.json()["title"] == "Терминал и SSH"
    assert response.json()["month"]["title"] == "Фундаментальные навыки"


def test_the_first_topic_has_no_previous_one(api_client, builtin, conforms):
    response = get(api_client, "/api/curricula/backend/topics/linux")

    conforms(response)
    assert response.json()["previous"] is None
    assert response.json()["next"]["slug"] == "git"


# --- Not found -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/api/curricula/nope", "No curriculum has the slug “nope”."),
        ("/api/curricula/nope/topics/git", "No curriculum has the slug “nope”."),
        (
            "/api/curricula/backend/topics/nope",
            "The curriculum “backend” has no topic with the slug “nope”.",
        ),
    ],
)
def test_an_unknown_slug_is_a_json_404_that_says_what_is_missing(
    api_client, builtin, conforms, path, detail
):
    response = get(api_client, path)

    conforms(response)
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert response.json() == {"detail": detail}


@pytest.mark.parametrize(
    "path",
    [
        "/api/curricula/a%00b",
        "/api/curricula/a%00b/topics/git",
        "/api/curricula/backend/topics/a%00b",
        "/api/curricula/%C3%A9t%C3%A9",
    ],
)
def test_a_string_no_slug_can_be_is_a_404_not_a_server_error(api_client, builtin, conforms, path):
    # PostgreSQL refuses a NUL byte in a query: without the check this was a 500 there.
    response = get(api_client, path)

    conforms(response)
    assert response.status_code == 404
    assert "detail" in response.json()


def test_a_topic_is_found_only_in_its_own_curriculum(api_client, builtin, conforms):
    Curriculum.objects.create(slug="empty", title_en="Empty")

    response = get(api_client, "/api/curricula/empty/topics/git")

    conforms(response)
    assert response.status_code == 404


# --- Query counts --------------------------------------------------------------------------


def test_the_list_costs_a_fixed_number_of_queries(api_client, builtin, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES):
        assert api_client.get("/api/curricula").status_code == 200


def test_the_list_costs_the_same_with_more_curricula(api_client, second, django_assert_num_queries):
    Curriculum.objects.create(slug="third", title_en="Third")

    with django_assert_num_queries(LIST_QUERIES):
        assert len(api_client.get("/api/curricula").json()) == 3


@pytest.mark.parametrize("slug", ["backend", "second"])
def test_the_tree_costs_a_fixed_number_of_queries(
    api_client, second, django_assert_num_queries, slug
):
    with django_assert_num_queries(TREE_QUERIES):
        assert api_client.get(f"/api/curricula/{slug}").status_code == 200


def test_a_topic_costs_a_fixed_number_of_queries(api_client, builtin, django_assert_num_queries):
    with django_assert_num_queries(TOPIC_QUERIES):
        assert api_client.get("/api/curricula/backend/topics/git").status_code == 200
