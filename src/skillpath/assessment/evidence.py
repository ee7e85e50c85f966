"""The level check's evidence, read from the apps that own it: topics done (tracking), quiz
mastery (knowledge), complete passes of the practice checks (checks), KPIs measured from git
(assessment), and — from the activities part — signed-off monthly activities and mock
interviews. `evidence_of` costs a fixed number of queries however much evidence there is.

The rubric and the curriculum's facts are read once per curriculum version and kept in the
process (`rubric_and_facts`): a curriculum's rubric file and its structure change only with
a new import, which bumps `updated_at`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from pathlib import Path
from threading import Lock

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from skillpath.assessment import rubric as r
from skillpath.assessment.models import CountedCommit
from skillpath.assessment.rubric_file import load_rubric
from skillpath.checks import selectors as checks
from skillpath.checks.suites import all_suites
from skillpath.core.errors import DomainError
from skillpath.curriculum.models import Curriculum
from skillpath.curriculum.selectors import curriculum_doc
from skillpath.knowledge import selectors as knowledge
from skillpath.knowledge.bank import Text
from skillpath.tracking import resource_selectors
from skillpath.tracking.selectors import done_topic_slugs


class NoRubricError(DomainError):
    """The curriculum has no level rubric (no rubric.yaml beside its package)."""


# The rubric's KPI slugs measurable now. The git scan counts lines and documentation pages;
# a project is completed when its check passed; certifications are those recorded as earned
# on the resources page (pull requests reviewed have no source yet and count 0).
KPI_LINES = "lines-of-code-written"
KPI_DOCS = "documentation-pages-written"
KPI_PROJECTS = "projects-completed"
KPI_COMMITS = "github-contributions"  # commits counted by the git scan

_cache: dict[tuple[int, str, str], tuple[r.Rubric, r.CurriculumFacts]] = {}
_lock = Lock()


def rubric_path(curriculum: Curriculum) -> Path:
    """The folder holding the curriculum's rubric.yaml: its package under the content dir."""
    return Path(settings.CONTENT_DIR) / "curricula" / curriculum.slug


def suite_subjects() -> dict[str, str]:
    """Subject slug (practice or project) → the slug of the suite that checks it."""
    return {suite.subject[1]: suite.slug for suite in all_suites()}


def suite_titles() -> dict[str, Text]:
    """Each check suite's title in both languages (its title is a lazy translation)."""
    titles = {}
    for suite in all_suites():
        by_language = {}
        for language in ("en", "ru"):
            with translation.override(language):
                by_language[language] = str(suite.title)
        titles[suite.slug] = Text(**by_language)
    return titles


def rubric_and_facts(curriculum: Curriculum) -> tuple[r.Rubric, r.CurriculumFacts]:
    """The curriculum's rubric and facts, built once per curriculum version (the first call
    reads the curriculum whole; later ones cost no query). NoRubricError without a rubric."""
    key = (curriculum.pk, curriculum.version, curriculum.updated_at.isoformat())
    found = _cache.get(key)
    if found is not None:
        return found
    folder = rubric_path(curriculum)
    if not (folder / r.RUBRIC_FILE).is_file():
        raise NoRubricError(
            _("The curriculum “%(slug)s” has no level rubric yet.") % {"slug": curriculum.slug}
        )
    facts = r.curriculum_facts(curriculum_doc(curriculum), suite_subjects(), suite_titles())
    built = (load_rubric(folder), facts)
    with _lock:
        _cache[key] = built
    return built


def evidence_of(
    learner: AbstractBaseUser, curriculum: Curriculum, now: datetime | None = None
) -> r.Evidence:
    """Everything the learner has shown in the curriculum, as the rubric reads it (about
    ten queries, the same however much evidence there is)."""
    now = now or timezone.now()
    passed = tuple(
        r.CheckRun(suite, run_id) for suite, run_id in checks.passed_runs(learner=learner)
    )
    return r.Evidence(
        topics_done=done_topic_slugs(learner=learner, curriculum=curriculum),
        mastery=_mastery(learner, curriculum, now),
        passed_checks=passed,
        activities=_signed_off_activities(learner, curriculum),
        interviews=_interview_results(learner),
        kpis=_kpis(learner, passed),
    )


def _mastery(
    learner: AbstractBaseUser, curriculum: Curriculum, now: datetime
) -> dict[str, r.TopicMastery]:
    found = knowledge.mastery(learner, curriculum, now)
    if not found.topics:
        return {}
    topics = knowledge.topic_slugs(curriculum)
    # A topic's quiz is its evidence; a month's quiz counts for every topic of that month.
    quizzes: dict[tuple[str, str], list[int]] = defaultdict(list)
    for scope, slug, attempt_id in knowledge.finished_quizzes(
        learner=learner, curriculum=curriculum
    ):
        quizzes[(scope, slug)].append(attempt_id)
    result = {}
    for topic_id, mastery in found.topics.items():
        slug, month = topics[topic_id]
        ids = quizzes.get(("topic", slug), []) + quizzes.get(("month", month), [])
        result[slug] = r.TopicMastery(mastery.score, tuple(sorted(ids)))
    return result


def _kpis(learner: AbstractBaseUser, passed: tuple[r.CheckRun, ...]) -> dict[str, float]:
    # The sums of `selectors.kpi_totals` in one aggregate: the rubric needs no split by
    # language, and reading every commit's languages is most of the cost for a long history.
    totals = CountedCommit.objects.filter(learner=learner).aggregate(
        commits=Count("id"), lines=Sum("lines"), docs=Sum("docs_pages")
    )
    project_suites = {s.slug for s in all_suites() if s.subject[0] == "project"}
    return {
        KPI_COMMITS: float(totals["commits"]),
        KPI_LINES: float(totals["lines"] or 0),
        KPI_DOCS: float(totals["docs"] or 0),
        KPI_PROJECTS: float(len({run.check for run in passed} & project_suites)),
        "pull-requests-reviewed": 0.0,
        "certification-achievements": float(
            len(resource_selectors.earned_certification_days(learner=learner))
        ),
    }


# The activity kinds the pages record, by the slug the curriculum gives each of the plan's
# four monthly activities (the rubric counts them by those slugs).
CURRICULUM_ACTIVITY = {
    "code_review": "code-review",
    "presentation": "tech-talk",
    "pair_programming": "pair-programming",
    "mock_interview": "mock-interview",
}


def _signed_off_activities(
    learner: AbstractBaseUser, curriculum: Curriculum
) -> tuple[r.SignedOffActivity, ...]:
    """The learner's monthly activities signed off (by a mentor, or self-assessed where the
    installation has none), named as the curriculum names them (one query)."""
    from skillpath.assessment.activity_selectors import signed_off_activities

    return tuple(
        r.SignedOffActivity(a.month, CURRICULUM_ACTIVITY.get(a.activity, a.activity), a.id)
        for a in signed_off_activities(learner, curriculum)
    )


def _interview_results(learner: AbstractBaseUser) -> tuple[r.InterviewResult, ...]:
    """The learner's scored mock interviews (one query)."""
    from skillpath.assessment.activity_selectors import interview_results

    return interview_results(learner)
