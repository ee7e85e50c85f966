"""The built-in question bank, linted whole: every topic of the curriculum has at least five
questions in both languages, with explanations; the structure holds for every kind; a
quarter at least are practical; and it loads into the database with the curriculum."""

from __future__ import annotations

from collections import Counter

import pytest

from skillpath.curriculum.services import builtin_package_path
from skillpath.knowledge.bank import Kind, bank_files, lint_bank, read_bank

BANK_DIR = builtin_package_path() / "questions"


@pytest.fixture(scope="module")
def bank():
    return read_bank(bank_files(BANK_DIR))


@pytest.fixture(scope="module")
def topics(builtin_plan):
    return {
        topic.slug: month.slug
        for phase in builtin_plan.doc.phases
        for month in phase.months
        for block in month.blocks
        for topic in block.topics
    }


def test_one_file_per_month(builtin_plan):
    months = [m for phase in builtin_plan.doc.phases for m in phase.months]
    assert [p.name for p in bank_files(BANK_DIR)] == [f"month-{m.number:02d}.yaml" for m in months]


def test_the_whole_bank_keeps_the_content_rules(bank, topics):
    problems = [str(p) for p in lint_bank(bank, topics)]
    assert problems == []
    assert len(topics) == 144


def test_each_question_belongs_to_a_topic_of_its_months_file(bank, topics):
    for path in bank_files(BANK_DIR):
        month = f"month-{int(path.stem.split('-')[1])}"
        for question in read_bank([path]).questions:
            assert topics[question.topic] == month, (path.name, question.slug)


def test_every_kind_is_used_and_a_quarter_at_least_are_practical(bank):
    kinds = Counter(q.kind for q in bank.questions)
    assert set(kinds) == set(Kind)
    assert sum(q.practical for q in bank.questions) >= len(bank.questions) / 4
    for questions in bank.by_topic().values():
        assert len({q.kind for q in questions}) >= 2


def test_choice_questions_have_a_reason_for_a_tempting_wrong_answer(bank):
    for q in bank.questions:
        if q.kind in (Kind.SINGLE, Kind.MULTIPLE):
            assert any(c.feedback for c in q.choices if c.weight <= 0), q.slug
        assert q.explanation is not None and q.explanation.ru and q.explanation.en


@pytest.mark.django_db
def test_the_bank_loads_with_the_built_in_curriculum(builtin, bank):
    from skillpath.knowledge.selectors import bank_stats
    from skillpath.knowledge.services import load_builtin_questions

    loaded = load_builtin_questions(builtin)
    assert loaded is not None and loaded.created == len(bank.questions)
    stats = bank_stats(builtin)
    assert stats["topics"] == stats["topics_with_at_least_5"] == 144
    assert stats["by_language"] == {"ru": len(bank.questions), "en": len(bank.questions)}
    assert load_builtin_questions(builtin) is None  # only into a curriculum without any
