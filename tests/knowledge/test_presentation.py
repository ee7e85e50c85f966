"""What a learner sees of a question (no key, options shuffled by seed) and the credit an
answer earns, for every kind."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skillpath.knowledge.bank import read_bank_file
from skillpath.knowledge.presentation import (
    BadResponse,
    grade,
    key,
    normalise_short,
    parse_number,
    show,
    shuffled,
)

BANK = {
    q.slug: q
    for q in read_bank_file(
        Path(__file__).parent.parent / "fixtures" / "questions-git.yaml"
    ).questions
}


@given(st.integers(min_value=2, max_value=8), st.integers(min_value=0, max_value=2**31))
def test_a_shuffle_is_a_permutation_never_in_the_banks_order(count, seed):
    order = shuffled(count, seed, "slug")
    assert sorted(order) == list(range(count)) and order != list(range(count))
    assert shuffled(count, seed, "slug") == order  # replayable


def test_what_is_shown_carries_no_key():
    for question in BANK.values():
        shown = asdict(show(question, 11, "en"))
        text = repr(shown)
        assert "weight" not in text and "accepted" not in text
        assert question.explanation.en not in text
        if question.kind == "short":
            assert question.accepted_en[0] not in text
        if question.kind == "numeric":
            assert "40" not in text


def test_single_choice_by_the_position_shown():
    q = BANK["git-conflict-markers"]
    order = shuffled(len(q.choices), 3, q.slug)
    right = order.index(0)
    assert grade(q, 3, {"choice": right}) == 1.0
    assert grade(q, 3, {"choice": (right + 1) % 3}) == 0.0
    wrong = order.index(1)
    assert key(q, 3, {"choice": wrong}, "en").feedback == (q.choices[1].feedback.en,)


def test_short_answers_ignore_case_and_spaces_not_punctuation():
    q = BANK["git-status-short-code"]
    assert grade(q, 0, {"text": "  Git   LOG --oneline"}) == 1.0
    assert grade(q, 0, {"text": "git log -oneline"}) == 0.0
    assert normalise_short(" A\tb ") == "a b"


def test_numeric_answers_read_a_decimal_comma():
    q = BANK["git-num"]
    assert grade(q, 0, {"value": "40,0"}) == 1.0
    assert grade(q, 0, {"value": 41}) == 0.0
    assert parse_number("1e999") is None and parse_number("nan") is None
    assert parse_number("١٢") is None


def test_matching_and_ordering_earn_partial_credit():
    match = BANK["git-match"]
    order = shuffled(3, 5, match.slug)
    right = [order.index(left) for left in range(3)]
    assert grade(match, 5, {"matches": right}) == 1.0
    swapped = [right[1], right[0], right[2]]
    assert grade(match, 5, {"matches": swapped}) == pytest.approx(1 / 3)
    steps = BANK["git-order"]
    order = shuffled(3, 5, steps.slug)
    in_order = [order.index(i) for i in range(3)]
    assert grade(steps, 5, {"order": in_order}) == 1.0
    assert grade(steps, 5, {"order": list(reversed(in_order))}) == 0.0
    one_swap = [in_order[1], in_order[0], in_order[2]]
    assert grade(steps, 5, {"order": one_swap}) == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    "response",
    [{}, {"choice": 9}, {"choice": -1}, {"choice": True}, {"choice": "0"}, {"choices": [0]}],
)
def test_a_malformed_answer_is_refused(response):
    with pytest.raises(BadResponse):
        grade(BANK["git-conflict-markers"], 1, response)


def test_multiple_choice_partial_and_negative_credit():
    from skillpath.knowledge.bank import Choice, Kind, Question, Text

    q = Question(
        slug="m",
        topic="git",
        kind=Kind.MULTIPLE,
        text=Text("в", "q"),
        choices=(
            Choice(Text("a", "a"), 50),
            Choice(Text("b", "b"), 50),
            Choice(Text("c", "c"), -50),
            Choice(Text("d", "d"), 0),
        ),
    )
    order = shuffled(4, 2, "m")
    pos = {index: order.index(index) for index in range(4)}
    assert grade(q, 2, {"choices": [pos[0], pos[1]]}) == 1.0
    assert grade(q, 2, {"choices": [pos[0]]}) == 0.5
    assert grade(q, 2, {"choices": [pos[0], pos[2]]}) == 0.0
    assert grade(q, 2, {"choices": [pos[0], pos[1], pos[2], pos[3]]}) == 0.5
