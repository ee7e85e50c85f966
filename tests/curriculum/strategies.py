"""Hypothesis strategies for whole curricula in one language, within what the Markdown
format can say (texts without Markdown markup, a subtitle that does not read as a section)."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from skillpath.curriculum.plan import (
    LANGUAGES,
    MATERIAL_KINDS,
    PART_KINDS,
    ActivityDoc,
    BlockDoc,
    CareerTrackDoc,
    CertificationDoc,
    CurriculumDoc,
    KpiCategoryDoc,
    KpiDoc,
    LevelCheckDoc,
    MaterialDoc,
    MilestoneDoc,
    MonthDoc,
    NextStepDoc,
    PhaseDoc,
    PracticeDoc,
    ProjectDoc,
    ResourceDoc,
    ResourcePartDoc,
    SkillCategoryDoc,
    Text,
    TopicDoc,
    WeeklyTargetDoc,
)

LETTERS = {
    "en": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ",
}


@functools.cache
def words(language: str, *, min_words: int = 1, max_words: int = 5) -> st.SearchStrategy[str]:
    word = st.text(LETTERS[language] + "0123456789", min_size=1, max_size=8)
    first = st.text(LETTERS[language], min_size=1, max_size=8)
    tail = st.lists(
        st.tuples(st.sampled_from([" ", ", ", " / ", " - "]), word),
        min_size=min_words - 1,
        max_size=max_words - 1,
    )
    return st.builds(lambda f, t: f + "".join(sep + w for sep, w in t), first, tail)


@st.composite
def materials(draw: Any, language: str) -> MaterialDoc:
    path = draw(st.text("abcdefghijklmnopqrstuvwxyz0123456789-_/.", max_size=20))
    return MaterialDoc(
        "",
        draw(st.sampled_from(MATERIAL_KINDS)),
        Text(**{language: draw(words(language))}),
        f"https://{draw(st.sampled_from(['docs.python.org', 'www.postgresql.org']))}/{path}",
        draw(st.sampled_from(LANGUAGES)),
        draw(st.none() | st.integers(1, 600)),
    )


@st.composite
def curricula(draw: Any, language: str) -> CurriculumDoc:
    def text(optional: bool = False, **kw: int) -> Text:
        if optional and draw(st.booleans()):
            return Text()
        return Text(**{language: draw(words(language, **kw))})

    week = 1
    month_number = 0
    phases = []
    for phase_number in range(1, draw(st.integers(1, 3)) + 1):
        months = []
        for _ in range(draw(st.integers(1, 3))):
            month_number += 1
            blocks = []
            for _ in range(draw(st.integers(1, 3))):
                span = draw(st.integers(0, 2))
                topics = tuple(
                    TopicDoc(
                        "",
                        text(),
                        text(optional=True),
                        objectives=tuple(text() for _ in range(draw(st.integers(0, 3)))),
                        concepts=tuple(text() for _ in range(draw(st.integers(0, 3)))),
                        exercise=text(optional=True, max_words=12),
                        materials=tuple(
                            draw(materials(language)) for _ in range(draw(st.integers(0, 3)))
                        ),
                    )
                    for _ in range(draw(st.integers(1, 4)))
                )
                blocks.append(BlockDoc("", week, week + span, text(), topics))
                week += span + 1
            practice = None
            if draw(st.booleans()):
                practice = PracticeDoc("", text(), draw(st.booleans()))
            months.append(
                MonthDoc("", month_number, text(), text(optional=True), tuple(blocks), practice)
            )
        phases.append(PhaseDoc("", phase_number, text(), tuple(months)))
    phase_numbers = st.integers(1, len(phases))
    milestone_months = sorted(draw(st.lists(st.integers(1, month_number), max_size=3)))
    subtitle = text(optional=True)
    assume(not _reads_as_section(subtitle.get(language)))
    next_steps = tuple(
        NextStepDoc(text(), text(optional=True)) for _ in range(draw(st.integers(0, 3)))
    )
    books = sorted(
        (
            ResourceDoc("", "book", text(), draw(phase_numbers))
            for _ in range(draw(st.integers(0, 3)))
        ),
        key=lambda r: r.phase or 0,
    )
    courses = [
        ResourceDoc("", "course", text(), None, text(optional=True))
        for _ in range(draw(st.integers(0, 2)))
    ]
    platforms = [ResourceDoc("", "platform", text()) for _ in range(draw(st.integers(0, 2)))]
    duration = draw(st.none() | st.tuples(st.integers(1, 30), st.integers(0, 6)))
    return CurriculumDoc(
        slug="",
        title=text(),
        subtitle=subtitle,
        goal=text(optional=True, max_words=12),
        target_level=text(optional=True),
        duration_months=(duration[0], duration[0] + duration[1]) if duration else None,
        hours_per_week=draw(st.none() | st.just((10, 20))),
        practice_percent=draw(st.none() | st.integers(0, 100)),
        theory_percent=draw(st.none() | st.integers(0, 100)),
        phases=tuple(phases),
        milestones=tuple(
            MilestoneDoc("", i, month, text()) for i, month in enumerate(milestone_months, 1)
        ),
        projects=tuple(
            ProjectDoc("", i, draw(phase_numbers), text(), text(optional=True))
            for i in range(1, draw(st.integers(0, 4)) + 1)
        ),
        resources=tuple(books + courses + platforms),
        weekly_targets=tuple(
            WeeklyTargetDoc(kind, draw(st.integers(0, 100)), text(optional=True))
            for kind in draw(st.sampled_from([(), ("theory", "practice", "research")]))
        ),
        activities=tuple(ActivityDoc("", text()) for _ in range(draw(st.integers(0, 3)))),
        level_checks=tuple(
            LevelCheckDoc("", f"Q{i}", text()) for i in range(1, draw(st.integers(0, 4)) + 1)
        ),
        career_tracks=tuple(
            CareerTrackDoc("", text(), tuple(text() for _ in range(draw(st.integers(0, 3)))))
            for _ in range(draw(st.integers(0, 2)))
        ),
        skill_categories=tuple(
            SkillCategoryDoc("", text(), tuple(text() for _ in range(draw(st.integers(1, 3)))))
            for _ in range(draw(st.integers(0, 2)))
        ),
        kpi_categories=tuple(
            KpiCategoryDoc(
                "",
                text(),
                tuple(KpiDoc("", text(), text()) for _ in range(draw(st.integers(1, 3)))),
            )
            for _ in range(draw(st.integers(0, 2)))
        ),
        next_steps_intro=text(optional=True),
        next_steps=next_steps,
        closing=text(optional=True) if next_steps else Text(),
    )


def _reads_as_section(subtitle: str) -> bool:
    from skillpath.curriculum.importers.markdown import SECTIONS

    low = subtitle.lower()
    return any(low.startswith(w) for words in SECTIONS.values() for w in words) or bool(
        __import__("re").match(r"^(фаза|phase)\s+\d", low)
    )


def without_slugs(value: Any) -> Any:
    """The same document with every slug blanked and derived fields reset, for comparing
    a generated plan with what the parser read back."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: without_slugs(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.compare
        }
        if "slug" in changes:
            changes["slug"] = ""
        if isinstance(value, MilestoneDoc):
            changes["level"] = ""
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(without_slugs(v) for v in value)
    return value


@st.composite
def with_resource_structure(draw: Any, doc: CurriculumDoc, language: str) -> CurriculumDoc:
    """`doc` (with slugs) with structure on some of its resources: an address, authors,
    parts (some with pages, a group, or as domains of a certification), the topics it
    serves and certifications. The YAML package and the database carry all of it."""

    def text(**kw: int) -> Text:
        return Text(**{language: draw(words(language, **kw))})

    topic_slugs = [t.slug for t in doc.topics]
    resources = []
    for index, resource in enumerate(doc.resources):
        if not draw(st.booleans()):
            resources.append(resource)
            continue
        certifications = tuple(
            CertificationDoc(
                f"r{index}-cert-{i}",
                text(),
                draw(st.sampled_from(["", "https://training.linuxfoundation.org/cka"])),
            )
            for i in range(draw(st.integers(0, 2)))
        )
        parts = tuple(
            ResourcePartDoc(
                f"part-{i}",
                text(),
                draw(st.sampled_from(PART_KINDS)),
                draw(st.none() | st.integers(1, 900)),
                draw(st.just(Text()) | st.builds(lambda: text())),
                draw(st.none() | st.integers(0, 100)),
                draw(st.sampled_from(["", *(c.slug for c in certifications)])),
            )
            for i in range(1, draw(st.integers(0, 4)) + 1)
        )
        resources.append(
            dataclasses.replace(
                resource,
                url=draw(st.sampled_from(["", "https://www.oreilly.com/library/view/x/1/"])),
                authors=tuple(draw(st.lists(words("en", max_words=2), max_size=3))),
                parts=parts,
                topics=tuple(draw(st.lists(st.sampled_from(topic_slugs), unique=True, max_size=3))),
                certifications=certifications,
            )
        )
    return dataclasses.replace(doc, resources=tuple(resources))
