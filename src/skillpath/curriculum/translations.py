"""Combine two CurriculumDocs text by text: a Russian and an English reading of one plan,
or a freshly imported plan and the translations the database already holds."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from skillpath.curriculum.importers.base import PlanError
from skillpath.curriculum.plan import CurriculumDoc, Text, TopicDoc
from skillpath.curriculum.slugs import Slugger

T = TypeVar("T")


def merge_languages(base: CurriculumDoc, other: CurriculumDoc) -> CurriculumDoc:
    """`base` with every empty language filled from `other`, item by item in order.

    The two must have the same shape (same counts everywhere); slugs and numbers come
    from `base`. Raises PlanError naming the first place where the shapes differ.
    """
    return _merge(base, other, path="curriculum", by_slug=False)


def fill_missing(new: CurriculumDoc, old: CurriculumDoc) -> CurriculumDoc:
    """`new` with texts and estimates it lacks taken from the item of `old` with the same slug.

    Used when a plan in one language is imported over a curriculum that already has both:
    the translations survive.
    """
    return _merge(new, old, path="curriculum", by_slug=True)


def _merge(a: Any, b: Any, *, path: str, by_slug: bool) -> Any:
    if isinstance(a, Text):
        return a.merged(b) if isinstance(b, Text) else a
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        if type(b) is not type(a):
            return a
        changes = {}
        for f in dataclasses.fields(a):
            if not f.compare:
                continue
            va, vb = getattr(a, f.name), getattr(b, f.name)
            changes[f.name] = _merge(va, vb, path=f"{path}.{f.name}", by_slug=by_slug)
        return dataclasses.replace(a, **changes)
    if isinstance(a, tuple):
        return _merge_items(a, b, path=path, by_slug=by_slug)
    return b if a is None else a


def _merge_items(a: tuple[Any, ...], b: Any, *, path: str, by_slug: bool) -> tuple[Any, ...]:
    b = b if isinstance(b, tuple) else ()
    if by_slug and a and hasattr(a[0], "slug"):
        others = {getattr(x, "slug", None): x for x in b}
        return tuple(
            _merge(x, others.get(x.slug), path=f"{path}[{x.slug}]", by_slug=True) for x in a
        )
    if by_slug:
        # Lists without slugs (roles, skills) pair up by position only when both agree.
        if len(a) != len(b):
            return a
    elif len(a) != len(b):
        raise PlanError(f"the translations differ in shape at {path}: {len(a)} vs {len(b)} items")
    pairs = enumerate(zip(a, b, strict=True))
    return tuple(_merge(x, y, path=f"{path}[{i}]", by_slug=by_slug) for i, (x, y) in pairs)


def adopt_slugs(new: CurriculumDoc, old: CurriculumDoc, language: str) -> CurriculumDoc:
    """`new` with each item wearing the slug of the same item in `old`.

    A plan exported in English and imported again derives slugs from English titles; the
    curriculum it updates has slugs made from Russian ones. Items pair up by slug, then by
    equal text in `language`, then by position when both lists are as long; an item with
    no partner keeps its own slug (it is new).
    """
    return _adopt(new, old, language)


def _primary_text(item: Any, language: str) -> str:
    for name in ("title", "name", "text"):
        value = getattr(item, name, None)
        if isinstance(value, Text):
            return getattr(value, language)
    return ""


def _adopt(a: Any, b: Any, language: str) -> Any:
    if dataclasses.is_dataclass(a) and not isinstance(a, type) and type(a) is type(b):
        changes = {}
        for f in dataclasses.fields(a):
            va, vb = getattr(a, f.name), getattr(b, f.name)
            if isinstance(va, tuple) and va and dataclasses.is_dataclass(va[0]):
                changes[f.name] = _adopt_items(va, vb, language)
        return dataclasses.replace(a, **changes)
    return a


def _adopt_items(a: tuple[Any, ...], b: tuple[Any, ...], language: str) -> tuple[Any, ...]:
    if not hasattr(a[0], "slug"):
        if len(a) == len(b):
            return tuple(_adopt(x, y, language) for x, y in zip(a, b, strict=True))
        return a
    partner: dict[int, Any] = {}
    free = list(b)
    for rule in (
        lambda x, y: x.slug == y.slug,
        lambda x, y: (
            bool(_primary_text(x, language))
            and _primary_text(x, language) == _primary_text(y, language)
        ),
        lambda x, y: (
            getattr(x, "number", None) is not None
            and getattr(x, "number", None) == getattr(y, "number", None)
        ),
    ):
        for i, x in enumerate(a):
            if i in partner:
                continue
            match = next((y for y in free if rule(x, y)), None)
            if match is not None:
                partner[i] = match
                free.remove(match)
    if len(a) == len(b):
        for i in range(len(a)):
            if i not in partner and free:
                partner[i] = free.pop(0)
    slugs = Slugger()
    for y in partner.values():
        slugs.take(y.slug)
    result = []
    for i, x in enumerate(a):
        y = partner.get(i)
        if y is None:  # a new item: keep its slug unless an adopted one already holds it
            result.append(dataclasses.replace(x, slug=slugs.take(x.slug)))
        else:
            result.append(dataclasses.replace(_adopt(x, y, language), slug=y.slug))
    return tuple(result)


def keep_what_markdown_omits(new: CurriculumDoc, old: CurriculumDoc) -> CurriculumDoc:
    """`new`, a plan read from Markdown, with what such a plan may leave out taken from `old`
    item by item (same slug): the study material of a topic given without any (the seed's
    Markdown has none), and a resource's address, parts, topics and certifications, which
    Markdown cannot say. Importing such a plan must not wipe them, nor the learners' ticks
    on the parts. Topics that left the plan are dropped from a resource's kept topics."""
    studied = {t.slug: t for t in old.topics if t.has_study}

    def topic(t: TopicDoc) -> TopicDoc:
        before = studied.get(t.slug)
        if before is None or t.has_study:
            return t
        return dataclasses.replace(
            t,
            objectives=before.objectives,
            concepts=before.concepts,
            exercise=before.exercise,
            materials=before.materials,
        )

    phases = tuple(
        dataclasses.replace(
            phase,
            months=tuple(
                dataclasses.replace(
                    month,
                    blocks=tuple(
                        dataclasses.replace(block, topics=tuple(topic(t) for t in block.topics))
                        for block in month.blocks
                    ),
                )
                for month in phase.months
            ),
        )
        for phase in new.phases
    )
    kept = {r.slug: r for r in old.resources if r.has_structure}
    topics = {t.slug for t in new.topics}
    resources = []
    for resource in new.resources:
        before = kept.get(resource.slug)
        if before is not None and not resource.has_structure:
            resource = dataclasses.replace(
                resource,
                url=before.url,
                authors=before.authors,
                parts=before.parts,
                topics=tuple(t for t in before.topics if t in topics),
                certifications=before.certifications,
            )
        resources.append(resource)
    return dataclasses.replace(new, phases=phases, resources=tuple(resources))
