"""Answers as a learner gives them, by the positions the options were shown in: the right
one (a learner who knows the key) and a wholly wrong one, for a question of any kind."""

from __future__ import annotations

from typing import Any

from skillpath.knowledge.bank import Kind, Question
from skillpath.knowledge.presentation import shuffled


def right_response(question: Question, seed: int) -> dict[str, Any]:
    q, kind = question, question.kind
    if kind in (Kind.SINGLE, Kind.MULTIPLE):
        order = shuffled(len(q.choices), seed, q.slug)
        right = [shown for shown, index in enumerate(order) if q.choices[index].weight > 0]
        return {"choice": right[0]} if kind is Kind.SINGLE else {"choices": right}
    if kind is Kind.TRUE_FALSE:
        return {"answer": q.answer}
    if kind is Kind.SHORT:
        return {"text": q.accepted_en[0]}
    if kind is Kind.NUMERIC:
        return {"value": q.value}
    if kind is Kind.MATCHING:
        order = shuffled(len(q.pairs), seed, q.slug)
        return {"matches": [order.index(left) for left in range(len(q.pairs))]}
    order = shuffled(len(q.items), seed, q.slug)
    return {"order": [order.index(index) for index in range(len(q.items))]}


def wrong_response(question: Question, seed: int) -> dict[str, Any]:
    q, kind = question, question.kind
    right = right_response(q, seed)
    if kind in (Kind.SINGLE, Kind.MULTIPLE):
        order = shuffled(len(q.choices), seed, q.slug)
        wrong = [shown for shown, index in enumerate(order) if q.choices[index].weight <= 0]
        return {"choice": wrong[0]} if kind is Kind.SINGLE else {"choices": wrong}
    if kind is Kind.TRUE_FALSE:
        return {"answer": not q.answer}
    if kind is Kind.SHORT:
        return {"text": "no idea"}
    if kind is Kind.NUMERIC:
        return {"value": (q.value or 0) + q.tolerance + 1}
    if kind is Kind.MATCHING:
        matches = right["matches"]
        return {"matches": matches[1:] + matches[:1]}  # every prompt gets another's option
    return {"order": right["order"][::-1]}  # every pair the wrong way round
