"""Writes to the curriculum: importing a plan (all or nothing) and loading the built-in one."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction

from skillpath.curriculum import models as m
from skillpath.curriculum.importers.base import ParsedPlan
from skillpath.curriculum.plan import CurriculumDoc, Text, kpi_target_value
from skillpath.curriculum.selectors import curriculum_doc
from skillpath.curriculum.slugs import Slugger, slugify
from skillpath.curriculum.translations import adopt_slugs, fill_missing, keep_what_markdown_omits

logger = logging.getLogger(__name__)

BUILTIN_SLUG = "backend"


@dataclass
class ImportResult:
    slug: str
    created_curriculum: bool
    counts: dict[str, int]
    changes: dict[str, dict[str, int]] = field(default_factory=dict)
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return self.created_curriculum or any(any(c.values()) for c in self.changes.values())

    def change_summary(self) -> dict[str, object]:
        """Totals, and the kinds of item that changed (those that did not are left out)."""
        totals = {
            key: sum(c[key] for c in self.changes.values())
            for key in ("created", "updated", "deleted")
        }
        by_kind = {kind: c for kind, c in self.changes.items() if any(c.values())}
        return {**totals, "by_kind": by_kind}


class _DryRunRollback(Exception):
    pass


def resolve_slug(doc: CurriculumDoc, language: str) -> str:
    """The slug a Markdown plan imports under: the curriculum with the same title, if any."""
    title = getattr(doc.title, language, "") or doc.title.get(language)
    existing = m.Curriculum.objects.filter(**{f"title_{language}": title}).first()
    return existing.slug if existing else doc.slug


def import_curriculum(
    *, parsed: ParsedPlan, slug: str | None = None, dry_run: bool = False, builtin: bool = False
) -> ImportResult:
    """Write a parsed plan in one transaction; with `dry_run`, roll it back and only report.

    Items are matched by slug, so importing the same plan twice changes nothing; a plan in
    one language keeps the other language's texts the curriculum already has.
    """
    doc = parsed.doc
    if slug:
        doc = doc.with_slug(slug)
    elif parsed.source_format == "markdown":
        doc = doc.with_slug(resolve_slug(doc, parsed.language))
    result: ImportResult | None = None
    try:
        with transaction.atomic():
            result = _write(doc, parsed, builtin=builtin)
            result.dry_run = dry_run
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    assert result is not None
    summary = result.change_summary()
    logger.info(
        "curriculum import slug=%s dry_run=%s created=%s updated=%s deleted=%s",
        result.slug,
        dry_run,
        summary["created"],
        summary["updated"],
        summary["deleted"],
    )
    return result


def _write(doc: CurriculumDoc, parsed: ParsedPlan, *, builtin: bool) -> ImportResult:
    curriculum = m.Curriculum.objects.select_for_update().filter(slug=doc.slug).first()
    created = curriculum is None
    if curriculum is not None and parsed.language in ("ru", "en"):
        old = curriculum_doc(curriculum)
        doc = adopt_slugs(doc, old, parsed.language)
        if parsed.source_format == "markdown":
            # Before the texts are merged: a topic without material is one the plan left out.
            doc = keep_what_markdown_omits(doc, old)
        doc = fill_missing(doc, old)
    values = _curriculum_values(doc)
    if curriculum is None:
        curriculum = m.Curriculum.objects.create(slug=doc.slug, is_builtin=builtin, **values)
    else:
        changed = {k: v for k, v in values.items() if getattr(curriculum, k) != v}
        if changed:
            for key, value in changed.items():
                setattr(curriculum, key, value)
            curriculum.save()
    writer = _TreeWriter(curriculum)
    writer.write(doc)
    return ImportResult(doc.slug, created, doc.counts(), writer.changes)


def _texts(**texts: Text) -> dict[str, str]:
    return {
        f"{name}_{lang}": getattr(text, lang)
        for name, text in texts.items()
        for lang in ("ru", "en")
    }


def _curriculum_values(doc: CurriculumDoc) -> dict[str, Any]:
    duration = doc.duration_months or (None, None)
    hours = doc.hours_per_week or (None, None)
    return {
        "version": doc.version,
        **_texts(
            title=doc.title,
            subtitle=doc.subtitle,
            goal=doc.goal,
            target_level=doc.target_level,
            next_steps_intro=doc.next_steps_intro,
            closing=doc.closing,
        ),
        "duration_min_months": duration[0],
        "duration_max_months": duration[1],
        "hours_per_week_min": hours[0],
        "hours_per_week_max": hours[1],
        "practice_percent": doc.practice_percent,
        "theory_percent": doc.theory_percent,
    }


class _TreeWriter:
    """Brings each table of one curriculum in line with a document, touching only what differs.

    Parents are written before children (children point at them); rows that left the plan
    are deleted last, children first.
    """

    def __init__(self, curriculum: m.Curriculum) -> None:
        self.curriculum = curriculum
        self.changes: dict[str, dict[str, int]] = {}
        self._stale: list[tuple[type[models.Model], list[int]]] = []

    def write(self, doc: CurriculumDoc) -> None:
        phases = self.sync(
            m.Phase, ((p.slug, {"number": p.number, **_texts(title=p.title)}) for p in doc.phases)
        )
        months = self.sync(
            m.Month,
            (
                (
                    mo.slug,
                    {
                        "phase": phases[p.slug],
                        "number": mo.number,
                        **_texts(title=mo.title, goal=mo.goal),
                    },
                )
                for p in doc.phases
                for mo in p.months
            ),
        )
        blocks = self.sync(
            m.Block,
            (
                (
                    b.slug,
                    {
                        "month": months[mo.slug],
                        "week_from": b.week_from,
                        "week_to": b.week_to,
                        **_texts(title=b.title),
                    },
                )
                for mo in doc.months
                for b in mo.blocks
            ),
        )
        topics = self.sync(
            m.Topic,
            (
                (
                    t.slug,
                    {
                        "block": blocks[b.slug],
                        **_texts(title=t.title, description=t.description, exercise=t.exercise),
                        "estimated_hours": _decimal(t.estimated_hours),
                    },
                )
                for b in doc.blocks
                for t in b.topics
            ),
        )
        self.sync(m.TopicPoint, _topic_points(doc, topics))
        self.sync(
            m.TopicMaterial,
            (
                (
                    f"{t.slug}--{mat.slug}",
                    {
                        "topic": topics[t.slug],
                        "kind": mat.kind,
                        **_texts(title=mat.title),
                        "url": mat.url,
                        "language": mat.language,
                        "minutes": mat.minutes,
                    },
                )
                for t in doc.topics
                for mat in t.materials
            ),
        )
        self.sync(
            m.Practice,
            (
                (
                    mo.practice.slug,
                    {
                        "month": months[mo.slug],
                        "is_capstone": mo.practice.is_capstone,
                        **_texts(text=mo.practice.text),
                    },
                )
                for mo in doc.months
                if mo.practice
            ),
        )
        months_by_number = {mo.number: months[mo.slug] for mo in doc.months}
        self.sync(
            m.Milestone,
            (
                (
                    ms.slug,
                    {
                        "number": ms.number,
                        "after_month": months_by_number[ms.after_month],
                        "level": ms.level,
                        **_texts(text=ms.text),
                    },
                )
                for ms in doc.milestones
            ),
        )
        phases_by_number = {p.number: phases[p.slug] for p in doc.phases}
        self.sync(
            m.Project,
            (
                (
                    p.slug,
                    {
                        "phase": phases_by_number[p.phase],
                        "number": p.number,
                        **_texts(title=p.title, summary=p.summary),
                    },
                )
                for p in doc.projects
            ),
        )
        resources = self.sync(
            m.Resource,
            (
                (
                    r.slug,
                    {
                        "kind": r.kind,
                        "phase": phases_by_number[r.phase] if r.phase else None,
                        **_texts(title=r.title, category=r.category),
                        "url": r.url,
                        "authors": list(r.authors),
                    },
                )
                for r in doc.resources
            ),
        )
        self._write_resource_structure(doc, resources, topics)
        self.sync(
            m.WeeklyTarget,
            (
                (w.kind, {"kind": w.kind, "percent": w.percent, **_texts(text=w.text)})
                for w in doc.weekly_targets
            ),
        )
        self.sync(m.MonthlyActivity, ((a.slug, _texts(title=a.title)) for a in doc.activities))
        self.sync(
            m.LevelCheck,
            ((c.slug, {"label": c.label, **_texts(text=c.text)}) for c in doc.level_checks),
        )
        tracks = self.sync(
            m.CareerTrack, ((t.slug, _texts(title=t.title)) for t in doc.career_tracks)
        )
        self.sync(m.CareerRole, _children(doc.career_tracks, "roles", tracks, "track"))
        categories = self.sync(
            m.SkillCategory, ((c.slug, _texts(title=c.title)) for c in doc.skill_categories)
        )
        self.sync(m.Skill, _children(doc.skill_categories, "skills", categories, "category"))
        kpi_categories = self.sync(
            m.KpiCategory, ((c.slug, _texts(title=c.title)) for c in doc.kpi_categories)
        )
        self.sync(
            m.KpiTarget,
            (
                (
                    k.slug,
                    {
                        "category": kpi_categories[c.slug],
                        **_texts(name=k.name, target=k.target),
                        **_kpi_numbers(k.target),
                    },
                )
                for c in doc.kpi_categories
                for k in c.kpis
            ),
        )
        self.sync(
            m.NextStep,
            (
                (f"step-{i}", _texts(title=s.title, text=s.text))
                for i, s in enumerate(doc.next_steps, start=1)
            ),
        )
        for model, ids in reversed(self._stale):
            if ids:
                model.objects.filter(pk__in=ids).delete()

    def _write_resource_structure(
        self, doc: CurriculumDoc, resources: dict[str, Any], topics: dict[str, Any]
    ) -> None:
        """Certifications, then the parts that name them, then the topics each resource serves."""
        certifications = self.sync(
            m.Certification,
            (
                (c.slug, {"resource": resources[r.slug], **_texts(title=c.title), "url": c.url})
                for r in doc.resources
                for c in r.certifications
            ),
        )
        self.sync(
            m.ResourcePart,
            (
                (
                    f"{r.slug}--{part.slug}",
                    {
                        "resource": resources[r.slug],
                        "kind": part.kind,
                        **_texts(title=part.title, group=part.group),
                        "pages": part.pages,
                        "weight": part.weight,
                        "certification": certifications[part.certification]
                        if part.certification
                        else None,
                    },
                )
                for r in doc.resources
                for part in r.parts
            ),
        )
        self.sync(
            m.ResourceTopic,
            (
                (f"{r.slug}--{slug}", {"resource": resources[r.slug], "topic": topics[slug]})
                for r in doc.resources
                for slug in r.topics
            ),
        )

    def sync(self, model: type[models.Model], rows: Iterable[tuple[str, dict[str, Any]]]):  # type: ignore[no-untyped-def]
        existing = {obj.slug: obj for obj in model.objects.filter(curriculum=self.curriculum)}
        result: dict[str, Any] = {}
        to_create, to_update, fields = [], [], set()
        for position, (slug, values) in enumerate(rows):
            values = {**values, "position": position}
            obj = existing.pop(slug, None)
            if obj is None:
                obj = model(curriculum=self.curriculum, slug=slug, **values)
                to_create.append(obj)
            else:
                changed = [k for k, v in values.items() if not _same(obj, k, v)]
                for key in changed:
                    setattr(obj, key, values[key])
                if changed:
                    to_update.append(obj)
                    fields.update(changed)
            result[slug] = obj
        model.objects.bulk_create(to_create)
        if to_update:
            model.objects.bulk_update(to_update, sorted(fields))
        self._stale.append((model, [obj.pk for obj in existing.values()]))
        self.changes[model._meta.model_name or model.__name__] = {
            "created": len(to_create),
            "updated": len(to_update),
            "deleted": len(existing),
        }
        return result


def _same(obj: models.Model, key: str, value: Any) -> bool:
    if isinstance(value, models.Model):
        return getattr(obj, f"{key}_id") == value.pk
    if value is None:
        return getattr(obj, f"{key}_id" if hasattr(obj, f"{key}_id") else key) is None
    return getattr(obj, key) == value


def _children(parents, attr: str, saved: dict[str, Any], fk: str):  # type: ignore[no-untyped-def]
    """Rows for items held as a plain list under a parent (roles, skills), slugged by title."""
    slugs = Slugger()
    for parent in parents:
        for text in getattr(parent, attr):
            base = f"{parent.slug}-{slugify(text.ru or text.en)}"
            yield slugs.take(base), {fk: saved[parent.slug], **_texts(title=text)}


def _topic_points(doc: CurriculumDoc, topics: dict[str, Any]):  # type: ignore[no-untyped-def]
    """Rows for topics' objectives and concepts, slugged by place ("git--objective-1")."""
    for t in doc.topics:
        for kind, texts in (("objective", t.objectives), ("concept", t.concepts)):
            for i, text in enumerate(texts, start=1):
                yield (
                    f"{t.slug}--{kind}-{i}",
                    {"topic": topics[t.slug], "kind": kind, **_texts(text=text)},
                )


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.1"))


def _kpi_numbers(target: Text) -> dict[str, Any]:
    value, unit = kpi_target_value(target.en or target.ru)
    return {
        "target_value": None if value is None else Decimal(str(value)).quantize(Decimal("0.01")),
        "unit": unit[:100],
    }


def builtin_package_path() -> Path:
    return Path(settings.CONTENT_DIR) / "curricula" / BUILTIN_SLUG


def load_builtin_curriculum(*, only_if_empty: bool = True) -> ImportResult | None:
    """Import the built-in curriculum package; by default only into a database with none."""
    from skillpath.curriculum.importers.loader import read_plan

    if only_if_empty and m.Curriculum.objects.exists():
        return None
    parsed = read_plan(builtin_package_path())
    return import_curriculum(parsed=parsed, builtin=True)
