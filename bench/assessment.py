"""The level check's figure of `make bench`: the assessment of one learner with two years
of evidence — every topic of the plan done, a topic quiz taken on every topic with
questions (each answered through the real services, so cards and reviews exist), 200 check
runs (half complete passes), and 7,000 counted commits. `ms_per_assessment` is the median
time of `evidence_of` + `assess` (the rubric and the curriculum's facts read once per
curriculum version, as in the running server); `queries` its query count. Target: under
50 ms, and the same number of queries as for a learner with one day of evidence.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from progress import log

TARGET_MS = 50
NOW = datetime(2027, 12, 1, 12, 0, tzinfo=UTC)


def _fill(learner: Any, curriculum: Any, *, years: float, quick: bool) -> None:
    from skillpath.assessment.models import CountedCommit
    from skillpath.checks.results import CheckResult, StageResult
    from skillpath.checks.services import record_check_run
    from skillpath.checks.suites import all_suites
    from skillpath.curriculum.models import Topic
    from skillpath.knowledge.models import Question
    from skillpath.knowledge.services import answer_item, item_question, start_quiz
    from skillpath.tracking.models import TopicProgress, TopicStatus

    sys_path_tests()
    from tests.knowledge.answers import right_response

    topics = list(Topic.objects.filter(curriculum=curriculum))
    TopicProgress.objects.bulk_create(
        TopicProgress(learner=learner, topic=t, status=TopicStatus.DONE, done_on=NOW.date())
        for t in topics
    )
    quizzed = sorted(
        set(Question.objects.filter(curriculum=curriculum).values_list("topic__slug", flat=True))
    )
    assert quizzed or years == 0, "the built-in question bank is not loaded"
    if quick:
        quizzed = quizzed[:20]
    for n, slug in enumerate(quizzed):
        when = NOW - timedelta(days=int(700 * max(years, 0.01)) - n)
        attempt = start_quiz(learner, curriculum, "topic", slug, now=when, seed=n)
        for item in attempt.items.order_by("position"):
            answer_item(item, right_response(item_question(item), attempt.seed), now=when)
    runs = int(200 * years)
    suites = all_suites()
    for n in range(runs):
        suite = suites[n % len(suites)]
        passing = n % 2 == 0
        tests = [
            StageResult(stage.slug, str(stage.title), "pass" if passing else "fail", 0.01)
            for stage in suite.stages
        ]
        record_check_run(
            learner=learner,
            result=CheckResult(
                suite=suite.slug,
                seed=n,
                target={"url": "http://127.0.0.1:8080", "cmd": None},
                started_at=NOW.isoformat(),
                stages_total=len(tests),
                tests=tests,
            ),
        )
    CountedCommit.objects.bulk_create(
        CountedCommit(
            learner=learner,
            sha=f"{learner.pk:08x}{n:032x}",
            authored_at=NOW - timedelta(hours=n),
            lines=30,
            lines_by_language={"Python": 30},
            docs_pages=n % 50 == 0,
        )
        for n in range(int(7000 * years))
    )


def sys_path_tests() -> None:
    import sys
    from pathlib import Path

    root = str(Path(__file__).resolve().parent.parent)
    if root not in sys.path:
        sys.path.append(root)


def _one(learner: Any, curriculum: Any) -> tuple[float, int]:
    from skillpath.assessment.evidence import evidence_of, rubric_and_facts
    from skillpath.assessment.rubric import assess

    rubric, facts = rubric_and_facts(curriculum)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        assess(rubric, facts, evidence_of(learner, curriculum, NOW))
        elapsed = time.perf_counter() - started
    return elapsed * 1000, len(queries)


def measure(quick: bool) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from skillpath.curriculum.models import Curriculum
    from skillpath.curriculum.services import load_builtin_curriculum
    from skillpath.knowledge.models import QuizAttempt
    from skillpath.knowledge.services import load_builtin_questions

    load_builtin_curriculum()
    curriculum = Curriculum.objects.get(is_builtin=True)
    load_builtin_questions(curriculum)  # the quizzes of the two years need questions
    users = get_user_model().objects
    veteran = users.create_user("bench-two-years")
    newcomer = users.create_user("bench-one-day")
    log("assessment: writing two years of evidence")
    _fill(veteran, curriculum, years=1.0, quick=quick)
    _fill(newcomer, curriculum, years=0.0, quick=True)
    _one(veteran, curriculum)  # the rubric and facts are read once per curriculum version
    repeats = 5 if quick else 20
    timings = [_one(veteran, curriculum) for _ in range(repeats)]
    return {
        "evidence": {
            "years": 2,
            "check_runs": 200,
            "commits": 7000,
            "quizzes": QuizAttempt.objects.filter(learner=veteran).count(),
        },
        "ms_per_assessment": round(statistics.median(t for t, _q in timings), 1),
        "queries": timings[0][1],
        "queries_one_day_of_evidence": _one(newcomer, curriculum)[1],
    }


def collect(quick: bool, fresh_database: Callable[[], AbstractContextManager[None]]) -> dict:
    with fresh_database():
        return measure(quick)


def targets(figures: dict[str, Any]) -> dict[str, Any]:
    ms = figures["ms_per_assessment"]
    return {
        "assessment_of_two_years_under_50_ms": {
            "target": f"< {TARGET_MS} ms",
            "value": ms,
            "met": ms < TARGET_MS,
        },
        "assessment_queries_fixed": {
            "target": "the same as for one day of evidence",
            "value": figures["queries"],
            "met": figures["queries"] == figures["queries_one_day_of_evidence"],
        },
    }
