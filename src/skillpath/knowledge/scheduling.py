"""Spaced repetition: the `fsrs` package (FSRS-6) decides each card's next interval; this
module adds what it leaves to the application — the choice of the due day inside FSRS's fuzz
range so that no day piles up (load balancing, as Anki does), and the grade an answer earns.

Plain functions over `fsrs.Card`; the ORM stays in services.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import FUZZ_RANGES

DEFAULT_RETENTION = 0.9
MAXIMUM_INTERVAL = 36500


def scheduler(
    *, desired_retention: float = DEFAULT_RETENTION, parameters: Sequence[float] | None = None
) -> Scheduler:
    """An FSRS-6 scheduler for one learner.

    No learning steps: a card is made from a question the learner has just answered in a
    quiz, which is the first learning step, so its first review goes straight to days. Fuzz is
    off here because `due_day` below chooses the day within the same range, by load.
    """
    options: dict = {
        "desired_retention": desired_retention,
        "learning_steps": (),
        "relearning_steps": (),
        "maximum_interval": MAXIMUM_INTERVAL,
        "enable_fuzzing": False,
    }
    if parameters:
        options["parameters"] = tuple(parameters)
    return Scheduler(**options)


def rating_for(score: float, chosen: Rating | None = None) -> Rating:
    """Wrong is Again; right is Good, which the learner may change to Hard or Easy."""
    if score < 1.0:
        return Rating.Again
    if chosen in (Rating.Hard, Rating.Good, Rating.Easy):
        return chosen
    return Rating.Good


def fuzz_range(interval_days: int) -> tuple[int, int]:
    """The days FSRS's own fuzz would pick from for an interval (FSRS's published ranges)."""
    if interval_days < 2.5:
        return interval_days, interval_days
    delta = 1.0
    for band in FUZZ_RANGES:
        delta += band["factor"] * max(min(float(interval_days), band["end"]) - band["start"], 0.0)
    low = max(2, round(interval_days - delta))
    high = min(round(interval_days + delta), MAXIMUM_INTERVAL)
    return min(low, high), high


def due_day(interval_days: int, today: date, load: Callable[[date, date], dict[date, int]]) -> date:
    """The least loaded day in the fuzz range of an interval; ties go to the nearest day.

    `load(first, last)` counts the cards already due on each day of the range. Choosing by
    load rather than at random keeps FSRS's spread (the same range) while flattening peaks.
    """
    low, high = fuzz_range(interval_days)
    if low == high:
        return today + timedelta(days=low)
    first, last = today + timedelta(days=low), today + timedelta(days=high)
    counts = load(first, last)
    days = [first + timedelta(days=i) for i in range(high - low + 1)]
    target = today + timedelta(days=interval_days)
    return min(days, key=lambda d: (counts.get(d, 0), abs((d - target).days), d))


def review(
    card: Card,
    rating: Rating,
    now: datetime,
    *,
    fsrs: Scheduler,
    load: Callable[[date, date], dict[date, int]] | None = None,
) -> Card:
    """The card after a review at `now`, due on a load-balanced day."""
    reviewed, _log = fsrs.review_card(card, rating, review_datetime=now)
    if load is None or reviewed.state is not State.Review:
        return reviewed
    interval = (reviewed.due - now).days
    day = due_day(interval, now.date(), load)
    reviewed.due = now + timedelta(days=(day - now.date()).days)
    return reviewed


def retrievability(card: Card, now: datetime, fsrs: Scheduler) -> float:
    """The probability the learner recalls the card now (0 for a card never reviewed)."""
    if card.last_review is None:
        return 0.0
    return float(fsrs.get_card_retrievability(card, current_datetime=now))
