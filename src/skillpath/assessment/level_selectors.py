"""Reads of the level check: the current assessment with the sign-offs, the level shown,
the next milestone; the snapshots' history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from skillpath.assessment.level import figures, next_milestone, signed_level
from skillpath.assessment.level_services import (
    SIGN_OFF_PERMISSION,
    can_sign_off_for,
    compute_document,
)
from skillpath.assessment.models import AssessmentSnapshot, MilestoneSignOff
from skillpath.core.bounds import MAX_ID
from skillpath.curriculum.models import Curriculum
from skillpath.planning import selectors as planning


@dataclass(frozen=True)
class LevelView:
    document: dict[str, Any]
    sign_offs: dict[int, MilestoneSignOff]
    level: str | None  # passed and signed off, with every earlier milestone
    milestone: int | None
    next: dict[str, Any] | None  # the milestone the checklist is about
    latest: AssessmentSnapshot | None

    @property
    def ready_for_sign_off(self) -> bool:
        return bool(self.next and self.next["passed_gate"])


def sign_offs_of(
    *, learner: AbstractBaseUser, curriculum: Curriculum
) -> dict[int, MilestoneSignOff]:
    """The learner's sign-offs by milestone number, with who signed (one query)."""
    rows = MilestoneSignOff.objects.filter(learner=learner, curriculum=curriculum).select_related(
        "signed_by"
    )
    return {row.milestone: row for row in rows}


def latest_snapshot(
    *, learner: AbstractBaseUser, curriculum: Curriculum
) -> AssessmentSnapshot | None:
    """The learner's latest snapshot, without its document (one query)."""
    return (
        AssessmentSnapshot.objects.filter(learner=learner, curriculum=curriculum)
        .defer("document")
        .first()
    )


def level_view(*, learner: AbstractBaseUser, curriculum: Curriculum, now: datetime) -> LevelView:
    """The assessment computed now (nothing stored), the sign-offs and the level shown."""
    document = compute_document(learner=learner, curriculum=curriculum, now=now)
    signed = sign_offs_of(learner=learner, curriculum=curriculum)
    level, number = signed_level(document, signed)
    return LevelView(
        document=document,
        sign_offs=signed,
        level=level,
        milestone=number,
        next=next_milestone(document, signed),
        latest=latest_snapshot(learner=learner, curriculum=curriculum),
    )


@dataclass(frozen=True)
class HistoryRow:
    snapshot: AssessmentSnapshot
    gates_passed: list[int]
    required: dict[int, tuple[int, int]]


def history(
    *, learner: AbstractBaseUser, curriculum: Curriculum, limit: int = 200
) -> list[HistoryRow]:
    """The learner's snapshots, newest first, with the figures the table shows (one query)."""
    rows = AssessmentSnapshot.objects.filter(learner=learner, curriculum=curriculum)[:limit]
    result = []
    for snapshot in rows:
        found = figures(snapshot.document)
        result.append(HistoryRow(snapshot, found["gates_passed"], found["required"]))
    return result


def mentored_learner(
    *, by: AbstractBaseUser, learner_id: int
) -> tuple[AbstractBaseUser, Curriculum] | None:
    """A learner `by` may see as their mentor, with the learner's current curriculum; None
    for anyone without the permission, for themself, and for a learner not enrolled (the
    pages and the API answer 404 alike, so nobody learns who exists)."""
    if not 0 < learner_id <= MAX_ID or not by.has_perm(SIGN_OFF_PERMISSION):
        return None
    learner = get_user_model().objects.filter(pk=learner_id, is_active=True).first()
    if learner is None or learner.pk == by.pk:
        return None
    enrolment = planning.current_enrolment(learner)
    if enrolment is None:
        return None
    return learner, enrolment.curriculum


__all__ = [
    "HistoryRow",
    "LevelView",
    "can_sign_off_for",
    "history",
    "level_view",
    "mentored_learner",
]
