"""Mock-interview question sets as plain data, and the score of one interview.

A set is a file per milestone level beside the curriculum
(`content/curricula/<slug>/interviews/<level>.yaml`, the level with `-` for `_`):

    format: 1
    level: junior                     # a level of the curriculum's milestones
    questions:
    - slug: junior-http-idempotency   # stable, unique across every set
      topics: [http-protokol, rest-api]
      text: {ru: ..., en: ...}
      points:                         # 3-5 things a good answer covers, each one tickable
      - {ru: ..., en: ...}
      follow_up: {ru: ..., en: ...}   # optional: what to ask next

`load_interview_sets` checks the structure and reports every problem as `file:line`;
`lint_interview_sets` adds the content rules the built-in sets keep (both languages, topics
of the curriculum up to the level's milestone, no near-duplicates); `score_interview` turns
what an interviewer ticked into a percentage (the rule is in docs/assessment.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skillpath.curriculum.plan import CurriculumDoc

# The bank's helpers: the line-remembering loader, bilingual text, the file:line problem.
from skillpath.knowledge.bank import (
    CYRILLIC,
    SLUG_RE,
    BankError,
    Problem,
    Text,
    _text,
    near_duplicates,
    read_content_yaml,
)

FORMAT = 1
LEVELS = ("junior", "middle", "senior", "tech_lead")
MIN_POINTS, MAX_POINTS = 3, 5
MIN_QUESTIONS = 25
MAX_DEPTH = 2
# A depth mark, when the interviewer gives one, is this share of a question's score.
DEPTH_SHARE = 0.2
NEAR_DUPLICATE_RATIO = 0.8


class InterviewContentError(BankError):
    """Every problem found in the interview sets, each located at file:line."""


@dataclass(frozen=True)
class AnswerPoint:
    text: Text


@dataclass(frozen=True)
class InterviewQuestion:
    slug: str
    topics: tuple[str, ...]
    text: Text
    points: tuple[AnswerPoint, ...]
    follow_up: Text | None = None
    line: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class InterviewSet:
    level: str
    questions: tuple[InterviewQuestion, ...]
    path: str = field(default="", compare=False, repr=False)

    def question(self, slug: str) -> InterviewQuestion | None:
        return next((q for q in self.questions if q.slug == slug), None)


# Reading -------------------------------------------------------------------------------------


def set_file(curriculum_dir: Path, level: str) -> Path:
    return Path(curriculum_dir) / "interviews" / f"{level.replace('_', '-')}.yaml"


def load_interview_sets(curriculum_dir: Path) -> dict[str, InterviewSet]:
    """The sets of every level that has a file, by level; InterviewContentError lists every
    problem of every file (nothing half-read)."""
    sets: dict[str, InterviewSet] = {}
    problems: list[Problem] = []
    for level in LEVELS:
        path = set_file(curriculum_dir, level)
        if not path.exists():
            continue
        try:
            found = read_interview_set(path)
        except InterviewContentError as exc:
            problems.extend(exc.problems)
            continue
        if found.level != level:
            problems.append(
                Problem(f"'level' must be {level!r} in this file, found {found.level!r}", str(path))
            )
        sets[level] = found
    problems.extend(_duplicate_slugs([q for s in sets.values() for q in s.questions]))
    if problems:
        raise InterviewContentError(problems)
    return sets


def read_interview_set(path: Path) -> InterviewSet:
    raw = read_content_yaml(path, InterviewContentError)
    return parse_interview_set(raw, path=str(path))


def parse_interview_set(raw: Any, *, path: str = "") -> InterviewSet:
    if not isinstance(raw, dict):
        raise InterviewContentError(
            [Problem("an interview set is a mapping with 'format', 'level' and 'questions'", path)]
        )
    problems: list[Problem] = []
    if raw.get("format") != FORMAT:
        problems.append(Problem(f"'format' must be {FORMAT}, found {raw.get('format')!r}", path, 1))
    level = str(raw.get("level") or "")
    if level not in LEVELS:
        problems.append(Problem(f"'level' must be one of {', '.join(LEVELS)}", path, 1))
    items = raw.get("questions")
    if not isinstance(items, list):
        raise InterviewContentError([*problems, Problem("'questions' must be a list", path, 1)])
    questions = []
    for index, item in enumerate(items):
        try:
            questions.append(parse_interview_question(item, path=path, index=index))
        except InterviewContentError as exc:
            problems.extend(exc.problems)
    unknown = sorted(set(raw) - {"__line__", "format", "level", "questions"})
    if unknown:
        problems.append(Problem(f"unknown keys {', '.join(unknown)}", path, 1))
    problems.extend(_duplicate_slugs(questions, path=path))
    if problems:
        raise InterviewContentError(problems)
    return InterviewSet(level, tuple(questions), path)


def parse_interview_question(item: Any, *, path: str = "", index: int = 0) -> InterviewQuestion:
    if not isinstance(item, dict):
        raise InterviewContentError([Problem(f"question #{index + 1} is not a mapping", path)])
    line = int(item.get("__line__", 0))
    slug = str(item.get("slug") or "")
    errors: list[str] = []
    fail = errors.append

    if not SLUG_RE.match(slug):
        fail(f"'slug' must be lowercase words joined by '-', found {slug!r}")
    topics = item.get("topics")
    if not isinstance(topics, list) or not topics:
        fail("'topics' must be a non-empty list of topic slugs")
        topics = []
    for topic in topics:
        if not SLUG_RE.match(str(topic)):
            fail(f"'topics' must hold topic slugs, found {topic!r}")
    text = _text(item.get("text"), "text", fail, plain_allowed=False)
    raw_points = item.get("points")
    if not isinstance(raw_points, list) or not MIN_POINTS <= len(raw_points) <= MAX_POINTS:
        fail(f"'points' must be a list of {MIN_POINTS} to {MAX_POINTS} points a good answer covers")
        raw_points = raw_points if isinstance(raw_points, list) else []
    points = tuple(
        AnswerPoint(
            _text(
                {k: v for k, v in p.items() if k != "__line__"} if isinstance(p, dict) else p,
                f"point {n}",
                fail,
                plain_allowed=False,
            )
        )
        for n, p in enumerate(raw_points, start=1)
    )
    follow_up = None
    if item.get("follow_up") is not None:
        follow_up = _text(item.get("follow_up"), "follow_up", fail, plain_allowed=False)
    unknown = sorted(set(item) - {"__line__", "slug", "topics", "text", "points", "follow_up"})
    if unknown:
        fail(f"unknown keys {', '.join(unknown)}")
    if errors:
        raise InterviewContentError([Problem(m, path, line, slug) for m in errors])
    return InterviewQuestion(
        slug=slug,
        topics=tuple(str(t) for t in topics),
        text=text,
        points=points,
        follow_up=follow_up,
        line=line,
    )


def _duplicate_slugs(questions: Sequence[InterviewQuestion], *, path: str = "") -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for question in questions:
        if question.slug in seen:
            problems.append(Problem("the slug is used twice", path, question.line, question.slug))
        seen.add(question.slug)
    return problems


# Content rules of the built-in sets ----------------------------------------------------------


def lint_interview_sets(
    sets: Mapping[str, InterviewSet], topics_by_level: Mapping[str, frozenset[str]]
) -> list[Problem]:
    """The rules a published set keeps. `topics_by_level` holds, for each level, the topic
    slugs of the phases up to that level's milestone: a Junior question draws on months 1-3."""
    problems: list[Problem] = []
    for level in LEVELS:
        found = sets.get(level)
        if found is None:
            problems.append(Problem(f"no interview set for level {level!r}"))
            continue
        if len(found.questions) < MIN_QUESTIONS:
            problems.append(
                Problem(
                    f"{len(found.questions)} questions, at least {MIN_QUESTIONS} needed",
                    found.path,
                )
            )
        allowed = topics_by_level.get(level, frozenset())
        for question in found.questions:

            def report(message: str, q: InterviewQuestion = question, at: str = found.path) -> None:
                problems.append(Problem(message, at, q.line, q.slug))

            for topic in question.topics:
                if topic not in allowed:
                    report(f"topic '{topic}' is not in the curriculum up to the {level} milestone")
            texts = [question.text] + [p.text for p in question.points]
            texts += [question.follow_up] if question.follow_up else []
            for text in texts:
                if not CYRILLIC.search(text.ru):
                    report(f"the Russian text has no Russian in it: {text.ru!r}")
                if text.ru == text.en:
                    report(f"the Russian and English texts are the same: {text.en!r}")
        problems.extend(_near_duplicates(found))
    return problems


def _near_duplicates(found: InterviewSet) -> list[Problem]:
    return near_duplicates(
        found.questions,
        lambda q, language: q.text.get(language),
        lambda q: {"path": found.path, "line": q.line, "slug": q.slug},
        ratio=NEAR_DUPLICATE_RATIO,
    )


# Scoring -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionMarks:
    """What the interviewer marked for one asked question: the indexes (from 0) of the points
    the answer covered, and optionally how deep it went, 0 (shallow) to 2 (deep)."""

    ticked: frozenset[int] = frozenset()
    depth: int | None = None


@dataclass(frozen=True)
class QuestionResult:
    slug: str
    ticked: int
    points: int
    depth: int | None
    percent: float
    missed: tuple[int, ...]  # indexes of the points the answer did not cover


@dataclass(frozen=True)
class InterviewScore:
    level: str
    percent: float  # 0..100, over the questions asked
    questions: tuple[QuestionResult, ...]


def score_interview(
    interview_set: InterviewSet, marks: Mapping[str, QuestionMarks]
) -> InterviewScore:
    """The score of one mock interview: the mean of the asked questions' scores.

    An interview asks a handful of the set's questions, so only the questions in `marks`
    count. A question scores the share of its points ticked; with a depth mark, that share
    is 80 % of it and depth / 2 the other 20 %. ValueError names an unknown question, point
    or depth."""
    results = []
    for slug in sorted(marks, key=_order(interview_set)):
        question = interview_set.question(slug)
        if question is None:
            raise ValueError(f"question '{slug}' is not in the {interview_set.level} set")
        mark = marks[slug]
        size = len(question.points)
        outside = sorted(i for i in mark.ticked if not 0 <= i < size)
        if outside:
            raise ValueError(f"question '{slug}' has points 0-{size - 1}, not {outside}")
        if mark.depth is not None and not 0 <= mark.depth <= MAX_DEPTH:
            raise ValueError(f"question '{slug}': depth is 0 to {MAX_DEPTH}, not {mark.depth}")
        coverage = len(mark.ticked) / size
        if mark.depth is not None:
            coverage = (1 - DEPTH_SHARE) * coverage + DEPTH_SHARE * mark.depth / MAX_DEPTH
        results.append(
            QuestionResult(
                slug=slug,
                ticked=len(mark.ticked),
                points=size,
                depth=mark.depth,
                percent=round(100 * coverage, 1),
                missed=tuple(i for i in range(size) if i not in mark.ticked),
            )
        )
    percent = sum(r.percent for r in results) / len(results) if results else 0.0
    return InterviewScore(interview_set.level, round(percent, 1), tuple(results))


def _order(interview_set: InterviewSet) -> Any:
    """Results in the set's order, whatever order the marks came in."""
    position = {q.slug: n for n, q in enumerate(interview_set.questions)}
    return lambda slug: (position.get(slug, len(position)), slug)


def topics_by_level(doc: CurriculumDoc) -> dict[str, frozenset[str]]:
    """For each milestone's level, the topics of every month up to the milestone's month."""
    return {
        milestone.level: frozenset(
            topic.slug
            for month in doc.months
            if month.number <= milestone.after_month
            for block in month.blocks
            for topic in block.topics
        )
        for milestone in doc.milestones
    }
