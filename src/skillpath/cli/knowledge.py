"""`skillpath quiz` and `skillpath review`: questions one at a time in the terminal, answered
by typing; grading, scheduling and mastery stay in `knowledge.services` and `selectors`.

Options are numbered from 1 on the screen and sent to the services by their index (from 0).
A typo asks again and never counts as an answer. Answers may come from a pipe, one a line;
with `--json` the conversation goes to stderr and stdout holds only the result document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

import typer
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rich.console import Console
from rich.markup import escape

from skillpath.cli.learner import UserOption, current, echo_json, fail, learner_for, topic_in

EXIT_UNFINISHED = 1
TRUE_WORDS = {"t", "true", "y", "yes", "д", "да"}
FALSE_WORDS = {"f", "false", "n", "no", "н", "нет"}
REVEAL = "s"
# After a right review answer: Enter keeps Good.
GRADES = {"": 3, "h": 2, "e": 4}
NUMBERS = re.compile(r"[0-9]+")
SCOPE = re.compile(r"^(month|milestone)-[0-9]+$")


class Typo(ValueError):
    """What the learner typed is no answer to this question; `str()` says what to type."""


class InputEnded(Exception):
    """The pipe ran dry, or the learner pressed Ctrl+D or Ctrl+C."""


# --- Reading answers ---------------------------------------------------------------------


def _numbers(text: str, count: int) -> list[int]:
    """Option numbers as typed (1-based, separated by commas or spaces) → indexes from 0."""
    parts = [p for p in re.split(r"[,;\s]+", text.strip()) if p]
    if not parts or not all(NUMBERS.fullmatch(p) for p in parts):
        raise Typo(_("Type option numbers from 1 to %(count)s, like 1 or 1,3.") % {"count": count})
    numbers = [int(p) for p in parts]
    if any(not 1 <= n <= count for n in numbers):
        raise Typo(_("There are only options 1 to %(count)s.") % {"count": count})
    return [n - 1 for n in numbers]


def typed_response(kind: str, options: int, prompts: int, text: str) -> dict[str, Any]:
    """The answer a learner typed, in the shape `presentation.grade` reads; Typo if it is none."""
    typed = text.strip()
    if kind == "single":
        chosen = _numbers(typed, options)
        if len(chosen) != 1:
            raise Typo(_("Type one option number, from 1 to %(count)s.") % {"count": options})
        return {"choice": chosen[0]}
    if kind == "multiple":
        chosen = _numbers(typed, options)
        if len(set(chosen)) != len(chosen):
            raise Typo(_("Type each option number once."))
        return {"choices": sorted(chosen)}
    if kind == "true_false":
        word = typed.casefold()
        if word in TRUE_WORDS | FALSE_WORDS:
            return {"answer": word in TRUE_WORDS}
        raise Typo(_("Type t for true or f for false."))
    if kind == "short":
        if not typed:
            raise Typo(_("Type your answer."))
        return {"text": typed}
    if kind == "numeric":
        from skillpath.knowledge.presentation import parse_number

        value = parse_number(typed)
        if value is None:
            raise Typo(_("Type a number, like 40 or 0,5."))
        return {"value": value}
    if kind == "matching":
        chosen = _numbers(typed, options)
        if len(chosen) != prompts:
            raise Typo(
                _("Type %(count)s option numbers, one for each of A, B, … in turn.")
                % {"count": prompts}
            )
        return {"matches": chosen}
    chosen = _numbers(typed, options)
    if sorted(chosen) != list(range(options)):
        raise Typo(_("Type every number from 1 to %(count)s once, in order.") % {"count": options})
    return {"order": chosen}


# --- The terminal ------------------------------------------------------------------------


def _console(as_json: bool) -> Console:
    # With --json the conversation goes to stderr, so stdout holds only the document.
    return Console(stderr=as_json, soft_wrap=True, highlight=False)


def _ask(out: Console, prompt: str) -> str:
    try:
        return out.input(f"[bold]{escape(prompt)}[/bold] ")
    except (EOFError, KeyboardInterrupt):
        raise InputEnded from None


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def _how_to_answer(kind: str) -> str:
    return {
        "single": _("Your choice (a number):"),
        "multiple": _("Your choices (numbers, like 1,3):"),
        "true_false": _("True or false? (t/f):"),
        "short": _("Your answer:"),
        "numeric": _("Your answer (a number):"),
        "matching": _("For A, B, … in turn, the number of its match (like 2,1,3):"),
        "ordering": _("The numbers in the right order (like 3,1,2):"),
    }.get(kind, _("Your answer:"))


def print_question(out: Console, shown: Any, heading: str) -> None:
    out.print()
    out.print(f"[bold]{escape(heading)}[/bold]")
    out.print(escape(shown.text))
    if shown.code:
        out.print()
        for line in shown.code.splitlines():
            out.print(f"    {escape(line)}")
    if shown.prompts:
        out.print()
        for index, prompt in enumerate(shown.prompts):
            out.print(f"  {_letter(index)}. {escape(prompt)}")
    if shown.options:
        out.print()
        for number, option in enumerate(shown.options, start=1):
            out.print(f"  {number}. {escape(option)}")


def read_answer(out: Console, shown: Any, *, can_reveal: bool = False) -> dict[str, Any] | None:
    """Ask until the learner types an answer; None when they asked to see it (`s`)."""
    prompt = _how_to_answer(shown.kind)
    if can_reveal:
        out.print("[dim]" + _("Type s to see the answer without answering.") + "[/dim]")
    while True:
        typed = _ask(out, prompt)
        if can_reveal and typed.strip().casefold() == REVEAL:
            return None
        try:
            return typed_response(shown.kind, len(shown.options), len(shown.prompts), typed)
        except Typo as typo:
            out.print(f"[yellow]{escape(str(typo))}[/yellow]")


def _right_text(kind: str, text: str) -> str:
    if kind == "true_false":
        return _("true") if text == "true" else _("false")
    return text


def print_result(out: Console, kind: str, score: float | None, key: Any) -> None:
    if score is not None:
        if score >= 1.0:
            out.print("[green]" + _("Right.") + "[/green]")
        elif score <= 0.0:
            out.print("[red]" + _("Wrong.") + "[/red]")
        else:
            out.print(
                "[yellow]"
                + _("Partly right: %(percent)s%%.") % {"percent": round(score * 100)}
                + "[/yellow]"
            )
    right = [_right_text(kind, text) for text in key.right]
    if kind == "ordering":
        out.print(_("The right order:"))
        for number, text in enumerate(right, start=1):
            out.print(f"  {number}. {escape(text)}")
    elif len(right) == 1:
        out.print(_("Answer: %(answer)s") % {"answer": escape(right[0])})
    else:
        out.print(_("Answer:"))
        for text in right:
            out.print(f"  • {escape(text)}")
    for feedback in key.feedback:
        out.print(f"[italic]{escape(feedback)}[/italic]")
    if key.explanation:
        out.print(f"[dim]{escape(key.explanation)}[/dim]")


def _language() -> str:
    return translation.get_language() or "en"


# --- skillpath quiz ----------------------------------------------------------------------


def quiz(
    target: Annotated[
        str,
        typer.Argument(
            help="A topic (its slug or its title, in either language, any case), month-N or "
            "milestone-N.",
            metavar="TOPIC|month-N|milestone-N",
        ),
    ],
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed", min=0, max=2**31 - 1, help="Ask in an earlier quiz's order (--json shows it)."
        ),
    ] = None,
    user: UserOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the result document at the end.")
    ] = False,
) -> None:
    """Take a quiz: one question at a time, the key and explanation after each answer.

    Type option numbers (1,3 for several), t or f, a word or a number. Exit: 0 finished,
    1 the input ended first (the quiz stays unfinished), 2 no such topic, month or milestone.
    """
    from skillpath.knowledge import presentation, selectors, services
    from skillpath.knowledge.services import QuizScopeError

    out = _console(as_json)
    learner = learner_for(user)
    curriculum = current(learner).curriculum
    match = SCOPE.match(target)
    scope = match.group(1) if match else "topic"
    hint = _(
        "'skillpath plan' lists the topics' slugs; a month is month-1, month-2, …, "
        "a milestone milestone-1, milestone-2, …"
    )
    if scope == "topic":
        target = topic_in(curriculum.pk, target, hint=hint).slug
    try:
        attempt = services.start_quiz(learner, curriculum, scope, target, seed=seed)
    except QuizScopeError as exc:
        raise fail(f"{exc} {hint}") from None
    total = attempt.items.count()
    try:
        while (item := selectors.next_item(attempt)) is not None:
            question = services.item_question(item)
            shown = presentation.show(question, attempt.seed, _language())
            heading = _("Question %(position)s of %(total)s") % {
                "position": item.position,
                "total": total,
            }
            print_question(out, shown, heading)
            answered = _answer(out, item, shown)
            key = presentation.key(question, attempt.seed, answered.item.response, _language())
            print_result(out, shown.kind, answered.score, key)
    except InputEnded:
        out.print()
        out.print(_("The input ended: the quiz stays unfinished."))
    view = selectors.attempt_view(selectors.attempt_for(learner, attempt.pk))
    _print_score(out, view)
    if as_json:
        echo_json(_quiz_document(view))
    if view.next is not None:
        raise typer.Exit(EXIT_UNFINISHED)


def _answer(out: Console, item: Any, shown: Any) -> Any:
    from skillpath.knowledge import services
    from skillpath.knowledge.presentation import BadResponse

    while True:
        response = read_answer(out, shown)
        assert response is not None  # no reveal in a quiz
        try:
            return services.answer_item(item, response, now=timezone.now())
        except BadResponse as exc:
            out.print(f"[yellow]{escape(str(exc))}[/yellow]")


def _print_score(out: Console, view: Any) -> None:
    right = sum(1 for item in view.answered if (item.score or 0) >= 1.0)
    out.print()
    if view.attempt.score is None:
        out.print(
            _("Answered %(answered)s of %(total)s, %(right)s right.")
            % {"answered": len(view.answered), "total": view.total, "right": right}
        )
        return
    out.print(
        "[bold]"
        + _("Score: %(percent)s%% — %(right)s of %(total)s right.")
        % {"percent": round(view.attempt.score * 100), "right": right, "total": view.total}
        + "[/bold]"
    )


def _quiz_document(view: Any) -> dict[str, Any]:
    attempt = view.attempt
    return {
        "attempt": attempt.pk,
        "scope": attempt.scope,
        "slug": attempt.scope_slug,
        "seed": attempt.seed,
        "is_finished": attempt.finished_at is not None,
        "score": attempt.score,
        "answered": len(view.answered),
        "total": view.total,
        "items": [
            {"position": item.position, "slug": item.data.get("slug"), "score": item.score}
            for item in view.items
        ],
    }


# --- skillpath review --------------------------------------------------------------------


@dataclass
class Reviewed:
    card_id: int
    slug: str
    score: float | None
    rating: int
    due: datetime


def review(
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Review at most N cards.")
    ] = None,
    user: UserOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print what was reviewed, as JSON, at the end.")
    ] = False,
    optimize: Annotated[
        bool,
        typer.Option(
            "--optimize",
            help="Fit FSRS's parameters to your reviews (at most monthly; needs the optimizer "
            "extra and 512 reviews) instead of reviewing.",
        ),
    ] = False,
) -> None:
    """Review the cards due, most overdue first: answer, or type s to see the answer.

    After a right answer, Enter keeps Good, h makes it Hard, e Easy. After seeing the answer,
    rate yourself 1 Again, 2 Hard, 3 Good, 4 Easy.
    """
    from skillpath.knowledge import selectors

    out = _console(as_json)
    learner = learner_for(user)
    if optimize:
        from skillpath.knowledge.services import optimize_parameters

        result = optimize_parameters(learner)
        if as_json:
            echo_json(
                {"optimized": result.done, "reason": result.reason, "reviews": result.reviews}
            )
        else:
            out.print(
                _("Parameters fitted to your %(count)s reviews.") % {"count": result.reviews}
                if result.done
                else _("Default parameters kept: %(reason)s.") % {"reason": result.reason}
            )
        return
    done: list[Reviewed] = []
    seen: set[int] = set()
    ended = False
    try:
        while limit is None or len(done) < limit:
            card = selectors.next_card(learner, timezone.now())
            if card is None or card.pk in seen:
                break
            seen.add(card.pk)
            heading = _("Card %(number)s · %(topic)s") % {
                "number": len(done) + 1,
                "topic": card.topic.slug,
            }
            done.append(_review_one(out, learner, card, heading))
    except InputEnded:
        ended = True
        out.print()
        out.print(_("The input ended."))
    due = selectors.due_count(learner, timezone.now())
    next_due = selectors.next_due_at(learner)
    _print_review_summary(out, learner, len(done), due, next_due)
    if as_json:
        echo_json(
            {
                "reviewed": [vars(r) for r in done],
                "due": due,
                "next_due_at": next_due,
            }
        )
    if ended:
        raise typer.Exit(EXIT_UNFINISHED)


def _review_one(out: Console, learner: Any, card: Any, heading: str) -> Reviewed:
    from skillpath.core.errors import DomainError
    from skillpath.knowledge import presentation, services

    question = services.card_question(card)
    seed = services.review_seed(card)
    shown = presentation.show(question, seed, _language())
    print_question(out, shown, heading)
    while True:
        response = read_answer(out, shown, can_reveal=True)
        if response is None:
            print_result(out, shown.kind, None, presentation.key(question, seed, {}, _language()))
            rating = _ask_rating(out)
        else:
            rating = None
        try:
            review, score = services.review_card(
                learner, card.pk, response=response, rating=rating, now=timezone.now()
            )
            break
        except DomainError as exc:
            out.print(f"[yellow]{escape(str(exc))}[/yellow]")
    if response is not None:
        print_result(
            out, shown.kind, score, presentation.key(question, seed, response, _language())
        )
        if score is not None and score >= 1.0:
            grade = _ask_grade(out)
            if grade != review.rating:
                review = services.regrade_review(learner, review.pk, grade, now=timezone.now())
    return Reviewed(
        card_id=card.pk,
        slug=question.slug,
        score=score,
        rating=review.rating,
        due=review.card.due,
    )


def _ask_rating(out: Console) -> int:
    while True:
        typed = _ask(out, _("How well did you know it? 1 Again, 2 Hard, 3 Good, 4 Easy:")).strip()
        if typed in ("1", "2", "3", "4"):
            return int(typed)
        out.print("[yellow]" + _("Type 1, 2, 3 or 4.") + "[/yellow]")


def _ask_grade(out: Console) -> int:
    while True:
        typed = _ask(out, _("Enter: Good, h: Hard, e: Easy:")).strip().casefold()
        if typed in GRADES:
            return GRADES[typed]
        out.print("[yellow]" + _("Press Enter, or type h or e.") + "[/yellow]")


def _print_review_summary(
    out: Console, learner: Any, reviewed: int, due: int, next_due: datetime | None
) -> None:
    from skillpath.people.selectors import time_zone_of

    out.print()
    if reviewed:
        out.print(
            ngettext("Reviewed %(count)s card.", "Reviewed %(count)s cards.", reviewed)
            % {"count": reviewed}
        )
    if due:
        out.print(
            ngettext("%(count)s card is still due.", "%(count)s cards are still due.", due)
            % {"count": due}
        )
    elif next_due is None:
        out.print(_("No review cards yet: a quiz makes them ('skillpath quiz TOPIC')."))
    else:
        when = next_due.astimezone(time_zone_of(learner))
        out.print(
            _("Nothing is due now. The next card is due on %(when)s.")
            % {"when": f"{when:%Y-%m-%d %H:%M}"}
        )
