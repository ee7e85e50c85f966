"""Following resources: parts ticked, own resources, certifications, sessions naming a
resource — against the real database."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction

from skillpath.curriculum.models import Resource, Topic
from skillpath.tracking.models import CertificationGoal, LearnerResource, PartDone
from skillpath.tracking.resource_selectors import (
    UnknownResourceError,
    earned_certification_days,
    find_resource,
)
from skillpath.tracking.resource_services import (
    CertificationError,
    PartInput,
    ResourceError,
    add_own_resource,
    delete_own_resource,
    drop_certification_goal,
    edit_own_resource,
    set_certification_goal,
    set_part_done,
)
from skillpath.tracking.services import SessionError, log_session
from tests.resources.conftest import TODAY

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 2, 18, 0, tzinfo=ZoneInfo("UTC"))


def test_a_part_is_done_once_with_the_first_date(alice, ddia_parts):
    first = set_part_done(learner=alice, part=ddia_parts[0], is_done=True, today=TODAY)
    again = set_part_done(
        learner=alice, part=ddia_parts[0], is_done=True, today=TODAY + timedelta(days=3)
    )

    assert first is not None and again is not None
    assert again.pk == first.pk and again.done_on == TODAY
    assert PartDone.objects.filter(learner=alice).count() == 1


def test_undoing_a_part_deletes_its_row(alice, ddia_parts):
    set_part_done(learner=alice, part=ddia_parts[0], is_done=True, today=TODAY)

    assert set_part_done(learner=alice, part=ddia_parts[0], is_done=False, today=TODAY) is None
    assert not PartDone.objects.exists()


def test_the_database_refuses_a_second_row_for_a_part(alice, ddia_parts):
    set_part_done(learner=alice, part=ddia_parts[0], is_done=True, today=TODAY)

    with pytest.raises(IntegrityError), transaction.atomic():
        PartDone.objects.create(learner=alice, part=ddia_parts[0], done_on=TODAY)


def test_a_learner_adds_a_resource_with_parts_and_a_topic(alice, builtin):
    git = Topic.objects.get(curriculum=builtin, slug="git")

    resource = add_own_resource(
        learner=alice,
        curriculum=builtin,
        title="Pro Git",
        kind="book",
        url="https://git-scm.com/book/en/v2",
        topic=git,
        parts=[PartInput("Getting Started", 30), PartInput("Git Basics", 40)],
    )

    assert resource.slug == "pro-git"
    assert [(p.slug, p.title, p.pages) for p in resource.parts.all()] == [
        ("part-1", "Getting Started", 30),
        ("part-2", "Git Basics", 40),
    ]


def test_an_own_resource_never_takes_a_slug_of_the_plan(alice, builtin):
    resource = add_own_resource(learner=alice, curriculum=builtin, title="Clean Code", kind="book")

    assert resource.slug == "clean-code-2"
    assert find_resource(learner=alice, curriculum_id=builtin.pk, slug="clean-code-2") == resource


def test_editing_parts_keeps_the_ticks_on_the_parts_that_stay(alice, builtin):
    resource = add_own_resource(
        learner=alice,
        curriculum=builtin,
        title="A course",
        kind="course",
        parts=[PartInput("One"), PartInput("Two"), PartInput("Three")],
    )
    first = resource.parts.get(slug="part-1")
    set_part_done(learner=alice, part=first, is_done=True, today=TODAY)

    edit_own_resource(
        learner=alice,
        resource=resource,
        title="A course, renamed",
        kind="course",
        url="",
        topic=None,
        parts=[PartInput("One, renamed")],
    )

    assert [p.title for p in resource.parts.all()] == ["One, renamed"]
    assert PartDone.objects.filter(own_part__resource=resource).count() == 1


def test_another_learners_resource_is_refused(alice, charlie, builtin):
    resource = add_own_resource(
        learner=alice, curriculum=builtin, title="Mine", kind="course", parts=[PartInput("x")]
    )

    with pytest.raises(ResourceError):
        set_part_done(learner=charlie, part=resource.parts.get(), is_done=True, today=TODAY)
    with pytest.raises(ResourceError):
        delete_own_resource(learner=charlie, resource=resource)
    with pytest.raises(SessionError):
        log_session(learner=charlie, kind="theory", now=NOW, minutes=30, resource=resource)
    with pytest.raises(UnknownResourceError):
        find_resource(learner=charlie, curriculum_id=builtin.pk, slug=resource.slug)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"title": " ", "kind": "book"}, "title"),
        ({"title": "x", "kind": "podcast"}, "Unknown kind"),
        ({"title": "x", "kind": "book", "url": "javascript:alert(1)"}, "web address"),
        ({"title": "x", "kind": "book", "parts": [PartInput("x", 0)]}, "pages"),
    ],
)
def test_a_bad_own_resource_is_refused_with_a_reason(alice, builtin, arguments, message):
    with pytest.raises(ResourceError, match=message):
        add_own_resource(learner=alice, curriculum=builtin, **arguments)
    assert not LearnerResource.objects.exists()


def test_a_session_names_a_plan_resource_or_an_own_one(alice, builtin, ddia):
    own = add_own_resource(learner=alice, curriculum=builtin, title="Mine", kind="course")

    plan = log_session(learner=alice, kind="theory", now=NOW, minutes=30, resource=ddia)
    mine = log_session(
        learner=alice, kind="theory", now=NOW - timedelta(hours=2), minutes=30, resource=own
    )

    assert (plan.resource, plan.own_resource) == (ddia, None)
    assert (mine.resource, mine.own_resource) == (None, own)


def test_a_certification_is_planned_then_earned_with_evidence(alice, cka):
    planned = set_certification_goal(
        learner=alice, certification=cka, today=TODAY, target_on=date(2026, 9, 1)
    )
    assert not planned.is_earned
    assert earned_certification_days(learner=alice) == []

    earned = set_certification_goal(
        learner=alice,
        certification=cka,
        today=TODAY,
        earned_on=TODAY,
        evidence_url="https://www.credly.com/badges/abc",
    )

    assert earned.pk == planned.pk and earned.is_earned
    assert earned_certification_days(learner=alice) == [TODAY]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"earned_on": TODAY}, "evidence"),
        ({"earned_on": TODAY + timedelta(days=1), "evidence_url": "https://x.org"}, "future"),
        ({"target_on": TODAY, "evidence_url": "ftp://x.org"}, "web address"),
    ],
)
def test_a_bad_certification_record_is_refused(alice, cka, arguments, message):
    with pytest.raises(CertificationError, match=message):
        set_certification_goal(learner=alice, certification=cka, today=TODAY, **arguments)
    assert not CertificationGoal.objects.exists()


def test_dropping_a_certification_forgets_it(alice, cka):
    set_certification_goal(learner=alice, certification=cka, today=TODAY, target_on=TODAY)

    drop_certification_goal(learner=alice, certification=cka)

    assert not CertificationGoal.objects.exists()


def test_an_unknown_resource_slug_names_the_closest(alice, builtin):
    with pytest.raises(UnknownResourceError, match="clean-code"):
        find_resource(learner=alice, curriculum_id=builtin.pk, slug="clean-cod")
    assert Resource.objects.filter(curriculum=builtin).count() == 14
