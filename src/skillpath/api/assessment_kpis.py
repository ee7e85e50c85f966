"""KPI endpoints: every KPI of the current enrolment's curriculum against the seed's target,
with its month-by-month series, and the entries of the KPIs entered by hand (docs/kpi.md).
Reads through `assessment.kpi_selectors`, writes through `assessment.kpi_services`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from skillpath.api.common import (
    READ_ERRORS,
    WRITE_ERRORS,
    Day,
    ErrorOut,
    Input,
    Slug,
    current_or_404,
    id_param,
    integer,
    learner,
    local_today,
    text,
)
from skillpath.api.curriculum import LANGUAGE_HEADER
from skillpath.assessment import kpi_selectors, kpi_services
from skillpath.assessment.kpi_sources import Aggregate, Source

router = Router()

ENTRY_ID = id_param("The entry's id, from `GET /api/kpis`.")


class KpiEntryOut(Schema):
    id: int
    kpi: str = Field(description="The KPI's slug.")
    amount: int
    happened_on: date
    title: str
    evidence_url: str | None
    notes: str
    created_at: datetime


class TargetOut(Schema):
    text: str = Field(description="The target as the plan states it, e.g. `3-5 certifications`.")
    min: float | None = Field(description="Its low end (`3`), or null when it states no number.")
    max: float | None = Field(description="Its high end (`5`), or null for none (`200+`).")


class KpiOut(Schema):
    slug: str
    name: str
    category: str
    source: Source = Field(
        description="`git` (scanned commits), `checks` (suites passed), `reviews` (reviews "
        "given on the platform; none is recorded yet) or `entered` (the learner's entries)."
    )
    aggregate: Aggregate = Field(
        description="`sum` of what happened, or the `latest` entry's amount (a rate)."
    )
    figure: float
    target: TargetOut
    percent: int | None = Field(description="Progress to the target's low end, 0..100.")
    series: list[float] = Field(description="The figure at the end of each month of `months`.")
    entries: list[KpiEntryOut] = Field(description="Newest first; entered KPIs only.")


class KpiBoardOut(Schema):
    months: list[date] = Field(description="First days of the months from enrolment to today.")
    kpis: list[KpiOut]


class KpiEntryIn(Input):
    kpi: Slug = Field(description="An entered KPI's slug, from `GET /api/kpis`.")
    title: str = text(kpi_services.MAX_TITLE, min_length=1)
    amount: integer(ge=1, le=kpi_services.MAX_AMOUNT) = 1  # type: ignore[valid-type]
    happened_on: Day | None = Field(None, description="When it happened (default: today).")
    evidence_url: str = text(
        kpi_services.MAX_URL, default="", description="An http(s) link to the evidence."
    )
    notes: str = text(kpi_services.MAX_NOTES, default="")


@router.get(
    "/kpis",
    response={200: KpiBoardOut, 404: ErrorOut, **READ_ERRORS},
    summary="Every KPI against its target",
    description="The current enrolment's curriculum's KPIs in the plan's order.",
    openapi_extra=LANGUAGE_HEADER,
)
def kpis(request: HttpRequest) -> Any:
    user = learner(request)
    enrolment = current_or_404(user)
    board = kpi_selectors.kpi_board(
        learner=user,
        curriculum=enrolment.curriculum,
        start_on=enrolment.start_on,
        today=local_today(user),
    )
    return kpi_selectors.kpi_board_document(board)


@router.post(
    "/kpis/entries",
    response={201: KpiEntryOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Add an entry to an entered KPI",
    description="Refused (400, naming the field) for a KPI that is not entered, a date in "
    "the future, or evidence that is not an http(s) link.",
    openapi_extra=LANGUAGE_HEADER,
)
def add_entry(request: HttpRequest, payload: KpiEntryIn) -> Status[Any]:
    user = learner(request)
    enrolment = current_or_404(user)
    today = local_today(user)
    entry = kpi_services.add_kpi_entry(
        learner=user,
        curriculum=enrolment.curriculum,
        kpi=payload.kpi,
        title=payload.title,
        amount=payload.amount,
        happened_on=payload.happened_on or today,
        today=today,
        evidence_url=payload.evidence_url,
        notes=payload.notes,
    )
    return Status(201, kpi_selectors.entry_document(entry))


@router.delete(
    "/kpis/entries/{entry_id}",
    response={204: None, 404: ErrorOut, **WRITE_ERRORS},
    summary="Delete a KPI entry",
)
def delete_entry(request: HttpRequest, entry_id: int = ENTRY_ID) -> Status[Any]:
    user = learner(request)
    entry = kpi_selectors.kpi_entry_for(learner=user, entry_id=entry_id)
    if entry is None:
        raise HttpError(404, _("No such entry."))
    kpi_services.delete_kpi_entry(learner=user, entry=entry)
    return Status(204, None)
