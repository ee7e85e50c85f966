"""Tracking endpoints: study sessions, the timer, topic status and evidence. Writes go through
`tracking.services`, reads through `tracking.selectors`; "today" is the learner's local date.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StrictBool, model_validator

from skillpath.api.common import (
    PAGE_QUERY,
    READ_ERRORS,
    WRITE_ERRORS,
    Day,
    ErrorOut,
    Input,
    Moment,
    Slug,
    current_or_404,
    id_param,
    integer,
    learner,
    local_today,
    now,
    page_size_query,
    session_or_404,
    text,
    topic_or_400,
    topic_or_404,
)
from skillpath.api.curriculum import LANGUAGE_HEADER, TopicRef
from skillpath.core import display
from skillpath.curriculum.models import TimeKind
from skillpath.people.selectors import time_zone_of
from skillpath.tracking import exports, resource_selectors, selectors, services
from skillpath.tracking.durations import MAX_LENGTH, MAX_SESSION_MINUTES, parse_duration
from skillpath.tracking.models import (
    EvidenceLink,
    StudySession,
    Timer,
    TopicProgress,
    TopicStatus,
)

router = Router()

SESSION_ID = id_param("The session's id, from `GET /api/sessions`.")
EVIDENCE_ID = id_param("The link's id, from `GET /api/topics/{topic_slug}/progress`.")
TOPIC_SLUG = Path(
    ..., description="A topic's slug in the current enrolment's curriculum.", examples=["git"]
)
PAGE_SIZE_QUERY = page_size_query("Sessions")


# --- Schemas -----------------------------------------------------------------------------


class SessionOut(Schema):
    id: int
    kind: TimeKind
    minutes: int
    started_at: datetime
    ended_at: datetime
    topic: TopicRef | None
    resource: str | None = Field(description="The slug of the resource it names, if any.")
    note: str
    created_at: datetime

    @staticmethod
    def resolve_resource(session: StudySession) -> str | None:
        named = session.resource or session.own_resource
        return named.slug if named else None


class SessionPageOut(Schema):
    items: list[SessionOut] = Field(description="Newest first.")
    page: int
    page_size: int
    has_next: bool = Field(description="Whether `page + 1` holds more sessions.")


class SessionIn(Input):
    """When it happened: `duration` or `minutes` (ending now, or on the day `on`, or from
    `started_at`), or `started_at` and `ended_at`."""

    kind: TimeKind
    duration: str | None = text(
        MAX_LENGTH,
        default=None,
        description="How long, as people type it: `90m`, `1h30m`, `1.5h`, `90`.",
    )
    minutes: integer(ge=1, le=MAX_SESSION_MINUTES) | None = Field(  # type: ignore[valid-type]
        None, description="How long, in minutes."
    )
    started_at: Moment | None = Field(None, description="With a time zone.")
    ended_at: Moment | None = Field(None, description="With a time zone; needs `started_at`.")
    on: Day | None = Field(
        None, description="The day of a duration without `started_at` (default: today)."
    )
    topic: Slug | None = Field(None, description="A topic's slug in the current curriculum.")
    resource: Slug | None = Field(
        None,
        description="The resource the time went to: the plan's or your own, by slug "
        "(`GET /api/resources`).",
    )
    note: str = text(2000, default="", description="What you did.")

    @model_validator(mode="after")
    def _one_way_to_say_when(self) -> SessionIn:
        has_duration = self.duration is not None or self.minutes is not None
        if self.duration is not None and self.minutes is not None:
            raise ValueError("Give `duration` or `minutes`, not both.")
        if self.ended_at is not None:
            if self.started_at is None:
                raise ValueError("`ended_at` needs `started_at`.")
            if has_duration:
                raise ValueError("Give `ended_at` or a duration, not both.")
        elif not has_duration:
            raise ValueError(
                "Give a duration (`duration` or `minutes`), or `started_at` and `ended_at`."
            )
        if self.on is not None and self.started_at is not None:
            raise ValueError("`on` is for a duration without `started_at`, which names its day.")
        return self


class SessionPatchIn(Input):
    """Only the fields given change. A new `started_at` alone moves the session, keeping its
    length; `ended_at` or a duration (`duration` or `minutes`) changes where it ends."""

    kind: TimeKind | None = None
    started_at: Moment | None = Field(None, description="With a time zone.")
    ended_at: Moment | None = Field(None, description="With a time zone.")
    duration: str | None = text(
        MAX_LENGTH, default=None, description="The new length: `90m`, `1h30m`, `1.5h`, `90`."
    )
    minutes: integer(ge=1, le=MAX_SESSION_MINUTES) | None = Field(  # type: ignore[valid-type]
        None, description="The new length, in minutes."
    )
    topic: Slug | None = Field(
        None, description="A topic's slug in the current curriculum; `null` clears it."
    )
    note: str | None = text(2000, default=None)

    @model_validator(mode="after")
    def _one_way_to_say_the_end(self) -> SessionPatchIn:
        given = [self.ended_at is not None, self.duration is not None, self.minutes is not None]
        if sum(given) > 1:
            raise ValueError("Give one of `ended_at`, `duration` or `minutes`.")
        return self


class TimerOut(Schema):
    is_running: bool
    kind: TimeKind | None
    topic: TopicRef | None
    started_at: datetime | None
    elapsed_minutes: int | None
    note: str


class TimerIn(Input):
    kind: TimeKind = TimeKind.PRACTICE
    topic: Slug | None = Field(None, description="A topic's slug in the current curriculum.")
    note: str = text(2000, default="", description="What you are doing.")


class TimerStopOut(Schema):
    is_logged: bool = Field(
        description="False when the timer ran under a minute or over a day; `detail` says which."
    )
    session: SessionOut | None = Field(description="The session the timer logged.")
    detail: str


class EvidenceOut(Schema):
    id: int
    url: str
    title: str
    is_public: bool = Field(description="Shown on your public progress page (when it is on).")
    created_at: datetime


class EvidenceIn(Input):
    url: str = text(
        500, description="A web address (http or https).", examples=["https://github.com/me/repo"]
    )
    title: str = text(200, default="")
    # Strict: JSON's true or false, not 0, 1 or "yes" (the schema says boolean).
    is_public: StrictBool = Field(False, description="Show it on your public progress page.")


class EvidencePatchIn(Input):
    is_public: StrictBool = Field(description="Show it on your public progress page, or hide it.")


class ProgressOut(Schema):
    topic: TopicRef
    status: TopicStatus
    started_on: date | None
    done_on: date | None
    notes: str
    evidence: list[EvidenceOut]


class ProgressIn(Input):
    status: TopicStatus
    notes: str | None = text(10_000, default=None, description="Left as they are when absent.")


# --- Shaping -----------------------------------------------------------------------------


def timer_out(timer: Timer | None) -> dict[str, Any]:
    if timer is None:
        return {
            "is_running": False,
            "kind": None,
            "topic": None,
            "started_at": None,
            "elapsed_minutes": None,
            "note": "",
        }
    return {
        "is_running": True,
        "kind": timer.kind,
        "topic": timer.topic,
        "started_at": timer.started_at,
        "elapsed_minutes": max(int((now() - timer.started_at).total_seconds() // 60), 0),
        "note": timer.note,
    }


def _progress(topic: Any, progress: TopicProgress | None) -> dict[str, Any]:
    if progress is None:
        return {
            "topic": topic,
            "status": TopicStatus.NOT_STARTED,
            "started_on": None,
            "done_on": None,
            "notes": "",
            "evidence": [],
        }
    return {
        "topic": topic,
        "status": progress.status,
        "started_on": progress.started_on,
        "done_on": progress.done_on,
        "notes": progress.notes,
        "evidence": progress.evidence.all(),
    }


# --- Sessions ----------------------------------------------------------------------------


@router.get(
    "/sessions",
    response={200: SessionPageOut, **READ_ERRORS},
    summary="My study sessions",
    description="Newest first, a page at a time.",
    openapi_extra=LANGUAGE_HEADER,
)
def list_sessions(
    request: HttpRequest,
    page: int = PAGE_QUERY,
    page_size: int = PAGE_SIZE_QUERY,
) -> dict[str, Any]:
    # One row past the page says whether there is a next one, without counting them all.
    rows = list(
        selectors.sessions(learner(request), limit=page_size + 1, offset=(page - 1) * page_size)
    )
    return {
        "items": rows[:page_size],
        "page": page,
        "page_size": page_size,
        "has_next": len(rows) > page_size,
    }


@router.post(
    "/sessions",
    response={201: SessionOut, **WRITE_ERRORS},
    summary="Log a study session",
    description="Refused (400, with a message) in the future, under a minute, or overlapping "
    "another session, which the message names. A topic it names is marked in progress.",
    openapi_extra=LANGUAGE_HEADER,
)
def log_session(request: HttpRequest, payload: SessionIn) -> Status[Any]:
    user = learner(request)
    minutes = payload.minutes
    if payload.duration is not None:
        minutes = parse_duration(payload.duration)
    session = services.log_session(
        learner=user,
        kind=payload.kind,
        now=now(),
        minutes=minutes,
        started_at=payload.started_at,
        ended_at=payload.ended_at,
        on=payload.on,
        topic=topic_or_400(user, payload.topic),
        note=payload.note,
        resource=_resource_or_400(user, payload.resource),
    )
    return Status(201, session)


def _resource_or_400(user: Any, slug: str | None) -> Any:
    """A resource named in a session's body: an unknown one is a 400 naming the field."""
    if slug is None:
        return None
    enrolment = current_or_404(user)
    try:
        return resource_selectors.find_resource(
            learner=user, curriculum_id=enrolment.curriculum_id, slug=slug
        )
    except resource_selectors.UnknownResourceError as exc:
        raise HttpError(400, f"resource: {exc}") from None


@router.delete(
    "/sessions/{session_id}",
    response={204: None, 404: ErrorOut, **WRITE_ERRORS},
    summary="Delete a study session",
)
def delete_session(request: HttpRequest, session_id: int = SESSION_ID) -> Status[Any]:
    user = learner(request)
    services.delete_session(learner=user, session=session_or_404(user, session_id))
    return Status(204, None)


@router.patch(
    "/sessions/{session_id}",
    response={200: SessionOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Edit a study session",
    description="Only the fields given change. Refused (400, with a message) for the same "
    "reasons as a new session: in the future, under a minute, over a day, or overlapping "
    "another session. Its minutes move to the day it now falls on.",
    openapi_extra=LANGUAGE_HEADER,
)
def edit_session(
    request: HttpRequest, payload: SessionPatchIn, session_id: int = SESSION_ID
) -> StudySession:
    user = learner(request)
    session = session_or_404(user, session_id)
    started_at = payload.started_at or session.started_at
    minutes = payload.minutes
    if payload.duration is not None:
        minutes = parse_duration(payload.duration)
    if payload.ended_at is not None:
        ended_at = payload.ended_at
    elif minutes is not None:
        ended_at = started_at + timedelta(minutes=minutes)
    else:
        ended_at = started_at + (session.ended_at - session.started_at)
    given = payload.model_fields_set
    return services.edit_session(
        learner=user,
        session=session,
        now=now(),
        kind=payload.kind or session.kind,
        started_at=started_at,
        ended_at=ended_at,
        topic=topic_or_400(user, payload.topic) if "topic" in given else session.topic,
        note=payload.note if payload.note is not None else session.note,
    )


@router.get(
    "/sessions.csv",
    response=READ_ERRORS,
    summary="My study sessions as CSV",
    description="Every session, oldest first, for a spreadsheet: UTF-8 with a byte-order mark; "
    "columns `date,started_at,ended_at,kind,minutes,topic,note`, times in ISO 8601 in your "
    "time zone, `topic` a slug. A cell that would start a formula (= + - @) starts with `'`.",
    openapi_extra={
        "responses": {
            200: {
                "description": "The CSV document, as an attachment.",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def export_sessions(request: HttpRequest) -> HttpResponse:
    user = learner(request)
    zone = time_zone_of(user)
    body = exports.sessions_csv(selectors.sessions_to_export(user), zone)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    filename = exports.export_filename(now().astimezone(zone).date().isoformat())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Timer -------------------------------------------------------------------------------


@router.get(
    "/timer",
    response={200: TimerOut, **READ_ERRORS},
    summary="The timer",
    openapi_extra=LANGUAGE_HEADER,
)
def get_timer(request: HttpRequest) -> dict[str, Any]:
    return timer_out(selectors.timer_of(learner(request)))


@router.post(
    "/timer/start",
    response={201: TimerOut, **WRITE_ERRORS},
    summary="Start the timer",
    description="Refused (400) while a timer runs. The timer survives restarts.",
    openapi_extra=LANGUAGE_HEADER,
)
def start_timer(request: HttpRequest, payload: TimerIn) -> Status[Any]:
    user = learner(request)
    timer = services.start_timer(
        learner=user,
        kind=payload.kind,
        now=now(),
        topic=topic_or_400(user, payload.topic),
        note=payload.note,
    )
    return Status(201, timer_out(timer))


@router.post(
    "/timer/stop",
    response={200: TimerStopOut, **WRITE_ERRORS},
    summary="Stop the timer and log its session",
    description="Refused (400) when no timer runs; under a minute or over a day (a session "
    "lasts at most a day), the timer stops and nothing is logged.",
    openapi_extra=LANGUAGE_HEADER,
)
def stop_timer(request: HttpRequest) -> dict[str, Any]:
    stopped = services.stop_timer(learner=learner(request), now=now())
    session = stopped.session
    if session is None:
        detail = stopped.not_logged
    else:
        detail = _("Logged %(time)s of %(kind)s.") % {
            "time": display.duration(session.minutes),
            "kind": TimeKind(session.kind).label.lower(),
        }
    return {"is_logged": session is not None, "session": session, "detail": detail}


# --- Topic status and evidence -----------------------------------------------------------


@router.get(
    "/topics/{topic_slug}/progress",
    response={200: ProgressOut, 404: ErrorOut, **READ_ERRORS},
    summary="My progress on a topic",
    openapi_extra=LANGUAGE_HEADER,
)
def get_progress(request: HttpRequest, topic_slug: str = TOPIC_SLUG) -> dict[str, Any]:
    user = learner(request)
    topic = topic_or_404(current_or_404(user), topic_slug)
    return _progress(topic, selectors.progress_of(user, topic))


@router.put(
    "/topics/{topic_slug}/progress",
    response={200: ProgressOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Set a topic's status and notes",
    description="Done and skipped topics keep their dates; the rest of the plan is laid out "
    "again from today.",
    openapi_extra=LANGUAGE_HEADER,
)
def set_progress(
    request: HttpRequest, payload: ProgressIn, topic_slug: str = TOPIC_SLUG
) -> dict[str, Any]:
    user = learner(request)
    topic = topic_or_404(current_or_404(user), topic_slug)
    services.set_topic_status(
        learner=user,
        topic=topic,
        status=payload.status,
        today=local_today(user),
        notes=payload.notes,
    )
    return _progress(topic, selectors.progress_of(user, topic))


@router.post(
    "/topics/{topic_slug}/evidence",
    response={201: EvidenceOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Add an evidence link to a topic",
    description="A repository, a post, a certificate: any http or https address. A link "
    "already on the topic is refused (400).",
)
def add_evidence(
    request: HttpRequest, payload: EvidenceIn, topic_slug: str = TOPIC_SLUG
) -> Status[Any]:
    user = learner(request)
    topic = topic_or_404(current_or_404(user), topic_slug)
    link = services.add_evidence(
        learner=user, topic=topic, url=payload.url, title=payload.title, is_public=payload.is_public
    )
    return Status(201, link)


def _evidence_or_404(user: Any, topic_slug: str, evidence_id: int) -> EvidenceLink:
    topic = topic_or_404(current_or_404(user), topic_slug)
    link = selectors.evidence_for(user, topic, evidence_id)
    if link is None:
        raise HttpError(
            404, _("This topic has no evidence link of yours with the id %s.") % evidence_id
        )
    return link


@router.patch(
    "/topics/{topic_slug}/evidence/{evidence_id}",
    response={200: EvidenceOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Show an evidence link on your public page, or hide it",
)
def set_evidence_public(
    request: HttpRequest,
    payload: EvidencePatchIn,
    topic_slug: str = TOPIC_SLUG,
    evidence_id: int = EVIDENCE_ID,
) -> EvidenceLink:
    user = learner(request)
    link = _evidence_or_404(user, topic_slug, evidence_id)
    return services.set_evidence_public(learner=user, link=link, is_public=payload.is_public)


@router.delete(
    "/topics/{topic_slug}/evidence/{evidence_id}",
    response={204: None, 404: ErrorOut, **WRITE_ERRORS},
    summary="Delete an evidence link",
)
def delete_evidence(
    request: HttpRequest, topic_slug: str = TOPIC_SLUG, evidence_id: int = EVIDENCE_ID
) -> Status[Any]:
    user = learner(request)
    services.delete_evidence(learner=user, link=_evidence_or_404(user, topic_slug, evidence_id))
    return Status(204, None)
