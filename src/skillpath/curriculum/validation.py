"""Rules a whole curriculum must satisfy, whatever format it came in."""

from __future__ import annotations

import re

from skillpath.curriculum.importers.base import PlanError
from skillpath.curriculum.plan import (
    LANGUAGES,
    MATERIAL_KINDS,
    PART_KINDS,
    CurriculumDoc,
    ResourceDoc,
    TopicDoc,
)

SLUG_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")
# A web address a page may link to: http(s), a host with a dot, no spaces. Anything else
# (javascript:, data:, a relative path) could run or mislead when rendered as a link.
WEB_URL_RE = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?(?:[/?#]\S*)?$")


def validate_doc(doc: CurriculumDoc) -> None:
    """Raise PlanError for the first reference that points nowhere or slug that repeats."""
    check_slug(doc.slug)
    if not doc.phases or not doc.months:
        raise PlanError("expected at least one phase with one month, found none")
    phases = {p.number for p in doc.phases}
    months = {m.number for m in doc.months}
    for project in doc.projects:
        if project.phase not in phases:
            raise PlanError(
                f"expected project {project.number} to name an existing phase "
                f"({min(phases)}-{max(phases)}), found phase {project.phase}"
            )
    for resource in doc.resources:
        if resource.phase is not None and resource.phase not in phases:
            raise PlanError(
                f"expected resource '{resource.slug}' to name an existing phase, "
                f"found phase {resource.phase}"
            )
    for milestone in doc.milestones:
        if milestone.after_month not in months:
            raise PlanError(
                f"expected milestone {milestone.number} after an existing month, "
                f"found month {milestone.after_month}"
            )
    for kind, items in (
        ("phase", doc.phases),
        ("month", doc.months),
        ("block", doc.blocks),
        ("topic", doc.topics),
        ("practice", doc.practices),
        ("milestone", doc.milestones),
        ("project", doc.projects),
        ("resource", doc.resources),
        ("certification", tuple(c for r in doc.resources for c in r.certifications)),
        ("KPI", tuple(k for c in doc.kpi_categories for k in c.kpis)),
    ):
        seen: set[str] = set()
        for item in items:
            check_slug(item.slug)
            if item.slug in seen:
                raise PlanError(f"expected unique {kind} slugs, found '{item.slug}' twice")
            seen.add(item.slug)
    for topic in doc.topics:
        validate_materials(topic)
    topics = {t.slug for t in doc.topics}
    for resource in doc.resources:
        validate_structure(resource, topics)


def validate_materials(topic: TopicDoc) -> None:
    seen: set[str] = set()
    for material in topic.materials:
        where = f"material '{material.slug}' of topic '{topic.slug}'"
        check_slug(material.slug)
        if material.slug in seen:
            raise PlanError(
                f"expected unique material slugs in topic '{topic.slug}', "
                f"found '{material.slug}' twice"
            )
        seen.add(material.slug)
        if material.kind not in MATERIAL_KINDS:
            raise PlanError(
                f"expected the kind of {where} to be one of {', '.join(MATERIAL_KINDS)}, "
                f"found '{material.kind}'"
            )
        if not WEB_URL_RE.match(material.url):
            raise PlanError(
                f"expected the address of {where} to be a web address (https://...), "
                f"found '{material.url}'"
            )
        if material.language not in LANGUAGES:
            raise PlanError(
                f"expected the language of {where} to be ru or en, found '{material.language}'"
            )
        if material.minutes is not None and not 0 < material.minutes <= 10_000:
            raise PlanError(
                f"expected the minutes of {where} to be between 1 and 10000, "
                f"found {material.minutes}"
            )


def validate_structure(resource: ResourceDoc, topics: set[str]) -> None:
    """A resource's address, parts, topics and certifications (curriculum.plan.ResourceDoc)."""
    where = f"resource '{resource.slug}'"
    if resource.url and not WEB_URL_RE.match(resource.url):
        raise PlanError(
            f"expected the address of {where} to be a web address (https://...), "
            f"found '{resource.url}'"
        )
    for slug in resource.topics:
        if slug not in topics:
            raise PlanError(f"expected {where} to serve existing topics, found topic '{slug}'")
    if len(set(resource.topics)) != len(resource.topics):
        raise PlanError(f"expected {where} to name each topic once")
    certifications = set()
    for certification in resource.certifications:
        if certification.url and not WEB_URL_RE.match(certification.url):
            raise PlanError(
                f"expected the address of certification '{certification.slug}' to be a web "
                f"address (https://...), found '{certification.url}'"
            )
        certifications.add(certification.slug)
    seen: set[str] = set()
    for part in resource.parts:
        check_slug(part.slug)
        if part.slug in seen:
            raise PlanError(f"expected unique part slugs in {where}, found '{part.slug}' twice")
        seen.add(part.slug)
        if part.kind not in PART_KINDS:
            raise PlanError(
                f"expected the kind of part '{part.slug}' of {where} to be one of "
                f"{', '.join(PART_KINDS)}, found '{part.kind}'"
            )
        if part.pages is not None and not 0 < part.pages <= 5000:
            raise PlanError(
                f"expected the pages of part '{part.slug}' of {where} to be between 1 and "
                f"5000, found {part.pages}"
            )
        if part.weight is not None and not 0 <= part.weight <= 100:
            raise PlanError(
                f"expected the weight of part '{part.slug}' of {where} to be a percentage, "
                f"found {part.weight}"
            )
        if part.certification and part.certification not in certifications:
            raise PlanError(
                f"expected part '{part.slug}' of {where} to name one of its certifications, "
                f"found '{part.certification}'"
            )


def check_slug(slug: str) -> None:
    if not slug or len(slug) > 100 or not set(slug) <= SLUG_CHARS or slug.startswith("-"):
        raise PlanError(
            f"expected a slug of lower-case latin letters, digits and '-', found '{slug}'"
        )
