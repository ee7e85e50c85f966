"""The knowledge reads the API and the CLI render: an attempt's view, the review queue in the
learner's days, the next due time, mastery by slug; and the quiz scopes a curriculum lacks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from skillpath.knowledge import selectors, services
from skillpath.knowledge.models import Card, QuizScope
from skillpath.knowledge.presentation import parse_number
from skillpath.people.services import set_time_zone
from tests.knowledge.answers import right_response, wrong_response

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


def answer_all(attempt, *, right: bool = True) -> None:
    for item in selectors.attempt_items(attempt):
        made = right_response if right else wrong_response
        services.answer_item(item, made(services.item_question(item), attempt.seed), now=NOW)


def test_an_attempts_view_holds_its_questions_in_order_and_the_next_one(git_bank, alice):
    attempt = services.start_quiz(alice, git_bank, QuizScope.TOPIC, "git", now=NOW, seed=5)
    second = selectors.attempt_item(attempt, 2)
    services.answer_item(
        second, right_response(services.item_question(second), attempt.seed), now=NOW
    )

    view = selectors.attempt_view(attempt)

    assert [i.position for i in view.items] == [1, 2, 3, 4, 5]
    assert view.total == 5
    assert [i.position for i in view.answered] == [2]
    assert view.next.position == 1
    assert selectors.attempt_item(attempt, 6) is None


@pytest.mark.parametrize(
    ("scope", "slug", "message"),
    [
        ("topic", "nope", "The curriculum “backend” has no topic “nope”."),
        ("topic", "linux", "The topic “linux” has no questions yet."),
        ("month", "month-0", "The curriculum “backend” has no month “month-0”."),
        ("month", "month-2", "There are no questions for “month-2” yet."),
        ("milestone", "milestone-9", "The curriculum “backend” has no milestone “milestone-9”."),
        ("week", "git", "A quiz covers a topic, a month or a milestone, not “week”."),
    ],
)
def test_a_quiz_on_what_has_no_questions_is_refused_with_a_message(
    git_bank, alice, scope, slug, message
):
    with pytest.raises(services.QuizScopeError) as refused:
        services.start_quiz(alice, git_bank, scope, slug, now=NOW)

    assert str(refused.value) == message
    assert not alice.quiz_attempts.exists()


def test_the_review_queue_counts_the_due_cards_and_shows_the_most_overdue(git_bank, alice):
    answer_all(services.start_quiz(alice, git_bank, QuizScope.TOPIC, "git", now=NOW, seed=3))
    later = NOW + timedelta(days=60)

    queue = selectors.review_queue(alice, later)

    assert queue.due == 5
    oldest = Card.objects.order_by("due", "id").first()
    assert queue.next == oldest
    assert services.card_question(queue.next).slug == oldest.question.slug
    assert len(queue.forecast) == 30
    assert queue.forecast[0] == (later.date(), 5)
    assert selectors.review_queue(alice, NOW).due == 0


def test_the_forecast_counts_in_the_learners_days(git_bank, alice):
    answer_all(services.start_quiz(alice, git_bank, QuizScope.TOPIC, "git", now=NOW, seed=3))
    Card.objects.update(due=datetime(2026, 3, 10, 22, 30, tzinfo=UTC))  # 01:30 on the 11th
    set_time_zone(user=alice, time_zone="Europe/Moscow")
    # 23:00 UTC on the 2nd is already the 3rd in Moscow.
    queue = selectors.review_queue(alice, datetime(2026, 3, 2, 23, 0, tzinfo=UTC))

    days = dict(queue.forecast)
    assert queue.forecast[0][0] == datetime(2026, 3, 3).date()
    assert days[datetime(2026, 3, 11).date()] == 5
    assert sum(days.values()) == 5


def test_the_next_due_time_is_the_earliest_cards(git_bank, alice, bob):
    assert selectors.next_due_at(alice) is None
    answer_all(services.start_quiz(alice, git_bank, QuizScope.TOPIC, "git", now=NOW, seed=3))

    assert selectors.next_due_at(alice) == Card.objects.order_by("due").first().due
    assert selectors.next_due_at(bob) is None


def test_mastery_names_every_topic_and_month_in_the_plans_order(git_bank, alice):
    answer_all(services.start_quiz(alice, git_bank, QuizScope.TOPIC, "git", now=NOW, seed=3))

    by_topic, by_month = selectors.mastery_listing(
        selectors.mastery(alice, git_bank, NOW + timedelta(hours=1)), git_bank
    )

    assert [t.slug for t in by_topic][:4] == [
        "linux",
        "git",
        "ide-redaktor",
        "terminal-i-ssh",
    ]
    assert len(by_topic) == 144
    git = next(t for t in by_topic if t.slug == "git")
    assert git.month == "month-1" and git.mastery.status == "mastered"
    assert next(t for t in by_topic if t.slug == "linux").mastery.status == "not_started"
    assert by_month[0] == ("month-1", git.mastery.percent)
    assert by_month[1] == ("month-2", None)
    assert len(by_month) == 18


@pytest.mark.parametrize(("typed", "value"), [("0,5", 0.5), (" 40 ", 40.0), ("1 000", 1000.0)])
def test_a_typed_number_is_read_with_a_comma_or_a_point(typed, value):
    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", ["inf", "-Infinity", "nan", "forty", ""])
def test_what_is_no_number_a_learner_means_is_not_read(typed):
    assert parse_number(typed) is None


def test_mastery_reads_only_each_topics_last_five_answers(git_bank, alice):
    """Five right answers, then two wrong: of the last five, three are right — the two
    oldest right ones no longer count (the selector reads the last five per topic)."""
    from skillpath.knowledge.models import Review

    answer_all(services.start_quiz(alice, git_bank, QuizScope.TOPIC, "git", now=NOW, seed=3))
    card = Card.objects.filter(learner=alice).first()
    for minutes in (10, 20):
        Review.objects.create(
            learner=alice,
            card=card,
            rating=1,
            score=0.0,
            reviewed_at=NOW + timedelta(minutes=minutes),
        )
    git = selectors.mastery(alice, git_bank, NOW + timedelta(hours=1)).topics[card.topic_id]
    assert (git.recent_right, git.recent_count) == (3, 5)
    assert git.status == "learning"
