"""The monthly activities' rules (pure): the state machine, who may take which step, the
months reached."""

from __future__ import annotations

from datetime import date

import pytest

from skillpath.assessment.activities import (
    PLANNED,
    RETURNED,
    SIGNED_OFF,
    SUBMITTED,
    Action,
    Actor,
    TransitionError,
    allowed_actions,
    months_reached,
    next_state,
    submitted_count,
)

LEARNER = Actor(is_owner=True, is_mentor=False, learner_has_mentor=True)
ALONE = Actor(is_owner=True, is_mentor=False, learner_has_mentor=False)
MENTOR = Actor(is_owner=False, is_mentor=True)
OUTSIDER = Actor(is_owner=False, is_mentor=False)
MENTOR_OWN = Actor(is_owner=True, is_mentor=True)


@pytest.mark.parametrize("state", [PLANNED, SUBMITTED, RETURNED])
def test_the_learner_submits_from_planned_submitted_or_returned(state):
    assert next_state(Action.SUBMIT, state, LEARNER) == SUBMITTED


def test_nothing_follows_a_sign_off():
    for action in Action:
        for actor in (LEARNER, ALONE, MENTOR):
            with pytest.raises(TransitionError):
                next_state(action, SIGNED_OFF, actor)


def test_a_mentor_signs_off_or_returns_a_submitted_activity():
    assert next_state(Action.SIGN_OFF, SUBMITTED, MENTOR) == SIGNED_OFF
    assert next_state(Action.RETURN, SUBMITTED, MENTOR) == RETURNED


@pytest.mark.parametrize("state", [PLANNED, RETURNED])
def test_a_mentor_cannot_sign_off_what_was_not_submitted(state):
    with pytest.raises(TransitionError, match="Submit the evidence first"):
        next_state(Action.SIGN_OFF, state, MENTOR)


def test_a_mentor_never_signs_off_their_own():
    with pytest.raises(TransitionError, match="their own"):
        next_state(Action.SIGN_OFF, SUBMITTED, MENTOR_OWN)
    with pytest.raises(TransitionError, match="their own"):
        next_state(Action.RETURN, SUBMITTED, MENTOR_OWN)


def test_a_learner_cannot_sign_off_and_nobody_else_submits():
    with pytest.raises(TransitionError, match="Only a mentor"):
        next_state(Action.SIGN_OFF, SUBMITTED, LEARNER)
    with pytest.raises(TransitionError, match="Only the learner submits"):
        next_state(Action.SUBMIT, PLANNED, MENTOR)


def test_self_assessment_only_without_a_mentor_and_only_ones_own():
    assert next_state(Action.SELF_ASSESS, SUBMITTED, ALONE) == SIGNED_OFF
    with pytest.raises(TransitionError, match="You have a mentor"):
        next_state(Action.SELF_ASSESS, SUBMITTED, LEARNER)
    with pytest.raises(TransitionError, match="Only the learner"):
        next_state(Action.SELF_ASSESS, SUBMITTED, OUTSIDER)
    with pytest.raises(TransitionError, match="Submit the evidence first"):
        next_state(Action.SELF_ASSESS, PLANNED, ALONE)


def test_allowed_actions_are_what_a_page_offers():
    assert allowed_actions(SUBMITTED, MENTOR) == {Action.SIGN_OFF, Action.RETURN}
    assert allowed_actions(SUBMITTED, ALONE) == {Action.SUBMIT, Action.SELF_ASSESS}
    assert allowed_actions(SUBMITTED, LEARNER) == {Action.SUBMIT}
    assert allowed_actions(SIGNED_OFF, LEARNER) == frozenset()
    assert allowed_actions(PLANNED, OUTSIDER) == frozenset()


def test_months_reached_are_the_months_up_to_todays():
    starts = {1: date(2026, 1, 5), 2: date(2026, 2, 2), 3: date(2026, 3, 2), 4: date(2026, 4, 6)}
    assert months_reached(starts, date(2026, 1, 1)) == ()
    assert months_reached(starts, date(2026, 1, 5)) == (1,)
    assert months_reached(starts, date(2026, 3, 10)) == (1, 2, 3)
    assert months_reached(starts, date(2030, 1, 1)) == (1, 2, 3, 4)


def test_submitted_count_counts_submitted_and_signed_off_not_returned():
    states = {"code_review": SUBMITTED, "presentation": SIGNED_OFF, "pair_programming": RETURNED}
    assert submitted_count(states) == 2
    assert submitted_count({}) == 0
