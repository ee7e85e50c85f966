"""The level rubric as data, and the assessment computed from a snapshot of evidence.

The rubric (`content/curricula/<slug>/rubric.yaml`, format and rule in docs/assessment.md)
names, for each milestone, criteria of six kinds with thresholds; each criterion is either
required or weighted. `assess` is pure and deterministic: given the rubric, the facts of the
curriculum it refers to and the learner's evidence, it returns for every criterion whether
it is met, the figure, the threshold, the evidence behind it and what is missing; a
milestone's gate passes when all its required criteria are met (the mentor's sign-off is
recorded elsewhere: a passed gate is "ready for sign-off"); the level reached is that of the
highest milestone whose gate passes along with every earlier gate.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from skillpath.curriculum.plan import CurriculumDoc

# The bank's helpers: the line-remembering loader, bilingual text, the file:line problem.
from skillpath.knowledge.bank import SLUG_RE, BankError, Problem, Text, _LineLoader, _text

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

    def topics(self, phases: Sequence[int]) -> tuple[str, ...]:
        return tuple(
            topic
            for phase in sorted(phases)
            for month in self.phase_months.get(phase, ())
            for topic in self.month_topics.get(month, ())
        )

    def months(self, phases: Sequence[int]) -> tuple[int, ...]:
        return tuple(m for phase in sorted(phases) for m in self.phase_months.get(phase, ()))


def curriculum_facts(doc: CurriculumDoc, checks: Mapping[str, str]) -> CurriculumFacts:
    """The facts of `doc`; `checks` maps a subject to its suite, as the check suites say:
    `{suite.subject[1]: suite.slug for suite in all_suites()}`."""
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


def describe_missing(criterion: Criterion, result: CriterionResult, language: str) -> str:
    """The criterion's "missing" text filled in, for the checklist; empty when it is met."""
    if result.met:
        return ""
    return criterion.missing.get(language).format(
        done=result.done if result.done is not None else _number(result.figure),
        total=result.total if result.total is not None else "",
        figure=_number(result.figure),
        threshold=_number(result.threshold),
        missing=", ".join(result.missing),
        unchecked=", ".join(result.unchecked),
    )


def describe_unchecked(criterion: Criterion, result: CriterionResult, language: str) -> str:
    """What the criterion could not count because no automatic check exists for it yet."""
    if not result.unchecked or criterion.unchecked is None:
        return ""
    return criterion.unchecked.get(language).format(unchecked=", ".join(result.unchecked))


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


# Reading -------------------------------------------------------------------------------------


def load_rubric(curriculum_dir: Path) -> Rubric:
    """The rubric beside the curriculum; RubricError lists every problem at file:line."""
    path = Path(curriculum_dir) / RUBRIC_FILE
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise RubricError([Problem(f"not valid YAML: {exc}", str(path), line)]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise RubricError([Problem(f"cannot be read: {exc}", str(path))]) from exc
    return parse_rubric(raw, path=str(path))


def parse_rubric(raw: Any, *, path: str = "") -> Rubric:
    if not isinstance(raw, dict):
        raise RubricError([Problem("a rubric is a mapping with 'version' and 'milestones'", path)])
    problems: list[Problem] = []
    if raw.get("format") != FORMAT:
        problems.append(Problem(f"'format' must be {FORMAT}, found {raw.get('format')!r}", path, 1))
    version = raw.get("version")
    if not isinstance(version, str | int | float) or not str(version).strip():
        problems.append(Problem("'version' must be given, e.g. '2026.1'", path, 1))
    items = raw.get("milestones")
    if not isinstance(items, list) or not items:
        raise RubricError([*problems, Problem("'milestones' must be a non-empty list", path, 1)])
    milestones = []
    for item in items:
        try:
            milestones.append(_parse_milestone(item, path))
        except RubricError as exc:
            problems.extend(exc.problems)
    numbers = [m.number for m in milestones]
    if numbers != sorted(set(numbers)):
        problems.append(Problem("milestones must be listed once each, in order", path, 1))
    slugs = [c.slug for m in milestones for c in m.criteria]
    for duplicate in sorted({s for s in slugs if slugs.count(s) > 1}):
        problems.append(Problem(f"criterion '{duplicate}' is named twice", path))
    if problems:
        raise RubricError(problems)
    return Rubric(str(version), tuple(milestones), path)


def _parse_milestone(item: Any, path: str) -> Milestone:
    if not isinstance(item, dict):
        raise RubricError([Problem("a milestone must be a mapping", path)])
    line = int(item.get("__line__", 0))
    errors: list[str] = []
    fail = errors.append
    number, month = item.get("number"), item.get("month")
    for name, value in (("number", number), ("month", month)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            fail(f"'{name}' must be a whole number of 1 or more")
    quarter = str(item.get("quarter") or "")
    slug = str(item.get("slug") or "")
    if not SLUG_RE.match(slug):
        fail(f"'slug' must be the milestone's slug, found {slug!r}")
    level = str(item.get("level") or "")
    if not level:
        fail("'level' must name the level this milestone shows")
    title = _text(item.get("title"), "title", fail, plain_allowed=False)
    criteria: list[Criterion] = []
    problems: list[Problem] = []
    raw_criteria = item.get("criteria")
    if not isinstance(raw_criteria, list) or not raw_criteria:
        fail("'criteria' must be a non-empty list")
        raw_criteria = []
    for entry in raw_criteria:
        try:
            criteria.append(_parse_criterion(entry, path))
        except RubricError as exc:
            problems.extend(exc.problems)
    if criteria and not any(c.required for c in criteria):
        fail("at least one criterion must be required, or the gate passes on nothing")
    problems = [Problem(f"milestone {slug!r}: {m}", path, line) for m in errors] + problems
    if problems:
        raise RubricError(problems)
    return Milestone(
        slug, int(number or 0), int(month or 0), quarter, level, title, tuple(criteria), line
    )


_CRITERION_KEYS = {
    "__line__",
    "slug",
    "kind",
    "title",
    "missing",
    "threshold",
    "required",
    "weight",
    "phases",
    "subjects",
    "activities",
    "level",
    "kpi",
    "min_mastery",
    "unchecked",
}
# The parameters each kind needs (beyond slug, kind, title, missing, threshold, required/weight).
_NEEDS = {
    "topics_done": ("phases",),
    "quiz_mastery": ("phases",),
    "practice_passed": ("subjects",),
    "activities_signed_off": ("phases",),
    "interview_score": ("level",),
    "kpi": ("kpi",),
}


def _parse_criterion(item: Any, path: str) -> Criterion:
    if not isinstance(item, dict):
        raise RubricError([Problem("a criterion must be a mapping", path)])
    line = int(item.get("__line__", 0))
    slug = str(item.get("slug") or "")
    errors: list[str] = []
    fail = errors.append
    if not SLUG_RE.match(slug):
        fail(f"'slug' must be lowercase words joined by '-', found {slug!r}")
    kind = str(item.get("kind") or "")
    if kind not in KINDS:
        fail(f"'kind' must be one of {', '.join(KINDS)}, found {kind!r}")
    for name in _NEEDS.get(kind, ()):
        if not item.get(name):
            fail(f"a {kind} criterion needs '{name}'")
    title = _text(item.get("title"), "title", fail, plain_allowed=False)
    missing = _text(item.get("missing"), "missing", fail, plain_allowed=False)
    for language in ("ru", "en"):
        _check_template(missing.get(language), language, fail)
    unchecked = None
    if item.get("unchecked") is not None:
        unchecked = _text(item.get("unchecked"), "unchecked", fail, plain_allowed=False)
        for language in ("ru", "en"):
            _check_template(unchecked.get(language), language, fail)
    threshold = _threshold(item.get("threshold"), kind, fail)
    required, weight = item.get("required", False), item.get("weight", 0)
    if not isinstance(required, bool):
        fail("'required' must be true or false")
    if not isinstance(weight, int | float) or isinstance(weight, bool) or weight < 0:
        fail("'weight' must be a number of zero or more")
        weight = 0
    if required and weight:
        fail("a criterion is either required or weighted, not both")
    if not required and not weight:
        fail("a criterion must be 'required: true' or have a 'weight'")
    phases = _ints(item.get("phases", []), "phases", fail)
    subjects = _slugs(item.get("subjects", []), "subjects", fail)
    activities = _slugs(item.get("activities", []), "activities", fail)
    min_mastery = item.get("min_mastery", DEFAULT_MIN_MASTERY)
    if not isinstance(min_mastery, int | float) or not 0 <= min_mastery <= 100:
        fail("'min_mastery' must be a percentage")
        min_mastery = DEFAULT_MIN_MASTERY
    unknown = sorted(set(item) - _CRITERION_KEYS)
    if unknown:
        fail(f"unknown keys {', '.join(unknown)}")
    if errors:
        raise RubricError([Problem(f"criterion {slug!r}: {m}", path, line) for m in errors])
    return Criterion(
        slug=slug,
        kind=kind,
        title=title,
        missing=missing,
        threshold=threshold,
        required=bool(required),
        weight=0.0 if required else float(weight),
        phases=phases,
        subjects=subjects,
        activities=activities,
        level=str(item.get("level") or ""),
        kpi=str(item.get("kpi") or ""),
        min_mastery=float(min_mastery),
        unchecked=unchecked,
        line=line,
    )


def _threshold(raw: Any, kind: str, fail: Any) -> float | None:
    if raw == "all" and UNITS.get(kind) == "count":
        return None
    if not isinstance(raw, int | float) or isinstance(raw, bool) or raw < 0:
        also = " or 'all'" if UNITS.get(kind) == "count" else ""
        fail(f"'threshold' must be a number of zero or more{also}")
        return 0.0
    if UNITS.get(kind) == "percent" and raw > 100:
        fail("'threshold' is a percentage here, 100 at most")
    return float(raw)


def _check_template(template: str, language: str, fail: Any) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        fail(f"'missing' ({language}) is not a valid template: {exc}")
        return
    unknown = sorted(names - PLACEHOLDERS)
    if unknown:
        fail(
            f"'missing' ({language}) uses {', '.join('{' + n + '}' for n in unknown)}; "
            f"it may use {', '.join('{' + n + '}' for n in sorted(PLACEHOLDERS))}"
        )


def _ints(raw: Any, name: str, fail: Any) -> tuple[int, ...]:
    if not isinstance(raw, list) or not all(isinstance(v, int) and v > 0 for v in raw):
        fail(f"'{name}' must be a list of phase numbers")
        return ()
    return tuple(raw)


def _slugs(raw: Any, name: str, fail: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(SLUG_RE.match(str(v)) for v in raw):
        fail(f"'{name}' must be a list of slugs")
        return ()
    return tuple(str(v) for v in raw)


# Against the curriculum ----------------------------------------------------------------------


def lint_rubric(rubric: Rubric, facts: CurriculumFacts) -> list[Problem]:
    """What the rubric names that the curriculum does not have, each at its file:line."""
    problems: list[Problem] = []
    for milestone in rubric.milestones:

        def report(message: str, line: int = milestone.line, at: str = rubric.path) -> None:
            problems.append(Problem(message, at, line))

        expected = facts.milestones.get(milestone.number)
        if expected is None:
            report(f"the curriculum has no milestone {milestone.number}")
        elif expected != (milestone.level, milestone.month):
            report(
                f"milestone {milestone.number} is level {expected[0]!r} at month {expected[1]} "
                f"in the curriculum, not {milestone.level!r} at month {milestone.month}"
            )
        if facts.quarters and milestone.number <= len(facts.quarters):
            label = facts.quarters[milestone.number - 1]
            if milestone.quarter != label:
                report(
                    f"milestone {milestone.number} is the plan's {label}, not {milestone.quarter!r}"
                )
        for c in milestone.criteria:
            where = f"criterion '{c.slug}': "
            for phase in c.phases:
                if phase not in facts.phase_months:
                    report(f"{where}the curriculum has no phase {phase}", c.line)
                elif max(facts.phase_months[phase], default=0) > milestone.month:
                    report(f"{where}phase {phase} ends after month {milestone.month}", c.line)
            for subject in c.subjects:
                if subject not in facts.subjects:
                    report(f"{where}no practice or project '{subject}' in the curriculum", c.line)
            for activity in c.activities:
                if activity not in facts.activities:
                    report(f"{where}no monthly activity '{activity}' in the curriculum", c.line)
            levels = {level for level, _ in facts.milestones.values()}
            if c.kind == "interview_score" and c.level not in levels:
                report(f"{where}no milestone of level '{c.level}'", c.line)
            if c.kind == "kpi" and c.kpi not in facts.kpis:
                report(f"{where}no KPI '{c.kpi}' in the curriculum", c.line)
    return problems
