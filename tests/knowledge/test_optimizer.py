"""Optimising a learner's FSRS parameters: only with enough reviews, at most monthly, and
only with the optional optimizer installed (a stand-in for it here: PyTorch is not)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Scheduler

from skillpath.knowledge import services
from skillpath.knowledge.models import Card, Review
from skillpath.knowledge.services import OPTIMIZE_MIN_REVIEWS, optimize_parameters

NOW = datetime(2026, 6, 1, tzinfo=UTC)


FITTED = [0.5, *Scheduler().parameters[1:]]


class FittedOptimizer:
    """Stands in for fsrs.optimizer.Optimizer: records what it was given."""

    seen: list = []

    def __init__(self, logs):
        FittedOptimizer.seen = list(logs)

    def compute_optimal_parameters(self):
        return FITTED


def history(alice, git_bank, count: int) -> None:
    question = git_bank.questions.first()
    card = Card.objects.create(
        learner=alice, question=question, topic=question.topic, due=NOW, created_at=NOW
    )
    Review.objects.bulk_create(
        Review(learner=alice, card=card, rating=3, reviewed_at=NOW - timedelta(hours=n))
        for n in range(count)
    )


@pytest.mark.django_db
def test_too_few_reviews_keep_the_default_parameters(alice, git_bank):
    history(alice, git_bank, 10)
    result = optimize_parameters(alice, now=NOW, optimizer=FittedOptimizer)
    assert not result.done and "512" in result.reason
    assert services.settings_of(alice).parameters is None


@pytest.mark.django_db
def test_enough_reviews_fit_the_parameters_once_a_month(alice, git_bank):
    history(alice, git_bank, OPTIMIZE_MIN_REVIEWS)
    result = optimize_parameters(alice, now=NOW, optimizer=FittedOptimizer)
    assert result.done and len(FittedOptimizer.seen) == OPTIMIZE_MIN_REVIEWS
    assert services.settings_of(alice).parameters == FITTED
    again = optimize_parameters(alice, now=NOW + timedelta(days=10), optimizer=FittedOptimizer)
    assert not again.done and "30 days" in again.reason
    later = optimize_parameters(alice, now=NOW + timedelta(days=31), optimizer=FittedOptimizer)
    assert later.done
    # The fitted parameters are the ones the learner's scheduler uses.
    assert list(services.fsrs_for(alice).parameters) == FITTED


@pytest.mark.django_db
def test_without_the_optimizer_installed_the_reason_says_how_to_install_it(alice, git_bank):
    pytest.importorskip("fsrs")
    import importlib.util

    if importlib.util.find_spec("torch") is not None:
        pytest.skip("PyTorch is installed here")
    history(alice, git_bank, OPTIMIZE_MIN_REVIEWS)
    result = optimize_parameters(alice, now=NOW)
    assert not result.done and 'pip install -e ".[optimizer]"' in result.reason
