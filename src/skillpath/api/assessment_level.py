"""The level check over the API: the current assessment (computed, nothing stored), the
history of snapshots, and signing off a milestone — the same services as the pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.errors import HttpError

from skillpath.api.common import (
    READ_ERRORS,
    WRITE_ERRORS,
    ErrorOut,
    Input,
    id_param,
    learner,
    now,
    text,
)
from skillpath.assessment import level_selectors, level_services
from skillpath.planning import selectors as planning

router = Router()

MILESTONE = Path(
    ...,
    ge=1,
    le=99,
    description="The milestone's number (1 to 4 in the built-in rubric).",
    examples=[1],
)


class SignOffOut(Schema):
    milestone: int
    is_self_assessed: bool
    signed_by: str | None
    signed_at: datetime
    snapshot_id: int
    comment: str


class AssessmentOut(Schema):
    level: str | None = Field(description="Passed and signed off, with every earlier milestone.")
    milestone: int | None
    next_milestone: int | None
    ready_for_sign_off: bool
    assessment: dict[str, Any] = Field(description="The assessment document (docs/assessment.md).")
    sign_offs: list[SignOffOut]


class SnapshotOut(Schema):
    id: int
    taken_at: datetime
    rubric_version: str
    level: str | None
    milestone: int | None
    gates_passed: list[int]


class SignOffIn(Input):
    comment: str = text(2000, default="")


def _curriculum(request: HttpRequest):  # type: ignore[no-untyped-def]
    enrolment = planning.current_enrolment(learner(request))
    if enrolment is None:
        raise HttpError(404, "Not enrolled: enrol in a curriculum first.")
    return enrolment.curriculum


def _sign_off_out(row: Any) -> dict[str, Any]:
    return {
        "milestone": row.milestone,
        "is_self_assessed": row.is_self_assessed,
        "signed_by": row.signed_by.get_username() if row.signed_by else None,
        "signed_at": row.signed_at,
        "snapshot_id": row.snapshot_id,
        "comment": row.comment,
    }


@router.get("/assessment", response={200: AssessmentOut, 404: ErrorOut, **READ_ERRORS})
def current_assessment(request: HttpRequest) -> dict[str, Any]:
    """The learner's assessment now, against their current curriculum's rubric."""
    view = level_selectors.level_view(
        learner=learner(request), curriculum=_curriculum(request), now=now()
    )
    return _assessment_out(view)


def _assessment_out(view: level_selectors.LevelView) -> dict[str, Any]:
    return {
        "level": view.level,
        "milestone": view.milestone,
        "next_milestone": view.next["number"] if view.next else None,
        "ready_for_sign_off": view.ready_for_sign_off,
        "assessment": view.document,
        "sign_offs": [_sign_off_out(s) for s in view.sign_offs.values()],
    }


@router.get("/assessment/history", response={200: list[SnapshotOut], 404: ErrorOut, **READ_ERRORS})
def assessment_history(request: HttpRequest) -> list[dict[str, Any]]:
    """The learner's stored assessments, newest first."""
    rows = level_selectors.history(learner=learner(request), curriculum=_curriculum(request))
    return [
        {
            "id": row.snapshot.pk,
            "taken_at": row.snapshot.taken_at,
            "rubric_version": row.snapshot.rubric_version,
            "level": row.snapshot.level or None,
            "milestone": row.snapshot.milestone,
            "gates_passed": row.gates_passed,
        }
        for row in rows
    ]


@router.post(
    "/assessment/milestones/{number}/sign-off",
    response={201: SignOffOut, 404: ErrorOut, **WRITE_ERRORS},
)
def sign_off(request: HttpRequest, payload: SignOffIn, number: int = MILESTONE) -> Status:
    """Sign off one of your own milestones as a self-assessment (only where no mentor works
    in the installation); a 400 says why not."""
    me = learner(request)
    row = level_services.sign_off_milestone(
        by=me,
        learner=me,
        curriculum=_curriculum(request),
        milestone=number,
        comment=payload.comment,
        now=now(),
    )
    return Status(201, _sign_off_out(row))


LEARNER_ID = id_param("The learner's user id (a mentor's view; anyone else gets a 404).")


def _mentored(request: HttpRequest, learner_id: int):  # type: ignore[no-untyped-def]
    found = level_selectors.mentored_learner(by=learner(request), learner_id=learner_id)
    if found is None:
        raise HttpError(404, _("No such learner."))
    return found


@router.get(
    "/learners/{learner_id}/assessment",
    response={200: AssessmentOut, 404: ErrorOut, **READ_ERRORS},
)
def learner_assessment(request: HttpRequest, learner_id: int = LEARNER_ID) -> dict[str, Any]:
    """A mentor reads a learner's assessment now (a mentor holds the sign-off permission)."""
    pupil, curriculum = _mentored(request, learner_id)
    return _assessment_out(
        level_selectors.level_view(learner=pupil, curriculum=curriculum, now=now())
    )


@router.post(
    "/learners/{learner_id}/assessment/milestones/{number}/sign-off",
    response={201: SignOffOut, 404: ErrorOut, **WRITE_ERRORS},
)
def learner_sign_off(
    request: HttpRequest, payload: SignOffIn, learner_id: int = LEARNER_ID, number: int = MILESTONE
) -> Status:
    """A mentor signs off a learner's milestone; a 400 says why not (its gate is not passed
    in a fresh assessment, or it is signed off already)."""
    pupil, curriculum = _mentored(request, learner_id)
    row = level_services.sign_off_milestone(
        by=learner(request),
        learner=pupil,
        curriculum=curriculum,
        milestone=number,
        comment=payload.comment,
        now=now(),
    )
    return Status(201, _sign_off_out(row))
