"""Quizzes and reviews through the services, on the real database."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from skillpath.knowledge import selectors, services
from skillpath.knowledge.models import Card, QuizScope, Review
from skillpath.knowledge.presentation import BadResponse
from tests.knowledge.answers import right_response as answer_right

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def right_response(item) -> dict:
    """The answer a learner who knows the key gives to an attempt's item."""
    return answer_right(services.item_question(item), item.attempt.seed)


@pytest.mark.django_db
def test_a_topic_quiz_asks_every_question_once_and_scores_the_answers(git_bank, alice):
    attempt = services.start_quiz(alice, git_bank, QuizScope.TOPIC, "git", now=NOW, seed=7)
    items = selectors.attempt_items(attempt)
    assert sorted(i.data["slug"] for i in items) == sorted(
        ["git-conflict-markers", "git-status-short-code", "git-order", "git-match", "git-num"]
    )
    for n, item in enumerate(items):
        response = (
            right_response(item)
            if n % 2 == 0
            else {"text": "x", "value": 1, "choice": 0, "matches": [0, 0, 0], "order": [0, 1, 2]}
        )
        try:
            services.answer_item(item, response, now=NOW)
        except BadResponse:
            services.answer_item(item, right_response(item), now=NOW)
    attempt.refresh_from_db()
    assert attempt.finished_at == NOW
    assert 0.0 < attempt.score <= 1.0
    assert Card.objects.filter(learner=alice).count() == 5
    assert Review.objects.filter(learner=alice).count() == 5


@pytest.mark.django_db
def test_an_answer_is_taken_once(git_bank, alice):
    attempt = services.start_quiz(alice, git_bank, QuizScope.TOPIC, "git", now=NOW, seed=1)
    item = selectors.next_item(attempt)
    services.answer_item(item, right_response(item), now=NOW)
    with pytest.raises(services.AlreadyAnswered):
        services.answer_item(item, right_response(item), now=NOW)


@pytest.mark.django_db
def test_the_cards_a_quiz_made_are_due_the_next_day_or_later(git_bank, alice):
    attempt = services.start_quiz(alice, git_bank, QuizScope.TOPIC, "git", now=NOW, seed=3)
    for item in selectors.attempt_items(attempt):
        services.answer_item(item, right_response(item), now=NOW)
    assert selectors.due_count(alice, NOW) == 0
    assert selectors.due_count(alice, NOW + timedelta(days=30)) == 5
    card = selectors.next_card(alice, NOW + timedelta(days=30))
    review, score = services.review_card(alice, card.pk, rating=4, now=NOW + timedelta(days=30))
    assert score is None and review.rating == 4
    card.refresh_from_db()
    assert card.due > NOW + timedelta(days=31)


@pytest.mark.django_db
def test_a_right_answers_grade_can_be_changed_to_easy_and_lengthens_the_interval(git_bank, alice):
    attempt = services.start_quiz(alice, git_bank, QuizScope.TOPIC, "git", now=NOW, seed=3)
    item = selectors.next_item(attempt)
    services.answer_item(item, right_response(item), now=NOW)
    review = Review.objects.get(learner=alice)
    good_due = review.card.due
    easy = services.regrade_review(alice, review.pk, 4)
    easy.card.refresh_from_db()
    assert easy.rating == 4 and easy.card.due > good_due
    assert Review.objects.filter(learner=alice).count() == 1


@pytest.mark.django_db
def test_another_learner_cannot_review_alices_card(git_bank, alice, bob):
    from django.http import Http404

    attempt = services.start_quiz(alice, git_bank, QuizScope.TOPIC, "git", now=NOW, seed=3)
    item = selectors.next_item(attempt)
    services.answer_item(item, right_response(item), now=NOW)
    card = Card.objects.get(learner=alice)
    with pytest.raises(Http404):
        services.review_card(bob, card.pk, rating=3, now=NOW)
    with pytest.raises(Http404):
        selectors.attempt_for(bob, attempt.pk)


@pytest.mark.django_db
def test_mastery_needs_m_of_n_right_and_recall(git_bank, alice):
    topic_id = git_bank.questions.first().topic_id
    before = selectors.mastery(alice, git_bank, NOW).of(topic_id)
    assert before.status == "not_started"
    attempt = services.start_quiz(alice, git_bank, QuizScope.TOPIC, "git", now=NOW, seed=3)
    for item in selectors.attempt_items(attempt):
        services.answer_item(item, right_response(item), now=NOW)
    soon = selectors.mastery(alice, git_bank, NOW + timedelta(hours=1)).of(topic_id)
    assert soon.status == "mastered" and soon.recent_right == 5
    later = selectors.mastery(alice, git_bank, NOW + timedelta(days=400)).of(topic_id)
    assert later.status == "fading" and later.recall < soon.recall


@pytest.mark.django_db
def test_editing_a_question_later_changes_neither_an_old_attempt_nor_its_score(git_bank, alice):
    from skillpath.knowledge.bank import Choice, read_bank_file
    from skillpath.knowledge.models import AttemptItem
    from skillpath.knowledge.services import import_bank
    from tests.conftest import GIT_BANK

    attempt = services.start_quiz(alice, git_bank, QuizScope.TOPIC, "git", now=NOW, seed=3)
    item = next(
        i for i in selectors.attempt_items(attempt) if i.data["slug"] == "git-conflict-markers"
    )
    services.answer_item(item, right_response(item), now=NOW)
    asked = item.data
    # The author swaps which choice is right and re-imports the bank.
    bank = read_bank_file(GIT_BANK)
    question = next(q for q in bank.questions if q.slug == "git-conflict-markers")
    swapped = tuple(
        Choice(c.text, 100 - c.weight if i < 2 else c.weight, c.feedback)
        for i, c in enumerate(question.choices)
    )
    bank.questions[bank.questions.index(question)] = dataclasses.replace(question, choices=swapped)
    assert import_bank(git_bank, bank).updated == 1
    item = AttemptItem.objects.get(pk=item.pk)
    assert item.data == asked and item.score == 1.0
    assert services.item_question(item).choices[0].weight == 100
