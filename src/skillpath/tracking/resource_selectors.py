"""Reads of the resources a learner follows: progress per resource (parts done, pages read,
minutes logged) and per phase, one resource's checklist, certifications. Each read costs a
fixed number of queries however many resources, parts and sessions there are."""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from skillpath.core.errors import DomainError
from skillpath.curriculum.models import (
    Certification,
    Curriculum,
    Phase,
    Resource,
    ResourcePart,
    ResourceTopic,
)
from skillpath.tracking.models import (
    CertificationGoal,
    LearnerResource,
    LearnerResourcePart,
    PartDone,
    StudySession,
)


class UnknownResourceError(DomainError):
    pass


@dataclass
class PartRow:
    """One part of a resource and whether the learner finished it (and when)."""

    part: ResourcePart | LearnerResourcePart
    done_on: date | None = None

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    @property
    def slug(self) -> str:
        """The part's slug within its resource ("chapter-1"), as URLs and the API name it."""
        return self.part.slug.split("--", 1)[-1]


@dataclass
class ResourceProgress:
    """A resource (the plan's or the learner's own) with the learner's progress on it."""

    resource: Resource | LearnerResource
    parts: list[PartRow] = field(default_factory=list)
    minutes: int = 0

    @property
    def is_own(self) -> bool:
        return isinstance(self.resource, LearnerResource)

    @property
    def slug(self) -> str:
        return self.resource.slug

    @property
    def parts_total(self) -> int:
        return len(self.parts)

    @property
    def parts_done(self) -> int:
        return sum(1 for row in self.parts if row.is_done)

    @property
    def pages_total(self) -> int:
        return sum(row.part.pages or 0 for row in self.parts)

    @property
    def pages_done(self) -> int:
        return sum(row.part.pages or 0 for row in self.parts if row.is_done)

    @property
    def percent(self) -> int:
        if not self.parts:
            return 0
        return self.parts_done * 100 // len(self.parts)

    @property
    def is_started(self) -> bool:
        return self.parts_done > 0 or self.minutes > 0


@dataclass
class PhaseProgress:
    phase: Phase | None
    resources: list[ResourceProgress]

    @property
    def parts_total(self) -> int:
        return sum(r.parts_total for r in self.resources)

    @property
    def parts_done(self) -> int:
        return sum(r.parts_done for r in self.resources)

    @property
    def minutes(self) -> int:
        return sum(r.minutes for r in self.resources)

    @property
    def percent(self) -> int:
        total = self.parts_total
        return self.parts_done * 100 // total if total else 0


@dataclass
class ResourceBoard:
    """Every resource of a curriculum by phase (those for the whole programme last), and
    the learner's own."""

    phases: list[PhaseProgress]
    own: list[ResourceProgress]

    @property
    def resources(self) -> list[ResourceProgress]:
        return [r for p in self.phases for r in p.resources] + self.own

    @property
    def in_progress(self) -> list[ResourceProgress]:
        return [r for r in self.resources if r.is_started and r.parts_done < r.parts_total]


def _done_dates(learner: AbstractBaseUser | None) -> tuple[dict[int, date], dict[int, date]]:
    """Done dates by plan part id and by own part id (one query)."""
    plan: dict[int, date] = {}
    own: dict[int, date] = {}
    if learner is None or not learner.is_authenticated:
        return plan, own
    for part_id, own_part_id, done_on in PartDone.objects.filter(learner=learner).values_list(
        "part_id", "own_part_id", "done_on"
    ):
        if part_id is not None:
            plan[part_id] = done_on
        else:
            own[own_part_id] = done_on
    return plan, own


def _minutes(learner: AbstractBaseUser | None) -> tuple[dict[int, int], dict[int, int]]:
    """Minutes logged by plan resource id and by own resource id (one query)."""
    plan: dict[int, int] = defaultdict(int)
    own: dict[int, int] = defaultdict(int)
    if learner is None or not learner.is_authenticated:
        return plan, own
    rows = (
        StudySession.objects.filter(learner=learner)
        .exclude(resource__isnull=True, own_resource__isnull=True)
        .values("resource_id", "own_resource_id")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    for row in rows:
        if row["resource_id"] is not None:
            plan[row["resource_id"]] += row["total"]
        else:
            own[row["own_resource_id"]] += row["total"]
    return plan, own


def resource_board(*, learner: AbstractBaseUser, curriculum: Curriculum) -> ResourceBoard:
    """Progress on every resource of the curriculum and on the learner's own (seven
    queries: phases, resources, parts, ticks, minutes, own resources and their parts)."""
    phases = list(Phase.objects.filter(curriculum=curriculum))
    resources = list(Resource.objects.filter(curriculum=curriculum))
    parts: dict[int, list[ResourcePart]] = defaultdict(list)
    for part in ResourcePart.objects.filter(curriculum=curriculum).only(
        "id", "resource_id", "pages", "position", "slug", "kind"
    ):
        parts[part.resource_id].append(part)
    done_plan, done_own = _done_dates(learner)
    minutes_plan, minutes_own = _minutes(learner)
    by_phase: dict[int | None, list[ResourceProgress]] = defaultdict(list)
    for resource in resources:
        by_phase[resource.phase_id].append(
            ResourceProgress(
                resource,
                [PartRow(p, done_plan.get(p.pk)) for p in parts[resource.pk]],
                minutes_plan.get(resource.pk, 0),
            )
        )
    rows = [PhaseProgress(phase, by_phase[phase.pk]) for phase in phases if by_phase[phase.pk]]
    if by_phase[None]:
        rows.append(PhaseProgress(None, by_phase[None]))
    # The own resources' parts in a query of their own, not a prefetch: a prefetch is
    # skipped when there is no resource, and the page's query count would depend on it.
    mine = list(
        LearnerResource.objects.filter(learner=learner, curriculum=curriculum).select_related(
            "topic"
        )
    )
    own_parts: dict[int, list[LearnerResourcePart]] = defaultdict(list)
    for part in LearnerResourcePart.objects.filter(
        resource__learner=learner, resource__curriculum=curriculum
    ):
        own_parts[part.resource_id].append(part)
    own = [
        ResourceProgress(
            r,
            [PartRow(p, done_own.get(p.pk)) for p in own_parts[r.pk]],
            minutes_own.get(r.pk, 0),
        )
        for r in mine
    ]
    return ResourceBoard(rows, own)


@dataclass
class CertificationRow:
    certification: Certification
    goal: CertificationGoal | None
    domains: list[PartRow]

    @property
    def status(self) -> str:
        if self.goal is None:
            return "none"
        return "earned" if self.goal.is_earned else "planned"


@dataclass
class ResourcePage:
    """One resource of the plan: its parts as a checklist (grouped as the book groups
    them), the topics it serves, its certifications, and the learner's minutes on it."""

    progress: ResourceProgress
    topics: list[Any]
    certifications: list[CertificationRow]

    @property
    def resource(self) -> Resource | LearnerResource:
        return self.progress.resource

    @property
    def groups(self) -> list[tuple[str, list[PartRow]]]:
        """The parts in runs of the same group ("Part I..."), in order."""
        runs: list[tuple[str, list[PartRow]]] = []
        for row in self.progress.parts:
            group = str(getattr(row.part, "group", "") or "")
            if not runs or runs[-1][0] != group:
                runs.append((group, []))
            runs[-1][1].append(row)
        return runs


def resource_page(
    *, learner: AbstractBaseUser | None, curriculum: Curriculum, slug: str
) -> ResourcePage:
    """A plan resource with its parts, topics and certifications; the learner's ticks,
    goals and minutes when signed in (seven queries). Http404 for an unknown slug."""
    resource = get_object_or_404(
        Resource.objects.select_related("phase"), curriculum=curriculum, slug=slug
    )
    parts = list(ResourcePart.objects.filter(resource=resource))
    done_plan, _own = _done_dates(learner)
    minutes = 0
    if learner is not None and learner.is_authenticated:
        minutes = (
            StudySession.objects.filter(learner=learner, resource=resource).aggregate(
                total=Sum("minutes")
            )["total"]
            or 0
        )
    rows = [PartRow(p, done_plan.get(p.pk)) for p in parts]
    topics = [
        link.topic
        for link in ResourceTopic.objects.filter(resource=resource).select_related("topic")
    ]
    certifications = list(Certification.objects.filter(resource=resource))
    goals: dict[int, CertificationGoal] = {}
    if learner is not None and learner.is_authenticated and certifications:
        goals = {
            g.certification_id: g
            for g in CertificationGoal.objects.filter(
                learner=learner, certification__in=certifications
            )
        }
    return ResourcePage(
        ResourceProgress(resource, rows, minutes),
        topics,
        [
            CertificationRow(
                c, goals.get(c.pk), [r for r in rows if r.part.certification_id == c.pk]
            )
            for c in certifications
        ],
    )


def own_resource_for(learner: AbstractBaseUser, resource_id: int) -> LearnerResource | None:
    """One of the learner's own resources, or None (another learner's is not found either)."""
    return (
        LearnerResource.objects.filter(learner=learner, pk=resource_id)
        .select_related("topic", "curriculum")
        .prefetch_related(Prefetch("parts", queryset=LearnerResourcePart.objects.all()))
        .first()
    )


def own_resource_page(*, learner: AbstractBaseUser, resource: LearnerResource) -> ResourcePage:
    """The learner's own resource as a checklist (two queries past the resource)."""
    _plan, done_own = _done_dates(learner)
    minutes = (
        StudySession.objects.filter(learner=learner, own_resource=resource).aggregate(
            total=Sum("minutes")
        )["total"]
        or 0
    )
    rows = [PartRow(p, done_own.get(p.pk)) for p in resource.parts.all()]
    return ResourcePage(
        ResourceProgress(resource, rows, minutes), [resource.topic] if resource.topic else [], []
    )


def certification_rows(
    *, learner: AbstractBaseUser, curriculum: Curriculum
) -> list[CertificationRow]:
    """Every certification of the curriculum with the learner's goal (two queries)."""
    certifications = list(
        Certification.objects.filter(curriculum=curriculum).select_related("resource")
    )
    goals = {
        g.certification_id: g
        for g in CertificationGoal.objects.filter(
            learner=learner, certification__curriculum=curriculum
        )
    }
    return [CertificationRow(c, goals.get(c.pk), []) for c in certifications]


def earned_certification_days(*, learner: AbstractBaseUser) -> list[date]:
    """The days the learner earned a certification, for the certifications KPI (one query)."""
    return list(
        CertificationGoal.objects.filter(learner=learner, earned_on__isnull=False)
        .order_by("earned_on")
        .values_list("earned_on", flat=True)
    )


def find_resource(
    *, learner: AbstractBaseUser, curriculum_id: int, slug: str
) -> Resource | LearnerResource:
    """The plan's resource with `slug`, else the learner's own; raise UnknownResourceError
    naming the closest slugs."""
    found = Resource.objects.filter(curriculum_id=curriculum_id, slug=slug).first()
    if found is not None:
        return found
    own = LearnerResource.objects.filter(
        learner=learner, curriculum_id=curriculum_id, slug=slug
    ).first()
    if own is not None:
        return own
    slugs = list(
        Resource.objects.filter(curriculum_id=curriculum_id).values_list("slug", flat=True)
    ) + list(
        LearnerResource.objects.filter(learner=learner, curriculum_id=curriculum_id).values_list(
            "slug", flat=True
        )
    )
    close = difflib.get_close_matches(slug, slugs, n=3, cutoff=0.5)
    if close:
        raise UnknownResourceError(
            _("no resource '%(slug)s': did you mean %(slugs)s?")
            % {"slug": slug, "slugs": ", ".join(close)}
        )
    raise UnknownResourceError(
        _("no resource '%(slug)s': the resources page lists their slugs") % {"slug": slug}
    )


def certification_for(*, curriculum: Curriculum, slug: str) -> Certification | None:
    return Certification.objects.filter(curriculum=curriculum, slug=slug).first()


def plan_part(*, resource: Resource, slug: str) -> ResourcePart | None:
    """A part of a plan resource by its slug within the resource ("chapter-1")."""
    return ResourcePart.objects.filter(resource=resource, slug=f"{resource.slug}--{slug}").first()


def own_part(*, resource: LearnerResource, slug: str) -> LearnerResourcePart | None:
    return LearnerResourcePart.objects.filter(resource=resource, slug=slug).first()
