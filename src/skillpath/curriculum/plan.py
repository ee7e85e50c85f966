"""Plain data for a curriculum: what importers produce, exporters consume, services write.

No ORM here, so the parser, the round trips and the package format can be tested fast and
on their own. Every human text is a `Text` holding Russian and English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

Language = Literal["ru", "en"]
LANGUAGES: tuple[Language, ...] = ("ru", "en")

LEVELS = ("junior", "middle", "senior", "tech_lead")
RESOURCE_KINDS = ("book", "course", "platform")
# What one part of a resource is: a book's chapter, a course's module, an exam's domain.
PART_KINDS = ("chapter", "module", "domain")
# What a topic's study material is, most authoritative first.
MATERIAL_KINDS = ("docs", "spec", "book", "course", "tutorial", "article", "video", "interactive")
TIME_KINDS = ("theory", "practice", "research")


@dataclass(frozen=True)
class Text:
    """One text in both languages; an empty string means "not translated yet"."""

    ru: str = ""
    en: str = ""

    def get(self, language: str) -> str:
        """The text in `language`, falling back to the other language."""
        primary, other = (self.en, self.ru) if language == "en" else (self.ru, self.en)
        return primary or other

    def only(self, language: Language) -> Text:
        return Text(**{language: getattr(self, language)})

    def merged(self, other: Text) -> Text:
        """This text, with the languages it lacks taken from `other`."""
        return Text(ru=self.ru or other.ru, en=self.en or other.en)

    def __bool__(self) -> bool:
        return bool(self.ru or self.en)


@dataclass(frozen=True)
class MaterialDoc:
    """Something to study a topic from: a page of documentation, a chapter, a course."""

    slug: str
    kind: str
    title: Text
    url: str
    language: Language = "en"  # the language the material is written in
    minutes: int | None = None  # the time it asks for


@dataclass(frozen=True)
class TopicDoc:
    slug: str
    title: Text
    description: Text = Text()
    estimated_hours: float | None = None
    # What the learner can do after the topic, the ideas it rests on, an exercise to do on
    # one's own machine, and where to learn it.
    objectives: tuple[Text, ...] = ()
    concepts: tuple[Text, ...] = ()
    exercise: Text = Text()
    materials: tuple[MaterialDoc, ...] = ()

    @property
    def material_minutes(self) -> int:
        return sum(m.minutes or 0 for m in self.materials)

    @property
    def has_study(self) -> bool:
        return bool(self.objectives or self.concepts or self.exercise or self.materials)


@dataclass(frozen=True)
class BlockDoc:
    slug: str
    week_from: int
    week_to: int
    title: Text
    topics: tuple[TopicDoc, ...] = ()


@dataclass(frozen=True)
class PracticeDoc:
    slug: str
    text: Text
    is_capstone: bool = False


@dataclass(frozen=True)
class MonthDoc:
    slug: str
    number: int
    title: Text
    goal: Text = Text()
    blocks: tuple[BlockDoc, ...] = ()
    practice: PracticeDoc | None = None


@dataclass(frozen=True)
class PhaseDoc:
    slug: str
    number: int
    title: Text
    months: tuple[MonthDoc, ...] = ()

    @property
    def month_from(self) -> int:
        return self.months[0].number if self.months else 0

    @property
    def month_to(self) -> int:
        return self.months[-1].number if self.months else 0


@dataclass(frozen=True)
class MilestoneDoc:
    slug: str
    number: int
    after_month: int
    text: Text
    level: str = ""


@dataclass(frozen=True)
class ProjectDoc:
    slug: str
    number: int
    phase: int
    title: Text
    summary: Text = Text()


@dataclass(frozen=True)
class ResourcePartDoc:
    """One piece of a resource a learner can mark done: a book's chapter (with its pages), a
    course's module, a certification exam's domain (with its weight in the exam). `group`
    is the larger division it sits in ("Part I. Foundations of Data Systems"); a domain
    names the certification of the same resource it belongs to."""

    slug: str
    title: Text
    kind: str = "chapter"
    pages: int | None = None
    group: Text = Text()
    weight: int | None = None  # a domain's share of the exam, in percent
    certification: str = ""


@dataclass(frozen=True)
class CertificationDoc:
    """A certification a resource prepares for (CKA, CKAD...): a learner plans it with a
    target date and records it as earned; earned ones count towards the certifications KPI."""

    slug: str
    title: Text
    url: str = ""


@dataclass(frozen=True)
class ResourceDoc:
    slug: str
    kind: str
    title: Text
    phase: int | None = None
    category: Text = Text()
    # The structure the seed's list lacks (none of it is in the Markdown plan, only in the
    # package): where to find it, who wrote it, its parts, the topics it serves, and the
    # certifications it leads to.
    url: str = ""
    authors: tuple[str, ...] = ()
    parts: tuple[ResourcePartDoc, ...] = ()
    topics: tuple[str, ...] = ()
    certifications: tuple[CertificationDoc, ...] = ()

    @property
    def pages(self) -> int:
        return sum(p.pages or 0 for p in self.parts)

    @property
    def has_structure(self) -> bool:
        return bool(self.url or self.authors or self.parts or self.topics or self.certifications)


@dataclass(frozen=True)
class WeeklyTargetDoc:
    kind: str
    percent: int
    text: Text = Text()


@dataclass(frozen=True)
class ActivityDoc:
    slug: str
    title: Text


@dataclass(frozen=True)
class LevelCheckDoc:
    slug: str
    label: str
    text: Text


@dataclass(frozen=True)
class CareerTrackDoc:
    slug: str
    title: Text
    roles: tuple[Text, ...] = ()


@dataclass(frozen=True)
class SkillCategoryDoc:
    slug: str
    title: Text
    skills: tuple[Text, ...] = ()


@dataclass(frozen=True)
class KpiDoc:
    slug: str
    name: Text
    target: Text


@dataclass(frozen=True)
class KpiCategoryDoc:
    slug: str
    title: Text
    kpis: tuple[KpiDoc, ...] = ()


@dataclass(frozen=True)
class NextStepDoc:
    title: Text
    text: Text = Text()


@dataclass(frozen=True)
class CurriculumDoc:
    slug: str
    title: Text
    version: str = "1"
    subtitle: Text = Text()
    goal: Text = Text()
    target_level: Text = Text()
    duration_months: tuple[int, int] | None = None
    hours_per_week: tuple[int, int] | None = None
    practice_percent: int | None = None
    theory_percent: int | None = None
    phases: tuple[PhaseDoc, ...] = ()
    milestones: tuple[MilestoneDoc, ...] = ()
    projects: tuple[ProjectDoc, ...] = ()
    resources: tuple[ResourceDoc, ...] = ()
    weekly_targets: tuple[WeeklyTargetDoc, ...] = ()
    activities: tuple[ActivityDoc, ...] = ()
    level_checks: tuple[LevelCheckDoc, ...] = ()
    career_tracks: tuple[CareerTrackDoc, ...] = ()
    skill_categories: tuple[SkillCategoryDoc, ...] = ()
    kpi_categories: tuple[KpiCategoryDoc, ...] = ()
    next_steps_intro: Text = Text()
    next_steps: tuple[NextStepDoc, ...] = ()
    closing: Text = Text()
    warnings: tuple[str, ...] = field(default=(), compare=False)

    # --- derived views -------------------------------------------------------------
    @property
    def months(self) -> tuple[MonthDoc, ...]:
        return tuple(m for p in self.phases for m in p.months)

    @property
    def blocks(self) -> tuple[BlockDoc, ...]:
        return tuple(b for m in self.months for b in m.blocks)

    @property
    def topics(self) -> tuple[TopicDoc, ...]:
        return tuple(t for b in self.blocks for t in b.topics)

    @property
    def practices(self) -> tuple[PracticeDoc, ...]:
        return tuple(m.practice for m in self.months if m.practice is not None)

    def counts(self) -> dict[str, int]:
        """The numbers a user checks an import by."""
        return {
            "phases": len(self.phases),
            "months": len(self.months),
            "blocks": len(self.blocks),
            "topics": len(self.topics),
            "practices": len(self.practices),
            "milestones": len(self.milestones),
            "projects": len(self.projects),
            "resources": len(self.resources),
        }

    def with_slug(self, slug: str) -> CurriculumDoc:
        return replace(self, slug=slug)


def kpi_target_value(target: str) -> tuple[float | None, str]:
    """The number and unit in a KPI target: "50,000+" -> (50000, ""), "80%+ for X" -> (80, "%"),
    "12 major projects" -> (12, "major projects"), "Active contributor" -> (None, "")."""
    m = re.match(r"^\s*(\d[\d,\s]*(?:\.\d+)?)\s*(?:[-–]\s*\d[\d,]*)?\s*(%|x|×)?\+?\s*(.*)$", target)
    if not m:
        return None, ""
    value = float(re.sub(r"[,\s]", "", m.group(1)))
    unit = m.group(2) or ""
    rest = m.group(3).strip()
    if not unit and rest and not rest.lower().startswith(("for ", "от ", "для ")):
        unit = rest
    return value, unit.replace("×", "x")
