"""Resource endpoints: the plan's resources and the learner's own with progress, a part
marked done or not, the learner's own resources (create, change, delete) and the
certifications planned and earned. Reads through `tracking.resource_selectors`, writes
through `tracking.resource_services` (each in a transaction); another learner's own
resource is a 404."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StrictBool

from skillpath.api.common import (
    READ_ERRORS,
    WRITE_ERRORS,
    Day,
    ErrorOut,
    Input,
    Slug,
    current_or_404,
    find_topic,
    id_param,
    integer,
    learner,
    local_today,
    text,
)
from skillpath.api.curriculum import LANGUAGE_HEADER, TopicRef
from skillpath.curriculum.models import PartKind, ResourceKind
from skillpath.planning.models import Enrolment
from skillpath.tracking import resource_selectors as selectors
from skillpath.tracking import resource_services as services
from skillpath.tracking.models import LearnerResource

router = Router()

RESOURCE_SLUG = Path(
    ...,
    description="A resource's slug: the plan's (from `GET /api/resources`) or one of your own.",
    examples=["designing-data-intensive-applications"],
    pattern=r"^[-a-zA-Z0-9_]+$",
    max_length=100,
)
PART_SLUG = Path(
    ...,
    description="A part's slug within its resource (`chapter-1`, `module-2`, `part-3`).",
    examples=["chapter-1"],
    pattern=r"^[-a-zA-Z0-9_]+$",
    max_length=100,
)
CERTIFICATION_SLUG = Path(
    ...,
    description="A certification's slug, from `GET /api/certifications`.",
    examples=["cka"],
    pattern=r"^[-a-zA-Z0-9_]+$",
    max_length=100,
)
RESOURCE_ID = id_param("Your own resource's id, from `GET /api/resources`.")


# --- Schemas -----------------------------------------------------------------------------


class PartOut(Schema):
    slug: str = Field(description="Its slug within the resource.")
    kind: PartKind
    title: str
    group: str = Field(description="The larger division it sits in (a book's part), or ''.")
    pages: int | None
    weight: int | None = Field(description="An exam domain's share of the exam, in percent.")
    certification: str | None = Field(description="The certification an exam domain is of.")
    is_done: bool
    done_on: date | None


class ResourceProgressOut(Schema):
    slug: str
    kind: ResourceKind
    title: str
    is_own: bool = Field(description="One of your own resources (only you see it).")
    id: int | None = Field(description="Your own resource's id; null for the plan's.")
    phase: int | None = Field(description="The plan's phase; null for the whole programme.")
    url: str
    parts_total: int
    parts_done: int
    pages_total: int
    pages_read: int
    minutes: int = Field(description="The minutes of your sessions naming the resource.")


class CertificationRef(Schema):
    slug: str
    title: str
    status: str = Field(description="`none`, `planned` or `earned`.")


class ResourceProgressDetailOut(ResourceProgressOut):
    authors: list[str]
    topics: list[TopicRef]
    parts: list[PartOut]
    certifications: list[CertificationRef]


class PartDoneIn(Input):
    is_done: StrictBool = Field(description="`true` marks the part done today; `false` not.")


class OwnPartIn(Input):
    title: str = text(200, min_length=1)
    pages: integer(ge=1, le=5000) | None = None  # type: ignore[valid-type]
    kind: PartKind = PartKind.CHAPTER


class OwnResourceIn(Input):
    title: str = text(200, min_length=1)
    kind: ResourceKind
    url: str = text(500, default="", description="An http or https address, or ''.")
    topic: Slug | None = Field(None, description="A topic's slug in the current curriculum.")
    parts: list[OwnPartIn] = Field(
        default_factory=list, max_length=services.MAX_OWN_PARTS, description="In order."
    )


class OwnResourcePatchIn(Input):
    """Only the fields given change; `parts`, when given, replaces the parts (matched by
    place, so the ticks on the parts that stay are kept)."""

    title: str | None = text(200, default=None, min_length=1)
    kind: ResourceKind | None = None
    url: str | None = text(500, default=None)
    topic: Slug | None = None
    parts: list[OwnPartIn] | None = Field(None, max_length=services.MAX_OWN_PARTS)


class CertificationOut(Schema):
    slug: str
    title: str
    resource: str = Field(description="The slug of the resource that leads to it.")
    url: str
    status: str = Field(description="`none`, `planned` or `earned`.")
    target_on: date | None
    earned_on: date | None
    evidence_url: str | None


class CertificationIn(Input):
    """Planned: a target date (or none). Earned: `earned_on` and `evidence_url`."""

    target_on: Day | None = None
    earned_on: Day | None = Field(None, description="Not in the future; needs `evidence_url`.")
    evidence_url: str = text(500, default="", description="The certificate or the badge.")


# --- Shaping -----------------------------------------------------------------------------


def _summary(row: selectors.ResourceProgress, phase: int | None) -> dict[str, Any]:
    resource = row.resource
    return {
        "slug": resource.slug,
        "kind": resource.kind,
        "title": str(resource.title),
        "is_own": row.is_own,
        "id": resource.pk if row.is_own else None,
        "phase": phase,
        "url": resource.url,
        "parts_total": row.parts_total,
        "parts_done": row.parts_done,
        "pages_total": row.pages_total,
        "pages_read": row.pages_done,
        "minutes": row.minutes,
    }


def _detail(page: selectors.ResourcePage) -> dict[str, Any]:
    resource = page.resource
    phase = getattr(resource, "phase", None)
    certification_slugs = {c.certification.pk: c.certification.slug for c in page.certifications}
    return {
        **_summary(page.progress, phase.number if phase else None),
        "authors": list(getattr(resource, "authors", [])),
        "topics": page.topics,
        "parts": [
            {
                "slug": row.slug,
                "kind": row.part.kind,
                "title": str(row.part.title),
                "group": str(getattr(row.part, "group", "") or ""),
                "pages": row.part.pages,
                "weight": getattr(row.part, "weight", None),
                "certification": certification_slugs.get(
                    getattr(row.part, "certification_id", None) or 0
                ),
                "is_done": row.is_done,
                "done_on": row.done_on,
            }
            for row in page.progress.parts
        ],
        "certifications": [
            {"slug": c.certification.slug, "title": str(c.certification.title), "status": c.status}
            for c in page.certifications
        ],
    }


def _certification(row: selectors.CertificationRow) -> dict[str, Any]:
    goal = row.goal
    return {
        "slug": row.certification.slug,
        "title": str(row.certification.title),
        "resource": row.certification.resource.slug,
        "url": row.certification.url,
        "status": row.status,
        "target_on": goal.target_on if goal else None,
        "earned_on": goal.earned_on if goal else None,
        "evidence_url": (goal.evidence_url or None) if goal else None,
    }


def _page_or_404(user: Any, enrolment: Enrolment, slug: str) -> selectors.ResourcePage:
    try:
        found = selectors.find_resource(
            learner=user, curriculum_id=enrolment.curriculum_id, slug=slug
        )
    except selectors.UnknownResourceError as exc:
        raise HttpError(404, str(exc)) from None
    if isinstance(found, LearnerResource):
        own = selectors.own_resource_for(user, found.pk)
        assert own is not None
        return selectors.own_resource_page(learner=user, resource=own)
    return selectors.resource_page(learner=user, curriculum=enrolment.curriculum, slug=slug)


def _own_or_404(user: Any, resource_id: int) -> LearnerResource:
    found = selectors.own_resource_for(user, resource_id)
    if found is None:
        raise HttpError(404, _("You have no resource of your own with the id %s.") % resource_id)
    return found


def _topic_or_400(enrolment: Enrolment, slug: str | None) -> Any:
    if slug is None:
        return None
    topic = find_topic(enrolment, slug)
    if topic is None:
        raise HttpError(
            400, _("topic: the curriculum has no topic with the slug “%(slug)s”.") % {"slug": slug}
        )
    return topic


def _parts(parts: list[OwnPartIn]) -> list[services.PartInput]:
    return [services.PartInput(p.title, p.pages, p.kind) for p in parts]


# --- Resources ---------------------------------------------------------------------------


@router.get(
    "/resources",
    response={200: list[ResourceProgressOut], 404: ErrorOut, **READ_ERRORS},
    summary="The resources with my progress",
    description="The current curriculum's books, courses and platforms in the plan's order "
    "(by phase, those for the whole programme last), then your own: parts done, pages read "
    "and minutes logged on each.",
    openapi_extra=LANGUAGE_HEADER,
)
def list_resources(request: HttpRequest) -> list[dict[str, Any]]:
    user = learner(request)
    enrolment = current_or_404(user)
    board = selectors.resource_board(learner=user, curriculum=enrolment.curriculum)
    rows = [
        _summary(row, phase.phase.number if phase.phase else None)
        for phase in board.phases
        for row in phase.resources
    ]
    return rows + [_summary(row, None) for row in board.own]


@router.get(
    "/resources/{resource_slug}",
    response={200: ResourceProgressDetailOut, 404: ErrorOut, **READ_ERRORS},
    summary="A resource with its parts and my progress",
    openapi_extra=LANGUAGE_HEADER,
)
def get_resource(request: HttpRequest, resource_slug: str = RESOURCE_SLUG) -> dict[str, Any]:
    user = learner(request)
    return _detail(_page_or_404(user, current_or_404(user), resource_slug))


@router.put(
    "/resources/{resource_slug}/parts/{part_slug}",
    response={200: PartOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Mark a part done or not done",
    description="Done today (a part already done keeps its date), or not done.",
    openapi_extra=LANGUAGE_HEADER,
)
def set_part(
    request: HttpRequest,
    payload: PartDoneIn,
    resource_slug: str = RESOURCE_SLUG,
    part_slug: str = PART_SLUG,
) -> dict[str, Any]:
    user = learner(request)
    page = _page_or_404(user, current_or_404(user), resource_slug)
    row = next((r for r in page.progress.parts if r.slug == part_slug), None)
    if row is None:
        raise HttpError(
            404,
            _("The resource “%(resource)s” has no part “%(part)s”.")
            % {"resource": resource_slug, "part": part_slug},
        )
    done = services.set_part_done(
        learner=user, part=row.part, is_done=payload.is_done, today=local_today(user)
    )
    row.done_on = done.done_on if done else None
    return _detail(
        selectors.ResourcePage(selectors.ResourceProgress(page.resource, [row]), [], [])
    )["parts"][0]


# --- The learner's own resources ---------------------------------------------------------


@router.post(
    "/my-resources",
    response={201: ResourceProgressDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Add a resource of my own",
    description="A course you prefer, a book the plan does not name: attached to a topic, "
    "tracked like the plan's, seen only by you. Its slug (from the title) names it in "
    "`skillpath log --resource` and in these paths.",
    openapi_extra=LANGUAGE_HEADER,
)
def add_own_resource(request: HttpRequest, payload: OwnResourceIn) -> Status[Any]:
    user = learner(request)
    enrolment = current_or_404(user)
    resource = services.add_own_resource(
        learner=user,
        curriculum=enrolment.curriculum,
        title=payload.title,
        kind=payload.kind,
        url=payload.url,
        topic=_topic_or_400(enrolment, payload.topic),
        parts=_parts(payload.parts),
    )
    own = _own_or_404(user, resource.pk)
    return Status(201, _detail(selectors.own_resource_page(learner=user, resource=own)))


@router.patch(
    "/my-resources/{resource_id}",
    response={200: ResourceProgressDetailOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Change a resource of my own",
    openapi_extra=LANGUAGE_HEADER,
)
def edit_own_resource(
    request: HttpRequest, payload: OwnResourcePatchIn, resource_id: int = RESOURCE_ID
) -> dict[str, Any]:
    user = learner(request)
    found = _own_or_404(user, resource_id)
    enrolment = current_or_404(user)
    given = payload.model_fields_set
    services.edit_own_resource(
        learner=user,
        resource=found,
        title=payload.title if payload.title is not None else found.title,
        kind=payload.kind or found.kind,
        url=payload.url if payload.url is not None else found.url,
        topic=_topic_or_400(enrolment, payload.topic) if "topic" in given else found.topic,
        parts=_parts(payload.parts) if payload.parts is not None else None,
    )
    own = _own_or_404(user, resource_id)
    return _detail(selectors.own_resource_page(learner=user, resource=own))


@router.delete(
    "/my-resources/{resource_id}",
    response={204: None, 404: ErrorOut, **WRITE_ERRORS},
    summary="Delete a resource of my own",
    description="With its parts and your ticks; your sessions stay, naming no resource.",
)
def delete_own_resource(request: HttpRequest, resource_id: int = RESOURCE_ID) -> Status[Any]:
    user = learner(request)
    services.delete_own_resource(learner=user, resource=_own_or_404(user, resource_id))
    return Status(204, None)


# --- Certifications ----------------------------------------------------------------------


@router.get(
    "/certifications",
    response={200: list[CertificationOut], 404: ErrorOut, **READ_ERRORS},
    summary="The certifications the plan leads to, with my plans",
    description="Earned ones count towards the KPI “certifications” (`GET /api/kpis`).",
    openapi_extra=LANGUAGE_HEADER,
)
def list_certifications(request: HttpRequest) -> list[dict[str, Any]]:
    user = learner(request)
    enrolment = current_or_404(user)
    rows = selectors.certification_rows(learner=user, curriculum=enrolment.curriculum)
    return [_certification(row) for row in rows]


def _certification_or_404(enrolment: Enrolment, slug: str) -> Any:
    found = selectors.certification_for(curriculum=enrolment.curriculum, slug=slug)
    if found is None:
        raise HttpError(404, _("The plan has no certification “%(slug)s”.") % {"slug": slug})
    return found


@router.put(
    "/certifications/{certification_slug}",
    response={200: CertificationOut, 404: ErrorOut, **WRITE_ERRORS},
    summary="Plan a certification or record it earned",
    description="Refused (400) when earned in the future or without an evidence link.",
    openapi_extra=LANGUAGE_HEADER,
)
def set_certification(
    request: HttpRequest, payload: CertificationIn, certification_slug: str = CERTIFICATION_SLUG
) -> dict[str, Any]:
    user = learner(request)
    found = _certification_or_404(current_or_404(user), certification_slug)
    goal = services.set_certification_goal(
        learner=user,
        certification=found,
        today=local_today(user),
        target_on=payload.target_on,
        earned_on=payload.earned_on,
        evidence_url=payload.evidence_url,
    )
    return _certification(selectors.CertificationRow(found, goal, []))


@router.delete(
    "/certifications/{certification_slug}",
    response={204: None, 404: ErrorOut, **WRITE_ERRORS},
    summary="Forget my plan for a certification",
)
def drop_certification(
    request: HttpRequest, certification_slug: str = CERTIFICATION_SLUG
) -> Status[Any]:
    user = learner(request)
    found = _certification_or_404(current_or_404(user), certification_slug)
    services.drop_certification_goal(learner=user, certification=found)
    return Status(204, None)
