"""FSRS as Skillpath uses it: invariants over random review histories (Hypothesis), the
grade an answer earns, the load-balanced due day and the learner's settings."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

from fsrs import Card, Rating, State
from hypothesis import given, settings
from hypothesis import strategies as st

from skillpath.knowledge import scheduling

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
ratings = st.sampled_from([Rating.Again, Rating.Hard, Rating.Good, Rating.Easy])
gaps = st.integers(min_value=0, max_value=400)


def replay(history: list[tuple[Rating, int]], *, retention: float = 0.9) -> list[Card]:
    """The card after each review; each review waits `gap` days after the card fell due."""
    fsrs = scheduling.scheduler(desired_retention=retention)
    card, now, cards = Card(due=START), START, []
    for rating, gap in history:
        now = max(now, card.due) + timedelta(days=gap)
        card = scheduling.review(card, rating, now, fsrs=fsrs)
        cards.append(card)
    return cards


def interval(card: Card) -> timedelta:
    assert card.last_review is not None
    return card.due - card.last_review


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(ratings, gaps), min_size=1, max_size=15))
def test_a_card_is_never_due_before_it_was_last_reviewed(history):
    for card in replay(history):
        assert card.last_review is not None and card.due > card.last_review
        assert card.state is State.Review  # no learning steps: a quiz answer was the first


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=12))
def test_intervals_grow_with_successful_reviews(successes):
    cards = replay([(Rating.Good, 0)] * successes)
    intervals = [interval(c) for c in cards]
    assert all(later >= earlier for earlier, later in pairwise(intervals))
    if successes >= 3:
        assert intervals[-1] > intervals[0]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(ratings, gaps), min_size=1, max_size=10))
def test_again_gives_a_shorter_interval_than_good_from_the_same_state(history):
    before = replay(history)[-1]
    fsrs = scheduling.scheduler()
    now = before.due
    again = scheduling.review(before, Rating.Again, now, fsrs=fsrs)
    good = scheduling.review(before, Rating.Good, now, fsrs=fsrs)
    easy = scheduling.review(before, Rating.Easy, now, fsrs=fsrs)
    assert interval(again) <= interval(good) <= interval(easy)
    assert again.stability < good.stability


def test_a_higher_desired_retention_means_shorter_intervals():
    history = [(Rating.Good, 0)] * 5
    relaxed = replay(history, retention=0.8)[-1]
    strict = replay(history, retention=0.95)[-1]
    assert interval(strict) < interval(relaxed)


def test_the_grade_an_answer_earns():
    assert scheduling.rating_for(0.0) is Rating.Again
    assert scheduling.rating_for(0.5) is Rating.Again  # partly right is not remembered
    assert scheduling.rating_for(0.5, Rating.Easy) is Rating.Again
    assert scheduling.rating_for(1.0) is Rating.Good
    assert scheduling.rating_for(1.0, Rating.Hard) is Rating.Hard
    assert scheduling.rating_for(1.0, Rating.Easy) is Rating.Easy
    assert scheduling.rating_for(1.0, Rating.Again) is Rating.Good


@given(st.integers(min_value=1, max_value=3650))
def test_the_fuzz_range_holds_the_interval(days):
    low, high = scheduling.fuzz_range(days)
    assert low <= days <= high or days < 3
    assert high - low <= 2 * (1 + 0.15 * days) + 1  # FSRS fuzzes by at most ±(1 + 15%)


def test_the_due_day_is_the_least_loaded_day_of_the_fuzz_range():
    today = date(2026, 3, 1)
    low, high = scheduling.fuzz_range(30)
    days = [today + timedelta(days=d) for d in range(low, high + 1)]
    load = {day: 50 for day in days}
    quiet = days[-1]
    load[quiet] = 3
    assert scheduling.due_day(30, today, lambda first, last: load) == quiet
    # Equal load: the interval FSRS asked for.
    assert scheduling.due_day(30, today, lambda first, last: {}) == today + timedelta(days=30)
    # Short intervals are not moved.
    assert scheduling.due_day(1, today, lambda first, last: load) == today + timedelta(days=1)


def test_load_balancing_flattens_a_pile_up():
    """Many cards reviewed the same day with the same interval spread over the fuzz range."""
    fsrs = scheduling.scheduler()
    load: dict[date, int] = {}

    def counts(first, last):
        return {d: n for d, n in load.items() if first <= d <= last}

    card = replay([(Rating.Good, 0)] * 3)[-1]
    now = card.due
    for _ in range(60):
        reviewed = scheduling.review(card, Rating.Good, now, fsrs=fsrs, load=counts)
        day = reviewed.due.date()
        load[day] = load.get(day, 0) + 1
    plain = scheduling.review(card, Rating.Good, now, fsrs=fsrs)
    low, high = scheduling.fuzz_range((plain.due - now).days)
    assert len(load) == high - low + 1 > 1
    assert max(load.values()) - min(load.values()) <= 1
