"""A learner with evidence, written through the real services and models: topics done, quiz
attempts and reviews, passed check runs, counted commits."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from skillpath.assessment.models import CountedCommit
from skillpath.checks.suites import suite_by_slug
from skillpath.curriculum.models import Topic
from skillpath.tracking.models import TopicProgress, TopicStatus
from tests.checks.runs import record_run

NOW = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)


def phase_topics(curriculum, phases=(1,)):
    return list(
        Topic.objects.filter(
            curriculum=curriculum, block__month__phase__number__in=phases
        ).order_by("block__month__number", "position")
    )


def mark_done(learner, topics) -> None:
    TopicProgress.objects.bulk_create(
        [
            TopicProgress(
                learner=learner, topic=t, status=TopicStatus.DONE, done_on=date(2026, 3, 1)
            )
            for t in topics
        ]
    )


def pass_checks(learner, slugs, *, times: int = 1) -> list:
    runs = []
    for slug in slugs:
        suite = suite_by_slug(slug)
        assert suite is not None, slug
        for _ in range(times):
            runs.append(record_run(learner, suite))
    return runs


def commits(learner, count: int, *, lines: int = 10, docs: int = 0) -> None:
    start = NOW - timedelta(days=700)
    CountedCommit.objects.bulk_create(
        [
            CountedCommit(
                learner=learner,
                sha=f"{i:040x}",
                authored_at=start + timedelta(hours=i),
                lines=lines,
                lines_by_language={"Python": lines},
                docs_pages=docs,
            )
            for i in range(count)
        ]
    )


def quiz_right(learner, curriculum, topic_slug: str, *, now=NOW):
    """A topic quiz taken through the real services, every question answered right."""
    from skillpath.knowledge.services import answer_item, item_question, start_quiz
    from tests.knowledge.answers import right_response

    attempt = start_quiz(learner, curriculum, "topic", topic_slug, now=now, seed=7)
    for item in attempt.items.order_by("position"):
        answer_item(item, right_response(item_question(item), attempt.seed), now=now)
    return attempt


def load_questions(curriculum, months=(1, 2, 3)) -> None:
    """The built-in bank's questions of these months (phase 1 by default), imported through
    the real service — the whole bank takes seconds to import, a phase's a fraction."""
    from skillpath.knowledge.bank import read_bank
    from skillpath.knowledge.services import builtin_bank_dir, import_bank

    directory = builtin_bank_dir(curriculum)
    import_bank(curriculum, read_bank([directory / f"month-{m:02d}.yaml" for m in months]))


def topics_with_questions(curriculum, phases=(1,)) -> list[str]:
    from skillpath.knowledge.models import Question

    return list(
        Question.objects.filter(
            curriculum=curriculum, topic__block__month__phase__number__in=phases
        )
        .values_list("topic__slug", flat=True)
        .distinct()
        .order_by("topic__slug")
    )


def junior_ready(curriculum, learner) -> None:
    """Junior's gate passed, from real evidence: phase 1's topics done, its checks passed,
    every topic's quiz answered right (through the quiz services, so the cards and reviews
    that mastery reads exist) and a scored mock interview."""
    from skillpath.assessment.models import Activity, Interview

    mark_done(learner, phase_topics(curriculum))
    pass_checks(
        learner, ["url-shortener", "todo-api", "text-cli", "blog-api", "task-cli", "web-scraper"]
    )
    load_questions(curriculum)
    for topic in topics_with_questions(curriculum):
        quiz_right(learner, curriculum, topic)
    activity = Activity.objects.create(
        learner=learner, curriculum=curriculum, month=3, kind="mock_interview"
    )
    Interview.objects.create(
        activity=activity, interviewer=learner, level="junior", percent=80, finished_at=NOW
    )
