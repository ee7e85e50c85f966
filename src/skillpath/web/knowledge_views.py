"""Quizzes and reviews on the web: one question at a time, answered with htmx (each view
also works as a plain form post). Thin: read the answer, call one service, render.

The page holds only what `presentation.show` returns — the key is rendered after the answer,
from the server's copy — so nothing in the HTML gives the right answer away.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from skillpath.core.bounds import small_number
from skillpath.core.errors import DomainError
from skillpath.curriculum.models import Curriculum
from skillpath.knowledge import selectors, services
from skillpath.knowledge.bank import Question, parse_question
from skillpath.knowledge.models import AttemptItem, Card, QuizAttempt, QuizScope
from skillpath.knowledge.presentation import BadResponse, key, parse_number, show
from skillpath.web import access
from skillpath.web.access import learner_required
from skillpath.web.answer_forms import response_from
from skillpath.web.charts import workload_chart

SLUG = re.compile(r"[-a-z0-9_]{1,100}")


def _language() -> str:
    return (get_language() or "ru")[:2]


def _question_context(question: Question, seed: int) -> dict[str, Any]:
    shown = show(question, seed, _language())
    return {
        "shown": shown,
        "ranks": range(1, len(shown.options) + 1),
    }


def _key_context(question: Question, seed: int, response: dict[str, Any], score: float) -> dict:
    return {
        "key": key(question, seed, response, _language()),
        "score": score,
        "percent": round(score * 100),
        "right": score >= 1.0,
        "kind": str(question.kind),
    }


def _render(request: HttpRequest, template: str, partial: str, context: dict) -> HttpResponse:
    """The whole page, or for htmx only the panel that changes."""
    name = f"{template}#{partial}" if request.htmx else template
    return render(request, name, context)


# --- Quizzes ---------------------------------------------------------------------------


@require_POST
@learner_required
def quiz_start(request: HttpRequest) -> HttpResponse:
    names = [request.POST.get(key, "") for key in ("curriculum", "scope", "slug")]
    # Slugs only: anything else (a NUL byte, a megabyte) names no quiz and reaches no query.
    if not all(SLUG.fullmatch(name) for name in names) or names[1] not in QuizScope.values:
        raise Http404("No such quiz")
    curriculum = get_object_or_404(Curriculum, slug=names[0])
    scope, slug = names[1], names[2]
    try:
        attempt = services.start_quiz(request.user, curriculum, scope, slug)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect(access.next_or(request, reverse("web:roadmap", args=[curriculum.slug])))
    return redirect("web:quiz", attempt_id=attempt.pk)


def _quiz_context(attempt: QuizAttempt, item: AttemptItem | None) -> dict[str, Any]:
    items = selectors.attempt_items(attempt)
    answered = sum(1 for i in items if i.answered_at is not None)
    context: dict[str, Any] = {
        "attempt": attempt,
        "curriculum": attempt.curriculum,
        "total": len(items),
        "answered": answered,
        "progress_percent": round(answered * 100 / len(items)) if items else 0,
        "item": item,
        "title": _quiz_title(attempt, items),
    }
    if item is not None:
        question = parse_question(item.data)
        context.update(_question_context(question, attempt.seed))
        context["topic"] = item.topic
        if item.answered_at is not None:
            context.update(
                _key_context(question, attempt.seed, item.response or {}, item.score or 0)
            )
    elif attempt.finished_at is not None:
        context["results"] = [
            {
                "item": i,
                "text": parse_question(i.data).text.get(_language()),
                "percent": round((i.score or 0) * 100),
            }
            for i in items
        ]
        context["score_percent"] = round((attempt.score or 0) * 100)
    return context


def _quiz_title(attempt: QuizAttempt, items: list[AttemptItem]) -> str:
    if attempt.scope == QuizScope.TOPIC and items:
        return _("Quiz: %(topic)s") % {"topic": items[0].topic.title}
    if attempt.scope == QuizScope.MONTH:
        return _("Month quiz: %(slug)s") % {"slug": attempt.scope_slug.replace("month-", "")}
    return _("Milestone quiz: %(slug)s") % {"slug": attempt.scope_slug.replace("milestone-", "")}


@require_GET
@learner_required
def quiz(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = selectors.attempt_for(request.user, attempt_id)
    item = None
    shown = small_number(request.GET.get("shown"))
    if shown is not None:
        item = attempt.items.filter(position=shown, answered_at__isnull=False).first()
    if item is None:
        item = selectors.next_item(attempt)
    return render(request, "web/quiz.html", _quiz_context(attempt, item))


@require_POST
@learner_required
def quiz_answer(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = selectors.attempt_for(request.user, attempt_id)
    position = small_number(request.POST.get("position"))
    item = attempt.items.filter(position=position).first() if position is not None else None
    if item is None:
        raise Http404("No such question in this quiz")
    if item.answered_at is None:
        question = parse_question(item.data)
        try:
            response = response_from(request.POST, show(question, attempt.seed, _language()))
            services.answer_item(item, response)
        except DomainError as exc:
            context = _quiz_context(attempt, item)
            context["error"] = str(exc)
            return _render(request, "web/quiz.html", "quiz-panel", context)
        item.refresh_from_db()
        attempt.refresh_from_db()
    if not request.htmx:
        return redirect(f"{reverse('web:quiz', args=[attempt.pk])}?shown={item.position}")
    return _render(request, "web/quiz.html", "quiz-panel", _quiz_context(attempt, item))


# --- Reviews ---------------------------------------------------------------------------


def _review_context(request: HttpRequest, card: Card | None) -> dict[str, Any]:
    now = timezone.now()
    context: dict[str, Any] = {
        "card": card,
        "due": selectors.due_count(request.user, now),
        "settings": services.settings_of(request.user),
    }
    if card is not None:
        question = parse_question(card.question.data)
        context.update(_question_context(question, services.review_seed(card)))
        context["topic"] = card.topic
    else:
        context["chart"] = workload_chart(selectors.workload(request.user))
        upcoming = Card.objects.filter(learner=request.user, due__gt=now).order_by("due").first()
        context["next_due"] = upcoming.due if upcoming else None
    return context


@require_GET
@learner_required
def review(request: HttpRequest) -> HttpResponse:
    card = selectors.next_card(request.user)
    return render(request, "web/review.html", _review_context(request, card))


def _after_review(request: HttpRequest) -> HttpResponse:
    if not request.htmx:
        return redirect("web:review")
    card = selectors.next_card(request.user)
    return _render(request, "web/review.html", "review-panel", _review_context(request, card))


@require_POST
@learner_required
def review_answer(request: HttpRequest, card_id: int) -> HttpResponse:
    card = selectors.card_for(request.user, card_id)
    question = parse_question(card.question.data)
    seed = services.review_seed(card)
    try:
        response = response_from(request.POST, show(question, seed, _language()))
        done, score = services.review_card(request.user, card.pk, response=response)
    except DomainError as exc:
        context = _review_context(request, card)
        context["error"] = str(exc)
        return _render(request, "web/review.html", "review-panel", context)
    context = _review_context(request, card)
    context.update(_key_context(question, seed, response, score or 0))
    context["review"] = done
    return _render(request, "web/review.html", "review-panel", context)


@require_GET
@learner_required
def review_reveal(request: HttpRequest, card_id: int) -> HttpResponse:
    """Show the answer without answering; the learner then grades themselves, 1 to 4."""
    card = selectors.card_for(request.user, card_id)
    question = parse_question(card.question.data)
    context = _review_context(request, card)
    context["key"] = key(question, services.review_seed(card), {}, _language())
    context["kind"] = str(question.kind)
    context["revealed"] = True
    return _render(request, "web/review.html", "review-panel", context)


def _rating(request: HttpRequest, allowed: tuple[int, ...]) -> int:
    rating = small_number(request.POST.get("rating"))
    if rating is None or rating not in allowed:
        raise BadResponse(
            _("Choose a grade from %(first)s to %(last)s.")
            % {"first": allowed[0], "last": allowed[-1]}
        )
    return rating


@require_POST
@learner_required
def review_grade(request: HttpRequest, card_id: int) -> HttpResponse:
    card = selectors.card_for(request.user, card_id)
    try:
        services.review_card(request.user, card.pk, rating=_rating(request, (1, 2, 3, 4)))
    except DomainError as exc:
        messages.error(request, str(exc))
    return _after_review(request)


@require_POST
@learner_required
def review_regrade(request: HttpRequest, review_id: int) -> HttpResponse:
    try:
        services.regrade_review(request.user, review_id, _rating(request, (2, 3, 4)))
    except DomainError as exc:
        messages.error(request, str(exc))
    return _after_review(request)


@require_POST
@learner_required
def review_settings(request: HttpRequest) -> HttpResponse:
    value = parse_number(request.POST.get("desired_retention") or "")
    try:
        if value is None:
            raise BadResponse(_("Type a number."))
        value = value / 100 if value > 1 else value
        services.set_desired_retention(request.user, value)
    except DomainError:
        messages.error(request, _("Desired retention is a percentage from 70 to 97."))
    else:
        messages.success(
            request,
            _("Saved: new reviews aim at %(percent)s%% recall.") % {"percent": round(value * 100)},
        )
    return redirect("web:review")
