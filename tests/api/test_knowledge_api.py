"""Quizzes, reviews, mastery and review settings over the API: every response against the
OpenAPI schema, the key never before the answer, charlie's 404s, CSRF, bad input and the
query counts of the review queue and of mastery."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from skillpath.api.main import api
from skillpath.curriculum.models import Topic
from skillpath.knowledge import services
from skillpath.knowledge.bank import Bank, Kind, Question, parse_question
from skillpath.knowledge.models import AttemptItem, Card, QuizAttempt, QuizScope, Review
from skillpath.knowledge.presentation import shuffled
from skillpath.knowledge.services import import_bank
from tests.api.conftest import NOW, post, put, signed_in, signed_in_with_csrf
from tests.conftest import load_git_bank
from tests.knowledge.answers import right_response, wrong_response

pytestmark = pytest.mark.django_db

GIT_QUESTIONS = 5


@pytest.fixture
def as_alice(alice):
    """alice's client, reading messages in English (the assertions quote them)."""
    return signed_in(alice, HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def as_charlie(charlie):
    return signed_in(charlie, HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def git_bank(enrolled):
    """alice enrolled in the built-in curriculum, which has the five questions on 'git'."""
    return load_git_bank(enrolled.curriculum)


def start(client, **body) -> Any:
    response = post(client, "/api/quizzes", {"scope": "topic", "slug": "git", **body})
    assert response.status_code == 201, response.content
    return response.json()


def question_at(attempt_id: int, position: int) -> tuple[Question, int]:
    """The question at `position` of an attempt (the learner's own copy) and the seed."""
    item = AttemptItem.objects.select_related("attempt").get(
        attempt_id=attempt_id, position=position
    )
    return services.item_question(item), item.attempt.seed


def answer(client, attempt_id: int, position: int, response: dict[str, Any]):
    return post(
        client,
        f"/api/quizzes/{attempt_id}/answers",
        {"position": position, "response": response},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def answer_all(client, attempt_id: int, *, right: bool = True) -> None:
    for position in range(1, GIT_QUESTIONS + 1):
        question, seed = question_at(attempt_id, position)
        made = right_response if right else wrong_response
        assert answer(client, attempt_id, position, made(question, seed)).status_code == 200


# --- The bank ------------------------------------------------------------------------------


def test_the_bank_stats_count_topics_questions_languages_and_kinds(as_alice, git_bank, conforms):
    response = as_alice.get("/api/questions/stats?curriculum=backend")

    conforms(response)
    assert response.status_code == 200
    assert response.json() == {
        "topics": 144,
        "topics_with_at_least_5": 1,
        "questions": 5,
        "by_language": {"ru": 5, "en": 5},
        "by_kind": {"matching": 1, "numeric": 1, "ordering": 1, "short": 1, "single": 1},
    }
    assert as_alice.get("/api/questions/stats").json()["questions"] == 5


def test_the_stats_of_an_unknown_curriculum_are_a_404(as_alice, git_bank, conforms):
    response = as_alice.get("/api/questions/stats?curriculum=nope")

    conforms(response)
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no curriculum “nope”."


# --- Quizzes -------------------------------------------------------------------------------


def test_a_topic_quiz_starts_with_its_first_question_as_shown(as_alice, git_bank, clock, conforms):
    response = post(
        as_alice, "/api/quizzes", {"scope": "topic", "slug": "git"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    conforms(response)
    assert response.status_code == 201
    quiz = response.json()
    assert {k: quiz[k] for k in ("scope", "slug", "curriculum", "total", "answered", "score")} == {
        "scope": "topic",
        "slug": "git",
        "curriculum": "backend",
        "total": 5,
        "answered": 0,
        "score": None,
    }
    assert quiz["answers"] == [] and quiz["finished_at"] is None
    assert set(quiz["next"]) == {"position", "kind", "text", "code", "options", "prompts"}
    assert quiz["next"]["position"] == 1
    question, _seed = question_at(quiz["id"], 1)
    assert quiz["next"]["text"] == question.text.en


def test_a_question_comes_in_the_language_asked_for(as_alice, git_bank, clock):
    quiz = start(as_alice)

    response = as_alice.get(f"/api/quizzes/{quiz['id']}", HTTP_ACCEPT_LANGUAGE="ru")

    question, _seed = question_at(quiz["id"], 1)
    assert response.json()["next"]["text"] == question.text.ru


def test_a_right_and_a_wrong_answer_are_graded_with_their_keys(as_alice, git_bank, clock, conforms):
    quiz = start(as_alice)
    question, seed = question_at(quiz["id"], 1)

    right = answer(as_alice, quiz["id"], 1, right_response(question, seed))
    second, seed2 = question_at(quiz["id"], 2)
    wrong = answer(as_alice, quiz["id"], 2, wrong_response(second, seed2))

    for response in (right, wrong):
        conforms(response)
        assert response.status_code == 200
    assert (right.json()["score"], right.json()["is_correct"]) == (1.0, True)
    assert (wrong.json()["score"], wrong.json()["is_correct"]) == (0.0, False)
    assert right.json()["slug"] == question.slug
    assert right.json()["key"]["explanation"] == question.explanation.en
    assert wrong.json()["key"]["explanation"] == second.explanation.en
    assert (wrong.json()["answered"], wrong.json()["total"]) == (2, 5)
    assert wrong.json()["next"]["position"] == 3
    assert wrong.json()["is_finished"] is False and wrong.json()["quiz_score"] is None


def test_a_wrong_choice_gets_the_banks_feedback(as_alice, git_bank, clock):
    quiz = start(as_alice)
    position = _position_of(quiz["id"], "single")
    question, seed = question_at(quiz["id"], position)
    order = shuffled(len(question.choices), seed, question.slug)
    with_feedback = next(i for i, choice in enumerate(question.choices) if choice.feedback)

    response = answer(as_alice, quiz["id"], position, {"choice": order.index(with_feedback)})

    key = response.json()["key"]
    assert response.json()["score"] == 0.0
    assert key["feedback"] == [question.choices[with_feedback].feedback.en]
    assert key["right"] == ["The version of the current branch (the one being merged into)"]


def test_a_number_may_be_typed_with_a_decimal_comma(as_alice, git_bank, clock):
    quiz = start(as_alice)
    position = _position_of(quiz["id"], "numeric")

    response = answer(as_alice, quiz["id"], position, {"value": "40,0"})

    assert response.json()["is_correct"] is True
    assert response.json()["key"]["right"] == ["40"]


def test_the_last_answer_finishes_the_quiz_and_the_quiz_shows_every_answer(
    as_alice, git_bank, clock, conforms
):
    quiz = start(as_alice)
    answer_all(as_alice, quiz["id"])

    response = as_alice.get(f"/api/quizzes/{quiz['id']}", HTTP_ACCEPT_LANGUAGE="en")

    conforms(response)
    shown = response.json()
    assert (shown["answered"], shown["score"], shown["next"]) == (5, 1.0, None)
    assert shown["finished_at"] is not None
    assert [a["position"] for a in shown["answers"]] == [1, 2, 3, 4, 5]
    for item in shown["answers"]:
        question, seed = question_at(quiz["id"], item["position"])
        assert item["response"] == json.loads(json.dumps(right_response(question, seed)))
        assert (item["score"], item["is_correct"], item["slug"]) == (1.0, True, question.slug)
        assert item["key"]["explanation"] == question.explanation.en


def test_a_month_and_a_milestone_quiz_draw_on_their_topics(as_alice, git_bank, clock, conforms):
    for scope, slug in (("month", "month-1"), ("milestone", "milestone-1")):
        response = post(as_alice, "/api/quizzes", {"scope": scope, "slug": slug})

        conforms(response)
        assert response.status_code == 201
        assert (response.json()["scope"], response.json()["total"]) == (scope, 5)


def test_a_quiz_may_name_its_curriculum(as_charlie, git_bank, clock):
    quiz = start(as_charlie, curriculum="backend")

    assert quiz["curriculum"] == "backend"


# --- The key never before the answer -------------------------------------------------------

# What may be shown of a question before it is answered.
SHOWN_FIELDS = {"position", "kind", "text", "code", "options", "prompts"}
# Names that would carry a key, or let a client work one out.
KEY_FIELDS = {
    "key",
    "right",
    "feedback",
    "explanation",
    "weight",
    "weights",
    "accepted",
    "accepted_ru",
    "accepted_en",
    "value",
    "tolerance",
    "answer",
    "pairs",
    "items",
    "choices",
    "seed",
    "data",
    "slug",
}


def walk(node: Any):
    """Every value in a JSON document, containers included."""
    yield node
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        yield from walk(child)


def secrets_of(question: Question) -> tuple[set[str], list[list[str]], set[float]]:
    """What only the key holds: texts, lists in the bank's (right) order, and numbers."""
    texts: set[str] = set()
    for text in (question.explanation, *(c.feedback for c in question.choices)):
        if text is not None:
            texts |= {text.ru, text.en}
    texts |= set(question.accepted_ru) | set(question.accepted_en)
    texts |= {
        f"{p.left.get(lang)} → {p.right.get(lang)}" for p in question.pairs for lang in ("ru", "en")
    }
    orders = [
        [item.get(lang) for item in question.items] for lang in ("ru", "en") if question.items
    ] + [[p.right.get(lang) for p in question.pairs] for lang in ("ru", "en") if question.pairs]
    numbers = {question.value} if question.kind is Kind.NUMERIC else set()
    texts |= {f"{n:g}" for n in numbers if n is not None}
    return texts, orders, {n for n in numbers if n is not None}


def assert_no_key(document: Any, question: Question, where: str, position: int = 0) -> None:
    """Nothing in `document` gives the question's key away, and the question at `position` (if
    any) shows only what a learner may see."""
    texts, orders, numbers = secrets_of(question)
    for node in walk(document):
        if isinstance(node, dict):
            assert "weight" not in node, where
            if position and node.get("position") == position:
                assert set(node) <= SHOWN_FIELDS, (where, position, set(node) - SHOWN_FIELDS)
        elif isinstance(node, str):
            assert node not in texts, (where, question.slug, node)
        elif isinstance(node, list):
            assert node not in orders, (where, question.slug, node)
        elif isinstance(node, int | float) and not isinstance(node, bool):
            assert node not in numbers, (where, question.slug, node)


def test_a_whole_quiz_never_shows_a_questions_key_before_its_answer(as_alice, git_bank, clock):
    started = post(
        as_alice, "/api/quizzes", {"scope": "topic", "slug": "git"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    attempt_id = started.json()["id"]
    seen: list[tuple[str, Any]] = [("POST /api/quizzes", started.json())]
    questions = {p: question_at(attempt_id, p) for p in range(1, GIT_QUESTIONS + 1)}
    for position in range(1, GIT_QUESTIONS + 1):
        for language in ("en", "ru"):
            shown = as_alice.get(f"/api/quizzes/{attempt_id}", HTTP_ACCEPT_LANGUAGE=language)
            seen.append((f"GET before {position} ({language})", shown.json()))
        question, seed = questions[position]
        # Everything the client got so far: none of it gives this question's key away.
        for where, document in seen:
            assert_no_key(document, question, where, position)
        if question.kind in (Kind.ORDERING, Kind.MATCHING):
            assert seen[-2][1]["next"]["options"] not in secrets_of(question)[1]
        # A wrong shape first (a 400, nothing counted, still no key), then the answer.
        kind_shapes = {"choice": 0} if question.kind is not Kind.SINGLE else {"answer": True}
        refused = answer(as_alice, attempt_id, position, kind_shapes)
        assert refused.status_code == 400
        seen.append((f"refused {position}", refused.json()))
        assert_no_key(refused.json(), question, "refused", position)
        made = right_response if position % 2 else wrong_response
        result = answer(as_alice, attempt_id, position, made(question, seed))
        assert result.status_code == 200
        assert result.json()["key"]["explanation"] == question.explanation.en
        seen.append((f"answer {position}", result.json()))
    # Every question was checked against everything sent before its answer.
    assert len(seen) == 1 + GIT_QUESTIONS * 4


def test_the_review_queue_never_shows_the_key_of_its_next_card(as_alice, git_bank, clock):
    quiz = start(as_alice)
    answer_all(as_alice, quiz["id"])
    clock.return_value = NOW + timedelta(days=60)

    for language in ("en", "ru"):
        queue = as_alice.get("/api/reviews", HTTP_ACCEPT_LANGUAGE=language).json()
        card = Card.objects.select_related("question").get(pk=queue["next"]["card_id"])
        question = services.card_question(card)
        assert set(queue["next"]) == {"card_id", "topic"} | SHOWN_FIELDS - {"position"}
        assert_no_key(queue, question, f"GET /api/reviews ({language})")


def _properties(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    components = schema["components"]["schemas"]
    while "$ref" in node or "anyOf" in node:
        if "$ref" in node:
            node = components[node["$ref"].rsplit("/", 1)[1]]
        else:
            node = next(a for a in node["anyOf"] if a.get("type") != "null")
    return node


def _reachable_names(schema: dict[str, Any], node: dict[str, Any]) -> set[str]:
    node = _properties(schema, node)
    names = set(node.get("properties", {}))
    for child in node.get("properties", {}).values():
        names |= _reachable_names(schema, child)
    if "items" in node:
        names |= _reachable_names(schema, node["items"])
    return names


def test_the_schema_has_no_field_that_could_carry_a_key_before_the_answer():
    schema = api.get_openapi_schema()
    components = schema["components"]["schemas"]
    quiz = components["QuizOut"]["properties"]

    # The question not answered yet: what is shown, and options as bare texts.
    for name, shown_fields in [
        ("QuestionOut", SHOWN_FIELDS),
        ("CardQuestionOut", {"card_id", "topic"} | SHOWN_FIELDS - {"position"}),
    ]:
        question = components[name]["properties"]
        assert set(question) == shown_fields, name
        for listed in ("options", "prompts"):
            assert question[listed]["items"] == {"type": "string"}
        assert _reachable_names(schema, components[name]).isdisjoint(KEY_FIELDS), name
    assert _properties(schema, quiz["next"]) == components["QuestionOut"]
    assert (
        _properties(schema, components["AnswerResultOut"]["properties"]["next"])
        == (components["QuestionOut"])
    )
    # A key is given only inside an answered question: one with its answer, credit and time.
    answered = components["AnsweredOut"]
    assert {"response", "score", "key", "answered_at"} <= set(answered["required"])
    for name in ("score", "key", "answered_at"):
        assert "null" not in json.dumps(answered["properties"][name]), name
    reviews = components["ReviewsOut"]
    assert _reachable_names(schema, reviews).isdisjoint(KEY_FIELDS - {"slug"})


# --- Bad input -----------------------------------------------------------------------------


@pytest.fixture
def quiz(as_alice, git_bank, clock):
    return start(as_alice)


def _position_of(attempt_id: int, kind: str) -> int:
    return AttemptItem.objects.get(attempt_id=attempt_id, data__kind=kind).position


@pytest.mark.parametrize(
    ("kind", "response", "message"),
    [
        ("single", {"answer": True}, "`choice` must be the number of one option."),
        ("single", {"choice": 7}, "`choice` has an option number outside 0..2."),
        ("ordering", {"order": [0, 0, 1]}, "`order` must list every option number once."),
        ("matching", {"matches": [0]}, "`matches` needs one option number for each prompt."),
        ("numeric", {"value": "forty"}, "`value` must be a number, like 40 or 0,5."),
        ("short", {"choices": [0]}, "`text` must be the typed answer."),
    ],
)
def test_an_answer_that_does_not_fit_its_question_is_a_400_and_counts_for_nothing(
    as_alice, quiz, conforms, kind, response, message
):
    position = _position_of(quiz["id"], kind)

    refused = answer(as_alice, quiz["id"], position, response)

    conforms(refused)
    assert refused.status_code == 400
    assert refused.json() == {"detail": message}
    assert not AttemptItem.objects.filter(answered_at__isnull=False).exists()
    assert not Card.objects.exists()


def test_a_second_answer_is_a_400(as_alice, quiz, conforms):
    question, seed = question_at(quiz["id"], 1)
    answer(as_alice, quiz["id"], 1, right_response(question, seed))

    again = answer(as_alice, quiz["id"], 1, wrong_response(question, seed))

    conforms(again)
    assert again.status_code == 400
    assert again.json() == {"detail": "Question 1 of this quiz is answered already."}
    assert AttemptItem.objects.get(attempt_id=quiz["id"], position=1).score == 1.0


def test_a_position_the_quiz_lacks_is_a_400(as_alice, quiz, conforms):
    response = answer(as_alice, quiz["id"], 6, {"choice": 0})

    conforms(response)
    assert response.status_code == 400
    assert response.json() == {"detail": "This quiz has no question 6."}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"scope": "topic", "slug": "nope"},
            "The curriculum “backend” has no topic “nope”.",
        ),
        ({"scope": "topic", "slug": "linux"}, "The topic “linux” has no questions yet."),
        (
            {"scope": "month", "slug": "month-99"},
            "The curriculum “backend” has no month “month-99”.",
        ),
        ({"scope": "month", "slug": "month-2"}, "There are no questions for “month-2” yet."),
        (
            {"scope": "milestone", "slug": "nope"},
            "The curriculum “backend” has no milestone “nope”.",
        ),
        (
            {"scope": "topic", "slug": "git", "curriculum": "nope"},
            "There is no curriculum “nope”: GET /api/curricula lists them.",
        ),
    ],
)
def test_a_quiz_on_something_without_questions_is_a_400_that_says_so(
    as_alice, git_bank, clock, conforms, body, message
):
    response = post(as_alice, "/api/quizzes", body, HTTP_ACCEPT_LANGUAGE="en")

    conforms(response)
    assert response.status_code == 400
    assert response.json() == {"detail": message}
    assert not QuizAttempt.objects.exists()


def test_a_quiz_without_an_enrolment_or_a_curriculum_is_a_400(as_charlie, git_bank, conforms):
    response = post(as_charlie, "/api/quizzes", {"scope": "topic", "slug": "git"})

    conforms(response)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("You are not enrolled yet: name a `curriculum`")


@pytest.mark.parametrize(
    "body",
    [
        {"scope": "week", "slug": "git"},
        {"scope": "topic"},
        {"scope": "topic", "slug": "git", "size": 3},
    ],
)
def test_a_quiz_outside_the_schema_is_a_422(as_alice, git_bank, conforms, body):
    response = post(as_alice, "/api/quizzes", body)

    conforms(response)
    assert response.status_code == 422


@pytest.mark.parametrize(
    "response",
    [{}, {"choice": 0, "text": "x"}, {"answer": 1}, {"choice": True}, {"value": True}, {"x": 1}],
)
def test_a_response_of_no_shape_is_a_422(as_alice, quiz, conforms, response):
    refused = answer(as_alice, quiz["id"], 1, response)

    conforms(refused)
    assert refused.status_code == 422


# --- Reviews -------------------------------------------------------------------------------


@pytest.fixture
def reviewed(as_alice, quiz, clock):
    """alice answered the whole quiz right on NOW; the clock is 60 days later, all due."""
    answer_all(as_alice, quiz["id"])
    clock.return_value = NOW + timedelta(days=60)
    return quiz


def test_right_after_the_quiz_nothing_is_due_and_the_forecast_shows_the_cards(
    as_alice, quiz, clock, conforms
):
    answer_all(as_alice, quiz["id"])

    response = as_alice.get("/api/reviews")

    conforms(response)
    queue = response.json()
    assert (queue["due"], queue["next"]) == (0, None)
    assert len(queue["forecast"]) == 30
    assert queue["forecast"][0] == {"day": "2026-01-14", "count": 0}
    assert sum(day["count"] for day in queue["forecast"]) == 5


def test_a_due_card_is_reviewed_and_scheduled_later(as_alice, reviewed, clock, conforms):
    queue = as_alice.get("/api/reviews", HTTP_ACCEPT_LANGUAGE="en").json()
    assert queue["due"] == 5
    card = Card.objects.select_related("question").get(pk=queue["next"]["card_id"])
    question = services.card_question(card)

    response = post(
        as_alice,
        f"/api/reviews/{card.pk}",
        {"response": right_response(question, services.review_seed(card))},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    conforms(response)
    assert response.status_code == 200
    result = response.json()
    assert (result["card_id"], result["score"], result["rating"]) == (card.pk, 1.0, 3)
    assert result["key"]["explanation"] == question.explanation.en
    assert result["due"] > (NOW + timedelta(days=61)).isoformat()
    assert as_alice.get("/api/reviews").json()["due"] == 4


def test_a_wrong_review_is_again_and_a_revealed_card_takes_its_rating(as_alice, reviewed, clock):
    first, second = Card.objects.select_related("question").order_by("due", "id")[:2]

    wrong = post(
        as_alice,
        f"/api/reviews/{first.pk}",
        {
            "response": wrong_response(services.card_question(first), services.review_seed(first)),
            "rating": 4,
        },
    )
    revealed = post(as_alice, f"/api/reviews/{second.pk}", {"rating": 2})

    assert (wrong.json()["score"], wrong.json()["rating"]) == (0.0, 1)
    assert (revealed.json()["score"], revealed.json()["rating"]) == (None, 2)
    assert revealed.json()["key"]["feedback"] == []


def test_a_right_reviews_good_can_become_easy(as_alice, reviewed, clock, conforms):
    card = Card.objects.select_related("question").order_by("due", "id").first()
    good = post(
        as_alice,
        f"/api/reviews/{card.pk}",
        {"response": right_response(services.card_question(card), services.review_seed(card))},
    ).json()

    response = post(as_alice, f"/api/reviews/{good['review_id']}/grade", {"rating": 4})

    conforms(response)
    assert response.status_code == 200
    easy = response.json()
    assert (easy["rating"], easy["card_id"], easy["score"]) == (4, card.pk, 1.0)
    assert easy["due"] > good["due"]
    assert Review.objects.filter(card=card).count() == 2  # the quiz's answer and this review


def test_a_review_needs_an_answer_or_a_rating(as_alice, reviewed, conforms):
    card = Card.objects.first()

    response = post(as_alice, f"/api/reviews/{card.pk}", {})

    conforms(response)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "A review needs an answer (`response`) or a rating from 1 to 4."
    }
    assert Review.objects.filter(card=card).count() == 1


def test_a_wrong_answers_grade_stays_again(as_alice, reviewed, conforms):
    card = Card.objects.select_related("question").order_by("due", "id").first()
    wrong = post(
        as_alice,
        f"/api/reviews/{card.pk}",
        {"response": wrong_response(services.card_question(card), services.review_seed(card))},
    ).json()

    response = post(as_alice, f"/api/reviews/{wrong['review_id']}/grade", {"rating": 4})

    conforms(response)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Only a right answer's grade can be changed, to 2, 3 or 4."
    }


@pytest.mark.parametrize("body", [{"rating": 5}, {"rating": 0}, {"rating": "3"}, {"stars": 3}])
def test_a_rating_outside_the_schema_is_a_422(as_alice, reviewed, conforms, body):
    card = Card.objects.first()

    response = post(as_alice, f"/api/reviews/{card.pk}", body)

    conforms(response)
    assert response.status_code == 422


# --- Mastery and settings ------------------------------------------------------------------


def test_mastery_lists_every_topic_and_month_of_the_curriculum(as_alice, reviewed, clock, conforms):
    clock.return_value = NOW + timedelta(hours=1)

    response = as_alice.get("/api/mastery")

    conforms(response)
    found = response.json()
    assert found["curriculum"] == "backend"
    assert len(found["topics"]) == 144 and len(found["months"]) == 18
    git = next(t for t in found["topics"] if t["topic"] == "git")
    assert git["month"] == "month-1" and git["status"] == "mastered"
    assert (git["recent_right"], git["recent_count"], git["questions"]) == (5, 5, 5)
    assert git["recall"] > 0.9 and git["percent"] > 90
    linux = next(t for t in found["topics"] if t["topic"] == "linux")
    assert (linux["status"], linux["percent"], linux["questions"]) == ("not_started", 0, 0)
    assert found["months"][0] == {"month": "month-1", "percent": git["percent"]}
    assert found["months"][1] == {"month": "month-2", "percent": None}


def test_mastery_needs_an_enrolment(as_charlie, git_bank, conforms):
    response = as_charlie.get("/api/mastery")

    conforms(response)
    assert response.status_code == 404


def test_the_desired_retention_is_read_and_set(as_alice, conforms):
    before = as_alice.get("/api/review-settings")
    changed = put(as_alice, "/api/review-settings", {"desired_retention": 0.85})

    for response in (before, changed):
        conforms(response)
        assert response.status_code == 200
    assert before.json() == {"desired_retention": 0.9}
    assert changed.json() == {"desired_retention": 0.85}
    assert as_alice.get("/api/review-settings").json() == {"desired_retention": 0.85}


@pytest.mark.parametrize("value", [0.5, 0.99, "0.9", None])
def test_a_retention_outside_its_bounds_is_a_422(as_alice, conforms, value):
    response = put(as_alice, "/api/review-settings", {"desired_retention": value})

    conforms(response)
    assert response.status_code == 422
    assert as_alice.get("/api/review-settings").json() == {"desired_retention": 0.9}


# --- Charlie and alice's data --------------------------------------------------------------


def test_charlie_gets_a_404_for_alices_quiz_cards_and_reviews(
    as_alice, as_charlie, reviewed, conforms
):
    card = Card.objects.select_related("question").first()
    review = Review.objects.filter(card=card).get()
    attempts = [
        ("GET", f"/api/quizzes/{reviewed['id']}", None),
        (
            "POST",
            f"/api/quizzes/{reviewed['id']}/answers",
            {"position": 1, "response": {"choice": 0}},
        ),
        ("POST", f"/api/reviews/{card.pk}", {"rating": 4}),
        ("POST", f"/api/reviews/{review.pk}/grade", {"rating": 4}),
    ]
    for method, path, body in attempts:
        response = as_charlie.generic(
            method, path, json.dumps(body or {}), content_type="application/json"
        )
        conforms(response)
        assert response.status_code == 404, path
        assert response.json()["detail"].startswith("You have no "), path
    assert Review.objects.filter(card=card).count() == 1
    assert as_charlie.get("/api/reviews").json()["due"] == 0
    assert as_alice.get("/api/reviews").json()["due"] == 5


# --- CSRF ----------------------------------------------------------------------------------


def test_session_writes_need_the_csrf_token(alice, git_bank, clock, conforms):
    browser = signed_in_with_csrf(alice)
    writes = [
        ("POST", "/api/quizzes", {"scope": "topic", "slug": "git"}),
        ("PUT", "/api/review-settings", {"desired_retention": 0.8}),
    ]
    for method, path, body in writes:
        refused = browser.generic(method, path, json.dumps(body), content_type="application/json")
        conforms(refused)
        assert refused.status_code == 403
        assert refused.json() == {"detail": "CSRF check Failed"}
    assert not QuizAttempt.objects.exists()

    for method, path, body in writes:
        accepted = browser.generic(
            method,
            path,
            json.dumps(body),
            content_type="application/json",
            HTTP_X_CSRFTOKEN=browser.token,
        )
        assert accepted.status_code in (200, 201), path
    attempt = QuizAttempt.objects.get()
    answering = f"/api/quizzes/{attempt.pk}/answers"
    body = {"position": 1, "response": {"choice": 0}}
    assert post(browser, answering, body).status_code == 403
    assert not AttemptItem.objects.filter(answered_at__isnull=False).exists()


# --- Query counts --------------------------------------------------------------------------

REVIEWS_QUERIES = 7  # session, user, + time zone, + the forecast's two, + due count, + next card
MASTERY_QUERIES = 8  # session, user, + enrolment, + the mastery's five


def many_questions(curriculum, topics: int) -> int:
    """Five true-or-false questions on each of the first `topics` topics."""
    slugs = list(
        Topic.objects.filter(curriculum=curriculum)
        .order_by("position")
        .values_list("slug", flat=True)[:topics]
    )
    questions = [
        parse_question(
            {
                "slug": f"{slug}-fact-{n}",
                "topic": slug,
                "kind": "true_false",
                "text": {"ru": f"Верно ли {n} про {slug}?", "en": f"Is {n} true of {slug}?"},
                "answer": n % 2 == 0,
            }
        )
        for slug in slugs
        for n in range(5)
    ]
    import_bank(curriculum, Bank(questions))
    return len(slugs)


@pytest.fixture(params=[1, 10])
def deck(request, alice, enrolled, clock):
    """alice with 5 or 50 review cards (one or ten topics answered), 40 days later."""
    topics = many_questions(enrolled.curriculum, request.param)
    for topic in Topic.objects.filter(curriculum=enrolled.curriculum).order_by("position")[:topics]:
        attempt = services.start_quiz(alice, enrolled.curriculum, QuizScope.TOPIC, topic.slug)
        for item in attempt.items.all():
            question = services.item_question(item)
            services.answer_item(item, {"answer": bool(question.answer) ^ (item.position == 1)})
    assert Card.objects.filter(learner=alice).count() == 5 * request.param
    clock.return_value = NOW + timedelta(days=40)
    return alice


@pytest.mark.parametrize(
    ("path", "queries"), [("/api/reviews", REVIEWS_QUERIES), ("/api/mastery", MASTERY_QUERIES)]
)
def test_the_review_queue_and_mastery_cost_a_fixed_number_of_queries(
    as_alice, deck, django_assert_num_queries, path, queries
):
    with django_assert_num_queries(queries):
        response = as_alice.get(path)

    assert response.status_code == 200
    if path == "/api/reviews":
        assert response.json()["due"] > 0 and response.json()["next"] is not None
