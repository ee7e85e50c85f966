"""How a question is shown and answered: the learner sees options in a seeded shuffled order,
never the key, and answers by the positions they saw; grading maps them back.

The shuffle is a pure function of (seed, question slug), so an attempt replays exactly, and
the position a right answer is written at in the bank (often first) tells the learner nothing.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from skillpath.core.errors import DomainError
from skillpath.knowledge.bank import Kind, Question


@dataclass(frozen=True)
class Shown:
    """What the learner may see of a question before answering: no weights, no key."""

    slug: str
    kind: str
    text: str
    code: str
    options: tuple[str, ...] = ()  # choices, ordering items or matching's right sides, shuffled
    prompts: tuple[str, ...] = ()  # matching's left sides, in the bank's order


def shuffled(count: int, seed: int, slug: str) -> list[int]:
    """A permutation of range(count): position shown → index in the bank."""
    order = list(range(count))
    random.Random(f"{seed}:{slug}").shuffle(order)
    if count > 1 and order == sorted(order):
        # An ordering question shown already in order gives its answer away.
        order = order[1:] + order[:1]
    return order


def show(question: Question, seed: int, language: str) -> Shown:
    kind = question.kind
    options: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()
    if kind in (Kind.SINGLE, Kind.MULTIPLE):
        order = shuffled(len(question.choices), seed, question.slug)
        options = tuple(question.choices[i].text.get(language) for i in order)
    elif kind is Kind.ORDERING:
        order = shuffled(len(question.items), seed, question.slug)
        options = tuple(question.items[i].get(language) for i in order)
    elif kind is Kind.MATCHING:
        order = shuffled(len(question.pairs), seed, question.slug)
        prompts = tuple(p.left.get(language) for p in question.pairs)
        options = tuple(question.pairs[i].right.get(language) for i in order)
    return Shown(
        slug=question.slug,
        kind=str(kind),
        text=question.text.get(language),
        code=question.code,
        options=options,
        prompts=prompts,
    )


class BadResponse(DomainError):
    """An answer that does not fit its question (a position out of range, a missing value)."""


def _positions(raw: Any, count: int, *, name: str) -> list[int]:
    if not isinstance(raw, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) for i in raw
    ):
        raise BadResponse(_("`%(name)s` must be a list of option numbers.") % {"name": name})
    if any(not 0 <= i < count for i in raw):
        raise BadResponse(
            _("`%(name)s` has an option number outside 0..%(last)s.")
            % {"name": name, "last": count - 1}
        )
    return list(raw)


def grade(question: Question, seed: int, response: dict[str, Any]) -> float:
    """The credit (0..1) an answer earns, from the positions the learner saw."""
    return _GRADERS[question.kind](question, seed, response)


def _grade_single(question: Question, seed: int, response: dict[str, Any]) -> float:
    order = shuffled(len(question.choices), seed, question.slug)
    choice = response.get("choice")
    if not isinstance(choice, int) or isinstance(choice, bool):
        raise BadResponse(_("`choice` must be the number of one option."))
    (chosen,) = _positions([choice], len(order), name="choice")
    return max(0.0, question.choices[order[chosen]].weight / 100)


def _grade_multiple(question: Question, seed: int, response: dict[str, Any]) -> float:
    order = shuffled(len(question.choices), seed, question.slug)
    chosen = set(_positions(response.get("choices"), len(order), name="choices"))
    total = sum(question.choices[order[i]].weight for i in chosen)
    return min(1.0, max(0.0, total / 100))


def _grade_true_false(question: Question, seed: int, response: dict[str, Any]) -> float:
    answer = response.get("answer")
    if not isinstance(answer, bool):
        raise BadResponse(_("`answer` must be true or false."))
    return 1.0 if answer == question.answer else 0.0


def _grade_short(question: Question, seed: int, response: dict[str, Any]) -> float:
    text = response.get("text")
    if not isinstance(text, str):
        raise BadResponse(_("`text` must be the typed answer."))
    accepted = {normalise_short(a) for a in question.accepted_ru + question.accepted_en}
    return 1.0 if normalise_short(text) in accepted else 0.0


def _grade_numeric(question: Question, seed: int, response: dict[str, Any]) -> float:
    value = response.get("value")
    if isinstance(value, str):
        value = parse_number(value)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise BadResponse(_("`value` must be a number, like 40 or 0,5."))
    return 1.0 if abs(float(value) - float(question.value or 0)) <= question.tolerance else 0.0


def _grade_matching(question: Question, seed: int, response: dict[str, Any]) -> float:
    order = shuffled(len(question.pairs), seed, question.slug)
    chosen = _positions(response.get("matches"), len(order), name="matches")
    if len(chosen) != len(question.pairs):
        raise BadResponse(_("`matches` needs one option number for each prompt."))
    right = sum(1 for left, shown in enumerate(chosen) if order[shown] == left)
    return right / len(question.pairs)


def _grade_ordering(question: Question, seed: int, response: dict[str, Any]) -> float:
    order = shuffled(len(question.items), seed, question.slug)
    chosen = _positions(response.get("order"), len(order), name="order")
    if sorted(chosen) != list(range(len(order))):
        raise BadResponse(_("`order` must list every option number once."))
    return _pairs_in_order([order[i] for i in chosen])


_GRADERS = {
    Kind.SINGLE: _grade_single,
    Kind.MULTIPLE: _grade_multiple,
    Kind.TRUE_FALSE: _grade_true_false,
    Kind.SHORT: _grade_short,
    Kind.NUMERIC: _grade_numeric,
    Kind.MATCHING: _grade_matching,
    Kind.ORDERING: _grade_ordering,
}


def _pairs_in_order(indices: list[int]) -> float:
    """Partial credit for an ordering: the share of item pairs the learner put the right way."""
    n = len(indices)
    pairs = n * (n - 1) // 2
    right = sum(1 for i in range(n) for j in range(i + 1, n) if indices[i] < indices[j])
    return right / pairs if pairs else 1.0


def storable(response: dict[str, Any]) -> dict[str, Any]:
    """The answer as it is kept: typed text without NUL characters (PostgreSQL's JSON cannot
    hold them, and no answer needs one) and cut to 500 characters."""
    text = response.get("text")
    if isinstance(text, str):
        return {**response, "text": text.replace("\x00", "")[:500]}
    return response


def normalise_short(text: str) -> str:
    """Short answers match ignoring case and runs of spaces, not punctuation."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def parse_number(text: str) -> float | None:
    """A number typed by a learner: "0,5" as well as "0.5" (Russian writes a decimal comma)."""
    cleaned = text.strip().replace(",", ".").replace(" ", "")
    # ASCII only and short: float() also reads "١٢", "nan" and "1e999" (inf).
    if not cleaned.isascii() or len(cleaned) > 40:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


@dataclass(frozen=True)
class Key:
    """The right answer, shown after the learner has answered."""

    right: tuple[str, ...]
    feedback: tuple[str, ...]  # what the bank says about the wrong options the learner picked
    explanation: str


def key(question: Question, seed: int, response: dict[str, Any], language: str) -> Key:
    kind = question.kind
    explanation = question.explanation.get(language) if question.explanation else ""
    feedback: list[str] = []
    if kind in (Kind.SINGLE, Kind.MULTIPLE):
        right = tuple(c.text.get(language) for c in question.choices if c.weight > 0)
        order = shuffled(len(question.choices), seed, question.slug)
        picked = response.get("choices") or [response.get("choice")]
        for shown in picked:
            if isinstance(shown, int) and 0 <= shown < len(order):
                choice = question.choices[order[shown]]
                if choice.feedback is not None and choice.weight <= 0:
                    feedback.append(choice.feedback.get(language))
    elif kind is Kind.TRUE_FALSE:
        right = ("true" if question.answer else "false",)
    elif kind is Kind.SHORT:
        accepted = question.accepted_en if language.startswith("en") else question.accepted_ru
        right = accepted[:3]
    elif kind is Kind.NUMERIC:
        value = f"{question.value:g}"
        right = (f"{value} ± {question.tolerance:g}" if question.tolerance else value,)
    elif kind is Kind.MATCHING:
        right = tuple(f"{p.left.get(language)} → {p.right.get(language)}" for p in question.pairs)
    else:
        right = tuple(item.get(language) for item in question.items)
    return Key(right=right, feedback=tuple(feedback), explanation=explanation)
