"""Knowledge endpoints: the question bank's counts, quizzes, the review queue, mastery and the
review settings. Writes go through `knowledge.services`, reads through `knowledge.selectors`;
grading happens there, never here.

A question goes out as `presentation.show` makes it — options shuffled by the attempt's seed,
no weights, no accepted answers, no explanation — and its key only with the answer's result.
Options are answered by their index in `options` (from 0), as the learner saw them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import BeforeValidator, StrictBool

from skillpath.api.common import (
    NO_NUL,
    READ_ERRORS,
    SLUG,
    WRITE_ERRORS,
    ErrorOut,
    Input,
    Slug,
    current_or_404,
    id_param,
    integer,
    learner,
    now,
    text,
)
from skillpath.api.curriculum import LANGUAGE_HEADER
from skillpath.curriculum.models import Curriculum
from skillpath.knowledge import presentation, selectors, services
from skillpath.knowledge.mastery import Status as MasteryStatus
from skillpath.knowledge.models import AttemptItem, Card, QuestionKind, QuizAttempt, QuizScope
from skillpath.planning import selectors as planning

router = Router()

ATTEMPT_ID = id_param("The quiz's id, from `POST /api/quizzes`.")
CARD_ID = id_param("The card's id, from `GET /api/reviews` (`next.card_id`).")
REVIEW_ID = id_param("The review's id, from `POST /api/reviews/{card_id}`.")
CURRICULUM_QUERY = Query(
    None,
    pattern=SLUG,
    max_length=100,
    description="A curriculum's slug (default: every curriculum).",
    examples=["backend"],
)
# No question has more options or prompts than this; a longer answer is not one.
MAX_OPTIONS = 50
MAX_POSITION = 1000
MAX_NUMBER = 1e12


# --- Schemas -----------------------------------------------------------------------------


class BankStatsOut(Schema):
    topics: int
    topics_with_at_least_5: int = Field(description="Topics with five questions or more.")
    questions: int
    by_language: dict[str, int] = Field(description="Questions with a text in `ru`, in `en`.")
    by_kind: dict[str, int]


class QuizIn(Input):
    scope: QuizScope = Field(description="A quiz on one topic, a month, or up to a milestone.")
    slug: Slug = Field(description="The topic's, month's or milestone's slug (`git`, `month-1`).")
    curriculum: Slug | None = Field(
        None,
        description="A curriculum's slug (default: the current enrolment's).",
        examples=["backend"],
    )


class QuestionOut(Schema):
    """A question as the learner sees it before answering: never its key."""

    position: int = Field(description="Its place in the quiz, from 1.")
    kind: QuestionKind
    text: str
    code: str = Field(description="A snippet shown under the text, as is (may be empty).")
    options: list[str] = Field(
        description="Choices, items to order or right-hand sides to match, shuffled; an answer "
        "names them by index, from 0."
    )
    prompts: list[str] = Field(description="Matching's left-hand sides, one answer for each.")


class ChoiceIn(Input):
    choice: integer(ge=0, le=MAX_OPTIONS) = Field(  # type: ignore[valid-type]
        description="Single choice: the index of the option.", examples=[0]
    )


class ChoicesIn(Input):
    choices: list[integer(ge=0, le=MAX_OPTIONS)] = Field(  # type: ignore[valid-type]
        max_length=MAX_OPTIONS, description="Multiple choice: the indexes of the options."
    )


class TrueFalseIn(Input):
    # Strict: pydantic would read 1 or "yes" as true, which the schema does not allow.
    answer: StrictBool = Field(description="True or false.")


class TextIn(Input):
    text: str = text(500, description="A short answer, as typed.")


def _a_json_number(value: Any) -> Any:
    # Else pydantic reads `true` as 1.0; a text goes to the other branch.
    if isinstance(value, bool | str):
        raise ValueError("must be a JSON number")
    return value


class NumberIn(Input):
    value: (
        Annotated[
            float,
            Field(ge=-MAX_NUMBER, le=MAX_NUMBER, allow_inf_nan=False),
            BeforeValidator(_a_json_number),
        ]
        | Annotated[str, Field(pattern=NO_NUL, max_length=50)]
    ) = Field(description="Numeric: a number, or a text such as `0,5`.")


class MatchesIn(Input):
    matches: list[integer(ge=0, le=MAX_OPTIONS)] = Field(  # type: ignore[valid-type]
        max_length=MAX_OPTIONS, description="Matching: for each prompt, the index of its option."
    )


class OrderIn(Input):
    order: list[integer(ge=0, le=MAX_OPTIONS)] = Field(  # type: ignore[valid-type]
        max_length=MAX_OPTIONS, description="Ordering: every option's index, in the right order."
    )


AnswerResponse = ChoiceIn | ChoicesIn | TrueFalseIn | TextIn | NumberIn | MatchesIn | OrderIn


class KeyOut(Schema):
    """The right answer, given only once the question is answered."""

    right: list[str] = Field(description="The right option(s), accepted answers or order.")
    feedback: list[str] = Field(description="Why the wrong options picked are wrong.")
    explanation: str


class AnsweredOut(Schema):
    """An answered question of a quiz: what was asked, the answer, its credit and the key."""

    position: int
    slug: str
    kind: QuestionKind
    text: str
    code: str
    options: list[str]
    prompts: list[str]
    # As stored: the API's shapes, or what the CLI or a page sent in one of them.
    response: dict[str, Any] = Field(description="My answer, in the shape of the question's kind.")
    score: float = Field(description="The credit, from 0 to 1.")
    is_correct: bool = Field(description="Full credit.")
    key: KeyOut
    answered_at: datetime


class QuizOut(Schema):
    id: int
    scope: QuizScope
    slug: str
    curriculum: str
    total: int = Field(description="Questions in the quiz.")
    answered: int
    score: float | None = Field(description="The mean credit, 0 to 1, once every one is answered.")
    started_at: datetime
    finished_at: datetime | None
    next: QuestionOut | None = Field(description="The first question not answered yet.")
    answers: list[AnsweredOut] = Field(description="The questions answered so far, in order.")


class AnswerIn(Input):
    position: integer(ge=1, le=MAX_POSITION) = Field(  # type: ignore[valid-type]
        description="The question's `position` in the quiz.", examples=[1]
    )
    response: AnswerResponse = Field(description="One shape, the one of the question's kind.")


class AnswerResultOut(Schema):
    position: int
    slug: str
    score: float = Field(description="The credit this answer earned, from 0 to 1.")
    is_correct: bool = Field(description="Full credit.")
    key: KeyOut
    is_finished: bool = Field(description="Every question of the quiz is answered.")
    quiz_score: float | None = Field(description="The quiz's mean credit, once finished.")
    answered: int
    total: int
    next: QuestionOut | None


class CardQuestionOut(Schema):
    """A due card's question as the learner sees it before answering: never its key."""

    card_id: int
    topic: str = Field(description="The topic's slug.")
    kind: QuestionKind
    text: str
    code: str
    options: list[str] = Field(description="Shuffled anew for each review; indexes from 0.")
    prompts: list[str]


class DayCountOut(Schema):
    day: date
    count: int


class ReviewsOut(Schema):
    due: int = Field(description="Cards due now.")
    forecast: list[DayCountOut] = Field(
        description="Cards due on each of the next 30 days (in my time zone); the first day "
        "counts every overdue card too."
    )
    next: CardQuestionOut | None = Field(description="The most overdue card.")


class ReviewIn(Input):
    """An answer (graded: wrong is Again, right is Good, or `rating` 2–4 if given), or, for a
    card only revealed, a rating alone (1 Again, 2 Hard, 3 Good, 4 Easy)."""

    response: AnswerResponse | None = None
    rating: integer(ge=1, le=4) | None = Field(  # type: ignore[valid-type]
        None, description="1 Again, 2 Hard, 3 Good, 4 Easy."
    )


class ReviewOut(Schema):
    review_id: int
    card_id: int
    score: float | None = Field(description="The answer's credit; null for a rating alone.")
    rating: int = Field(description="What FSRS was told: 1 Again, 2 Hard, 3 Good, 4 Easy.")
    due: datetime = Field(description="When the card is due next.")


class ReviewResultOut(ReviewOut):
    key: KeyOut


class GradeIn(Input):
    rating: integer(ge=2, le=4) = Field(  # type: ignore[valid-type]
        description="2 Hard, 3 Good, 4 Easy.", examples=[4]
    )


class TopicMasteryOut(Schema):
    topic: str = Field(description="The topic's slug.")
    month: str = Field(description="Its month's slug.")
    status: MasteryStatus
    percent: int = Field(description="The mean of recent answers right and recall, 0–100.")
    recent_right: int = Field(description="Right answers among the last few.")
    recent_count: int
    recall: float = Field(description="Predicted recall now, 0 to 1 (unanswered count as 0).")
    questions: int = Field(description="Questions the bank has on the topic.")


class MonthMasteryOut(Schema):
    month: str
    percent: int | None = Field(description="The mean of its topics'; null without questions.")


class MasteryOut(Schema):
    curriculum: str
    topics: list[TopicMasteryOut] = Field(description="Every topic, in the plan's order.")
    months: list[MonthMasteryOut]


class ReviewSettingsOut(Schema):
    desired_retention: float = Field(description="The recall FSRS schedules for, 0.70–0.97.")


class ReviewSettingsIn(Input):
    desired_retention: Annotated[
        float,
        Field(
            ge=0.7,
            le=0.97,
            allow_inf_nan=False,
            description="Higher means more reviews; 0.90 by default.",
            examples=[0.9],
        ),
        BeforeValidator(_a_json_number),
    ]


# --- Access helpers and shaping ----------------------------------------------------------


def _language() -> str:
    return translation.get_language() or "en"


def _attempt_or_404(user: AbstractBaseUser, attempt_id: int) -> QuizAttempt:
    try:
        return selectors.attempt_for(user, attempt_id)
    except Http404:
        raise HttpError(404, _("You have no quiz with the id %s.") % attempt_id) from None


def _card_or_404(user: AbstractBaseUser, card_id: int) -> Card:
    try:
        return selectors.card_for(user, card_id)
    except Http404:
        raise HttpError(404, _("You have no review card with the id %s.") % card_id) from None


def _quiz_curriculum(user: AbstractBaseUser, slug: str | None) -> Curriculum:
    """The curriculum a quiz's body names, else the current enrolment's (400s: a body)."""
    if slug is None:
        enrolment = planning.current_enrolment(user)
        if enrolment is None:
            raise HttpError(
                400,
                _(
                    "You are not enrolled yet: name a `curriculum`, or enrol with "
                    "POST /api/enrolments first."
                ),
            )
        return enrolment.curriculum
    curriculum = Curriculum.objects.filter(slug=slug).first()
    if curriculum is None:
        raise HttpError(
            400,
            _("There is no curriculum “%(slug)s”: GET /api/curricula lists them.") % {"slug": slug},
        )
    return curriculum


def _shown(shown: presentation.Shown) -> dict[str, Any]:
    return {
        "kind": shown.kind,
        "text": shown.text,
        "code": shown.code,
        "options": list(shown.options),
        "prompts": list(shown.prompts),
    }


def _key(key: presentation.Key) -> dict[str, Any]:
    return {
        "right": list(key.right),
        "feedback": list(key.feedback),
        "explanation": key.explanation,
    }


def _question_out(item: AttemptItem | None, seed: int) -> dict[str, Any] | None:
    if item is None:
        return None
    shown = presentation.show(services.item_question(item), seed, _language())
    return {"position": item.position, **_shown(shown)}


def _answered_out(item: AttemptItem, seed: int) -> dict[str, Any]:
    question = services.item_question(item)
    response = item.response or {}
    return {
        **_shown(presentation.show(question, seed, _language())),
        "position": item.position,
        "slug": question.slug,
        "response": response,
        "score": item.score,
        "is_correct": (item.score or 0) >= 1.0,
        "key": _key(presentation.key(question, seed, response, _language())),
        "answered_at": item.answered_at,
    }


def _quiz_out(view: selectors.AttemptView) -> dict[str, Any]:
    attempt = view.attempt
    return {
        "id": attempt.pk,
        "scope": attempt.scope,
        "slug": attempt.scope_slug,
        "curriculum": attempt.curriculum.slug,
        "total": view.total,
        "answered": len(view.answered),
        "score": attempt.score,
        "started_at": attempt.started_at,
        "finished_at": attempt.finished_at,
        "next": _question_out(view.next, attempt.seed),
        "answers": [_answered_out(item, attempt.seed) for item in view.answered],
    }


def _review_out(review: Any) -> dict[str, Any]:
    return {
        "review_id": review.pk,
        "card_id": review.card_id,
        "score": review.score,
        "rating": review.rating,
        "due": review.card.due,
    }


# --- The bank ----------------------------------------------------------------------------


@router.get(
    "/questions/stats",
    response={200: BankStatsOut, 404: ErrorOut, **READ_ERRORS},
    summary="The question bank's counts",
    description="Topics, topics with at least five questions, questions, and questions by "
    "language and by kind — of one curriculum, or of all.",
)
def bank_stats(request: HttpRequest, curriculum: str | None = CURRICULUM_QUERY) -> dict[str, Any]:
    chosen = None
    if curriculum is not None:
        chosen = Curriculum.objects.filter(slug=curriculum).first()
        if chosen is None:
            raise HttpError(404, _("There is no curriculum “%(slug)s”.") % {"slug": curriculum})
    return selectors.bank_stats(chosen)


# --- Quizzes -----------------------------------------------------------------------------


@router.post(
    "/quizzes",
    response={201: QuizOut, **WRITE_ERRORS},
    summary="Start a quiz",
    description="On a topic (all its questions), a month (up to 12, spread over its topics) or "
    "up to a milestone (up to 20), in a shuffled order. A slug the curriculum lacks, or one "
    "with no questions yet, is a 400 that says so.",
    openapi_extra=LANGUAGE_HEADER,
)
def start_quiz(request: HttpRequest, payload: QuizIn) -> Status[Any]:
    user = learner(request)
    curriculum = _quiz_curriculum(user, payload.curriculum)
    attempt = services.start_quiz(user, curriculum, payload.scope, payload.slug, now=now())
    return Status(201, _quiz_out(selectors.attempt_view(attempt)))


@router.get(
    "/quizzes/{attempt_id}",
    response={200: QuizOut, 404: ErrorOut, **READ_ERRORS},
    summary="One of my quizzes",
    description="Its next question, and each answered one with my answer, its credit and key.",
    openapi_extra=LANGUAGE_HEADER,
)
def get_quiz(request: HttpRequest, attempt_id: int = ATTEMPT_ID) -> dict[str, Any]:
    attempt = _attempt_or_404(learner(request), attempt_id)
    return _quiz_out(selectors.attempt_view(attempt))


@router.post(
    "/quizzes/{attempt_id}/answers",
    response={200: AnswerResultOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Answer a question of a quiz",
    description="Graded on the server; the result holds the key. The response has the shape "
    "of the question's kind: `choice` (single), `choices` (multiple), `answer` (true_false), "
    "`text` (short), `value` (numeric), `matches` (matching), `order` (ordering). A response "
    "of another shape, an option index out of range, or a second answer is a 400 and counts "
    "for nothing.",
    openapi_extra=LANGUAGE_HEADER,
)
def answer_question(
    request: HttpRequest, payload: AnswerIn, attempt_id: int = ATTEMPT_ID
) -> dict[str, Any]:
    attempt = _attempt_or_404(learner(request), attempt_id)
    item = selectors.attempt_item(attempt, payload.position)
    if item is None:
        raise HttpError(
            400,
            _("This quiz has no question %(position)s.") % {"position": payload.position},
        )
    response = payload.response.model_dump()
    answered = services.answer_item(item, response, now=now())
    attempt.refresh_from_db()
    view = selectors.attempt_view(attempt)
    question = services.item_question(answered.item)
    return {
        "position": item.position,
        "slug": question.slug,
        "score": answered.score,
        "is_correct": answered.score >= 1.0,
        "key": _key(presentation.key(question, attempt.seed, response, _language())),
        "is_finished": answered.finished,
        "quiz_score": attempt.score,
        "answered": len(view.answered),
        "total": view.total,
        "next": _question_out(view.next, attempt.seed),
    }


# --- Reviews -----------------------------------------------------------------------------


@router.get(
    "/reviews",
    response={200: ReviewsOut, **READ_ERRORS},
    summary="My review queue",
    description="Cards due now, the next one to review (as shown, without its key), and the "
    "30-day forecast.",
    openapi_extra=LANGUAGE_HEADER,
)
def review_queue(request: HttpRequest) -> dict[str, Any]:
    queue = selectors.review_queue(learner(request), now())
    card = queue.next
    shown = None
    if card is not None:
        question = services.card_question(card)
        shown = {
            "card_id": card.pk,
            "topic": card.topic.slug,
            **_shown(presentation.show(question, services.review_seed(card), _language())),
        }
    return {
        "due": queue.due,
        "forecast": [{"day": day, "count": count} for day, count in queue.forecast],
        "next": shown,
    }


@router.post(
    "/reviews/{card_id}",
    response={200: ReviewResultOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Review a card",
    description="Answer it (a wrong answer is Again, a right one Good, or Hard/Easy with "
    "`rating`), or, after only revealing it, rate it 1–4. Answer in the shape of the card's "
    "kind, by the option indexes of `GET /api/reviews`. Either an answer or a rating is needed "
    "(a 400 otherwise).",
    openapi_extra=LANGUAGE_HEADER,
)
def review_card(request: HttpRequest, payload: ReviewIn, card_id: int = CARD_ID) -> dict[str, Any]:
    user = learner(request)
    card = _card_or_404(user, card_id)
    # The options were shown shuffled by the card's seed before this review.
    seed, question = services.review_seed(card), services.card_question(card)
    response = payload.response.model_dump() if payload.response is not None else None
    review, _score = services.review_card(
        user, card.pk, response=response, rating=payload.rating, now=now()
    )
    return {
        **_review_out(review),
        "key": _key(presentation.key(question, seed, response or {}, _language())),
    }


@router.post(
    "/reviews/{review_id}/grade",
    response={200: ReviewOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Change a right answer's grade",
    description="A right answer counts as Good; make it Hard (2) or Easy (4), or Good again "
    "(3). Only my latest review of a card, and only a right answer: else a 400. The review "
    "gets a new id.",
)
def grade_review(
    request: HttpRequest, payload: GradeIn, review_id: int = REVIEW_ID
) -> dict[str, Any]:
    try:
        review = services.regrade_review(learner(request), review_id, payload.rating, now=now())
    except Http404:
        raise HttpError(404, _("You have no review with the id %s.") % review_id) from None
    return _review_out(review)


# --- Mastery and settings ----------------------------------------------------------------


@router.get(
    "/mastery",
    response={200: MasteryOut, 404: ErrorOut, **READ_ERRORS},
    summary="My mastery of the curriculum",
    description="Per topic of the current enrolment's curriculum: mastered (4 of the last 5 "
    "answers right and recall at least 80 %), fading (recall dropped), learning or not started; "
    "per month, the mean percent of its topics that have questions.",
)
def mastery(request: HttpRequest) -> dict[str, Any]:
    user = learner(request)
    curriculum = current_or_404(user).curriculum
    by_topic, by_month = selectors.mastery_listing(
        selectors.mastery(user, curriculum, now()), curriculum
    )
    return {
        "curriculum": curriculum.slug,
        "topics": [
            {
                "topic": row.slug,
                "month": row.month,
                "status": row.mastery.status,
                "percent": row.mastery.percent,
                "recent_right": row.mastery.recent_right,
                "recent_count": row.mastery.recent_count,
                "recall": round(row.mastery.recall, 4),
                "questions": row.mastery.questions,
            }
            for row in by_topic
        ],
        "months": [{"month": slug, "percent": percent} for slug, percent in by_month],
    }


@router.get(
    "/review-settings",
    response={200: ReviewSettingsOut, **READ_ERRORS},
    summary="My review settings",
)
def get_review_settings(request: HttpRequest) -> dict[str, Any]:
    return {"desired_retention": services.settings_of(learner(request)).desired_retention}


@router.put(
    "/review-settings",
    response={200: ReviewSettingsOut, **WRITE_ERRORS},
    summary="Set my desired retention",
    description="The recall FSRS aims for when it schedules my cards, 0.70–0.97. New intervals "
    "follow it; cards already scheduled keep their due dates.",
)
def set_review_settings(request: HttpRequest, payload: ReviewSettingsIn) -> dict[str, Any]:
    options = services.set_desired_retention(learner(request), payload.desired_retention)
    return {"desired_retention": options.desired_retention}
