"""Reads of the practice checks that other pages show: a curriculum's checks passed."""

from __future__ import annotations

import pytest

from skillpath.checks.selectors import curriculum_checks
from skillpath.checks.suites import all_suites
from tests.checks.runs import record_run

pytestmark = pytest.mark.django_db


def test_a_suite_counts_once_however_often_it_passed(builtin, alice, bob):
    first, second = all_suites()[:2]
    record_run(alice, first)
    record_run(alice, first)
    record_run(alice, second, failing=1)
    record_run(bob, second)
    checks = curriculum_checks(learner=alice, curriculum=builtin)
    assert (checks.passed, checks.available) == (1, len(all_suites()))
    assert checks.latest is not None and checks.latest.suite == second.slug
    assert checks.latest_suite is second


def test_a_curriculum_counts_only_the_checks_of_its_own_practices_and_projects(builtin, alice):
    from skillpath.curriculum.importers.base import ParsedPlan
    from skillpath.curriculum.models import Curriculum
    from skillpath.curriculum.services import import_curriculum
    from tests.web.conftest import big_doc

    import_curriculum(parsed=ParsedPlan(doc=big_doc(), source_format="yaml", language="ru+en"))
    big = Curriculum.objects.get(slug="big")  # practice-1 to practice-3, none of the projects
    project = next(s for s in all_suites() if s.subject[0] == "project")
    record_run(alice, project)
    checks = curriculum_checks(learner=alice, curriculum=big)
    assert (checks.passed, checks.available, checks.latest) == (0, 3, None)
    assert curriculum_checks(learner=alice, curriculum=builtin).passed == 1


def test_nothing_run_yet(builtin, alice):
    checks = curriculum_checks(learner=alice, curriculum=builtin)
    assert (checks.passed, checks.latest, checks.latest_suite) == (0, None, None)
