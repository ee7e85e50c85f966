"""Writes of the level check: taking an assessment (a snapshot when the result moved) and
signing off a milestone (docs/assessment.md, "Level check and milestone gates")."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from skillpath.assessment.evidence import evidence_of, rubric_and_facts
from skillpath.assessment.level import assessment_document, same_result
from skillpath.assessment.models import AssessmentSnapshot, MilestoneSignOff
from skillpath.assessment.rubric import assess
from skillpath.core.errors import DomainError
from skillpath.curriculum.models import Curriculum

SIGN_OFF_PERMISSION = "assessment.sign_off_milestone"
# Marked for extraction here, translated where it is raised.
NOT_READY = gettext_noop(
    "Milestone %(number)s is not ready for sign-off: its required criteria are not all met."
)


class SignOffError(DomainError):
    """A milestone cannot be signed off (not ready, already signed, or not by this user)."""


def compute_document(*, learner: AbstractBaseUser, curriculum: Curriculum, now: datetime) -> dict:
    """The learner's assessment now, as a document; writes nothing."""
    rubric, facts = rubric_and_facts(curriculum)
    evidence = evidence_of(learner, curriculum, now)
    return assessment_document(rubric, assess(rubric, facts, evidence), facts)


def take_assessment(
    *, learner: AbstractBaseUser, curriculum: Curriculum, now: datetime
) -> tuple[AssessmentSnapshot, bool]:
    """Assess the learner now; store a snapshot only when the result differs from their
    latest one (the history shows each move of the level, not each look). Returns the
    snapshot that holds the current result and whether it is new."""
    document = compute_document(learner=learner, curriculum=curriculum, now=now)
    with transaction.atomic():
        latest = (
            AssessmentSnapshot.objects.select_for_update()
            .filter(learner=learner, curriculum=curriculum)
            .first()
        )
        if latest is not None and same_result(latest.document, document):
            return latest, False
        snapshot = AssessmentSnapshot.objects.create(
            learner=learner,
            curriculum=curriculum,
            taken_at=now,
            rubric_version=document["rubric_version"],
            level=document["level"] or "",
            milestone=document["milestone"],
            document=document,
        )
    return snapshot, True


def installation_has_mentor() -> bool:
    """Whether any active user holds the sign-off permission explicitly (themselves or by a
    group). Superusers do not count: a one-person installation's owner is a learner.
    The people issue replaces this rule with mentoring relations."""
    permission = Permission.objects.filter(
        content_type__app_label="assessment", codename="sign_off_milestone"
    ).first()
    if permission is None:
        return False
    return (
        get_user_model()
        .objects.filter(Q(user_permissions=permission) | Q(groups__permissions=permission))
        .filter(is_active=True)
        .exists()
    )


def can_sign_off_for(*, by: AbstractBaseUser, learner: AbstractBaseUser) -> bool:
    """Whether `by` may sign off `learner`'s milestones: a mentor (the permission) for
    someone else, or the learner themself when the installation has no mentor."""
    if by.pk == learner.pk:
        return not installation_has_mentor()
    return by.has_perm(SIGN_OFF_PERMISSION)


def sign_off_milestone(
    *,
    by: AbstractBaseUser,
    learner: AbstractBaseUser,
    curriculum: Curriculum,
    milestone: int,
    comment: str,
    now: datetime,
) -> MilestoneSignOff:
    """Sign off `milestone` for `learner` after a fresh assessment (stored as a snapshot when
    it moved) shows its gate passed; self-assessed when `by` is the learner."""
    if not can_sign_off_for(by=by, learner=learner):
        if by.pk == learner.pk:
            raise SignOffError(_("A mentor signs off your milestones in this installation."))
        raise SignOffError(_("Only a mentor can sign off a learner's milestone."))
    snapshot, _new = take_assessment(learner=learner, curriculum=curriculum, now=now)
    found = {m["number"]: m for m in snapshot.document["milestones"]}
    if milestone not in found:
        raise SignOffError(_("There is no milestone %(number)s.") % {"number": milestone})
    if not found[milestone]["passed_gate"]:
        raise SignOffError(_(NOT_READY) % {"number": milestone})
    with transaction.atomic():
        if MilestoneSignOff.objects.filter(
            learner=learner, curriculum=curriculum, milestone=milestone
        ).exists():
            raise SignOffError(
                _("Milestone %(number)s is already signed off.") % {"number": milestone}
            )
        is_self = by.pk == learner.pk
        return MilestoneSignOff.objects.create(
            learner=learner,
            curriculum=curriculum,
            milestone=milestone,
            signed_by=None if is_self else by,
            is_self_assessed=is_self,
            snapshot=snapshot,
            comment=comment.strip(),
            signed_at=now,
        )
