"""Monthly activities and mock interviews: my activities (a month's or every month reached),
one activity, submitting its evidence; a mentor's sign-off or return; starting and scoring
an interview. The same services as the pages; another learner's activity is a 404 unless
the caller is a mentor (`assessment.sign_off_activity`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError

from skillpath.api.common import (
    READ_ERRORS,
    WRITE_ERRORS,
    Day,
    ErrorOut,
    Input,
    id_param,
    integer,
    learner,
    local_today,
    text,
)
from skillpath.assessment import activity_selectors as selectors
from skillpath.assessment import activity_services as services
from skillpath.assessment.activity_services import MAX_COMMENT, MAX_LINKS, MAX_NOTES, MAX_URL
from skillpath.assessment.interviews import LEVELS, MAX_DEPTH, QuestionMarks
from skillpath.assessment.models import Activity, Interview
from skillpath.planning import selectors as planning

router = Router()
ACTIVITY_ID = id_param("The activity's id, from `GET /api/activities`.")
INTERVIEW_ID = id_param("The interview's id, from `POST /api/activities/{id}/interviews`.")
Kind = Literal["code_review", "presentation", "pair_programming", "mock_interview"]
MONTH_LIMIT = 1000
MONTH_PATH = Path(..., ge=1, le=MONTH_LIMIT, description="A month of the plan.", examples=[1])


class ActivityOut(Schema):
    id: int
    month: int
    kind: str
    state: str
    links: list[str]
    notes: str
    done_on: date | None
    partner: str = Field(description="A platform user's name or the partner's name.")
    slides_url: str
    repository_url: str
    commit: str
    is_self_assessed: bool
    reviewer: str | None
    reviewer_comment: str
    submitted_at: datetime | None
    signed_off_at: datetime | None


Link = Annotated[str, Field(pattern=r"^[^\x00]*$", max_length=MAX_URL)]


class ActivityEvidenceIn(Input):
    links: list[Link] = Field(default_factory=list, max_length=MAX_LINKS)
    notes: str = text(MAX_NOTES, default="")
    done_on: Day | None = None
    partner: str = text(150, default="")
    slides_url: str = text(MAX_URL, default="")
    repository_url: str = text(MAX_URL, default="")
    commit: str = text(64, default="")


class ActivityCommentIn(Input):
    comment: str = text(MAX_COMMENT, default="")


class InterviewStartIn(Input):
    level: Literal["junior", "middle", "senior", "tech_lead"]


class InterviewQuestionOut(Schema):
    slug: str
    text: str
    points: list[str]


class InterviewOut(Schema):
    id: int
    activity_id: int
    level: str
    percent: float | None
    finished_at: datetime | None
    questions: list[InterviewQuestionOut] = Field(default_factory=list)


Point = integer(ge=0, le=9)
Depth = integer(ge=0, le=MAX_DEPTH)


class InterviewMarkIn(Input):
    ticked: list[Point] = Field(default_factory=list, max_length=10)  # type: ignore[valid-type]
    depth: Depth | None = None  # type: ignore[valid-type]


class InterviewScoreIn(Input):
    marks: dict[str, InterviewMarkIn] = Field(max_length=200)


def _out(activity: Activity) -> dict[str, Any]:
    partner = activity.partner_user.get_username() if activity.partner_user else ""
    return {
        "id": activity.pk,
        "month": activity.month,
        "kind": activity.kind,
        "state": activity.state,
        "links": list(activity.links or []),
        "notes": activity.notes,
        "done_on": activity.done_on,
        "partner": partner or activity.partner_name,
        "slides_url": activity.slides_url,
        "repository_url": activity.repository_url,
        "commit": activity.commit,
        "is_self_assessed": activity.is_self_assessed,
        "reviewer": activity.reviewer.get_username() if activity.reviewer else None,
        "reviewer_comment": activity.reviewer_comment,
        "submitted_at": activity.submitted_at,
        "signed_off_at": activity.signed_off_at,
    }


def _interview_out(interview: Interview, *, language: str = "en") -> dict[str, Any]:
    questions = []
    if interview.finished_at is None:
        found = selectors.interview_sets(interview.activity.curriculum).get(interview.level)
        for question in found.questions if found else ():
            questions.append(
                {
                    "slug": question.slug,
                    "text": question.text.get(language),
                    "points": [p.text.get(language) for p in question.points],
                }
            )
    return {
        "id": interview.pk,
        "activity_id": interview.activity_id,
        "level": interview.level,
        "percent": interview.percent,
        "finished_at": interview.finished_at,
        "questions": questions,
    }


def _activity(request: HttpRequest, activity_id: int) -> Activity:
    activity = selectors.activity_for(learner(request), activity_id)
    if activity is None:
        raise HttpError(404, _("No such activity."))
    return activity


def _enrolment(request: HttpRequest):  # type: ignore[no-untyped-def]
    enrolment = planning.current_enrolment(learner(request))
    if enrolment is None:
        raise HttpError(404, _("You are not enrolled."))
    return enrolment


@router.get(
    "/activities",
    response={200: list[ActivityOut], 404: ErrorOut, **READ_ERRORS},
    summary="My monthly activities",
    description="The activities of every month I have reached (or of `month`), four a month "
    "in the plan's order; a month with nothing recorded lists none.",
)
def list_activities(
    request: HttpRequest, month: int | None = Query(None, ge=1, le=MONTH_LIMIT)
) -> list[dict[str, Any]]:
    enrolment = _enrolment(request)
    months = selectors.months_reached(enrolment, local_today(learner(request)))
    if month is not None:
        months = tuple(m for m in months if m == month)
    rows = selectors.activities_of_months(learner(request), enrolment.curriculum, months)
    return [_out(a) for a in rows]


@router.get(
    "/activities/{activity_id}",
    response={200: ActivityOut, 404: ErrorOut, **READ_ERRORS},
    summary="One activity",
)
def get_activity(request: HttpRequest, activity_id: int = ACTIVITY_ID) -> dict[str, Any]:
    return _out(_activity(request, activity_id))


@router.put(
    "/activities/months/{month}/{kind}",
    response={200: ActivityOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Submit an activity's evidence",
    description="Stores the evidence of one of a reached month's activities and submits it "
    "for sign-off (again after a return). A rule it breaks is a 400 naming the field.",
)
def submit_activity(
    request: HttpRequest, kind: Kind, payload: ActivityEvidenceIn, month: int = MONTH_PATH
) -> dict[str, Any]:
    enrolment = _enrolment(request)
    if month not in selectors.months_reached(enrolment, local_today(learner(request))):
        raise HttpError(404, _("You have not reached this month."))
    activity = services.submit_activity(
        learner=learner(request),
        curriculum=enrolment.curriculum,
        month=month,
        kind=kind,
        evidence=services.EvidenceInput(**payload.model_dump()),
    )
    return _out(activity)


@router.post(
    "/activities/{activity_id}/sign-off",
    response={200: ActivityOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Sign off an activity (mentor)",
)
def sign_off(
    request: HttpRequest, payload: ActivityCommentIn, activity_id: int = ACTIVITY_ID
) -> dict[str, Any]:
    activity = services.sign_off_activity(
        activity=_activity(request, activity_id), reviewer=learner(request), comment=payload.comment
    )
    return _out(activity)


@router.post(
    "/activities/{activity_id}/return",
    response={200: ActivityOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Return an activity with a comment (mentor)",
)
def return_(
    request: HttpRequest, payload: ActivityCommentIn, activity_id: int = ACTIVITY_ID
) -> dict[str, Any]:
    activity = services.return_activity(
        activity=_activity(request, activity_id), reviewer=learner(request), comment=payload.comment
    )
    return _out(activity)


@router.post(
    "/activities/{activity_id}/self-assess",
    response={200: ActivityOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Sign off my own activity (only without a mentor)",
)
def self_assess(request: HttpRequest, activity_id: int = ACTIVITY_ID) -> dict[str, Any]:
    activity = services.self_assess_activity(
        activity=_activity(request, activity_id), learner=learner(request)
    )
    return _out(activity)


@router.post(
    "/activities/{activity_id}/interviews",
    response={201: InterviewOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Start a mock interview",
    description=f"Opens an interview from a level's set ({', '.join(LEVELS)}) for a mock "
    "interview activity; the answer lists the set's questions to ask.",
)
def start_interview(
    request: HttpRequest, payload: InterviewStartIn, activity_id: int = ACTIVITY_ID
) -> Status[Any]:
    interview = services.start_interview(
        activity=_activity(request, activity_id), interviewer=learner(request), level=payload.level
    )
    return Status(201, _interview_out(interview, language=(get_language() or "en")[:2]))


@router.post(
    "/interviews/{interview_id}/score",
    response={200: InterviewOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Score a mock interview",
    description="Marks per asked question slug: the indexes of the points the answer covered "
    f"and a depth 0-{MAX_DEPTH} (optional). Finishes the interview and submits its activity.",
)
def score_interview(
    request: HttpRequest, payload: InterviewScoreIn, interview_id: int = INTERVIEW_ID
) -> dict[str, Any]:
    interview = selectors.interview_for(learner(request), interview_id)
    if interview is None:
        raise HttpError(404, _("No such interview."))
    marks = {
        slug: QuestionMarks(ticked=frozenset(mark.ticked), depth=mark.depth)
        for slug, mark in payload.marks.items()
    }
    finished = services.finish_interview(
        interview=interview, interviewer=learner(request), marks=marks
    )
    return _interview_out(finished)
