"""The built-in mock-interview sets, linted whole: a set per milestone level with at least 25
questions, both languages in every text, 3-5 points to each question, topics of the
curriculum up to the level's milestone, unique slugs and no near-duplicate questions."""

from __future__ import annotations

import pytest

from skillpath.assessment.interviews import (
    LEVELS,
    MIN_QUESTIONS,
    lint_interview_sets,
    load_interview_sets,
    topics_by_level,
)
from skillpath.curriculum.services import builtin_package_path


@pytest.fixture(scope="module")
def sets():
    return load_interview_sets(builtin_package_path())


def test_there_is_a_set_for_every_milestone_level(sets, builtin_plan):
    assert set(sets) == set(LEVELS) == {m.level for m in builtin_plan.doc.milestones}


@pytest.mark.parametrize("level", LEVELS)
def test_each_level_has_enough_questions(sets, level):
    assert len(sets[level].questions) >= MIN_QUESTIONS


def test_the_sets_keep_the_content_rules(sets, builtin_plan):
    problems = [str(p) for p in lint_interview_sets(sets, topics_by_level(builtin_plan.doc))]
    assert problems == []


def test_slugs_are_unique_across_the_sets_and_say_their_level(sets):
    slugs = [q.slug for s in sets.values() for q in s.questions]
    assert len(slugs) == len(set(slugs))
    for level, found in sets.items():
        assert all(q.slug.startswith(level.replace("_", "-") + "-") for q in found.questions)


def test_every_question_has_three_to_five_points_in_both_languages(sets):
    for found in sets.values():
        for question in found.questions:
            assert 3 <= len(question.points) <= 5, question.slug
            assert all(p.text.ru and p.text.en for p in question.points), question.slug


def test_a_senior_set_draws_on_later_phases_than_a_junior_one(sets, builtin_plan):
    """The sets are of their level: most Senior questions need months 9-14, not phase 1."""
    junior = topics_by_level(builtin_plan.doc)["junior"]
    senior = sets["senior"].questions
    later = [q for q in senior if any(t not in junior for t in q.topics)]
    assert len(later) >= 0.8 * len(senior)
