"""Planning endpoints: a learner's enrolments (with the private calendar URL), the dated plan
and today's work. Writes go through `planning.services`, reads through `planning.selectors`.

The calendar feed the URL points at is served by the web app, so that there is one of it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StrictFloat

from skillpath.api.common import (
    ENROLMENT_QUERY,
    READ_ERRORS,
    WRITE_ERRORS,
    Day,
    ErrorOut,
    Input,
    Slug,
    chosen_enrolment,
    enrolment_or_404,
    id_param,
    integer,
    learner,
    local_today,
)
from skillpath.api.curriculum import LANGUAGE_HEADER
from skillpath.api.tracking import TimerOut, timer_out
from skillpath.core.bounds import MAX_DAYS_OFF
from skillpath.curriculum import selectors as curricula
from skillpath.curriculum.models import Curriculum
from skillpath.planning import selectors, services
from skillpath.planning.models import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK, Enrolment, Pace
from skillpath.planning.selectors import PlannedItem
from skillpath.tracking.models import TopicStatus

router = Router()

ENROLMENT_ID = id_param("The enrolment's id, from `GET /api/enrolments`.")


# --- Schemas -----------------------------------------------------------------------------

# JSON `false` or `"1"` is not a weekday (see `integer`).
Weekday = integer(ge=0, le=6)


class DayOffIn(Input):
    start_on: Day
    end_on: Day = Field(description="Inclusive; the same day as `start_on` for a single day.")


class EnrolmentIn(Input):
    curriculum: Slug | None = Field(
        None, description="The curriculum's slug (default: the built-in one).", examples=["backend"]
    )
    start_on: Day | None = Field(None, description="The first day of study (default: today).")
    hours_per_week: StrictFloat = Field(
        20,
        ge=MIN_HOURS_PER_WEEK,
        le=MAX_HOURS_PER_WEEK,
        description="Study hours per week, rounded to a tenth.",
    )
    study_weekdays: list[Weekday] = Field(
        [0, 1, 2, 3, 4, 5],
        min_length=1,
        max_length=7,
        description="Days of the week to study on: 0 is Monday, 6 is Sunday.",
    )
    days_off: list[DayOffIn] = Field(
        [],
        max_length=MAX_DAYS_OFF,
        description="Days off and holidays: nothing is planned on them.",
    )
    pace: Pace = Field(
        Pace.MONTHS_18, description="The target: 18, 21 or 24 months, or `custom` (`target_on`)."
    )
    target_on: Day | None = Field(
        None,
        description="The target date of a custom pace; sent without `pace`, it makes "
        "the pace custom.",
    )


class CurriculumRef(Schema):
    slug: str
    title: str


class DayOffOut(Schema):
    start_on: date
    end_on: date


class EnrolmentOut(Schema):
    id: int
    curriculum: CurriculumRef
    is_current: bool = Field(
        description="The plan that `/api/plan`, `/api/today` and the rest show."
    )
    start_on: date
    hours_per_week: float
    study_weekdays: list[int] = Field(description="0 is Monday, 6 is Sunday.")
    days_off: list[DayOffOut]
    pace: Pace
    target_on: date
    created_at: datetime
    planned_at: datetime | None = Field(description="When the plan was last laid out.")
    calendar_url: str = Field(
        description="The plan as a private iCalendar feed: anyone with the URL can read it, so "
        "revoke it if it leaks."
    )


class PlanTopicOut(Schema):
    slug: str
    title: str
    month: int = Field(description="The month's number.")
    block: str = Field(description="The two-week block's slug.")
    start_on: date
    end_on: date
    baseline_end_on: date = Field(description="When the first plan of this enrolment had it due.")
    minutes: int = Field(description="Study time planned for it.")
    status: TopicStatus


class PlanBlockOut(Schema):
    slug: str
    title: str
    month: int
    week_from: int
    week_to: int
    start_on: date
    end_on: date
    minutes: int


class PlanMonthOut(Schema):
    number: int
    title: str
    start_on: date
    end_on: date
    minutes: int


class PlanOut(Schema):
    enrolment: int = Field(description="The enrolment's id.")
    curriculum: str = Field(description="The curriculum's slug.")
    start_on: date
    target_on: date
    planned_finish_on: date | None = Field(description="When the last topic is planned to end.")
    topics: list[PlanTopicOut] = Field(description="Every topic in the plan's order.")
    blocks: list[PlanBlockOut]
    months: list[PlanMonthOut]


class TodayOut(Schema):
    enrolment: int
    curriculum: str
    today: date = Field(description="Today in the learner's time zone.")
    week_on: date = Field(description="The Monday of this week.")
    today_topics: list[PlanTopicOut] = Field(description="Unfinished topics planned today.")
    week_topics: list[PlanTopicOut] = Field(description="Unfinished topics planned this week.")
    overdue: list[PlanTopicOut] = Field(description="Unfinished topics due before today.")
    timer: TimerOut
    is_study_day: bool = Field(description="Today is one of the plan's study days.")
    planned_minutes_today: int = Field(description="The plan's study time for today.")
    logged_minutes_today: int = Field(description="Minutes logged today, in the learner's day.")
    nothing_logged_today: bool = Field(
        description="A study day with nothing logged yet (the pages and the CLI nudge)."
    )


# --- Shaping -----------------------------------------------------------------------------


def _enrolment(request: HttpRequest, enrolment: Enrolment) -> dict[str, Any]:
    # The feed itself is a page of the web app (`web:calendar_feed`), which needs no sign-in.
    path = reverse("web:calendar_feed", kwargs={"token": enrolment.calendar_token})
    return {
        "id": enrolment.pk,
        "curriculum": enrolment.curriculum,
        "is_current": enrolment.is_current,
        "start_on": enrolment.start_on,
        "hours_per_week": float(enrolment.hours_per_week),
        "study_weekdays": sorted(enrolment.weekdays),
        "days_off": enrolment.days_off.all(),
        "pace": enrolment.pace,
        "target_on": enrolment.target_on,
        "created_at": enrolment.created_at,
        "planned_at": enrolment.planned_at,
        "calendar_url": request.build_absolute_uri(path),
    }


def _topic(item: PlannedItem) -> dict[str, Any]:
    topic, entry = item.topic, item.entry
    return {
        "slug": topic.slug,
        "title": topic.title,
        "month": topic.block.month.number,
        "block": topic.block.slug,
        "start_on": entry.start_on,
        "end_on": entry.end_on,
        "baseline_end_on": entry.baseline_end_on,
        "minutes": entry.minutes,
        "status": item.status,
    }


def _span(items: list[PlannedItem]) -> dict[str, Any]:
    return {
        "start_on": min(i.entry.start_on for i in items),
        "end_on": max(i.entry.end_on for i in items),
        "minutes": sum(i.entry.minutes for i in items),
    }


def _plan(enrolment: Enrolment, items: list[PlannedItem]) -> dict[str, Any]:
    by_block: dict[int, list[PlannedItem]] = {}
    by_month: dict[int, list[PlannedItem]] = {}
    for item in items:
        by_block.setdefault(item.topic.block_id, []).append(item)
        by_month.setdefault(item.topic.block.month_id, []).append(item)
    blocks = []
    for block_items in by_block.values():
        block = block_items[0].topic.block
        blocks.append(
            {
                "slug": block.slug,
                "title": block.title,
                "month": block.month.number,
                "week_from": block.week_from,
                "week_to": block.week_to,
                **_span(block_items),
            }
        )
    months = []
    for month_items in by_month.values():
        month = month_items[0].topic.block.month
        months.append({"number": month.number, "title": month.title, **_span(month_items)})
    return {
        "enrolment": enrolment.pk,
        "curriculum": enrolment.curriculum.slug,
        "start_on": enrolment.start_on,
        "target_on": enrolment.target_on,
        "planned_finish_on": max((i.entry.end_on for i in items), default=None),
        "topics": [_topic(i) for i in items],
        "blocks": blocks,
        "months": months,
    }


def _curriculum_or_400(slug: str | None) -> Curriculum:
    """The curriculum a request body names (a 400 if unknown), else the built-in one."""
    if slug:
        try:
            return curricula.get_curriculum(slug)
        except Http404:
            raise HttpError(400, _("No curriculum has the slug “%s”.") % slug) from None
    chosen = curricula.default_curriculum()
    if chosen is None:
        raise HttpError(400, _("There is no curriculum to enrol in yet."))
    return chosen


# --- Enrolments --------------------------------------------------------------------------


@router.get(
    "/enrolments",
    response={200: list[EnrolmentOut], **READ_ERRORS},
    summary="My enrolments",
    description="The current enrolment first, then the others from the oldest.",
    openapi_extra=LANGUAGE_HEADER,
)
def list_enrolments(request: HttpRequest) -> list[dict[str, Any]]:
    return [_enrolment(request, e) for e in selectors.enrolments(learner(request))]


@router.post(
    "/enrolments",
    response={200: EnrolmentOut, 201: EnrolmentOut, **WRITE_ERRORS},
    summary="Enrol, or change an enrolment",
    description="Enrol in a curriculum, or give new settings to the enrolment you have in it "
    "(200 then, 201 for a new one); a field left out keeps its current value (a new enrolment "
    "takes the defaults shown). Either way it becomes the current enrolment and the plan "
    "is laid out again from its start, with a new baseline.",
    openapi_extra=LANGUAGE_HEADER,
)
def enrol(request: HttpRequest, payload: EnrolmentIn) -> Status[Any]:
    user = learner(request)
    curriculum = _curriculum_or_400(payload.curriculum)
    is_new = all(e.curriculum_id != curriculum.pk for e in selectors.enrolments(user))
    # Only the fields the request sets change: the others keep the enrolment's values.
    sent = payload.model_dump(exclude_unset=True)
    given: dict[str, Any] = {}
    if sent.get("start_on") is not None:
        given["start_on"] = payload.start_on
    if "hours_per_week" in sent:
        given["hours_per_week"] = Decimal(str(round(payload.hours_per_week, 1)))
    if "study_weekdays" in sent:
        given["study_weekdays"] = frozenset(payload.study_weekdays)
    if "days_off" in sent:
        given["days_off"] = tuple((d.start_on, d.end_on) for d in payload.days_off)
    if "pace" in sent:
        given["pace"] = payload.pace
    if "target_on" in sent:
        given["target_on"] = payload.target_on
    enrolment = services.change_enrolment(
        learner=user, curriculum=curriculum, given=given, now=timezone.now()
    )
    return Status(201 if is_new else 200, _enrolment(request, enrolment))


@router.get(
    "/enrolments/{enrolment_id}",
    response={200: EnrolmentOut, 404: ErrorOut, **READ_ERRORS},
    summary="One of my enrolments",
    openapi_extra=LANGUAGE_HEADER,
)
def get_enrolment(request: HttpRequest, enrolment_id: int = ENROLMENT_ID) -> dict[str, Any]:
    return _enrolment(request, enrolment_or_404(learner(request), enrolment_id))


@router.post(
    "/enrolments/{enrolment_id}/make-current",
    response={200: EnrolmentOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Make an enrolment the current one",
    openapi_extra=LANGUAGE_HEADER,
)
def make_current(request: HttpRequest, enrolment_id: int = ENROLMENT_ID) -> dict[str, Any]:
    user = learner(request)
    services.make_current(enrolment=enrolment_or_404(user, enrolment_id))
    return _enrolment(request, enrolment_or_404(user, enrolment_id))


@router.post(
    "/enrolments/{enrolment_id}/revoke-calendar-token",
    response={200: EnrolmentOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Revoke the private calendar URL",
    description="The old URL stops working at once; the response holds the new one.",
    openapi_extra=LANGUAGE_HEADER,
)
def revoke_calendar_token(request: HttpRequest, enrolment_id: int = ENROLMENT_ID) -> dict[str, Any]:
    enrolment = enrolment_or_404(learner(request), enrolment_id)
    services.revoke_calendar_token(enrolment=enrolment)
    return _enrolment(request, enrolment)


# --- The plan ----------------------------------------------------------------------------


@router.get(
    "/plan",
    response={200: PlanOut, 404: ErrorOut, **READ_ERRORS},
    summary="The dated plan",
    description="Every topic with its planned dates, minutes and status, and the dates of each "
    "block and month.",
    openapi_extra=LANGUAGE_HEADER,
)
def plan(request: HttpRequest, enrolment: int | None = ENROLMENT_QUERY) -> dict[str, Any]:
    chosen = chosen_enrolment(learner(request), enrolment)
    return _plan(chosen, selectors.plan_items(chosen))


@router.get(
    "/today",
    response={200: TodayOut, 404: ErrorOut, **READ_ERRORS},
    summary="What to study today",
    description="Unfinished topics planned today and this week, the overdue ones, and the timer.",
    openapi_extra=LANGUAGE_HEADER,
)
def today(request: HttpRequest, enrolment: int | None = ENROLMENT_QUERY) -> dict[str, Any]:
    user = learner(request)
    view = selectors.today_view(chosen_enrolment(user, enrolment), local_today(user))
    return {
        "enrolment": view.enrolment.pk,
        "curriculum": view.enrolment.curriculum.slug,
        "today": view.today,
        "week_on": view.week_on,
        "today_topics": [_topic(i) for i in view.today_items],
        "week_topics": [_topic(i) for i in view.week_items],
        "overdue": [_topic(i) for i in view.overdue],
        "timer": timer_out(view.timer),
        "is_study_day": view.is_study_day,
        "planned_minutes_today": view.planned_minutes,
        "logged_minutes_today": view.logged_minutes,
        "nothing_logged_today": view.needs_nudge,
    }
