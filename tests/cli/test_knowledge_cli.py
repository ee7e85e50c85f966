"""`skillpath quiz` and `skillpath review`, answered through the runner's input as a learner
types at the terminal (or pipes answers in), on the real database."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from skillpath.cli.knowledge import Typo, typed_response
from skillpath.cli.main import app
from skillpath.knowledge import services
from skillpath.knowledge.bank import Bank, parse_question
from skillpath.knowledge.models import AttemptItem, Card, QuizAttempt, Review
from skillpath.knowledge.presentation import show
from skillpath.knowledge.services import import_bank, quiz_questions
from tests.conftest import load_git_bank
from tests.knowledge.answers import right_response, wrong_response

pytestmark = pytest.mark.django_db
runner = CliRunner()
SEED = 7
# What a careless learner types first, for each kind: never an answer.
TYPOS = {
    "single": ("7", "There are only options 1 to 3."),
    "numeric": ("forty", "Type a number, like 40 or 0,5."),
    "matching": ("1", "Type 3 option numbers, one for each of A, B, … in turn."),
    "short": ("", "Type your answer."),
    "ordering": ("1,1,2", "Type every number from 1 to 3 once, in order."),
}


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def learner(builtin):
    from skillpath.people.services import ensure_local_user

    start = (timezone.now() - timedelta(days=3)).date().isoformat()
    assert run("enroll", "--start", start).exit_code == 0
    load_git_bank(builtin)
    return ensure_local_user()


def typed(response: dict[str, Any]) -> str:
    """What a learner types for an answer: option numbers from 1, t/f, text, a number."""
    ((name, value),) = response.items()
    if name == "choice":
        return str(value + 1)
    if name in ("choices", "matches", "order"):
        return ",".join(str(index + 1) for index in value)
    if name == "answer":
        return "t" if value else "f"
    if name == "value":
        return f"{value:g}".replace(".", ",")
    return value


def quiz_plan(curriculum) -> list[Any]:
    """The questions of `skillpath quiz git --seed 7`, in the order it asks them."""
    return [services.item_question(row) for row in quiz_questions(curriculum, "topic", "git", SEED)]


def lines(*answers: str) -> str:
    return "".join(f"{answer}\n" for answer in answers)


def test_a_topic_quiz_asks_each_question_and_shows_its_key(learner, builtin):
    questions = quiz_plan(builtin)
    typing = []
    for position, question in enumerate(questions, start=1):
        made = right_response if position % 2 else wrong_response
        typing += [TYPOS[question.kind][0], typed(made(question, SEED))]

    result = run("quiz", "git", "--seed", str(SEED), input=lines(*typing))

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Question 1 of 5" in out and "Question 5 of 5" in out
    assert out.count("Right.") == 3 and out.count("Wrong.") == 2
    for question in questions:
        assert TYPOS[question.kind][1] in out  # asked again, not counted
        assert question.explanation.en in out
        assert question.text.en in out
    for question in questions:
        options = show(question, SEED, "en").options
        if options:  # numbered from 1, in the order shown
            assert f"  1. {options[0]}\n" in out and f"  {len(options)}. {options[-1]}\n" in out
    assert "Score: 60% — 3 of 5 right." in out
    attempt = QuizAttempt.objects.get(learner=learner)
    assert attempt.score == pytest.approx(0.6) and attempt.finished_at is not None
    scores = list(attempt.items.order_by("position").values_list("score", flat=True))
    assert scores == [1.0, 0.0, 1.0, 0.0, 1.0]
    assert Card.objects.filter(learner=learner).count() == 5


def test_the_json_document_comes_alone_on_stdout(learner, builtin):
    questions = quiz_plan(builtin)
    answers = [typed(right_response(q, SEED)) for q in questions[:4]]
    answers.append(typed(wrong_response(questions[4], SEED)))

    result = run("quiz", "git", "--seed", str(SEED), "--json", input=lines(*answers))

    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    attempt = QuizAttempt.objects.get()
    assert document == {
        "attempt": attempt.pk,
        "scope": "topic",
        "slug": "git",
        "seed": SEED,
        "is_finished": True,
        "score": pytest.approx(0.8),
        "answered": 5,
        "total": 5,
        "items": [
            {"position": n, "slug": q.slug, "score": 1.0 if n < 5 else 0.0}
            for n, q in enumerate(questions, start=1)
        ],
    }
    assert "Question 1 of 5" in result.stderr


def test_a_quiz_whose_input_ends_stays_unfinished(learner, builtin):
    first = quiz_plan(builtin)[0]

    result = run(
        "quiz",
        "git",
        "--seed",
        str(SEED),
        "--json",
        input=lines(typed(right_response(first, SEED))),
    )

    assert result.exit_code == 1
    assert "The input ended: the quiz stays unfinished." in result.stderr
    document = json.loads(result.stdout)
    assert (document["is_finished"], document["answered"], document["score"]) == (False, 1, None)
    assert AttemptItem.objects.filter(answered_at__isnull=False).count() == 1


def test_a_true_or_false_question_takes_russian_and_english_words(learner, builtin):
    statement = {
        "slug": "git-is-distributed",
        "topic": "linux",
        "kind": "true_false",
        "text": {"ru": "Git распределённый?", "en": "Is git distributed?"},
        "answer": True,
        "explanation": {"ru": "Да.", "en": "Yes."},
    }
    import_bank(builtin, Bank([parse_question(statement)]))

    result = run("quiz", "linux", input=lines("maybe", "да"))

    assert result.exit_code == 0, result.output
    assert "Type t for true or f for false." in result.stdout
    assert "Right." in result.stdout and "Answer: true" in result.stdout


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("nope", "no topic 'nope'"),
        ("month-99", "The curriculum “backend” has no month “month-99”."),
        ("milestone-9", "The curriculum “backend” has no milestone “milestone-9”."),
        ("linux", "The topic “linux” has no questions yet."),
    ],
)
def test_a_quiz_on_an_unknown_topic_says_how_to_find_the_slugs(learner, target, message):
    result = run("quiz", target)

    assert result.exit_code == 2
    assert message in result.stderr
    assert "'skillpath plan' lists the topics' slugs; a month is month-1" in result.stderr
    assert not QuizAttempt.objects.exists()


@pytest.mark.parametrize("given", ["GIT", "  Git "])
def test_a_quiz_takes_its_topic_as_every_command_does(learner, given):
    """`quiz` took only the exact slug, unlike `--topic` elsewhere."""
    result = run("quiz", given, input="")

    assert result.exit_code == 1, result.output  # the input ended: the quiz stays unfinished
    assert QuizAttempt.objects.get().scope_slug == "git"


def test_a_quiz_on_a_misspelt_topic_names_the_closest(learner):
    result = run("quiz", "gti")

    assert result.exit_code == 2
    assert "did you mean git" in result.stderr
    assert not QuizAttempt.objects.exists()


# --- Reviews -------------------------------------------------------------------------------


@pytest.fixture
def deck(learner, builtin):
    """The git quiz answered right just now; the cards in the order they fall due."""
    attempt = services.start_quiz(learner, builtin, "topic", "git", seed=SEED)
    for item in attempt.items.all():
        services.answer_item(item, right_response(services.item_question(item), SEED))
    return list(Card.objects.select_related("question").order_by("due", "id"))


def later(days: int = 60):
    """The clock moved on (the outside world the commands read "now" from)."""
    return mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + timedelta(days=days)
    )


def card_answer(card, made) -> str:
    return typed(made(services.card_question(card), services.review_seed(card)))


def test_review_asks_the_due_cards_and_takes_the_learners_grade(learner, deck):
    first, second, third, fourth = deck[:4]
    typing = [
        card_answer(first, right_response),
        "e",  # right: Easy
        "s",  # show the answer without answering,
        "5",  # a typo,
        "2",  # then Hard
        card_answer(third, wrong_response),
        card_answer(fourth, right_response),
        "x",  # a typo at the grade prompt
        "",  # right: Good
    ]

    with later():
        result = run("review", "--limit", "4", input=lines(*typing))

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.count("Right.") == 2 and out.count("Wrong.") == 1
    assert "Type 1, 2, 3 or 4." in out and "Press Enter, or type h or e." in out
    assert services.card_question(second).explanation.en in out
    latest = {
        card.pk: Review.objects.filter(card=card).order_by("-reviewed_at", "-id").first().rating
        for card in (first, second, third, fourth)
    }
    assert latest == {first.pk: 4, second.pk: 2, third.pk: 1, fourth.pk: 3}
    assert "Reviewed 4 cards." in out and "1 card is still due." in out


def test_review_json_lists_what_was_reviewed(learner, deck):
    first = deck[0]

    with later():
        result = run(
            "review", "--limit", "1", "--json", input=lines(card_answer(first, right_response), "h")
        )

    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [(r["card_id"], r["score"], r["rating"]) for r in document["reviewed"]] == [
        (first.pk, 1.0, 2)
    ]
    assert document["due"] == 4


def test_with_nothing_due_review_says_when_the_next_card_is(learner, deck):
    result = run("review")

    assert result.exit_code == 0, result.output
    assert "Nothing is due now. The next card is due on " in result.stdout
    assert Review.objects.count() == len(deck)  # the quiz's answers only


def test_without_cards_review_says_a_quiz_makes_them(learner):
    result = run("review")

    assert result.exit_code == 0
    assert "No review cards yet: a quiz makes them" in result.stdout


def test_today_shows_the_reviews_due(learner, deck):
    assert "Reviews due: 0" in run("today").stdout
    with later():
        assert json.loads(run("today", "--json").stdout)["reviews_due"] == 5


# --- Reading what was typed ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "text", "response"),
    [
        ("single", " 2 ", {"choice": 1}),
        ("multiple", "1,3", {"choices": [0, 2]}),
        ("multiple", "3 1", {"choices": [0, 2]}),
        ("true_false", "T", {"answer": True}),
        ("true_false", "д", {"answer": True}),
        ("true_false", "Нет", {"answer": False}),
        ("true_false", "false", {"answer": False}),
        ("short", "  git log ", {"text": "git log"}),
        ("numeric", "0,5", {"value": 0.5}),
        ("matching", "2,1,3", {"matches": [1, 0, 2]}),
        ("ordering", "3, 1, 2", {"order": [2, 0, 1]}),
    ],
)
def test_a_typed_answer_is_read_by_its_kind(kind, text, response):
    assert typed_response(kind, 3, 3, text) == response


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("single", ""),
        ("single", "1,2"),
        ("single", "4"),
        ("single", "0"),
        ("single", "²"),
        ("single", "١"),
        ("multiple", "1,1"),
        ("true_false", "maybe"),
        ("short", "   "),
        ("numeric", "inf"),
        ("matching", "1,2"),
        ("ordering", "1,2"),
        ("ordering", "1,2,2"),
    ],
)
def test_a_typo_is_no_answer(kind, text):
    with pytest.raises(Typo):
        typed_response(kind, 3, 3, text)


def test_review_optimize_says_why_the_default_parameters_stay(learner):
    result = run("review", "--optimize", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found == {"optimized": False, "reason": found["reason"], "reviews": 0}
    assert "512" in found["reason"]
