"""The level rubric as data, and the assessment computed from a snapshot of evidence.

The rubric (`content/curricula/<slug>/rubric.yaml`, format and rule in docs/assessment.md;
read and checked against the curriculum by `rubric_file`)
names, for each milestone, criteria of six kinds with thresholds; each criterion is either
required or weighted. `assess` is pure and deterministic: given the rubric, the facts of the
curriculum it refers to and the learner's evidence, it returns for every criterion whether
it is met, the figure, the threshold, the evidence behind it and what is missing; a
milestone's gate passes when all its required criteria are met (the mentor's sign-off is
recorded elsewhere: a passed gate is "ready for sign-off"); the level reached is that of the
highest milestone whose gate passes along with every earlier gate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from skillpath.curriculum.plan import CurriculumDoc
from skillpath.knowledge.bank import BankError, Text

FORMAT = 1
RUBRIC_FILE = "rubric.yaml"
KINDS = (
    "topics_done",
    "quiz_mastery",
    "practice_passed",
    "activities_signed_off",
    "interview_score",
    "kpi",
)
UNITS = {
    "topics_done": "percent",
    "quiz_mastery": "percent",
    "practice_passed": "count",
    "activities_signed_off": "count",
    "interview_score": "percent",
    "kpi": "number",
}
# What a "missing" template may use; {missing} and {unchecked} are lists joined with ", ".
PLACEHOLDERS = frozenset({"done", "total", "figure", "threshold", "missing", "unchecked"})
DEFAULT_MIN_MASTERY = 80.0


class RubricError(BankError):
    """Every problem found in a rubric file, each located at file:line."""


# The rubric ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    slug: str
    kind: str
    title: Text
    missing: Text  # a template: "{done} of {total} Phase 1 projects passed: {missing} missing"
    threshold: float | None  # None means "all" (practice_passed, activities_signed_off)
    required: bool
    weight: float = 0.0  # of a weighted criterion; 0 for a required one
    phases: tuple[int, ...] = ()  # topics_done, quiz_mastery, activities_signed_off
    subjects: tuple[str, ...] = ()  # practice_passed: practice and project slugs
    activities: tuple[str, ...] = ()  # activities_signed_off: activity slugs
    level: str = ""  # interview_score
    kpi: str = ""  # kpi
    min_mastery: float = DEFAULT_MIN_MASTERY  # quiz_mastery: a topic's score, in percent
    unchecked: Text | None = None  # practice_passed: a template naming subjects with no check
    line: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class Milestone:
    slug: str
    number: int
    month: int
    quarter: str  # the plan's "Q1".."Q4"; the milestone month is the gate
    level: str
    title: Text
    criteria: tuple[Criterion, ...]
    line: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class Rubric:
    version: str
    milestones: tuple[Milestone, ...]
    path: str = field(default="", compare=False, repr=False)


# What the rubric refers to in the curriculum -------------------------------------------------


@dataclass(frozen=True)
class CurriculumFacts:
    phase_months: Mapping[int, tuple[int, ...]]
    month_topics: Mapping[int, tuple[str, ...]]
    subjects: frozenset[str]  # practice and project slugs
    checks: Mapping[str, str]  # subject slug -> the slug of its check suite, where one exists
    activities: tuple[str, ...]
    kpis: frozenset[str]
    milestones: Mapping[int, tuple[str, int]]  # number -> (level, month)
    quarters: tuple[str, ...] = ()  # the level checks' labels, in order
    # What the checklist calls an item, by language: "topic:<slug>", "check:<suite slug>" and
    # "activity:<slug>" → its title (an item without one is named by its slug).
    names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def topics(self, phases: Sequence[int]) -> tuple[str, ...]:
        return tuple(
            topic
            for phase in sorted(phases)
            for month in self.phase_months.get(phase, ())
            for topic in self.month_topics.get(month, ())
        )

    def months(self, phases: Sequence[int]) -> tuple[int, ...]:
        return tuple(m for phase in sorted(phases) for m in self.phase_months.get(phase, ()))


def curriculum_facts(
    doc: CurriculumDoc,
    checks: Mapping[str, str],
    check_titles: Mapping[str, Text] | None = None,
) -> CurriculumFacts:
    """The facts of `doc`; `checks` maps a subject to its suite, as the check suites say:
    `{suite.subject[1]: suite.slug for suite in all_suites()}`, and `check_titles` names
    each suite in both languages."""
    names: dict[str, dict[str, str]] = {}
    for language in ("en", "ru"):
        named = names.setdefault(language, {})
        for m in doc.months:
            for b in m.blocks:
                for t in b.topics:
                    named[f"topic:{t.slug}"] = t.title.get(language)
        for a in doc.activities:
            named[f"activity:{a.slug}"] = a.title.get(language)
        for slug, title in (check_titles or {}).items():
            named[f"check:{slug}"] = title.get(language)
    return CurriculumFacts(
        phase_months={p.number: tuple(m.number for m in p.months) for p in doc.phases},
        month_topics={
            m.number: tuple(t.slug for b in m.blocks for t in b.topics) for m in doc.months
        },
        subjects=frozenset([p.slug for p in doc.practices] + [p.slug for p in doc.projects]),
        checks=dict(checks),
        activities=tuple(a.slug for a in doc.activities),
        kpis=frozenset(k.slug for c in doc.kpi_categories for k in c.kpis),
        milestones={m.number: (m.level, m.after_month) for m in doc.milestones},
        quarters=tuple(c.label for c in doc.level_checks),
        names=names,
    )


# The evidence --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicMastery:
    score: float  # 0..1, as skillpath.knowledge.mastery reports it
    quiz_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class CheckRun:
    check: str  # the suite's slug
    run_id: int


@dataclass(frozen=True)
class SignedOffActivity:
    month: int
    activity: str
    id: int


@dataclass(frozen=True)
class InterviewResult:
    level: str
    percent: float
    id: int


@dataclass(frozen=True)
class Evidence:
    """A plain snapshot of what a learner has shown; only passed runs and signed-off
    activities belong in it."""

    topics_done: frozenset[str] = frozenset()
    mastery: Mapping[str, TopicMastery] = field(default_factory=dict)
    passed_checks: tuple[CheckRun, ...] = ()
    activities: tuple[SignedOffActivity, ...] = ()
    interviews: tuple[InterviewResult, ...] = ()
    kpis: Mapping[str, float] = field(default_factory=dict)


# The assessment ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceRef:
    kind: str  # topic, quiz, check_run, activity, interview, kpi
    id: str | int
    label: str = ""


@dataclass(frozen=True)
class CriterionResult:
    criterion: str
    kind: str
    required: bool
    weight: float
    met: bool
    figure: float
    threshold: float
    unit: str  # percent, count, number
    done: int | None = None  # of `total` items, where the criterion counts items
    total: int | None = None
    evidence: tuple[EvidenceRef, ...] = ()
    missing: tuple[str, ...] = ()  # slugs of what would meet it: topics, checks, months
    unchecked: tuple[str, ...] = ()  # subjects with no automatic check yet (not counted)

    @property
    def progress(self) -> float:
        """0..1: how far the figure is towards the threshold."""
        return 1.0 if self.threshold <= 0 else min(1.0, self.figure / self.threshold)


@dataclass(frozen=True)
class MilestoneResult:
    milestone: int
    slug: str
    month: int
    quarter: str
    level: str
    results: tuple[CriterionResult, ...]
    required_met: int
    required_total: int
    weighted_score: float | None  # 0..100 over the weighted criteria; None when none
    passed_gate: bool  # every required criterion met: ready for the mentor's sign-off

    @property
    def ready_for_sign_off(self) -> bool:
        return self.passed_gate


@dataclass(frozen=True)
class Assessment:
    level: str | None  # the level reached, None before the first gate
    milestone: int | None
    milestones: tuple[MilestoneResult, ...]


def assess(rubric: Rubric, facts: CurriculumFacts, evidence: Evidence) -> Assessment:
    """The assessment of `evidence` against `rubric`: pure, and the same for the same input."""
    results = tuple(_milestone(m, facts, evidence) for m in rubric.milestones)
    level: str | None = None
    number: int | None = None
    for result in sorted(results, key=lambda r: r.milestone):
        if not result.passed_gate:
            break
        level, number = result.level, result.milestone
    return Assessment(level, number, results)


def _milestone(milestone: Milestone, facts: CurriculumFacts, evidence: Evidence) -> MilestoneResult:
    results = tuple(evaluate(c, facts, evidence) for c in milestone.criteria)
    required = [r for r in results if r.required]
    weighted = [r for r in results if not r.required and r.weight > 0]
    total_weight = sum(r.weight for r in weighted)
    score = (
        round(100 * sum(r.weight * r.progress for r in weighted) / total_weight, 1)
        if total_weight
        else None
    )
    return MilestoneResult(
        milestone=milestone.number,
        slug=milestone.slug,
        month=milestone.month,
        quarter=milestone.quarter,
        level=milestone.level,
        results=results,
        required_met=sum(r.met for r in required),
        required_total=len(required),
        weighted_score=score,
        passed_gate=all(r.met for r in required),
    )


def evaluate(criterion: Criterion, facts: CurriculumFacts, evidence: Evidence) -> CriterionResult:
    """One criterion against the evidence."""
    return _EVALUATORS[criterion.kind](criterion, facts, evidence)


def _result(
    criterion: Criterion, figure: float, threshold: float, **values: Any
) -> CriterionResult:
    return CriterionResult(
        criterion=criterion.slug,
        kind=criterion.kind,
        required=criterion.required,
        weight=criterion.weight,
        met=figure >= threshold,
        figure=round(figure, 1),
        threshold=threshold,
        unit=UNITS[criterion.kind],
        **values,
    )


def _share(done: int, total: int) -> float:
    return 100.0 * done / total if total else 100.0


def _topics_done(
    criterion: Criterion, facts: CurriculumFacts, evidence: Evidence
) -> CriterionResult:
    topics = facts.topics(criterion.phases)
    done = [t for t in topics if t in evidence.topics_done]
    return _result(
        criterion,
        _share(len(done), len(topics)),
        criterion.threshold or 0.0,
        done=len(done),
        total=len(topics),
        evidence=tuple(EvidenceRef("topic", t) for t in done),
        missing=tuple(t for t in topics if t not in evidence.topics_done),
    )


def _quiz_mastery(
    criterion: Criterion, facts: CurriculumFacts, evidence: Evidence
) -> CriterionResult:
    topics = facts.topics(criterion.phases)

    def mastered(topic: str) -> bool:
        found = evidence.mastery.get(topic)
        return found is not None and 100 * found.score >= criterion.min_mastery

    done = [t for t in topics if mastered(t)]
    refs = tuple(
        EvidenceRef("quiz", quiz, t) for t in done for quiz in sorted(evidence.mastery[t].quiz_ids)
    )
    return _result(
        criterion,
        _share(len(done), len(topics)),
        criterion.threshold or 0.0,
        done=len(done),
        total=len(topics),
        evidence=refs,
        missing=tuple(t for t in topics if not mastered(t)),
    )


def _practice_passed(
    criterion: Criterion, facts: CurriculumFacts, evidence: Evidence
) -> CriterionResult:
    # Only subjects with a check suite can be passed: the others are named, not counted.
    checks = [facts.checks[s] for s in criterion.subjects if s in facts.checks]
    latest: dict[str, int] = {}
    for run in evidence.passed_checks:
        latest[run.check] = max(run.run_id, latest.get(run.check, run.run_id))
    passed = [c for c in checks if c in latest]
    wanted = len(checks) if criterion.threshold is None else min(criterion.threshold, len(checks))
    return _result(
        criterion,
        float(len(passed)),
        float(wanted),
        done=len(passed),
        total=len(checks),
        evidence=tuple(EvidenceRef("check_run", latest[c], c) for c in passed),
        missing=tuple(c for c in checks if c not in latest),
        unchecked=tuple(s for s in criterion.subjects if s not in facts.checks),
    )


def _activities(
    criterion: Criterion, facts: CurriculumFacts, evidence: Evidence
) -> CriterionResult:
    kinds = criterion.activities or facts.activities
    slots = [(month, kind) for month in facts.months(criterion.phases) for kind in kinds]
    signed: dict[tuple[int, str], int] = {}
    for activity in sorted(evidence.activities, key=lambda a: a.id):
        signed.setdefault((activity.month, activity.activity), activity.id)
    done = [slot for slot in slots if slot in signed]
    wanted = len(slots) if criterion.threshold is None else criterion.threshold
    return _result(
        criterion,
        float(len(done)),
        float(wanted),
        done=len(done),
        total=len(slots),
        evidence=tuple(EvidenceRef("activity", signed[s], f"month-{s[0]}:{s[1]}") for s in done),
        missing=tuple(f"month-{m}:{k}" for m, k in slots if (m, k) not in signed),
    )


def _interview(criterion: Criterion, facts: CurriculumFacts, evidence: Evidence) -> CriterionResult:
    mine = [i for i in evidence.interviews if i.level == criterion.level]
    best = max(mine, key=lambda i: (i.percent, -i.id), default=None)
    return _result(
        criterion,
        best.percent if best else 0.0,
        criterion.threshold or 0.0,
        evidence=(EvidenceRef("interview", best.id, criterion.level),) if best else (),
        missing=() if best else (criterion.level,),
    )


def _kpi(criterion: Criterion, facts: CurriculumFacts, evidence: Evidence) -> CriterionResult:
    figure = evidence.kpis.get(criterion.kpi)
    return _result(
        criterion,
        figure or 0.0,
        criterion.threshold or 0.0,
        evidence=(EvidenceRef("kpi", criterion.kpi),) if figure is not None else (),
        missing=() if figure is not None else (criterion.kpi,),
    )


_EVALUATORS = {
    "topics_done": _topics_done,
    "quiz_mastery": _quiz_mastery,
    "practice_passed": _practice_passed,
    "activities_signed_off": _activities,
    "interview_score": _interview,
    "kpi": _kpi,
}


SENTINEL = "\x00"  # stands for the list of missing items while a template is filled in


def describe_missing(
    criterion: Criterion, result: CriterionResult, language: str, missing: str | None = None
) -> str:
    """The criterion's "missing" text filled in, for the checklist; empty when it is met.
    `missing` is the list of what is missing as it should read (default: the slugs)."""
    if result.met:
        return ""
    return criterion.missing.get(language).format(
        done=result.done if result.done is not None else _number(result.figure),
        total=result.total if result.total is not None else "",
        figure=_number(result.figure),
        threshold=_number(result.threshold),
        missing=", ".join(result.missing) if missing is None else missing,
        unchecked=", ".join(result.unchecked),
    )


def missing_around(
    criterion: Criterion, result: CriterionResult, language: str
) -> tuple[str, str] | None:
    """The "missing" text before and after its list of items, for a page that writes the
    items as links; None when the text has no list (or nothing is missing)."""
    if result.met or not result.missing or "{missing}" not in criterion.missing.get(language):
        return None
    before, _sep, after = describe_missing(criterion, result, language, SENTINEL).partition(
        SENTINEL
    )
    return before, after


def describe_unchecked(criterion: Criterion, result: CriterionResult, language: str) -> str:
    """What the criterion could not count because no automatic check exists for it yet."""
    if not result.unchecked or criterion.unchecked is None:
        return ""
    return criterion.unchecked.get(language).format(unchecked=", ".join(result.unchecked))


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
