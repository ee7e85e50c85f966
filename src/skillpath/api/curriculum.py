"""Curriculum endpoints: read-only, thin, reading through `curriculum.selectors`.

Texts come in the language the request asks for with `Accept-Language` (LocaleMiddleware
activates it; the models' `Translated` fields read it, falling back to the other language).
"""

from __future__ import annotations

from typing import Any

from django.core.validators import slug_re
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.errors import HttpError

from skillpath.api.common import ErrorOut
from skillpath.curriculum import models as m
from skillpath.curriculum import selectors

router = Router()

# Documentation only: LocaleMiddleware reads the header, so Swagger UI gets a field for it.
LANGUAGE_HEADER: dict[str, Any] = {
    "parameters": [
        {
            "in": "header",
            "name": "Accept-Language",
            "required": False,
            "description": "`ru` or `en`; a text missing in that language comes in the other.",
            "schema": {"type": "string", "examples": ["en", "ru"]},
        }
    ]
}


def _slug_param(description: str, example: str) -> Any:
    return Path(..., description=description, examples=[example])


CURRICULUM_SLUG = _slug_param("The curriculum's slug, from `GET /api/curricula`.", "backend")
TOPIC_SLUG = _slug_param("The topic's slug, unique within its curriculum.", "git")


# --- Schemas -----------------------------------------------------------------------------


class RangeOut(Schema):
    min: int
    max: int


class CountsOut(Schema):
    phases: int
    months: int
    blocks: int
    topics: int
    practices: int
    milestones: int
    projects: int
    resources: int


class CurriculumOut(Schema):
    slug: str
    version: str
    is_builtin: bool
    title: str
    subtitle: str
    goal: str
    target_level: str
    duration_months: RangeOut | None = Field(description="How long the plan takes, in months.")
    hours_per_week: RangeOut | None = Field(description="Study time the plan expects, per week.")
    practice_percent: int | None
    theory_percent: int | None
    counts: CountsOut


class TopicOut(Schema):
    slug: str
    title: str
    description: str
    estimated_hours: float | None


class BlockOut(Schema):
    slug: str
    week_from: int
    week_to: int
    title: str
    topics: list[TopicOut]


class PracticeOut(Schema):
    slug: str
    text: str
    is_capstone: bool = Field(description="The plan's final project.")


class MilestoneOut(Schema):
    slug: str
    number: int
    text: str
    level: m.Level | None = Field(description="The level the milestone marks, when it names one.")

    @staticmethod
    def resolve_level(milestone: m.Milestone) -> str | None:
        return milestone.level or None


class MonthOut(Schema):
    slug: str
    number: int
    title: str
    goal: str
    blocks: list[BlockOut]
    practice: PracticeOut | None
    milestones: list[MilestoneOut] = Field(description="Milestones reached after this month.")


class ProjectOut(Schema):
    slug: str
    number: int
    title: str
    summary: str


class ResourceOut(Schema):
    slug: str
    kind: m.ResourceKind
    title: str
    category: str


class PhaseOut(Schema):
    slug: str
    number: int
    title: str
    months: list[MonthOut]
    projects: list[ProjectOut]
    resources: list[ResourceOut] = Field(description="Books for this phase.")


class CurriculumTreeOut(CurriculumOut):
    phases: list[PhaseOut]
    resources: list[ResourceOut] = Field(description="Courses and platforms for the whole plan.")


class PhaseRef(Schema):
    slug: str
    number: int
    title: str


class MonthRef(Schema):
    slug: str
    number: int
    title: str


class BlockRef(Schema):
    slug: str
    week_from: int
    week_to: int
    title: str


class TopicRef(Schema):
    slug: str
    title: str


class MaterialOut(Schema):
    slug: str = Field(description="Stable within its topic.")
    kind: str = Field(
        description="docs, spec, book, course, tutorial, article, video or interactive."
    )
    title: str
    url: str
    language: str = Field(description="The language the material is written in: ru or en.")
    minutes: int | None = Field(description="The time it asks for, where known.")


class TopicDetailOut(TopicOut):
    objectives: list[str] = Field(description="What the learner can do after the topic.")
    concepts: list[str] = Field(description="The key concepts of the topic.")
    exercise: str = Field(description="A short exercise to do on one's own machine.")
    materials: list[MaterialOut] = Field(description="Where to learn it, documentation first.")
    curriculum: str = Field(description="The curriculum's slug.")
    phase: PhaseRef
    month: MonthRef
    block: BlockRef
    previous: TopicRef | None = Field(description="The topic before this one in the plan.")
    next: TopicRef | None = Field(description="The topic after this one in the plan.")


# --- Access helpers: unknown slugs are a 404 whose `detail` names what was not found ------


def _is_slug(value: str) -> bool:
    # Nothing else can match a SlugField, and PostgreSQL refuses some strings outright
    # (a NUL byte is a DataError, so a 500), so those never reach the database.
    return bool(slug_re.match(value))


def _curriculum_or_404(slug: str) -> m.Curriculum:
    try:
        if _is_slug(slug):
            return selectors.get_curriculum(slug)
    except Http404:
        pass
    raise HttpError(404, _("No curriculum has the slug “%s”.") % slug)


def _topic_or_404(curriculum: m.Curriculum, slug: str) -> m.Topic:
    try:
        if _is_slug(slug):
            return selectors.topic_detail(curriculum, slug)
    except Http404:
        pass
    message = _("The curriculum “%(curriculum)s” has no topic with the slug “%(topic)s”.")
    raise HttpError(404, message % {"curriculum": curriculum.slug, "topic": slug})


# --- Shaping: ORM rows below a month are read by the schemas from their attributes --------


def _range(low: int | None, high: int | None) -> dict[str, int] | None:
    return None if low is None or high is None else {"min": low, "max": high}


def _summary(curriculum: m.Curriculum, counts: dict[str, int]) -> dict[str, Any]:
    c = curriculum
    return {
        "slug": c.slug,
        "version": c.version,
        "is_builtin": c.is_builtin,
        "title": c.title,
        "subtitle": c.subtitle,
        "goal": c.goal,
        "target_level": c.target_level,
        "duration_months": _range(c.duration_min_months, c.duration_max_months),
        "hours_per_week": _range(c.hours_per_week_min, c.hours_per_week_max),
        "practice_percent": c.practice_percent,
        "theory_percent": c.theory_percent,
        "counts": counts,
    }


def _tree_counts(tree: selectors.Roadmap) -> dict[str, int]:
    """The counts `selectors.curriculum_counts` gives, taken from the loaded tree instead."""
    months = tree.months
    blocks = [b for month in months for b in month.blocks.all()]
    return {
        "phases": len(tree.phases),
        "months": len(months),
        "blocks": len(blocks),
        "topics": sum(len(b.topics.all()) for b in blocks),
        "practices": sum(1 for month in months if getattr(month, "practice", None)),
        "milestones": sum(len(ms) for ms in tree.milestones_by_month.values()),
        "projects": sum(len(ps) for ps in tree.projects_by_phase.values()),
        "resources": sum(len(rs) for rs in tree.resources_by_phase.values()),
    }


def _month(month: m.Month, tree: selectors.Roadmap) -> dict[str, Any]:
    return {
        "slug": month.slug,
        "number": month.number,
        "title": month.title,
        "goal": month.goal,
        "blocks": month.blocks.all(),
        "practice": getattr(month, "practice", None),
        "milestones": tree.milestones_by_month.get(month.pk, []),
    }


def _phase(phase: m.Phase, tree: selectors.Roadmap) -> dict[str, Any]:
    return {
        "slug": phase.slug,
        "number": phase.number,
        "title": phase.title,
        "months": [_month(month, tree) for month in phase.months.all()],
        "projects": tree.projects_by_phase.get(phase.pk, []),
        "resources": tree.resources_by_phase.get(phase.pk, []),
    }


# --- Endpoints ---------------------------------------------------------------------------


@router.get(
    "",
    response=list[CurriculumOut],
    summary="List curricula",
    description="Every curriculum, the built-in one first, with how many items each holds.",
    openapi_extra=LANGUAGE_HEADER,
)
def list_curricula(request: HttpRequest) -> list[dict[str, Any]]:
    counts = selectors.curriculum_counts()
    # A curriculum with no items at all has no row in `counts`.
    no_items = dict.fromkeys(selectors.COUNTED, 0)
    return [_summary(c, counts.get(c.pk, no_items)) for c in selectors.curricula()]


@router.get(
    "/{slug}",
    response={200: CurriculumTreeOut, 404: ErrorOut},
    summary="One curriculum as a tree",
    description="Phases → months (practice, milestones) → two-week blocks → topics, with the "
    "projects and books of each phase and the courses and platforms of the whole plan.",
    openapi_extra=LANGUAGE_HEADER,
)
def get_curriculum(request: HttpRequest, slug: str = CURRICULUM_SLUG) -> dict[str, Any]:
    tree = selectors.roadmap(_curriculum_or_404(slug))
    return {
        **_summary(tree.curriculum, _tree_counts(tree)),
        "phases": [_phase(phase, tree) for phase in tree.phases],
        "resources": tree.resources_by_phase.get(None, []),
    }


@router.get(
    "/{slug}/topics/{topic_slug}",
    response={200: TopicDetailOut, 404: ErrorOut},
    summary="One topic",
    description="A topic, where it sits in the plan, and the topics before and after it.",
    openapi_extra=LANGUAGE_HEADER,
)
def get_topic(
    request: HttpRequest, slug: str = CURRICULUM_SLUG, topic_slug: str = TOPIC_SLUG
) -> dict[str, Any]:
    curriculum = _curriculum_or_404(slug)
    topic = _topic_or_404(curriculum, topic_slug)
    prefetch_related_objects([topic], "points", "materials")
    previous, following = selectors.topic_neighbours(topic)
    return {
        "slug": topic.slug,
        "title": topic.title,
        "description": topic.description,
        "estimated_hours": topic.estimated_hours,
        "objectives": [p.text for p in topic.objectives],
        "concepts": [p.text for p in topic.concepts],
        "exercise": topic.exercise,
        "materials": [
            {
                "slug": mat.slug_in_topic(topic.slug),
                "kind": mat.kind,
                "title": mat.title,
                "url": mat.url,
                "language": mat.language,
                "minutes": mat.minutes,
            }
            for mat in topic.materials.all()
        ],
        "curriculum": curriculum.slug,
        "phase": topic.block.month.phase,
        "month": topic.block.month,
        "block": topic.block,
        "previous": previous,
        "next": following,
    }
