"""Reading the level rubric (`rubric.yaml`) with every problem at file:line, and checking it
against the curriculum it refers to. The format is in docs/assessment.md."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

from skillpath.assessment.rubric import (
    DEFAULT_MIN_MASTERY,
    FORMAT,
    KINDS,
    PLACEHOLDERS,
    RUBRIC_FILE,
    UNITS,
    Criterion,
    CurriculumFacts,
    Milestone,
    Rubric,
    RubricError,
)

# The bank's helpers: the line-remembering loader, bilingual text, the file:line problem.
from skillpath.knowledge.bank import SLUG_RE, Problem, _text, read_content_yaml

# Reading -------------------------------------------------------------------------------------


def load_rubric(curriculum_dir: Path) -> Rubric:
    """The rubric beside the curriculum; RubricError lists every problem at file:line."""
    path = Path(curriculum_dir) / RUBRIC_FILE
    raw = read_content_yaml(path, RubricError)
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
