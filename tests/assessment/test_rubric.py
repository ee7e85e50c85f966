"""The level rubric: the built-in one fits the curriculum; `assess` turns evidence into met or
unmet criteria with their figures, evidence and missing items; more evidence never lowers a
figure or the level; an unmet required criterion caps the level below its milestone."""

from __future__ import annotations

import textwrap
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillpath.assessment.rubric import (
    CheckRun,
    Evidence,
    InterviewResult,
    RubricError,
    SignedOffActivity,
    TopicMastery,
    assess,
    curriculum_facts,
    describe_missing,
    describe_unchecked,
)
from skillpath.assessment.rubric_file import lint_rubric, load_rubric
from skillpath.checks.suites import all_suites
from skillpath.curriculum.services import builtin_package_path

CHECKS = {suite.subject[1]: suite.slug for suite in all_suites()}


@pytest.fixture(scope="module")
def rubric():
    return load_rubric(builtin_package_path())


@pytest.fixture(scope="module")
def facts(builtin_plan):
    return curriculum_facts(builtin_plan.doc, CHECKS)


def _criteria(rubric):
    return {c.slug: c for m in rubric.milestones for c in m.criteria}


def _results(assessment):
    return {r.criterion: r for m in assessment.milestones for r in m.results}


def junior_ready(facts, **changes) -> Evidence:
    """Everything the Junior gate asks for, and nothing more."""
    topics = facts.topics([1])
    evidence = Evidence(
        topics_done=frozenset(topics),
        mastery={t: TopicMastery(0.9, (n,)) for n, t in enumerate(topics, start=1)},
        passed_checks=tuple(
            CheckRun(check, n) for n, check in enumerate(CHECKS.values(), start=100)
        ),
        interviews=(InterviewResult("junior", 72.5, 9),),
    )
    return replace(evidence, **changes)


# The built-in rubric ------------------------------------------------------------------------


def test_the_built_in_rubric_fits_the_curriculum(rubric, facts):
    assert [str(p) for p in lint_rubric(rubric, facts)] == []
    assert [(m.number, m.month, m.quarter, m.level) for m in rubric.milestones] == [
        (1, 3, "Q1", "junior"),
        (2, 8, "Q2", "middle"),
        (3, 14, "Q3", "senior"),
        (4, 18, "Q4", "tech_lead"),
    ]
    assert rubric.version


def test_every_milestone_uses_every_kind_of_criterion(rubric):
    for milestone in rubric.milestones:
        kinds = {c.kind for c in milestone.criteria}
        assert kinds == {
            "topics_done",
            "quiz_mastery",
            "practice_passed",
            "activities_signed_off",
            "interview_score",
            "kpi",
        }


def test_the_phase_1_criteria_name_every_check_suite_there_is(rubric, facts):
    phase_1 = {s for c in rubric.milestones[0].criteria for s in c.subjects}
    assert {facts.checks[s] for s in phase_1 if s in facts.checks} == set(CHECKS.values())


# Examples -----------------------------------------------------------------------------------


def test_nothing_yet_reaches_no_level_and_says_what_is_missing(rubric, facts):
    assessment = assess(rubric, facts, Evidence())
    assert assessment.level is None and assessment.milestone is None
    first = assessment.milestones[0]
    assert not first.passed_gate and first.required_met == 0
    assert first.weighted_score == 0.0


def test_a_missing_project_is_named_in_the_checklist(rubric, facts):
    evidence = junior_ready(
        facts,
        passed_checks=tuple(
            r for r in junior_ready(facts).passed_checks if r.check != "url-shortener"
        ),
    )
    assessment = assess(rubric, facts, evidence)
    projects = _results(assessment)["m1-projects"]
    assert (projects.met, projects.done, projects.total, projects.missing) == (
        False,
        2,
        3,
        ("url-shortener",),
    )
    criterion = _criteria(rubric)["m1-projects"]
    assert describe_missing(criterion, projects, "en") == (
        "2 of 3 Phase 1 projects passed: url-shortener missing"
    )
    assert describe_missing(criterion, projects, "ru") == (
        "Сдано 2 из 3 проектов фазы 1, не хватает: url-shortener"
    )
    assert assessment.level is None


def test_the_junior_gate_passes_on_its_required_criteria_and_links_the_evidence(rubric, facts):
    assessment = assess(rubric, facts, junior_ready(facts))
    assert (assessment.level, assessment.milestone) == ("junior", 1)
    first = assessment.milestones[0]
    assert first.passed_gate and first.ready_for_sign_off
    assert first.required_met == first.required_total == 5
    results = _results(assessment)
    assert results["m1-interview"].figure == 72.5
    assert results["m1-interview"].evidence[0].id == 9
    assert {r.label: r.id for r in results["m1-projects"].evidence} == {
        "task-cli": 103,
        "blog-api": 104,
        "url-shortener": 105,
    }
    assert len(results["m1-quiz-mastery"].evidence) == 24
    # Weighted criteria do not hold a gate back, but they show in the score.
    assert not results["m1-activities"].met
    assert first.weighted_score == 0.0


def test_the_weighted_score_counts_partial_progress(rubric, facts):
    evidence = junior_ready(
        facts,
        kpis={"lines-of-code-written": 2500, "projects-completed": 3},
        activities=tuple(SignedOffActivity(m, "code-review", m) for m in (1, 2, 3)),
    )
    first = assess(rubric, facts, evidence).milestones[0]
    # activities 3/8 (weight 3), loc 0.5, projects 1, reviews 0, docs 0 (weight 1 each)
    assert first.weighted_score == pytest.approx(100 * (3 * 3 / 8 + 0.5 + 1) / 7, abs=0.1)


def test_a_phase_without_checks_counts_what_exists_and_says_so(rubric, facts):
    assessment = assess(rubric, facts, Evidence())
    projects = _results(assessment)["m2-projects"]
    assert (projects.met, projects.total, projects.unchecked) == (
        True,
        0,
        ("e-commerce-api", "chat-application", "file-storage-service"),
    )
    text = describe_unchecked(_criteria(rubric)["m2-projects"], projects, "en")
    assert text.startswith("No automatic check yet for: e-commerce-api, chat-application")


def test_a_later_gate_does_not_count_while_an_earlier_one_fails(rubric, facts):
    topics = facts.topics([1, 2])
    evidence = junior_ready(
        facts,
        topics_done=frozenset(topics),
        mastery={t: TopicMastery(1.0) for t in topics},
        interviews=(InterviewResult("middle", 90, 1),),  # no Junior interview
    )
    assessment = assess(rubric, facts, evidence)
    assert assessment.milestones[1].passed_gate
    assert not assessment.milestones[0].passed_gate
    assert assessment.level is None


def test_activities_are_counted_by_month_and_kind_once(rubric, facts):
    evidence = Evidence(
        activities=(
            SignedOffActivity(1, "code-review", 5),
            SignedOffActivity(1, "code-review", 3),
            SignedOffActivity(2, "tech-talk", 4),
            SignedOffActivity(4, "tech-talk", 6),  # month 4 is phase 2
        )
    )
    result = _results(assess(rubric, facts, evidence))["m1-activities"]
    assert (result.done, result.total) == (2, 12)
    assert [r.id for r in result.evidence] == [3, 4]
    assert "month-3:mock-interview" in result.missing


# Loading ------------------------------------------------------------------------------------

BAD = """\
format: 1
version: '1'
milestones:
- slug: milestone-1
  number: 1
  month: 3
  quarter: Q1
  level: junior
  title: {ru: Junior, en: Junior}
  criteria:
  - slug: m1-topics
    kind: topics_done
    phases: [1]
    threshold: 90
    required: true
    weight: 2
    title: {ru: Темы, en: Topics}
    missing: {ru: 'Осталось {left}', en: 'Left: {missing}'}
  - slug: m1-kpi
    kind: kpi
    threshold: 10
    required: true
    title: {ru: KPI}
    missing: {ru: '{figure}', en: '{figure}'}
"""


def test_it_names_the_file_and_line_of_every_bad_criterion(tmp_path):
    (tmp_path / "rubric.yaml").write_text(textwrap.dedent(BAD), encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(tmp_path)
    message = str(caught.value)
    assert "rubric.yaml:11: error: criterion 'm1-topics': a criterion is either required" in message
    assert "rubric.yaml:11: error: criterion 'm1-topics': 'missing' (ru) uses {left}" in message
    assert "rubric.yaml:19: error: criterion 'm1-kpi': a kpi criterion needs 'kpi'" in message
    assert "rubric.yaml:19: error: criterion 'm1-kpi': 'title' has no en text" in message


def test_lint_names_what_the_curriculum_does_not_have(rubric, facts):
    first = rubric.milestones[0]
    broken = replace(
        first,
        quarter="Q2",
        criteria=(replace(first.criteria[3], subjects=("no-such-project",)),),
    )
    problems = [str(p) for p in lint_rubric(replace(rubric, milestones=(broken,)), facts)]
    assert any("is the plan's Q1, not 'Q2'" in p for p in problems)
    assert any("no practice or project 'no-such-project'" in p for p in problems)


# Properties ---------------------------------------------------------------------------------


@st.composite
def evidence_pairs(draw, facts):
    """Evidence, and the same evidence with more added to it."""
    topics = sorted(t for ts in facts.month_topics.values() for t in ts)
    checks = sorted(set(facts.checks.values()))
    kinds = list(facts.activities)

    def snapshot() -> Evidence:
        return Evidence(
            topics_done=frozenset(draw(st.lists(st.sampled_from(topics), max_size=150))),
            mastery={
                t: TopicMastery(s)
                for t, s in draw(
                    st.dictionaries(st.sampled_from(topics), st.floats(0, 1), max_size=150)
                ).items()
            },
            passed_checks=tuple(
                CheckRun(c, n) for n, c in enumerate(draw(st.lists(st.sampled_from(checks))))
            ),
            activities=tuple(
                SignedOffActivity(m, k, n)
                for n, (m, k) in enumerate(
                    draw(st.lists(st.tuples(st.integers(1, 18), st.sampled_from(kinds))))
                )
            ),
            interviews=tuple(
                InterviewResult(level, p, n)
                for n, (level, p) in enumerate(
                    draw(
                        st.lists(
                            st.tuples(
                                st.sampled_from(["junior", "middle", "senior", "tech_lead"]),
                                st.floats(0, 100),
                            )
                        )
                    )
                )
            ),
            kpis=draw(
                st.dictionaries(
                    st.sampled_from(sorted(facts.kpis)), st.floats(0, 100_000), max_size=5
                )
            ),
        )

    base, extra = snapshot(), snapshot()
    merged_mastery = dict(base.mastery)
    for topic, found in extra.mastery.items():
        if topic not in merged_mastery or merged_mastery[topic].score < found.score:
            merged_mastery[topic] = found
    merged_kpis = {k: max(v, base.kpis.get(k, 0)) for k, v in extra.kpis.items()}
    more = Evidence(
        topics_done=base.topics_done | extra.topics_done,
        mastery=merged_mastery,
        passed_checks=base.passed_checks + extra.passed_checks,
        activities=base.activities + extra.activities,
        interviews=base.interviews + extra.interviews,
        kpis={**base.kpis, **merged_kpis},
    )
    return base, more


LEVEL_ORDER = {None: 0, "junior": 1, "middle": 2, "senior": 3, "tech_lead": 4}


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_more_evidence_never_lowers_the_level_nor_a_figure(rubric, facts, data):
    base, more = data.draw(evidence_pairs(facts))
    before, after = assess(rubric, facts, base), assess(rubric, facts, more)
    assert LEVEL_ORDER[before.level] <= LEVEL_ORDER[after.level]
    after_results = _results(after)
    for slug, result in _results(before).items():
        assert result.figure <= after_results[slug].figure, slug
        assert not result.met or after_results[slug].met, slug


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_criterion_has_a_result_and_the_level_respects_required_ones(rubric, facts, data):
    evidence, _ = data.draw(evidence_pairs(facts))
    assessment = assess(rubric, facts, evidence)
    assert assess(rubric, facts, evidence) == assessment  # deterministic
    for milestone, result in zip(rubric.milestones, assessment.milestones, strict=True):
        assert [r.criterion for r in result.results] == [c.slug for c in milestone.criteria]
        unmet_required = [r for r in result.results if r.required and not r.met]
        if unmet_required:
            assert not result.passed_gate
            assert assessment.milestone is None or assessment.milestone < milestone.number
    for result in assessment.milestones:
        if assessment.milestone is not None and result.milestone <= assessment.milestone:
            assert result.passed_gate


@settings(max_examples=30, deadline=None)
@given(level=st.sampled_from(["junior", "middle"]), score=st.floats(0, 69.9))
def test_an_interview_below_its_threshold_caps_the_level(rubric, facts, level, score):
    everything = Evidence(
        topics_done=frozenset(t for ts in facts.month_topics.values() for t in ts),
        mastery={t: TopicMastery(1.0) for ts in facts.month_topics.values() for t in ts},
        passed_checks=tuple(CheckRun(c, 1) for c in CHECKS.values()),
        interviews=tuple(
            InterviewResult(lv, score if lv == level else 100.0, n)
            for n, lv in enumerate(["junior", "middle", "senior", "tech_lead"])
        ),
    )
    assessment = assess(rubric, facts, everything)
    assert LEVEL_ORDER[assessment.level] == LEVEL_ORDER[level] - 1
