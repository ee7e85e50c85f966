"""Fixtures for the page tests: a client that reads pages in a chosen language, and a
curriculum several times the seed's size (to show that query counts do not grow with it)."""

from __future__ import annotations

import pytest
from django.conf import settings

from skillpath.curriculum.importers.base import ParsedPlan
from skillpath.curriculum.plan import (
    BlockDoc,
    CurriculumDoc,
    MilestoneDoc,
    MonthDoc,
    PhaseDoc,
    PracticeDoc,
    ProjectDoc,
    ResourceDoc,
    Text,
    TopicDoc,
)
from skillpath.curriculum.services import import_curriculum


def in_language(client, language: str):
    """Make `client` send the language cookie that Django's set_language view sets."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def ru(client, builtin):
    """A client reading the built-in curriculum in Russian."""
    return in_language(client, "ru")


@pytest.fixture
def en(client, builtin):
    """A client reading the built-in curriculum in English."""
    return in_language(client, "en")


def _text(label: str) -> Text:
    return Text(ru=f"{label} (ru)", en=f"{label} (en)")


def big_doc(
    *, phases: int = 6, months_per_phase: int = 5, blocks: int = 3, topics: int = 6
) -> CurriculumDoc:
    """A generated plan in the seed's shape, with more of everything; the last practice is
    the capstone and each phase ends with a milestone."""
    last_month = phases * months_per_phase

    def topic(month: int, block: int, n: int) -> TopicDoc:
        label = f"Topic {month}.{block}.{n}"
        return TopicDoc(f"topic-{month}-{block}-{n}", _text(label), _text("What it covers"), 3.5)

    def block(month: int, n: int) -> BlockDoc:
        week = ((month - 1) * blocks + n) * 2
        items = tuple(topic(month, n, t) for t in range(1, topics + 1))
        return BlockDoc(f"block-{month}-{n}", week - 1, week, _text(f"Block {month}.{n}"), items)

    def month(number: int) -> MonthDoc:
        capstone = number == last_month
        practice = PracticeDoc(
            "capstone" if capstone else f"practice-{number}",
            _text("Capstone" if capstone else "Build it"),
            capstone,
        )
        items = tuple(block(number, n) for n in range(1, blocks + 1))
        return MonthDoc(
            f"month-{number}", number, _text(f"Month {number}"), _text("A goal"), items, practice
        )

    def phase(number: int) -> PhaseDoc:
        first = (number - 1) * months_per_phase + 1
        items = tuple(month(n) for n in range(first, first + months_per_phase))
        return PhaseDoc(f"phase-{number}", number, _text(f"Phase {number}"), items)

    numbers = range(1, phases + 1)
    return CurriculumDoc(
        slug="big",
        title=_text("A big plan"),
        duration_months=(30, 36),
        hours_per_week=(10, 20),
        practice_percent=60,
        theory_percent=40,
        phases=tuple(phase(p) for p in numbers),
        milestones=tuple(
            MilestoneDoc(f"milestone-{p}", p, p * months_per_phase, _text(f"Milestone {p}"))
            for p in numbers
        ),
        projects=tuple(
            ProjectDoc(f"project-{n}", n, (n - 1) // 3 + 1, _text(f"Project {n}"))
            for n in range(1, phases * 3 + 1)
        ),
        resources=tuple(ResourceDoc(f"book-{p}", "book", _text(f"Book {p}"), p) for p in numbers),
    )


@pytest.fixture
def big_curriculum(db):
    """A curriculum of 6 phases, 30 months, 90 blocks and 540 topics, beside the built-in one."""
    from skillpath.curriculum.models import Curriculum

    import_curriculum(parsed=ParsedPlan(doc=big_doc(), source_format="yaml", language="ru+en"))
    return Curriculum.objects.get(slug="big")


@pytest.fixture
def as_alice(client, enrolled, alice):
    """A client signed in as alice (enrolled from 2026-01-05), reading English."""
    client.force_login(alice)
    return in_language(client, "en")


@pytest.fixture
def as_charlie(client, builtin, charlie):
    """A client signed in as charlie, the outsider, reading English."""
    client.force_login(charlie)
    return in_language(client, "en")


@pytest.fixture
def server_mode(settings):
    """A server: no automatic sign-in of requests from this machine."""
    settings.LOCAL_MODE = False
    return settings
