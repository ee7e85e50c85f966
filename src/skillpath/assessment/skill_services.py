"""Writes of the skills matrix and the career track: rules checked here, for every
interface (web, API), in one transaction each."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from skillpath.assessment import level_services, skills
from skillpath.assessment.models import CareerChoice, SkillRating
from skillpath.assessment.skill_selectors import axes, ratings, tracks
from skillpath.core.errors import DomainError
from skillpath.curriculum.models import Curriculum


def can_rate_for(*, by: AbstractBaseUser, learner: AbstractBaseUser) -> bool:
    """The learner rates themself; a mentor (the sign-off permission) rates others."""
    return by.pk == learner.pk or by.has_perm(level_services.SIGN_OFF_PERMISSION)


def rate_skills(
    *,
    by: AbstractBaseUser,
    learner: AbstractBaseUser,
    curriculum: Curriculum,
    scores: Mapping[tuple[str, str], int],
    today: date,
) -> int:
    """Record `scores` ({(kind, slug): 1–5}) as today's ratings by `by` — the learner's own,
    or a mentor's — replacing any made by the same side today. All or nothing; returns how
    many were recorded."""
    if not can_rate_for(by=by, learner=learner):
        raise DomainError(_("Only the learner or a mentor can rate these skills."))
    known = {(a.kind, a.slug) for a in axes(curriculum)}
    unknown = sorted(f"{kind}/{slug}" for kind, slug in scores if (kind, slug) not in known)
    if unknown:
        raise DomainError(
            _("No such skill in this curriculum: %(skills)s.") % {"skills": ", ".join(unknown)}
        )
    wrong = sorted(
        f"{kind}/{slug}"
        for (kind, slug), score in scores.items()
        if not (isinstance(score, int) and skills.LOWEST <= score <= skills.HIGHEST)
    )
    if wrong:
        raise DomainError(
            _("A score is a whole number from %(low)s to %(high)s (wrong for: %(skills)s).")
            % {"low": skills.LOWEST, "high": skills.HIGHEST, "skills": ", ".join(wrong)}
        )
    by_mentor = by.pk != learner.pk
    current = skills.scores_on(ratings(learner, curriculum), today, by_mentor=by_mentor)
    changed = {key: score for key, score in scores.items() if current.get(key) != score}
    with transaction.atomic():
        for (kind, slug), score in changed.items():
            SkillRating.objects.update_or_create(
                learner=learner,
                curriculum=curriculum,
                kind=kind,
                slug=slug,
                by_mentor=by_mentor,
                rated_on=today,
                defaults={"score": score, "rated_by": by},
            )
    return len(changed)


def choose_career(
    *, learner: AbstractBaseUser, curriculum: Curriculum, track: str, role: str, now: datetime
) -> CareerChoice:
    """Set the learner's career track and, optionally, a role of that track."""
    chosen = next((t for t in tracks(curriculum) if t.slug == track), None)
    if chosen is None:
        raise DomainError(_("No such career track: %(track)s.") % {"track": track})
    if role and role not in {r.slug for r in chosen.roles.all()}:
        raise DomainError(
            _("%(role)s is not a role of the %(track)s track.")
            % {"role": role, "track": chosen.title}
        )
    choice, _created = CareerChoice.objects.update_or_create(
        learner=learner,
        curriculum=curriculum,
        defaults={"track": track, "role": role, "chosen_at": now},
    )
    return choice


def clear_career(*, learner: AbstractBaseUser, curriculum: Curriculum) -> bool:
    """Forget the learner's career choice; whether there was one."""
    deleted, _rows = CareerChoice.objects.filter(learner=learner, curriculum=curriculum).delete()
    return bool(deleted)
