"""Writes of the knowledge app: importing a question bank, quizzes and their answers, reviews.

Every write is one transaction. A learner's answer is graded here (never by the client), and
the question it answers becomes — or moves on — that learner's FSRS review card.
"""

from __future__ import annotations

import importlib.util
import random
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from fsrs import Card as FsrsCard
from fsrs import Rating as FsrsRating
from fsrs import State

from skillpath.core.bounds import MAX_ID
from skillpath.core.errors import DomainError
from skillpath.curriculum.models import Curriculum, Milestone, Month, Topic
from skillpath.knowledge import scheduling
from skillpath.knowledge.bank import Bank, BankError, Problem, Question, bank_files, read_bank
from skillpath.knowledge.models import (
    AttemptItem,
    Card,
    QuizAttempt,
    QuizScope,
    Review,
    ReviewSettings,
)
from skillpath.knowledge.models import Question as QuestionRow
from skillpath.knowledge.presentation import BadResponse, grade, storable

MONTH_QUIZ_SIZE = 12
MILESTONE_QUIZ_SIZE = 20


# The bank --------------------------------------------------------------------------------------


@dataclass
class BankImport:
    curriculum: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    topics: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False

    @property
    def questions(self) -> int:
        return self.created + self.updated + self.unchanged


def import_bank(
    curriculum: Curriculum, bank: Bank, *, path: str = "", dry_run: bool = False
) -> BankImport:
    """Add or update the bank's questions by slug, all or nothing.

    Every question's topic must be a topic of the curriculum; otherwise nothing is written and
    BankError names each question (file and line) whose topic is unknown.
    """
    topics = {t.slug: t for t in Topic.objects.filter(curriculum=curriculum)}
    unknown = [
        Problem(
            f"unknown topic '{q.topic}' (not in curriculum '{curriculum.slug}')",
            path,
            q.line,
            q.slug,
        )
        for q in bank.questions
        if q.topic not in topics
    ]
    if unknown:
        raise BankError(unknown)
    result = BankImport(curriculum=curriculum.slug, dry_run=dry_run)
    result.topics = dict(Counter(q.topic for q in bank.questions))
    result.by_kind = dict(Counter(str(q.kind) for q in bank.questions))
    existing = {row.slug: row for row in QuestionRow.objects.filter(curriculum=curriculum)}
    with transaction.atomic():
        start = max((row.position for row in existing.values()), default=0) + 1
        for offset, question in enumerate(bank.questions):
            values = {
                "topic": topics[question.topic],
                "kind": str(question.kind),
                "difficulty": question.difficulty,
                "practical": question.practical,
                "data": question.to_data(),
            }
            row = existing.get(question.slug)
            if row is None:
                result.created += 1
                if not dry_run:
                    QuestionRow.objects.create(
                        curriculum=curriculum, slug=question.slug, position=start + offset, **values
                    )
            elif any(getattr(row, k) != v for k, v in values.items()):
                result.updated += 1
                if not dry_run:
                    for name, value in values.items():
                        setattr(row, name, value)
                    row.save()
            else:
                result.unchanged += 1
    return result


def builtin_bank_dir(curriculum: Curriculum) -> Path:
    from skillpath.curriculum.services import builtin_package_path

    return builtin_package_path().parent / curriculum.slug / "questions"


def load_builtin_questions(curriculum: Curriculum) -> BankImport | None:
    """Load the bank shipped beside a built-in curriculum into a curriculum that has none."""
    directory = builtin_bank_dir(curriculum)
    files = bank_files(directory)
    if not curriculum.is_builtin or not files or curriculum.questions.exists():
        return None
    return import_bank(curriculum, read_bank(files), path=str(directory))


# Quizzes ---------------------------------------------------------------------------------------


def _new_seed() -> int:
    return secrets.randbelow(2**31)


class QuizScopeError(DomainError):
    """A quiz names a topic, month or milestone the curriculum lacks, or one with no questions."""


def quiz_questions(curriculum: Curriculum, scope: str, slug: str, seed: int) -> list[QuestionRow]:
    """The questions of a quiz, in the order asked (seeded, so an attempt replays exactly).

    QuizScopeError when the curriculum has no such topic, month or milestone, or no questions
    for it yet."""
    rows = QuestionRow.objects.filter(curriculum=curriculum).select_related("topic")
    rng = random.Random(seed)
    names = {"curriculum": curriculum.slug, "slug": slug}
    if scope == QuizScope.TOPIC:
        chosen = list(rows.filter(topic__slug=slug))
        if not chosen:
            if not Topic.objects.filter(curriculum=curriculum, slug=slug).exists():
                raise QuizScopeError(
                    _("The curriculum “%(curriculum)s” has no topic “%(slug)s”.") % names
                )
            raise QuizScopeError(_("The topic “%(slug)s” has no questions yet.") % names)
        rng.shuffle(chosen)
        return chosen
    if scope == QuizScope.MONTH:
        month = Month.objects.filter(curriculum=curriculum, slug=slug).first()
        if month is None:
            raise QuizScopeError(
                _("The curriculum “%(curriculum)s” has no month “%(slug)s”.") % names
            )
        pool = list(rows.filter(topic__block__month=month))
        size = MONTH_QUIZ_SIZE
    elif scope == QuizScope.MILESTONE:
        milestone = (
            Milestone.objects.filter(curriculum=curriculum, slug=slug)
            .select_related("after_month")
            .first()
        )
        if milestone is None:
            raise QuizScopeError(
                _("The curriculum “%(curriculum)s” has no milestone “%(slug)s”.") % names
            )
        pool = list(rows.filter(topic__block__month__number__lte=milestone.after_month.number))
        size = MILESTONE_QUIZ_SIZE
    else:
        raise QuizScopeError(
            _("A quiz covers a topic, a month or a milestone, not “%(scope)s”.") % {"scope": scope}
        )
    if not pool:
        raise QuizScopeError(_("There are no questions for “%(slug)s” yet.") % names)
    return _spread(pool, size, rng)


def _spread(pool: list[QuestionRow], size: int, rng: random.Random) -> list[QuestionRow]:
    """Up to `size` questions drawn round-robin across topics, so no topic is left out."""
    by_topic: dict[int, list[QuestionRow]] = {}
    for row in pool:
        by_topic.setdefault(row.topic_id, []).append(row)
    groups = list(by_topic.values())
    for group in groups:
        rng.shuffle(group)
    rng.shuffle(groups)
    chosen: list[QuestionRow] = []
    while len(chosen) < size and any(groups):
        for group in groups:
            if group and len(chosen) < size:
                chosen.append(group.pop())
    rng.shuffle(chosen)
    return chosen


@transaction.atomic
def start_quiz(
    learner: AbstractBaseUser,
    curriculum: Curriculum,
    scope: str,
    slug: str,
    *,
    now: datetime | None = None,
    seed: int | None = None,
) -> QuizAttempt:
    now = now or timezone.now()
    seed = _new_seed() if seed is None else seed
    questions = quiz_questions(curriculum, scope, slug, seed)
    attempt = QuizAttempt.objects.create(
        learner=learner,
        curriculum=curriculum,
        scope=scope,
        scope_slug=slug,
        seed=seed,
        started_at=now,
    )
    AttemptItem.objects.bulk_create(
        AttemptItem(attempt=attempt, position=n, question=q, topic=q.topic, data=q.data)
        for n, q in enumerate(questions, start=1)
    )
    return attempt


class AlreadyAnswered(DomainError):
    """The question was answered already (a second tab, a replayed request)."""


@dataclass(frozen=True)
class Answered:
    item: AttemptItem
    score: float
    finished: bool


@transaction.atomic
def answer_item(
    item: AttemptItem, response: dict[str, Any], *, now: datetime | None = None
) -> Answered:
    """Grade one answer of an attempt, store it, and move the question's review card on."""
    now = now or timezone.now()
    item = AttemptItem.objects.select_for_update().select_related("attempt").get(pk=item.pk)
    if item.answered_at is not None:
        raise AlreadyAnswered(
            _("Question %(position)s of this quiz is answered already.")
            % {"position": item.position}
        )
    question = item_question(item)
    response = storable(response)
    score = grade(question, item.attempt.seed, response)  # BadResponse for a malformed answer
    item.response, item.score, item.answered_at = response, score, now
    item.save(update_fields=["response", "score", "answered_at"])
    attempt = item.attempt
    if item.question_id is not None:
        card = _card_for(attempt.learner, item.question_id, item.topic_id, now)
        _review(card, scheduling.rating_for(score), now, score=score)
    finished = not attempt.items.filter(answered_at__isnull=True).exists()
    if finished:
        scores = list(attempt.items.values_list("score", flat=True))
        attempt.score = sum(s or 0 for s in scores) / len(scores)
        attempt.finished_at = now
        attempt.save(update_fields=["score", "finished_at"])
    return Answered(item=item, score=score, finished=finished)


def item_question(item: AttemptItem) -> Question:
    """The question as it was when the attempt began (the attempt's own copy)."""
    from skillpath.knowledge.bank import parse_question

    return parse_question(item.data)


def card_question(card: Card) -> Question:
    """The question a review card asks: the bank's current version of it."""
    from skillpath.knowledge.bank import parse_question

    return parse_question(card.question.data)


# Review cards ----------------------------------------------------------------------------------


def _card_for(learner: AbstractBaseUser, question_id: int, topic_id: int, now: datetime) -> Card:
    card, _created = Card.objects.select_for_update().get_or_create(
        learner=learner,
        question_id=question_id,
        defaults={"topic_id": topic_id, "due": now, "created_at": now},
    )
    return card


def to_fsrs(card: Card) -> FsrsCard:
    return FsrsCard(
        card_id=card.pk,
        state=State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def settings_of(learner: AbstractBaseUser) -> ReviewSettings:
    found = ReviewSettings.objects.filter(learner=learner).first()
    return found or ReviewSettings(learner=learner)


def fsrs_for(learner: AbstractBaseUser):  # type: ignore[no-untyped-def]
    options = settings_of(learner)
    return scheduling.scheduler(
        desired_retention=options.desired_retention, parameters=options.parameters
    )


def _snapshot(card: Card) -> dict[str, Any]:
    return {
        "state": card.state,
        "step": card.step,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": card.due.isoformat(),
        "last_review": card.last_review.isoformat() if card.last_review else None,
        "reviews": card.reviews,
        "lapses": card.lapses,
    }


def _restore(card: Card, snapshot: dict[str, Any]) -> None:
    card.state, card.step = snapshot["state"], snapshot["step"]
    card.stability, card.difficulty = snapshot["stability"], snapshot["difficulty"]
    card.due = datetime.fromisoformat(snapshot["due"])
    last = snapshot["last_review"]
    card.last_review = datetime.fromisoformat(last) if last else None
    card.reviews, card.lapses = snapshot["reviews"], snapshot["lapses"]


def due_load(learner: AbstractBaseUser, first: date, last: date) -> dict[date, int]:
    """How many of the learner's cards fall due on each day from `first` to `last`."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(first, datetime.min.time(), tz)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tz)
    rows = (
        Card.objects.filter(learner=learner, due__gte=start, due__lt=end)
        .annotate(day=TruncDate("due", tzinfo=tz))
        .values("day")
        .annotate(n=Count("id"))
    )
    return {row["day"]: row["n"] for row in rows}


def _review(card: Card, rating: FsrsRating, now: datetime, *, score: float | None) -> Review:
    before = _snapshot(card)
    fsrs = fsrs_for(card.learner)
    reviewed = scheduling.review(
        to_fsrs(card),
        rating,
        now,
        fsrs=fsrs,
        load=lambda first, last: due_load(card.learner, first, last),
    )
    if card.state == State.Review and rating == FsrsRating.Again:
        card.lapses += 1
    card.state = int(reviewed.state)
    card.step = reviewed.step
    card.stability, card.difficulty = reviewed.stability, reviewed.difficulty
    card.due, card.last_review = reviewed.due, reviewed.last_review
    card.reviews += 1
    card.save()
    return Review.objects.create(
        learner=card.learner,
        card=card,
        rating=int(rating),
        score=score,
        reviewed_at=now,
        before=before,
    )


@transaction.atomic
def review_card(
    learner: AbstractBaseUser,
    card_id: int,
    *,
    response: dict[str, Any] | None = None,
    rating: int | None = None,
    now: datetime | None = None,
) -> tuple[Review, float | None]:
    """Review one due card: grade an answer (wrong → Again, right → Good unless the learner
    chose Hard or Easy), or, when the learner only revealed the answer, take their own rating.
    """
    now = now or timezone.now()
    if card_id > MAX_ID:
        raise Http404("no such review card")
    card = (
        Card.objects.select_for_update()
        .select_related("question")
        .filter(learner=learner, pk=card_id)
        .first()
    )
    if card is None:
        raise Http404("no such review card")
    chosen = FsrsRating(rating) if rating in (1, 2, 3, 4) else None
    score: float | None = None
    if response is not None:
        score = grade(card_question(card), review_seed(card), response)
        final = scheduling.rating_for(score, chosen)
    elif chosen is not None:
        final = chosen
    else:
        raise BadResponse(_("A review needs an answer (`response`) or a rating from 1 to 4."))
    return _review(card, final, now, score=score), score


@transaction.atomic
def regrade_review(
    learner: AbstractBaseUser, review_id: int, rating: int, *, now: datetime | None = None
) -> Review:
    """Change a right answer's Good to Hard or Easy: replay the review from the card's state
    before it. Only the learner's latest review of that card can be changed."""
    review = (
        Review.objects.select_related("card").filter(learner=learner, pk=review_id).first()
        if review_id <= MAX_ID
        else None
    )
    if review is None:
        raise Http404("no such review")
    if rating not in (2, 3, 4) or (review.score is not None and review.score < 1.0):
        raise BadResponse(_("Only a right answer's grade can be changed, to 2, 3 or 4."))
    card = Card.objects.select_for_update().get(pk=review.card_id)
    if card.review_log.filter(reviewed_at__gt=review.reviewed_at).exists():
        raise BadResponse(_("The card has been reviewed again since: that grade stays."))
    _restore(card, review.before)
    card.save()
    reviewed_at, score = review.reviewed_at, review.score
    review.delete()
    return _review(card, FsrsRating(rating), reviewed_at, score=score)


def review_seed(card: Card) -> int:
    """Each review of a card shuffles its choices anew, reproducibly."""
    return (card.pk or 0) * 1009 + card.reviews


@transaction.atomic
def set_desired_retention(learner: AbstractBaseUser, value: float) -> ReviewSettings:
    if not 0.7 <= value <= 0.97:
        raise BadResponse(_("The desired retention must be between 0.70 and 0.97."))
    options, _created = ReviewSettings.objects.get_or_create(learner=learner)
    options.desired_retention = round(value, 2)
    options.save(update_fields=["desired_retention"])
    return options


# Optimising a learner's FSRS parameters ------------------------------------------------------

# Below about this many reviews FSRS's optimizer returns the default parameters anyway.
OPTIMIZE_MIN_REVIEWS = 512
OPTIMIZE_EVERY = timedelta(days=30)


@dataclass(frozen=True)
class Optimized:
    done: bool
    reason: str
    reviews: int


def optimize_parameters(
    learner: AbstractBaseUser,
    *,
    now: datetime | None = None,
    optimizer: Any = None,
    force: bool = False,
) -> Optimized:
    """Fit the learner's FSRS parameters to their own reviews, at most once a month.

    The optimizer is `fsrs[optimizer]` (PyTorch), an optional extra: without it, or with too
    few reviews, the learner keeps the default parameters, and the result says why.
    """
    now = now or timezone.now()
    options, _created = ReviewSettings.objects.get_or_create(learner=learner)
    count = Review.objects.filter(learner=learner).count()
    if not force and options.optimized_at and now - options.optimized_at < OPTIMIZE_EVERY:
        return Optimized(False, _("they were fitted less than 30 days ago"), count)
    if count < OPTIMIZE_MIN_REVIEWS:
        return Optimized(
            False,
            _("%(count)s reviews; at least %(needed)s are needed")
            % {"count": count, "needed": OPTIMIZE_MIN_REVIEWS},
            count,
        )
    if optimizer is None:
        # fsrs.optimizer imports without PyTorch but its class then refuses to be built.
        if importlib.util.find_spec("torch") is None:
            return Optimized(
                False,
                _('the optimizer is not installed: pip install -e ".[optimizer]"'),
                count,
            )
        from fsrs.optimizer import Optimizer

        optimizer = Optimizer
    from fsrs import ReviewLog

    logs = [
        ReviewLog(
            card_id=card_id, rating=FsrsRating(rating), review_datetime=at, review_duration=duration
        )
        for card_id, rating, at, duration in Review.objects.filter(learner=learner)
        .order_by("reviewed_at", "id")
        .values_list("card_id", "rating", "reviewed_at", "duration_ms")
    ]
    parameters = list(optimizer(logs).compute_optimal_parameters())
    with transaction.atomic():
        options.parameters = parameters
        options.optimized_at = now
        options.optimized_reviews = count
        options.save(update_fields=["parameters", "optimized_at", "optimized_reviews"])
    return Optimized(True, _("fitted"), count)
