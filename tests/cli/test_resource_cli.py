"""`skillpath log ... --resource SLUG`: the session counts on the plan's resource or on one
of the learner's own; an unknown slug is refused naming the closest."""

from __future__ import annotations

import json

import pytest

from skillpath.tracking.models import StudySession
from skillpath.tracking.resource_services import add_own_resource
from tests.cli.test_learner_cli import learner, run  # noqa: F401  (the enrolled learner)

pytestmark = pytest.mark.django_db


def test_log_against_a_book_of_the_plan(learner):  # noqa: F811
    result = run("log", "45m", "theory", "--resource", "clean-code", "--json")

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["resource"] == "clean-code"
    assert StudySession.objects.get().resource.slug == "clean-code"


def test_log_against_an_own_resource_says_so(learner, builtin):  # noqa: F811
    add_own_resource(learner=learner, curriculum=builtin, title="Pro Git", kind="book")

    result = run("log", "30m", "theory", "--resource", "pro-git")

    assert result.exit_code == 0, result.output
    assert "Pro Git" in result.stdout
    assert StudySession.objects.get().own_resource.slug == "pro-git"


def test_an_unknown_resource_is_refused_naming_the_closest(learner):  # noqa: F811
    result = run("log", "30m", "theory", "--resource", "clean-cod")

    assert result.exit_code == 2
    assert "did you mean clean-code" in result.stderr
    assert not StudySession.objects.exists()
