"""The built-in curriculum as study material: every topic says what the learner can do
afterwards, the ideas it rests on, an exercise, and where to learn it — in both languages,
with addresses a browser can open, and no more reading than the topic has hours for."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from skillpath.curriculum.importers.loader import read_plan
from skillpath.curriculum.plan import LANGUAGES, MATERIAL_KINDS, Text, TopicDoc
from skillpath.curriculum.services import builtin_package_path

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# The share of a topic's hours its materials may ask for: the plan gives 30% of the week
# to theory; reading around a topic's practice may take twice that, not more.
READING_SHARE = 0.6


@pytest.fixture(scope="module")
def topics() -> tuple[TopicDoc, ...]:
    return read_plan(builtin_package_path()).doc.topics


def _bilingual(text: Text) -> list[str]:
    """What is wrong with a text meant to be in both languages (empty when nothing)."""
    problems = []
    if not text.ru.strip() or not CYRILLIC.search(text.ru):
        problems.append("no Russian")
    if not text.en.strip() or CYRILLIC.search(text.en):
        problems.append("no English")
    return problems


def test_every_topic_has_objectives_concepts_an_exercise_and_materials(topics):
    problems = []
    for topic in topics:
        if not 3 <= len(topic.objectives) <= 6:
            problems.append(f"{topic.slug}: {len(topic.objectives)} objectives, expected 3-6")
        if not topic.concepts:
            problems.append(f"{topic.slug}: no key concepts")
        if not 2 <= len(topic.materials) <= 5:
            problems.append(f"{topic.slug}: {len(topic.materials)} materials, expected 2-5")
        for text in (*topic.objectives, *topic.concepts, topic.exercise):
            problems += [f"{topic.slug}: {p} in {text.ru or text.en!r}" for p in _bilingual(text)]
        for material in topic.materials:
            # A work's name may read the same in Russian ("RFC 9110 «HTTP Semantics»").
            if not material.title.ru.strip() or not material.title.en.strip():
                problems.append(f"{topic.slug}/{material.slug}: a title missing a language")
            elif CYRILLIC.search(material.title.en):
                problems.append(f"{topic.slug}/{material.slug}: Russian in the English title")

    assert problems == []


def test_every_material_is_an_https_address_of_a_known_kind_language_and_length(topics):
    problems = []
    for topic in topics:
        for material in topic.materials:
            url = urlsplit(material.url)
            where = f"{topic.slug}/{material.slug}"
            if url.scheme != "https" or "." not in url.netloc or " " in material.url:
                problems.append(f"{where}: {material.url!r} is not a well-formed https address")
            if material.kind not in MATERIAL_KINDS:
                problems.append(f"{where}: kind {material.kind!r}")
            if material.language not in LANGUAGES:
                problems.append(f"{where}: language {material.language!r}")
            if not material.minutes:
                problems.append(f"{where}: no estimate of its time")

    assert problems == []


def test_no_topic_asks_for_more_reading_than_its_hours_allow(topics):
    too_long = [
        f"{t.slug}: {t.material_minutes} min of materials for {t.estimated_hours} h"
        for t in topics
        if t.estimated_hours and t.material_minutes > READING_SHARE * t.estimated_hours * 60
    ]

    assert too_long == []


def test_official_documentation_comes_first_in_every_topic(topics):
    official = ("docs", "spec")
    out_of_order = [
        t.slug
        for t in topics
        if [m.kind in official for m in t.materials]
        != sorted((m.kind in official for m in t.materials), reverse=True)
    ]

    assert out_of_order == []
