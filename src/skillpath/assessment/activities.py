"""The rules of the monthly activities as plain functions: which step may follow which, who
may take it, and which months a learner has reached (docs/assessment.md, "Monthly
activities").

An activity is `planned` until its learner submits evidence (`submitted`); a mentor — a
user holding the permission `assessment.sign_off_activity` — then signs it off or returns
it with a comment (`returned`, and the learner submits again). A mentor never signs off
their own activity; a learner with no mentor may sign off their own, and the record says it
was self-assessed.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from skillpath.core.errors import DomainError

# The order the plan lists them in, and pages show them in.
KINDS = ("code_review", "presentation", "pair_programming", "mock_interview")
PLANNED, SUBMITTED, SIGNED_OFF, RETURNED = "planned", "submitted", "signed_off", "returned"
STATES = (PLANNED, SUBMITTED, SIGNED_OFF, RETURNED)


class Action(enum.Enum):
    SUBMIT = "submit"  # the learner sends (or updates) the evidence
    SIGN_OFF = "sign_off"  # a mentor accepts another learner's activity
    RETURN = "return"  # a mentor sends it back with a comment
    SELF_ASSESS = "self_assess"  # a learner with no mentor accepts their own


# Which states each action starts from, and where it leads.
TRANSITIONS: dict[Action, tuple[frozenset[str], str]] = {
    Action.SUBMIT: (frozenset({PLANNED, SUBMITTED, RETURNED}), SUBMITTED),
    Action.SIGN_OFF: (frozenset({SUBMITTED}), SIGNED_OFF),
    Action.RETURN: (frozenset({SUBMITTED}), RETURNED),
    Action.SELF_ASSESS: (frozenset({SUBMITTED}), SIGNED_OFF),
}


@dataclass(frozen=True)
class Actor:
    """Who wants to take a step, as far as the rules care."""

    is_owner: bool  # the activity is theirs
    is_mentor: bool  # holds `assessment.sign_off_activity`
    learner_has_mentor: bool = True  # the activity's learner has someone to sign it off


class TransitionError(DomainError):
    """The step is not open to this person, or not from this state."""


def next_state(action: Action, state: str, actor: Actor) -> str:
    """The state `action` leads to; TransitionError says why it cannot be taken."""
    if action is Action.SUBMIT and not actor.is_owner:
        raise TransitionError(_("Only the learner submits the evidence of their activity."))
    if action in (Action.SIGN_OFF, Action.RETURN):
        if not actor.is_mentor:
            raise TransitionError(_("Only a mentor signs off or returns an activity."))
        if actor.is_owner:
            raise TransitionError(_("A mentor cannot sign off or return their own activity."))
    if action is Action.SELF_ASSESS:
        if not actor.is_owner:
            raise TransitionError(_("Only the learner can self-assess their activity."))
        if actor.learner_has_mentor:
            raise TransitionError(_("You have a mentor: ask them to sign this activity off."))
    sources, target = TRANSITIONS[action]
    if state not in sources:
        if state == SIGNED_OFF:
            raise TransitionError(_("The activity is signed off already."))
        raise TransitionError(_("Submit the evidence first."))
    return target


def allowed_actions(state: str, actor: Actor) -> frozenset[Action]:
    """Every action `actor` may take from `state` (what a page offers)."""
    allowed = set()
    for action in Action:
        try:
            next_state(action, state, actor)
        except TransitionError:
            continue
        allowed.add(action)
    return frozenset(allowed)


def months_reached(first_day_of_month: Mapping[int, date], today: date) -> tuple[int, ...]:
    """The months of the plan up to today's: `first_day_of_month` maps each month's number
    to the day its first topic starts in the learner's plan. Before the plan starts, none."""
    started = [number for number, day in first_day_of_month.items() if day <= today]
    if not started:
        return ()
    current = max(started)
    return tuple(sorted(n for n in first_day_of_month if n <= current))


def submitted_count(states: Mapping[str, str]) -> int:
    """How many of a month's activities (kind → state) are submitted or signed off; a
    returned one waits for the learner again."""
    return sum(1 for kind in KINDS if states.get(kind, PLANNED) in (SUBMITTED, SIGNED_OFF))
