"""Reads of the curriculum, shaped for pages, the API and the exporters.

Each selector runs a fixed number of queries however large the curriculum is.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from skillpath.core.errors import DomainError
from skillpath.curriculum import models as m
from skillpath.curriculum.plan import (
    ActivityDoc,
    BlockDoc,
    CareerTrackDoc,
    CertificationDoc,
    CurriculumDoc,
    KpiCategoryDoc,
    KpiDoc,
    LevelCheckDoc,
    MaterialDoc,
    MilestoneDoc,
    MonthDoc,
    NextStepDoc,
    PhaseDoc,
    PracticeDoc,
    ProjectDoc,
    ResourceDoc,
    ResourcePartDoc,
    SkillCategoryDoc,
    Text,
    TopicDoc,
    WeeklyTargetDoc,
)


def _t(obj: Any, name: str) -> Text:
    return Text(ru=getattr(obj, f"{name}_ru"), en=getattr(obj, f"{name}_en"))


def curricula() -> QuerySet[m.Curriculum]:
    """All curricula, the built-in one first."""
    return m.Curriculum.objects.order_by("-is_builtin", "slug")


def default_curriculum() -> m.Curriculum | None:
    return curricula().first()


def get_curriculum(slug: str) -> m.Curriculum:
    return get_object_or_404(m.Curriculum, slug=slug)


@dataclass
class Roadmap:
    """A curriculum's whole tree, loaded in a fixed number of queries."""

    curriculum: m.Curriculum
    phases: list[m.Phase]
    milestones_by_month: dict[int, list[m.Milestone]] = field(default_factory=dict)
    projects_by_phase: dict[int, list[m.Project]] = field(default_factory=dict)
    resources_by_phase: dict[int | None, list[m.Resource]] = field(default_factory=dict)

    @property
    def months(self) -> list[m.Month]:
        return [month for phase in self.phases for month in phase.months.all()]

    @property
    def topic_count(self) -> int:
        return sum(len(b.topics.all()) for month in self.months for b in month.blocks.all())


def roadmap(curriculum: m.Curriculum) -> Roadmap:
    """Phases → months (with practice) → blocks → topics, plus milestones, projects, resources."""
    phases = list(
        m.Phase.objects.filter(curriculum=curriculum).prefetch_related(
            Prefetch(
                "months",
                queryset=m.Month.objects.select_related("practice").prefetch_related(
                    Prefetch("blocks", queryset=m.Block.objects.prefetch_related("topics"))
                ),
            )
        )
    )
    milestones: dict[int, list[m.Milestone]] = defaultdict(list)
    for milestone in m.Milestone.objects.filter(curriculum=curriculum):
        milestones[milestone.after_month_id].append(milestone)
    projects: dict[int, list[m.Project]] = defaultdict(list)
    for project in m.Project.objects.filter(curriculum=curriculum):
        projects[project.phase_id].append(project)
    resources: dict[int | None, list[m.Resource]] = defaultdict(list)
    for resource in m.Resource.objects.filter(curriculum=curriculum):
        resources[resource.phase_id].append(resource)
    return Roadmap(curriculum, phases, dict(milestones), dict(projects), dict(resources))


def month_detail(curriculum: m.Curriculum, number: int) -> m.Month:
    return get_object_or_404(
        m.Month.objects.select_related("phase", "practice").prefetch_related(
            Prefetch("blocks", queryset=m.Block.objects.prefetch_related("topics")),
            "milestones",
        ),
        curriculum=curriculum,
        number=number,
    )


def topic_detail(curriculum: m.Curriculum, slug: str) -> m.Topic:
    return get_object_or_404(
        m.Topic.objects.select_related("block__month__phase"), curriculum=curriculum, slug=slug
    )


def topic_neighbours(topic: m.Topic) -> tuple[m.Topic | None, m.Topic | None]:
    """The topics just before and after `topic` in the plan's order."""
    qs = m.Topic.objects.filter(curriculum_id=topic.curriculum_id)
    previous = qs.filter(position__lt=topic.position).order_by("-position").first()
    following = qs.filter(position__gt=topic.position).order_by("position").first()
    return previous, following


@dataclass
class Policy:
    """What the assessment page shows: the time split, activities, level checks, KPIs..."""

    curriculum: m.Curriculum
    weekly_targets: list[m.WeeklyTarget]
    activities: list[m.MonthlyActivity]
    level_checks: list[m.LevelCheck]
    milestones: list[m.Milestone]
    kpi_categories: list[m.KpiCategory]
    career_tracks: list[m.CareerTrack]
    skill_categories: list[m.SkillCategory]
    next_steps: list[m.NextStep]


def assessment_policy(curriculum: m.Curriculum) -> Policy:
    scope = {"curriculum": curriculum}
    return Policy(
        curriculum=curriculum,
        weekly_targets=list(m.WeeklyTarget.objects.filter(**scope)),
        activities=list(m.MonthlyActivity.objects.filter(**scope)),
        level_checks=list(m.LevelCheck.objects.filter(**scope)),
        milestones=list(m.Milestone.objects.filter(**scope).select_related("after_month")),
        kpi_categories=list(m.KpiCategory.objects.filter(**scope).prefetch_related("kpis")),
        career_tracks=list(m.CareerTrack.objects.filter(**scope).prefetch_related("roles")),
        skill_categories=list(m.SkillCategory.objects.filter(**scope).prefetch_related("skills")),
        next_steps=list(m.NextStep.objects.filter(**scope)),
    )


def projects(curriculum: m.Curriculum) -> list[m.Phase]:
    """Phases with their projects and resources, for the projects page."""
    return list(
        m.Phase.objects.filter(curriculum=curriculum).prefetch_related("projects", "resources")
    )


def curriculum_doc(curriculum: m.Curriculum) -> CurriculumDoc:
    """The curriculum as plain data, for export and for merging a new import."""
    tree = roadmap(curriculum)
    policy = assessment_policy(curriculum)
    study = _topic_study(curriculum)
    c = curriculum
    phase_numbers = {p.pk: p.number for p in tree.phases}
    month_numbers = {mo.pk: mo.number for mo in tree.months}
    return CurriculumDoc(
        slug=c.slug,
        version=c.version,
        title=_t(c, "title"),
        subtitle=_t(c, "subtitle"),
        goal=_t(c, "goal"),
        target_level=_t(c, "target_level"),
        duration_months=_pair(c.duration_min_months, c.duration_max_months),
        hours_per_week=_pair(c.hours_per_week_min, c.hours_per_week_max),
        practice_percent=c.practice_percent,
        theory_percent=c.theory_percent,
        phases=tuple(
            PhaseDoc(
                p.slug,
                p.number,
                _t(p, "title"),
                tuple(_month_doc(mo, study) for mo in p.months.all()),
            )
            for p in tree.phases
        ),
        milestones=tuple(
            MilestoneDoc(
                ms.slug, ms.number, month_numbers[ms.after_month_id], _t(ms, "text"), ms.level
            )
            for ms in policy.milestones
        ),
        projects=tuple(
            ProjectDoc(
                p.slug, p.number, phase_numbers[p.phase_id], _t(p, "title"), _t(p, "summary")
            )
            for p in m.Project.objects.filter(curriculum=c)
        ),
        resources=_resource_docs(c, phase_numbers),
        weekly_targets=tuple(
            WeeklyTargetDoc(w.kind, w.percent, _t(w, "text")) for w in policy.weekly_targets
        ),
        activities=tuple(ActivityDoc(a.slug, _t(a, "title")) for a in policy.activities),
        level_checks=tuple(
            LevelCheckDoc(lc.slug, lc.label, _t(lc, "text")) for lc in policy.level_checks
        ),
        career_tracks=tuple(
            CareerTrackDoc(t.slug, _t(t, "title"), tuple(_t(r, "title") for r in t.roles.all()))
            for t in policy.career_tracks
        ),
        skill_categories=tuple(
            SkillCategoryDoc(s.slug, _t(s, "title"), tuple(_t(k, "title") for k in s.skills.all()))
            for s in policy.skill_categories
        ),
        kpi_categories=tuple(
            KpiCategoryDoc(
                k.slug,
                _t(k, "title"),
                tuple(KpiDoc(x.slug, _t(x, "name"), _t(x, "target")) for x in k.kpis.all()),
            )
            for k in policy.kpi_categories
        ),
        next_steps_intro=_t(c, "next_steps_intro"),
        next_steps=tuple(NextStepDoc(_t(s, "title"), _t(s, "text")) for s in policy.next_steps),
        closing=_t(c, "closing"),
    )


def _resource_docs(
    curriculum: m.Curriculum, phase_numbers: dict[int, int]
) -> tuple[ResourceDoc, ...]:
    """The resources with their structure (four queries)."""
    parts: dict[int, list[m.ResourcePart]] = defaultdict(list)
    for part in m.ResourcePart.objects.filter(curriculum=curriculum).select_related(
        "certification"
    ):
        parts[part.resource_id].append(part)
    certifications: dict[int, list[m.Certification]] = defaultdict(list)
    for certification in m.Certification.objects.filter(curriculum=curriculum):
        certifications[certification.resource_id].append(certification)
    topics: dict[int, list[str]] = defaultdict(list)
    links = m.ResourceTopic.objects.filter(curriculum=curriculum).order_by("position")
    for resource_id, slug in links.values_list("resource_id", "topic__slug"):
        topics[resource_id].append(slug)
    return tuple(
        ResourceDoc(
            r.slug,
            r.kind,
            _t(r, "title"),
            phase_numbers[r.phase_id] if r.phase_id else None,
            _t(r, "category"),
            url=r.url,
            authors=tuple(r.authors),
            parts=tuple(
                ResourcePartDoc(
                    p.slug_in_resource(r.slug),
                    _t(p, "title"),
                    p.kind,
                    p.pages,
                    _t(p, "group"),
                    p.weight,
                    p.certification.slug if p.certification else "",
                )
                for p in parts[r.pk]
            ),
            topics=tuple(topics[r.pk]),
            certifications=tuple(
                CertificationDoc(c.slug, _t(c, "title"), c.url) for c in certifications[r.pk]
            ),
        )
        for r in m.Resource.objects.filter(curriculum=curriculum)
    )


def _pair(a: int | None, b: int | None) -> tuple[int, int] | None:
    return None if a is None or b is None else (a, b)


@dataclass
class _TopicStudy:
    """Objectives, concepts and materials of every topic of a curriculum, by topic id."""

    points: dict[tuple[int, str], list[Text]] = field(default_factory=lambda: defaultdict(list))
    materials: dict[int, list[m.TopicMaterial]] = field(default_factory=lambda: defaultdict(list))

    def doc_of(self, topic: m.Topic) -> TopicDoc:
        return TopicDoc(
            topic.slug,
            _t(topic, "title"),
            _t(topic, "description"),
            float(topic.estimated_hours) if topic.estimated_hours is not None else None,
            objectives=tuple(self.points[topic.pk, "objective"]),
            concepts=tuple(self.points[topic.pk, "concept"]),
            exercise=_t(topic, "exercise"),
            materials=tuple(
                MaterialDoc(
                    mat.slug_in_topic(topic.slug),
                    mat.kind,
                    _t(mat, "title"),
                    mat.url,
                    "ru" if mat.language == "ru" else "en",
                    mat.minutes,
                )
                for mat in self.materials[topic.pk]
            ),
        )


def _topic_study(curriculum: m.Curriculum) -> _TopicStudy:
    study = _TopicStudy()
    for point in m.TopicPoint.objects.filter(curriculum=curriculum):
        study.points[point.topic_id, point.kind].append(_t(point, "text"))
    for material in m.TopicMaterial.objects.filter(curriculum=curriculum):
        study.materials[material.topic_id].append(material)
    return study


def _month_doc(month: m.Month, study: _TopicStudy) -> MonthDoc:
    practice = getattr(month, "practice", None)
    return MonthDoc(
        month.slug,
        month.number,
        _t(month, "title"),
        _t(month, "goal"),
        tuple(
            BlockDoc(
                b.slug,
                b.week_from,
                b.week_to,
                _t(b, "title"),
                tuple(study.doc_of(t) for t in b.topics.all()),
            )
            for b in month.blocks.all()
        ),
        PracticeDoc(practice.slug, _t(practice, "text"), practice.is_capstone)
        if practice
        else None,
    )


COUNTED = {
    "phases": m.Phase,
    "months": m.Month,
    "blocks": m.Block,
    "topics": m.Topic,
    "practices": m.Practice,
    "milestones": m.Milestone,
    "projects": m.Project,
    "resources": m.Resource,
}


def curriculum_counts(curriculum_id: int | None = None) -> dict[int, dict[str, int]]:
    """{curriculum id: {"phases": 4, "months": 18, ...}} in one query per kind."""
    from django.db.models import Count

    result: dict[int, dict[str, int]] = defaultdict(dict)
    for name, model in COUNTED.items():
        qs = model.objects.all()
        if curriculum_id is not None:
            qs = qs.filter(curriculum_id=curriculum_id)
        for row in qs.values("curriculum_id").annotate(n=Count("id")):
            result[row["curriculum_id"]][name] = row["n"]
    return {cid: {name: counts.get(name, 0) for name in COUNTED} for cid, counts in result.items()}


def resources_without_phase(curriculum: m.Curriculum) -> list[m.Resource]:
    """Courses and platforms, which the seed lists for the whole program."""
    return list(m.Resource.objects.filter(curriculum=curriculum, phase__isnull=True))


# --- Reads for the web pages -------------------------------------------------------------
# Each one loads exactly what its page shows, in a fixed number of queries.


@dataclass
class RoadmapOutline(Roadmap):
    """The roadmap page's tree; milestones hang on their month, projects on their phase."""

    @property
    def project_count(self) -> int:
        return sum(len(phase.projects.all()) for phase in self.phases)

    @property
    def block_count(self) -> int:
        return sum(len(month.blocks.all()) for month in self.months)

    @property
    def hours_total(self) -> Decimal | None:
        """The topics' estimated hours added up; None when no topic has an estimate."""
        hours = [month.hours_total for month in self.months if month.hours_total is not None]
        return sum(hours, Decimal(0)) if hours else None


def roadmap_outline(curriculum: m.Curriculum) -> RoadmapOutline:
    """Phases (with projects) → months (practice, milestones) → blocks → topics: 6 queries."""
    from django.db.models import Count, Sum

    months = (
        m.Month.objects.select_related("practice")
        .annotate(
            topic_total=Count("blocks__topics"),
            hours_total=Sum("blocks__topics__estimated_hours"),
        )
        .prefetch_related(
            Prefetch("blocks", queryset=m.Block.objects.prefetch_related("topics")), "milestones"
        )
        # Meta.ordering does not apply to a GROUP BY query: order explicitly.
        .order_by("position")
    )
    phases = m.Phase.objects.filter(curriculum=curriculum).prefetch_related(
        Prefetch("months", queryset=months), "projects"
    )
    return RoadmapOutline(curriculum, list(phases))


@dataclass
class MonthPage:
    """One month in full, with the plan's months around it for navigation."""

    month: m.Month
    months: list[m.Month]

    @property
    def topic_count(self) -> int:
        return sum(len(block.topics.all()) for block in self.month.blocks.all())

    @property
    def hours_total(self) -> Decimal | None:
        """The month's estimated hours; None when none of its topics has an estimate."""
        hours = [
            topic.estimated_hours
            for block in self.month.blocks.all()
            for topic in block.topics.all()
            if topic.estimated_hours is not None
        ]
        return sum(hours, Decimal(0)) if hours else None

    @property
    def previous(self) -> m.Month | None:
        earlier = [mo for mo in self.months if mo.number < self.month.number]
        return earlier[-1] if earlier else None

    @property
    def next(self) -> m.Month | None:
        later = [mo for mo in self.months if mo.number > self.month.number]
        return later[0] if later else None


def month_page(curriculum: m.Curriculum, number: int) -> MonthPage:
    """A month with its blocks, topics, practice and milestones, and every month's title.

    Five queries; raises Http404 for a month the curriculum does not have.
    """
    month = month_detail(curriculum, number)
    months = list(
        m.Month.objects.filter(curriculum=curriculum)
        .order_by("number")
        .only("id", "curriculum_id", "phase_id", "slug", "number", "title_ru", "title_en")
    )
    return MonthPage(month, months)


@dataclass
class TopicPage:
    """A topic, where it sits in the plan, its block's topics and its neighbours."""

    topic: m.Topic
    siblings: list[m.Topic]
    previous: m.Topic | None
    next: m.Topic | None

    @property
    def month(self) -> m.Month:
        return self.topic.block.month

    @property
    def practice(self) -> m.Practice | None:
        return getattr(self.month, "practice", None)

    @property
    def materials(self) -> list[m.TopicMaterial]:
        return list(self.topic.materials.all())

    @property
    def material_minutes(self) -> int:
        return sum(mat.minutes or 0 for mat in self.materials)


def topic_page(curriculum: m.Curriculum, slug: str) -> TopicPage:
    """A topic with its block, month (and practice), phase, objectives, concepts, materials,
    siblings and neighbours: 6 queries.

    Raises Http404 for a topic the curriculum does not have.
    """
    topic = get_object_or_404(
        m.Topic.objects.select_related(
            "block__month__phase", "block__month__practice"
        ).prefetch_related("points", "materials"),
        curriculum=curriculum,
        slug=slug,
    )
    siblings = list(
        m.Topic.objects.filter(block_id=topic.block_id).only(
            "id", "curriculum_id", "block_id", "slug", "position", "title_ru", "title_en"
        )
    )
    previous, following = topic_neighbours(topic)
    return TopicPage(topic, siblings, previous, following)


def item_numbers(
    *, curriculum: m.Curriculum, practices: Iterable[str], projects: Iterable[str]
) -> dict[tuple[str, str], int]:
    """Where each named practice and project sits: ("practice", slug) → its month's number,
    ("project", slug) → the project's number (two queries at most)."""
    found: dict[tuple[str, str], int] = {}
    if practices := list(practices):
        rows = m.Practice.objects.filter(curriculum=curriculum, slug__in=practices)
        for slug, number in rows.values_list("slug", "month__number"):
            found["practice", slug] = number
    if projects := list(projects):
        rows = m.Project.objects.filter(curriculum=curriculum, slug__in=projects)
        for slug, number in rows.values_list("slug", "number"):
            found["project", slug] = number
    return found


class UnknownTopicError(DomainError):
    pass


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def topic_by_reference(*, curriculum_id: int, text: str) -> m.Topic:
    """The curriculum's topic named by `text`: its exact slug, else its slug or its title in
    either language, whatever the case; raise UnknownTopicError naming the closest ones."""
    topics = list(
        m.Topic.objects.filter(curriculum_id=curriculum_id).only("slug", "title_ru", "title_en")
    )
    wanted = _folded(text)
    for matches in (
        lambda t: t.slug == text,
        lambda t: t.slug.casefold() == wanted,
        lambda t: wanted in (_folded(t.title_ru), _folded(t.title_en)),
    ):
        found = [t for t in topics if matches(t)]
        if found:
            return found[0]
    names = {
        _folded(name): t.slug for t in topics for name in (t.slug, t.title_ru, t.title_en) if name
    }
    close = dict.fromkeys(
        names[n] for n in difflib.get_close_matches(wanted, names, n=5, cutoff=0.6)
    )
    if close:
        raise UnknownTopicError(
            _("no topic '%(text)s': did you mean %(slugs)s?")
            % {"text": text, "slugs": ", ".join(list(close)[:3])}
        )
    raise UnknownTopicError(
        _("no topic '%(text)s': 'skillpath plan' lists the topics") % {"text": text}
    )
