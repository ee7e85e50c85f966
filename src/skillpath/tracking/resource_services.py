"""Writes about the resources a learner follows: parts marked done, the resources a learner
adds themselves, and certifications planned and earned. Each runs in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from skillpath.core.errors import DomainError
from skillpath.curriculum.models import (
    Certification,
    Curriculum,
    PartKind,
    Resource,
    ResourceKind,
    ResourcePart,
    Topic,
)
from skillpath.curriculum.slugs import slugify
from skillpath.tracking.models import (
    CertificationGoal,
    LearnerResource,
    LearnerResourcePart,
    PartDone,
)

MAX_OWN_PARTS = 200


class ResourceError(DomainError):
    pass


class CertificationError(DomainError):
    pass


@dataclass(frozen=True)
class PartInput:
    """One part of a learner's own resource, as a form or the API gives it."""

    title: str
    pages: int | None = None
    kind: str = PartKind.CHAPTER


@transaction.atomic
def set_part_done(
    *,
    learner: AbstractBaseUser,
    part: ResourcePart | LearnerResourcePart,
    is_done: bool,
    today: date,
) -> PartDone | None:
    """Mark a part done today (kept as it was when already done) or not done (its row is
    deleted); returns the row, or None when not done. A part of another learner's own
    resource is refused."""
    if isinstance(part, LearnerResourcePart):
        if part.resource.learner_id != learner.pk:
            raise ResourceError(_("This resource is not yours."))
        scope = {"learner": learner, "own_part": part}
    else:
        scope = {"learner": learner, "part": part}
    if not is_done:
        PartDone.objects.filter(**scope).delete()
        return None
    # get_or_create under the transaction: a second tick (a double click) keeps the first
    # date, and the partial unique constraint refuses a racing duplicate.
    done, _created = PartDone.objects.get_or_create(**scope, defaults={"done_on": today})
    return done


def _checked_url(url: str) -> str:
    url = url.strip()
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ResourceError(
            _("'%(url)s' is not a web address: it should start with https://") % {"url": url}
        ) from None
    return url


def _checked(title: str, kind: str, parts: list[PartInput]) -> str:
    title = title.strip()
    if not title:
        raise ResourceError(_("Give the resource a title."))
    if kind not in ResourceKind.values:
        raise ResourceError(
            _("Unknown kind '%(kind)s': use book, course or platform.") % {"kind": kind}
        )
    if len(parts) > MAX_OWN_PARTS:
        raise ResourceError(
            _("A resource can have at most %(count)s parts.") % {"count": MAX_OWN_PARTS}
        )
    for part in parts:
        if not part.title.strip():
            raise ResourceError(_("Every part needs a title."))
        if part.kind not in PartKind.values:
            raise ResourceError(
                _("Unknown part kind '%(kind)s': use chapter, module or domain.")
                % {"kind": part.kind}
            )
        if part.pages is not None and not 0 < part.pages <= 5000:
            raise ResourceError(_("A part has between 1 and 5000 pages."))
    return title


def _free_slug(learner: AbstractBaseUser, curriculum: Curriculum, title: str) -> str:
    """A slug from the title that none of the learner's resources nor the curriculum's has."""
    base = slugify(title)[:80].strip("-") or "resource"
    taken = set(
        LearnerResource.objects.filter(learner=learner, slug__startswith=base).values_list(
            "slug", flat=True
        )
    ) | set(
        Resource.objects.filter(curriculum=curriculum, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _lock(learner: AbstractBaseUser) -> None:
    from django.contrib.auth import get_user_model

    # Two requests adding resources with the same title would otherwise pick the same slug.
    get_user_model().objects.select_for_update().filter(pk=learner.pk).first()


@transaction.atomic
def add_own_resource(
    *,
    learner: AbstractBaseUser,
    curriculum: Curriculum,
    title: str,
    kind: str,
    url: str = "",
    topic: Topic | None = None,
    parts: list[PartInput] | None = None,
) -> LearnerResource:
    """Add a resource of the learner's own, with its parts, attached to a topic."""
    parts = parts or []
    title = _checked(title, kind, parts)
    url = _checked_url(url)
    if topic is not None and topic.curriculum_id != curriculum.pk:
        raise ResourceError(_("The topic is not in your curriculum."))
    _lock(learner)
    resource = LearnerResource.objects.create(
        learner=learner,
        curriculum=curriculum,
        topic=topic,
        slug=_free_slug(learner, curriculum, title),
        kind=kind,
        title=title[:200],
        url=url,
    )
    _write_parts(resource, parts)
    return resource


@transaction.atomic
def edit_own_resource(
    *,
    learner: AbstractBaseUser,
    resource: LearnerResource,
    title: str,
    kind: str,
    url: str,
    topic: Topic | None,
    parts: list[PartInput] | None = None,
) -> LearnerResource:
    """Change one of the learner's resources; with `parts`, its parts become those (matched
    by place, so the ticks on the parts that stay are kept)."""
    if resource.learner_id != learner.pk:
        raise ResourceError(_("This resource is not yours."))
    title = _checked(title, kind, parts or [])
    resource.title = title[:200]
    resource.kind = kind
    resource.url = _checked_url(url)
    if topic is not None and topic.curriculum_id != resource.curriculum_id:
        raise ResourceError(_("The topic is not in your curriculum."))
    resource.topic = topic
    resource.save(update_fields=["title", "kind", "url", "topic"])
    if parts is not None:
        _write_parts(resource, parts)
    return resource


def _write_parts(resource: LearnerResource, parts: list[PartInput]) -> None:
    existing = {p.slug: p for p in resource.parts.all()}
    for position, part in enumerate(parts):
        slug = f"part-{position + 1}"
        values = {
            "title": part.title.strip()[:200],
            "pages": part.pages,
            "kind": part.kind,
            "position": position,
        }
        row = existing.pop(slug, None)
        if row is None:
            LearnerResourcePart.objects.create(resource=resource, slug=slug, **values)
        else:
            for key, value in values.items():
                setattr(row, key, value)
            row.save()
    if existing:
        LearnerResourcePart.objects.filter(pk__in=[p.pk for p in existing.values()]).delete()


@transaction.atomic
def delete_own_resource(*, learner: AbstractBaseUser, resource: LearnerResource) -> None:
    """Delete one of the learner's resources with its parts and ticks (its sessions stay,
    naming no resource)."""
    if resource.learner_id != learner.pk:
        raise ResourceError(_("This resource is not yours."))
    resource.delete()


@transaction.atomic
def set_certification_goal(
    *,
    learner: AbstractBaseUser,
    certification: Certification,
    today: date,
    target_on: date | None = None,
    earned_on: date | None = None,
    evidence_url: str = "",
) -> CertificationGoal:
    """Plan a certification (a target date) or record it earned (the day and a link to the
    evidence: a certificate, a badge's page)."""
    evidence_url = evidence_url.strip()
    if earned_on is not None:
        if earned_on > today:
            raise CertificationError(_("A certification cannot be earned in the future."))
        if not evidence_url:
            raise CertificationError(
                _("Give a link to the evidence: the certificate or the badge's page.")
            )
    if evidence_url:
        try:
            URLValidator(schemes=["http", "https"])(evidence_url)
        except ValidationError:
            raise CertificationError(
                _("'%(url)s' is not a web address: it should start with https://")
                % {"url": evidence_url}
            ) from None
    goal, _created = CertificationGoal.objects.select_for_update().get_or_create(
        learner=learner, certification=certification
    )
    goal.target_on = target_on
    goal.earned_on = earned_on
    goal.evidence_url = evidence_url
    goal.save()
    return goal


@transaction.atomic
def drop_certification_goal(*, learner: AbstractBaseUser, certification: Certification) -> None:
    """Forget the learner's plan for (or record of) a certification."""
    CertificationGoal.objects.filter(learner=learner, certification=certification).delete()
