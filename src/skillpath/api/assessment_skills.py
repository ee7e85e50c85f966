"""The skills matrix and the career track over the API: the learner's matrix (now against
three months ago, their own and their mentor's scores), their own ratings, and the career
choice — the same selectors and services as the skills page."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from skillpath.api.common import (
    READ_ERRORS,
    WRITE_ERRORS,
    ErrorOut,
    Input,
    Slug,
    current_or_404,
    integer,
    learner,
    local_today,
    now,
)
from skillpath.assessment import skill_selectors, skill_services, skills

router = Router()
Kind = Literal["key", "phase"]
MAX_RATINGS = 500  # far above any plan's skills; a bound so a body cannot be endless


class SkillOut(Schema):
    kind: Kind = Field(description="`key` (the plan's key skills) or `phase` (a phase's subject).")
    slug: str
    title: str
    group: str = Field(description="The key skill's category, or the phase.")
    self_now: int | None
    self_then: int | None = Field(description="The learner's score three months ago.")
    mentor_now: int | None
    change: int | None = Field(description="self_now − self_then, where both are rated.")


class CareerOut(Schema):
    track: str
    track_title: str
    role: str = Field(description="The role's slug, or empty for any role of the track.")
    role_title: str


class MatrixOut(Schema):
    compared_with: date = Field(description="The day three months ago that `*_then` is read on.")
    last_rated: date | None
    skills: list[SkillOut]
    career: CareerOut | None


class ScoreIn(Input):
    kind: Kind
    slug: Slug
    score: integer(ge=skills.LOWEST, le=skills.HIGHEST)  # type: ignore[valid-type]


class RatingsIn(Input):
    scores: list[ScoreIn] = Field(min_length=1, max_length=MAX_RATINGS)


class RatingsOut(Schema):
    recorded: int = Field(description="How many scores changed (an unchanged one is not stored).")


class CareerIn(Input):
    track: Slug
    role: str = Field("", pattern=r"^[-a-zA-Z0-9_]*$", max_length=100)


def _career_out(career: skill_selectors.Career | None) -> dict[str, Any] | None:
    if career is None:
        return None
    return {
        "track": career.track,
        "track_title": career.track_title,
        "role": career.role,
        "role_title": career.role_title,
    }


@router.get("/skills", response={200: MatrixOut, 404: ErrorOut, **READ_ERRORS})
def skills_matrix(request: HttpRequest) -> dict[str, Any]:
    """Your skills matrix in your current curriculum, and your career choice."""
    me = learner(request)
    view = skill_selectors.skills_view(me, current_or_404(me).curriculum, local_today(me))
    return {
        "compared_with": view.compared_with,
        "last_rated": view.last_rated,
        "skills": [
            {
                "kind": row.axis.kind,
                "slug": row.axis.slug,
                "title": row.axis.title,
                "group": row.axis.group,
                "self_now": row.self_now,
                "self_then": row.self_then,
                "mentor_now": row.mentor_now,
                "change": row.change,
            }
            for group in view.groups
            for row in group.rows
        ],
        "career": _career_out(view.career),
    }


@router.post("/skills/ratings", response={200: RatingsOut, 404: ErrorOut, **WRITE_ERRORS})
def rate_skills(request: HttpRequest, payload: RatingsIn) -> dict[str, int]:
    """Rate your own skills today, 1–5; all or nothing (an unknown skill is a 400)."""
    me = learner(request)
    recorded = skill_services.rate_skills(
        by=me,
        learner=me,
        curriculum=current_or_404(me).curriculum,
        scores={(s.kind, s.slug): s.score for s in payload.scores},
        today=local_today(me),
    )
    return {"recorded": recorded}


@router.put("/skills/career", response={200: CareerOut, 404: ErrorOut, **WRITE_ERRORS})
def choose_career(request: HttpRequest, payload: CareerIn) -> dict[str, Any] | None:
    """Choose a career track and, optionally, one of its roles."""
    me = learner(request)
    curriculum = current_or_404(me).curriculum
    skill_services.choose_career(
        learner=me, curriculum=curriculum, track=payload.track, role=payload.role, now=now()
    )
    return _career_out(skill_selectors.career(me, curriculum))


@router.delete("/skills/career", response={204: None, 404: ErrorOut, **WRITE_ERRORS})
def clear_career(request: HttpRequest) -> Status:
    """Forget your career choice (a 204 whether or not there was one)."""
    me = learner(request)
    skill_services.clear_career(learner=me, curriculum=current_or_404(me).curriculum)
    return Status(204, None)
