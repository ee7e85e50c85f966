"""Curriculum endpoints: thin, reading through `curriculum.selectors`."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from skillpath.curriculum import selectors
from skillpath.curriculum.models import Curriculum, Month, Topic

router = Router()


class CurriculumOut(Schema):
    slug: str
    version: str
    title: str
    subtitle: str
    target_level: str
    duration_months: list[int] | None
    hours_per_week: list[int] | None
    practice_percent: int | None
    theory_percent: int | None
    counts: dict[str, int]


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
    is_capstone: bool


class MilestoneOut(Schema):
    slug: str
    number: int
    text: str
    level: str


class MonthOut(Schema):
    slug: str
    number: int
    title: str
    goal: str
    blocks: list[BlockOut]
    practice: PracticeOut | None
    milestones: list[MilestoneOut]


class ProjectOut(Schema):
    slug: str
    number: int
    title: str
    summary: str


class PhaseOut(Schema):
    slug: str
    number: int
    title: str
    months: list[MonthOut]
    projects: list[ProjectOut]


class CurriculumTreeOut(CurriculumOut):
    phases: list[PhaseOut]


class TopicDetailOut(TopicOut):
    curriculum: str
    block: str
    month: int
    phase: int


class ErrorOut(Schema):
    detail: str


def _summary(curriculum: Curriculum, counts: dict[str, int]) -> dict[str, object]:
    c = curriculum
    return {
        "slug": c.slug,
        "version": c.version,
        "title": c.title,
        "subtitle": c.subtitle,
        "target_level": c.target_level,
        "duration_months": [c.duration_min_months, c.duration_max_months]
        if c.duration_min_months is not None else None,
        "hours_per_week": [c.hours_per_week_min, c.hours_per_week_max]
        if c.hours_per_week_min is not None else None,
        "practice_percent": c.practice_percent,
        "theory_percent": c.theory_percent,
        "counts": counts,
    }


def _topic(topic: Topic) -> dict[str, object]:
    return {
        "slug": topic.slug,
        "title": topic.title,
        "description": topic.description,
        "estimated_hours": float(topic.estimated_hours) if topic.estimated_hours is not None else None,
    }


def _month(month: Month, milestones: list) -> dict[str, object]:
    practice = getattr(month, "practice", None)
    return {
        "slug": month.slug,
        "number": month.number,
        "title": month.title,
        "goal": month.goal,
        "blocks": [
            {"slug": b.slug, "week_from": b.week_from, "week_to": b.week_to, "title": b.title,
             "topics": [_topic(t) for t in b.topics.all()]}
            for b in month.blocks.all()
        ],
        "practice": {"slug": practice.slug, "text": practice.text,
                     "is_capstone": practice.is_capstone} if practice else None,
        "milestones": [
            {"slug": ms.slug, "number": ms.number, "text": ms.text, "level": ms.level}
            for ms in milestones
        ],
    }


@router.get("/", response=list[CurriculumOut], summary="List curricula")
def list_curricula(request: HttpRequest) -> list[dict[str, object]]:
    counts = selectors.curriculum_counts()
    return [_summary(c, counts.get(c.pk, {})) for c in selectors.curricula()]


@router.get("/{slug}", response={200: CurriculumTreeOut, 404: ErrorOut},
            summary="One curriculum as a tree")
def get_curriculum(request: HttpRequest, slug: str) -> dict[str, object]:
    tree = selectors.roadmap(selectors.get_curriculum(slug))
    counts = selectors.curriculum_counts(tree.curriculum.pk).get(tree.curriculum.pk, {})
    return {
        **_summary(tree.curriculum, counts),
        "phases": [
            {
                "slug": p.slug, "number": p.number, "title": p.title,
                "months": [_month(mo, tree.milestones_by_month.get(mo.pk, []))
                           for mo in p.months.all()],
                "projects": [
                    {"slug": pr.slug, "number": pr.number, "title": pr.title,
                     "summary": pr.summary}
                    for pr in tree.projects_by_phase.get(p.pk, [])
                ],
            }
            for p in tree.phases
        ],
    }


@router.get("/{slug}/topics/{topic_slug}", response={200: TopicDetailOut, 404: ErrorOut},
            summary="One topic")
def get_topic(request: HttpRequest, slug: str, topic_slug: str) -> dict[str, object]:
    topic = selectors.topic_detail(selectors.get_curriculum(slug), topic_slug)
    return {
        **_topic(topic),
        "curriculum": slug,
        "block": topic.block.slug,
        "month": topic.block.month.number,
        "phase": topic.block.month.phase.number,
    }
