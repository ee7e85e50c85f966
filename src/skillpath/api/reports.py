"""Report endpoints: the weekly report and the dashboard's data, read through
`tracking.selectors` in a fixed number of queries; "today" is the learner's local date.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from skillpath.api.common import (
    ENROLMENT_QUERY,
    READ_ERRORS,
    Day,
    ErrorOut,
    chosen_enrolment,
    learner,
    local_today,
)
from skillpath.api.curriculum import LANGUAGE_HEADER
from skillpath.api.tracking import TimerOut, timer_out
from skillpath.curriculum.models import TimeKind
from skillpath.tracking import selectors

router = Router()

WEEK_QUERY = Query(None, description="Any day of the week (default: this week).")


# --- Schemas -----------------------------------------------------------------------------


class KindMinutesOut(Schema):
    theory: int
    practice: int
    research: int


class SplitOut(Schema):
    kind: TimeKind
    minutes: int
    percent: float = Field(description="Share of the week's minutes.")
    target_percent: int | None = Field(description="The curriculum's target (30/50/20).")


class PracticeTheoryOut(Schema):
    practice_percent: float = Field(description="Practice and research together.")
    theory_percent: float
    target_practice_percent: int | None
    target_theory_percent: int | None


class WeeklyReportOut(Schema):
    week_on: date = Field(description="The week's Monday.")
    week_end: date = Field(description="The week's Sunday.")
    minutes_by_kind: KindMinutesOut
    split: list[SplitOut]
    practice_vs_theory: PracticeTheoryOut
    tense: Literal["past", "current", "future"] = Field(
        description="Where the week lies from the learner's today."
    )
    checked_through_on: date | None = Field(
        description="The last day `is_behind` holds the learner to: the Sunday of a past "
        "week, yesterday in the current week; null for a week ahead or on its Monday."
    )
    planned_minutes: int = Field(description="Planned for the week's study days.")
    planned_minutes_due: int = Field(
        description="Planned for the study days up to `checked_through_on`."
    )
    actual_minutes: int
    topics_planned: int = Field(
        description="The week's topics: those the current plan places on one of its days "
        "(the week's topics on Today)."
    )
    topics_planned_done: int = Field(description="Of them, finished by the week's end.")
    topics_due: int = Field(description="Of them, planned to end by `checked_through_on`.")
    topics_due_done: int = Field(description="Of the topics due, those finished.")
    topics_done: int = Field(description="Topics finished this week.")
    is_behind: bool = Field(
        description="Under 90% of `planned_minutes_due` logged, or a due topic not finished."
    )


class ProgressRowOut(Schema):
    number: int
    title: str
    done: int
    total: int
    percent: int


class BurnupOut(Schema):
    labels: list[date] = Field(description="The Monday of each week from the start.")
    planned: list[int] = Field(description="Topics due by each week's end in the first plan.")
    done: list[int | None] = Field(description="Topics done by each week's end; null ahead.")


class WeeklyHoursOut(Schema):
    labels: list[date] = Field(description="The Monday of each of the last 26 weeks.")
    theory: list[float]
    practice: list[float]
    research: list[float]


class HeatmapDayOut(Schema):
    day: date
    minutes: int


class ForecastOut(Schema):
    finish_on: date | None = Field(description="The likely finish.")
    earliest_on: date | None
    latest_on: date | None
    target_on: date | None
    basis: str = Field(description="`velocity` (the last four weeks), `plan`, or `done`.")
    hours_per_week: float
    efficiency: float = Field(description="Estimated hours finished per hour logged.")
    days_late: int | None
    is_late: bool


class DashboardOut(Schema):
    enrolment: int
    curriculum: str
    today: date
    overall: ProgressRowOut
    phases: list[ProgressRowOut]
    months: list[ProgressRowOut]
    burnup: BurnupOut
    weekly_hours: WeeklyHoursOut
    heatmap: list[HeatmapDayOut] = Field(description="Minutes per day over the last 53 weeks.")
    forecast: ForecastOut | None
    streak: int = Field(description="Days in a row with study, up to today or yesterday.")
    timer: TimerOut


# --- Shaping -----------------------------------------------------------------------------


def _row(row: selectors.ProgressRow) -> dict[str, Any]:
    return {
        "number": row.number,
        "title": row.title,
        "done": row.done,
        "total": row.total,
        "percent": row.percent,
    }


# --- Weekly report and dashboard ---------------------------------------------------------


@router.get(
    "/reports/week",
    response={200: WeeklyReportOut, 404: ErrorOut, **READ_ERRORS},
    summary="The weekly report",
    description="Hours by kind against the 30/50/20 split and the 70/30 approach, planned "
    "against actual time, topics planned against done: `skillpath report week --json`.",
)
def weekly_report(
    request: HttpRequest,
    week: Day | None = WEEK_QUERY,
    enrolment: int | None = ENROLMENT_QUERY,
) -> dict[str, Any]:
    user = learner(request)
    today = local_today(user)
    report = selectors.weekly_report_for(chosen_enrolment(user, enrolment), week or today, today)
    return report.as_dict()


@router.get(
    "/dashboard",
    response={200: DashboardOut, 404: ErrorOut, **READ_ERRORS},
    summary="The dashboard's data",
    description="Progress overall, by phase and by month; the burn-up series; weekly hours by "
    "kind; a year's heatmap; the finish forecast; the streak; the timer.",
    openapi_extra=LANGUAGE_HEADER,
)
def dashboard(request: HttpRequest, enrolment: int | None = ENROLMENT_QUERY) -> dict[str, Any]:
    user = learner(request)
    data = selectors.dashboard(chosen_enrolment(user, enrolment), local_today(user))
    forecast = data.forecast
    return {
        "enrolment": data.enrolment.pk,
        "curriculum": data.enrolment.curriculum.slug,
        "today": data.today,
        "overall": _row(data.overall),
        "phases": [_row(r) for r in data.phases],
        "months": [_row(r) for r in data.months],
        "burnup": data.burnup,
        "weekly_hours": data.weekly_hours,
        "heatmap": [{"day": day, "minutes": minutes} for day, minutes in data.heatmap],
        "forecast": None
        if forecast is None
        else {
            "finish_on": forecast.finish_on,
            "earliest_on": forecast.earliest_on,
            "latest_on": forecast.latest_on,
            "target_on": forecast.target_on,
            "basis": forecast.basis,
            "hours_per_week": forecast.hours_per_week,
            "efficiency": forecast.efficiency,
            "days_late": forecast.days_late,
            "is_late": forecast.is_late,
        },
        "streak": data.streak,
        "timer": timer_out(data.timer),
    }
