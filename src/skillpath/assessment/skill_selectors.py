"""Reads of the skills matrix and the career track, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch

from skillpath.assessment import skills
from skillpath.assessment.models import CareerChoice, SkillRating
from skillpath.curriculum.models import CareerRole, CareerTrack, Curriculum, Month, Skill


def axes(curriculum: Curriculum) -> list[skills.Axis]:
    """The key skills by category, then each phase's subjects (its months), in plan order
    (two queries)."""
    key = [
        skills.Axis(skills.KEY, s.slug, str(s.title), str(s.category.title))
        for s in Skill.objects.filter(curriculum=curriculum)
        .select_related("category")
        .order_by("category__position", "position")
    ]
    phase = [
        skills.Axis(skills.PHASE, m.slug, str(m.title), str(m.phase.title))
        for m in Month.objects.filter(curriculum=curriculum)
        .select_related("phase")
        .order_by("number")
    ]
    return key + phase


def ratings(learner: AbstractBaseUser, curriculum: Curriculum) -> list[skills.Rating]:
    """Every rating of the learner's skills in the curriculum (one query)."""
    return [
        skills.Rating(kind, slug, score, by_mentor, rated_on)
        for kind, slug, score, by_mentor, rated_on in SkillRating.objects.filter(
            learner=learner, curriculum=curriculum
        ).values_list("kind", "slug", "score", "by_mentor", "rated_on")
    ]


@dataclass(frozen=True)
class Group:
    kind: str
    title: str
    rows: list[skills.Row]


@dataclass(frozen=True)
class Career:
    """The learner's chosen track and role, with their titles."""

    track: str
    track_title: str
    role: str
    role_title: str


@dataclass(frozen=True)
class SkillsView:
    groups: list[Group]
    radar_key: dict[str, object]
    radar_phase: dict[str, object]
    compared_with: date
    career: Career | None
    tracks: list[CareerTrack] = field(default_factory=list)
    last_rated: date | None = None


def tracks(curriculum: Curriculum) -> list[CareerTrack]:
    """The curriculum's career tracks with their roles (two queries)."""
    return list(
        CareerTrack.objects.filter(curriculum=curriculum).prefetch_related(
            Prefetch("roles", queryset=CareerRole.objects.order_by("position"))
        )
    )


def _career(choice: CareerChoice | None, all_tracks: list[CareerTrack]) -> Career | None:
    if choice is None:
        return None
    track = next((t for t in all_tracks if t.slug == choice.track), None)
    if track is None:  # the curriculum no longer has that track
        return None
    role = next((r for r in track.roles.all() if r.slug == choice.role), None)
    if role is None:
        return Career(track.slug, str(track.title), "", "")
    return Career(track.slug, str(track.title), role.slug, str(role.title))


def career(learner: AbstractBaseUser, curriculum: Curriculum) -> Career | None:
    """The learner's career choice for the dashboard (three queries)."""
    choice = CareerChoice.objects.filter(learner=learner, curriculum=curriculum).first()
    return _career(choice, tracks(curriculum)) if choice else None


def skills_view(learner: AbstractBaseUser, curriculum: Curriculum, today: date) -> SkillsView:
    """The matrix grouped for the page, both radars, and the career choice (six queries)."""
    rated = ratings(learner, curriculum)
    rows = skills.matrix(axes(curriculum), rated, today)
    groups = [
        Group(kind, title, list(members))
        for (kind, title), members in groupby(rows, key=lambda r: (r.axis.kind, r.axis.group))
    ]
    all_tracks = tracks(curriculum)
    choice = CareerChoice.objects.filter(learner=learner, curriculum=curriculum).first()
    return SkillsView(
        groups=groups,
        radar_key=skills.radar(rows, skills.KEY),
        radar_phase=skills.radar(rows, skills.PHASE),
        compared_with=skills.months_before(today, skills.COMPARED_MONTHS),
        career=_career(choice, all_tracks),
        tracks=all_tracks,
        last_rated=max((r.rated_on for r in rated), default=None),
    )
