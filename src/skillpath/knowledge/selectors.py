"""Reads of the knowledge app: the bank's counts, a learner's due reviews, the 30-day
workload, quiz attempts, and mastery per topic and month (what assessment will read).

Due count and next card are one query each on the (learner, due) index, whatever the size of
the learner's deck; mastery of a whole curriculum is five queries.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone
from fsrs import Card as FsrsCard
from fsrs import State

from skillpath.core.bounds import MAX_ID
from skillpath.curriculum.models import Curriculum, Topic
from skillpath.knowledge import mastery as rule
from skillpath.knowledge import scheduling
from skillpath.knowledge.bank import Bank, parse_question
from skillpath.knowledge.models import AttemptItem, Card, Question, QuizAttempt, Review
from skillpath.knowledge.services import due_load, fsrs_for
from skillpath.people.selectors import time_zone_of

FORECAST_DAYS = 30


def bank_stats(curriculum: Curriculum | None = None) -> dict:
    """What `skillpath questions stats` prints: topics, coverage, counts by language and kind."""
    topics = Topic.objects.all()
    questions = Question.objects.all()
    if curriculum is not None:
        topics, questions = (
            topics.filter(curriculum=curriculum),
            questions.filter(curriculum=curriculum),
        )
    per_topic = Counter(questions.values_list("topic_id", flat=True))
    rows = list(questions.values_list("kind", "data"))
    by_language = {
        language: sum(1 for _, data in rows if (data.get("text") or {}).get(language))
        for language in ("ru", "en")
    }
    return {
        "topics": topics.count(),
        "topics_with_at_least_5": sum(
            1 for t in topics.values_list("id", flat=True) if per_topic.get(t, 0) >= 5
        ),
        "questions": len(rows),
        "by_language": by_language,
        "by_kind": dict(sorted(Counter(kind for kind, _ in rows).items())),
    }


def due_cards(learner: AbstractBaseUser, now: datetime | None = None) -> QuerySet[Card]:
    return Card.objects.filter(learner=learner, due__lte=now or timezone.now())


def due_count(learner: AbstractBaseUser, now: datetime | None = None) -> int:
    return due_cards(learner, now).count()


def next_card(learner: AbstractBaseUser, now: datetime | None = None) -> Card | None:
    """The most overdue card (the usual, cheap stand-in for the one closest to forgotten).

    Ordered by `due` alone, so the (learner, due) index yields the first row at once; a
    tie-break on id would make the database sort every due card first.
    """
    return due_cards(learner, now).select_related("question", "topic").order_by("due").first()


def card_for(learner: AbstractBaseUser, card_id: int) -> Card:
    if card_id > MAX_ID:
        raise Http404("No such review card")
    card = (
        Card.objects.select_related("question", "topic").filter(learner=learner, pk=card_id).first()
    )
    if card is None:
        raise Http404("No such review card")
    return card


def workload(learner: AbstractBaseUser, today: date | None = None) -> list[tuple[date, int]]:
    """Reviews due per day for the next 30 days; today counts everything already overdue."""
    today = today or timezone.localdate()
    last = today + timedelta(days=FORECAST_DAYS - 1)
    counts = due_load(learner, today + timedelta(days=1), last)
    tz = timezone.get_current_timezone()
    end_of_today = datetime.combine(today + timedelta(days=1), datetime.min.time(), tz)
    counts[today] = Card.objects.filter(learner=learner, due__lt=end_of_today).count()
    return [
        (today + timedelta(days=i), counts.get(today + timedelta(days=i), 0))
        for i in range(FORECAST_DAYS)
    ]


def next_due_at(learner: AbstractBaseUser) -> datetime | None:
    """When the learner's next review card falls due (overdue ones included), or None."""
    return (
        Card.objects.filter(learner=learner).order_by("due").values_list("due", flat=True).first()
    )


@dataclass(frozen=True)
class ReviewQueue:
    due: int
    forecast: list[tuple[date, int]]
    next: Card | None


def review_queue(learner: AbstractBaseUser, now: datetime | None = None) -> ReviewQueue:
    """What is due now, the next card to review, and the 30-day forecast counted in the
    learner's days (their time zone), in five queries however big the deck."""
    now = now or timezone.now()
    zone = time_zone_of(learner)
    with timezone.override(zone):
        forecast = workload(learner, now.astimezone(zone).date())
    return ReviewQueue(due=due_count(learner, now), forecast=forecast, next=next_card(learner, now))


def attempt_for(learner: AbstractBaseUser, attempt_id: int) -> QuizAttempt:
    if attempt_id > MAX_ID:
        raise Http404("No such quiz")
    attempt = QuizAttempt.objects.filter(learner=learner, pk=attempt_id).first()
    if attempt is None:
        raise Http404("No such quiz")
    return attempt


def attempt_items(attempt: QuizAttempt) -> list[AttemptItem]:
    return list(attempt.items.select_related("topic"))


def next_item(attempt: QuizAttempt) -> AttemptItem | None:
    return attempt.items.filter(answered_at__isnull=True).order_by("position").first()


def attempt_item(attempt: QuizAttempt, position: int) -> AttemptItem | None:
    """The attempt's question at `position` (from 1), with the attempt, or None."""
    return attempt.items.select_related("attempt").filter(position=position).first()


@dataclass(frozen=True)
class AttemptView:
    attempt: QuizAttempt
    items: list[AttemptItem]  # in the order asked

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def answered(self) -> list[AttemptItem]:
        return [i for i in self.items if i.answered_at is not None]

    @property
    def next(self) -> AttemptItem | None:
        """The first question not answered yet."""
        return next((i for i in self.items if i.answered_at is None), None)


def attempt_view(attempt: QuizAttempt) -> AttemptView:
    """An attempt with all its questions (one query)."""
    return AttemptView(attempt=attempt, items=list(attempt.items.order_by("position")))


@dataclass(frozen=True)
class TopicMastery:
    slug: str
    month: str  # the slug of the topic's month
    mastery: rule.Mastery


@dataclass(frozen=True)
class CurriculumMastery:
    questions: dict[int, int]  # topic id → questions in the bank
    topics: dict[int, rule.Mastery]  # topic id → the learner's mastery (answered topics)
    months: dict[int, int]  # month id → mean mastery percent of its topics with questions
    month_ids: frozenset[int] = frozenset()  # the months that have questions

    def of(self, topic_id: int) -> rule.Mastery:
        found = self.topics.get(topic_id)
        return found or rule.topic_mastery([], [], self.questions.get(topic_id, 0))


def mastery_listing(
    found: CurriculumMastery, curriculum: Curriculum
) -> tuple[list[TopicMastery], list[tuple[str, int | None]]]:
    """Every topic of the curriculum in the plan's order with its mastery, and every month's
    slug with its percent (None when none of its topics has questions); one query."""
    by_topic: list[TopicMastery] = []
    month_slugs: dict[int, str] = {}
    rows = (
        Topic.objects.filter(curriculum=curriculum)
        .order_by("block__month__position", "position")
        .values_list("id", "slug", "block__month_id", "block__month__slug")
    )
    for topic_id, slug, month_id, month_slug in rows:
        month_slugs[month_id] = month_slug
        by_topic.append(TopicMastery(slug=slug, month=month_slug, mastery=found.of(topic_id)))
    by_month = [
        (slug, found.months.get(m, 0) if m in found.month_ids else None)
        for m, slug in month_slugs.items()
    ]
    return by_topic, by_month


def mastery(
    learner: AbstractBaseUser | None, curriculum: Curriculum, now: datetime | None = None
) -> CurriculumMastery:
    """Mastery of every topic of a curriculum: two queries for a learner with no cards (or a
    visitor, `learner=None`: the bank's counts only), four otherwise."""
    now = now or timezone.now()
    rows = (
        Question.objects.filter(curriculum=curriculum)
        .values("topic_id", "topic__block__month_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    questions = {row["topic_id"]: row["n"] for row in rows}
    month_of = {row["topic_id"]: row["topic__block__month_id"] for row in rows}
    cards = (
        list(
            Card.objects.filter(learner=learner, topic__curriculum=curriculum).values_list(
                "id", "topic_id", "state", "stability", "difficulty", "last_review"
            )
        )
        if learner is not None
        else []
    )
    month_ids = frozenset(month_of.values())
    if not cards:
        return CurriculumMastery(questions=questions, topics={}, months={}, month_ids=month_ids)
    fsrs = fsrs_for(learner)
    recalls: dict[int, list[float]] = defaultdict(list)
    for card_id, topic_id, state, stability, difficulty, last_review in cards:
        # Given its id: without one, py-fsrs makes one from the clock and sleeps a
        # millisecond so the next differs — a second for a thousand cards. Recall depends on
        # the stability and the last review only, so the due date is not read (a thousand
        # dates less to parse).
        card = FsrsCard(
            card_id=card_id,
            state=State(state),
            stability=stability,
            difficulty=difficulty,
            due=last_review,
            last_review=last_review,
        )
        recalls[topic_id].append(scheduling.retrievability(card, now, fsrs))
    scores: dict[int, list[float]] = defaultdict(list)
    # Only each topic's last N_RECENT answers count, so only they are read (a window
    # function, in SQLite and PostgreSQL alike): two years of reviews cost no more rows.
    latest_first = [F("reviewed_at").desc(), F("id").desc()]
    reviews = (
        Review.objects.filter(learner=learner, card__topic__curriculum=curriculum)
        .annotate(
            recency=Window(RowNumber(), partition_by=F("card__topic_id"), order_by=latest_first)
        )
        .filter(recency__lte=rule.N_RECENT)
        .order_by("reviewed_at", "id")
        .values_list("card__topic_id", "score", "rating")
    )
    for topic_id, score, rating in reviews:
        # A card only revealed, then graded Hard or better, was recalled.
        scores[topic_id].append(score if score is not None else float(rating >= 2))
    topics = {
        topic_id: rule.topic_mastery(scores.get(topic_id, []), recalls[topic_id], count)
        for topic_id, count in questions.items()
        if topic_id in recalls
    }
    months: dict[int, list[int]] = defaultdict(list)
    for topic_id in questions:
        found = topics.get(topic_id)
        months[month_of[topic_id]].append(found.percent if found else 0)
    return CurriculumMastery(
        questions=questions,
        topics=topics,
        months={m: round(sum(v) / len(v)) for m, v in months.items() if v},
        month_ids=month_ids,
    )


@dataclass(frozen=True)
class MonthMastery:
    number: int
    title: str
    percent: int


def month_mastery(curriculum: Curriculum, found: CurriculumMastery) -> list[MonthMastery]:
    """The months with questions, in order, with the learner's mastery of each."""
    from skillpath.curriculum.models import Month

    return [
        MonthMastery(month.number, str(month.title), found.months.get(month.pk, 0))
        for month in Month.objects.filter(curriculum=curriculum).order_by("number")
        if month.pk in found.month_ids
    ]


def bank_of(curriculum: Curriculum, *, topic: str | None = None) -> Bank:
    """The curriculum's questions as a bank, in the order they were imported."""
    rows = Question.objects.filter(curriculum=curriculum).order_by("position", "id")
    if topic is not None:
        rows = rows.filter(topic__slug=topic)
    return Bank([parse_question(data) for data in rows.values_list("data", flat=True)])


def finished_quizzes(
    *, learner: AbstractBaseUser, curriculum: Curriculum
) -> list[tuple[str, str, int]]:
    """The learner's finished quiz attempts in the curriculum as (scope, scope slug, id),
    oldest first (one query)."""
    rows = (
        QuizAttempt.objects.filter(
            learner=learner, curriculum=curriculum, finished_at__isnull=False
        )
        .order_by("id")
        .values_list("scope", "scope_slug", "id")
    )
    return list(rows)


def topic_slugs(curriculum: Curriculum) -> dict[int, tuple[str, str]]:
    """Topic id → (topic slug, its month's slug), for the curriculum (one query)."""
    rows = Topic.objects.filter(curriculum=curriculum).values_list(
        "id", "slug", "block__month__slug"
    )
    return {topic_id: (slug, month) for topic_id, slug, month in rows}
