"""The level check's evidence, read from real rows: topics done, quiz mastery with the quiz
attempts behind it, complete passes of the checks, KPIs from git; in a fixed number of
queries however much evidence there is."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from skillpath.assessment.evidence import evidence_of, rubric_and_facts
from skillpath.assessment.rubric import CheckRun
from tests.assessment.level_world import (
    NOW,
    commits,
    load_questions,
    mark_done,
    pass_checks,
    phase_topics,
    quiz_right,
    topics_with_questions,
)

pytestmark = pytest.mark.django_db


def _queries(learner, curriculum) -> int:
    with CaptureQueriesContext(connection) as queries:
        evidence_of(learner, curriculum, NOW)
    return len(queries)


def test_it_reads_every_kind_of_evidence(builtin, alice, charlie):
    topics = phase_topics(builtin)[:3]
    mark_done(alice, topics)
    runs = pass_checks(alice, ["url-shortener"])
    pass_checks(charlie, ["todo-api"])
    commits(alice, 4, lines=25, docs=1)
    load_questions(builtin)
    quizzed = topics_with_questions(builtin)
    attempt = quiz_right(alice, builtin, quizzed[0])

    evidence = evidence_of(alice, builtin, NOW)

    assert evidence.topics_done == {t.slug for t in topics}
    assert evidence.passed_checks == (CheckRun("url-shortener", runs[0].pk),)
    assert evidence.kpis["lines-of-code-written"] == 100
    assert evidence.kpis["documentation-pages-written"] == 4
    assert evidence.kpis["github-contributions"] == 4
    assert evidence.kpis["projects-completed"] == 1
    assert evidence.kpis["pull-requests-reviewed"] == 0
    assert evidence.activities == () and evidence.interviews == ()
    mastery = evidence.mastery[quizzed[0]]
    assert mastery.score > 0 and mastery.quiz_ids == (attempt.pk,)


def test_a_failed_run_is_no_evidence(builtin, alice):
    from skillpath.checks.suites import suite_by_slug
    from tests.checks.runs import record_run

    record_run(alice, suite_by_slug("url-shortener"), failing=1)
    assert evidence_of(alice, builtin, NOW).passed_checks == ()


def test_the_query_count_is_fixed_for_two_years_of_evidence(builtin, alice, bob):
    rubric_and_facts(builtin)  # the curriculum's facts are read once per version
    mark_done(bob, phase_topics(builtin)[:1])
    pass_checks(bob, ["url-shortener"])
    commits(bob, 1)
    load_questions(builtin)
    quizzed = topics_with_questions(builtin)
    quiz_right(bob, builtin, quizzed[0])
    small = _queries(bob, builtin)

    mark_done(alice, phase_topics(builtin, phases=(1, 2, 3, 4)))
    pass_checks(alice, ["url-shortener", "todo-api", "text-cli", "blog-api"], times=5)
    commits(alice, 2000)
    for slug in quizzed[:6]:
        quiz_right(alice, builtin, slug)
    assert _queries(alice, builtin) == small
    # With quizzes taken their attempts are one read more; certifications earned are one.
    assert small <= 12
