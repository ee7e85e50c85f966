"""Snapshots and sign-offs: a snapshot is stored when the result moved and never changed;
a milestone is signed off only when its gate passes in a fresh assessment, by a mentor (the
permission) or, without one in the installation, self-assessed by the learner and marked."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from skillpath.assessment.level_selectors import level_view
from skillpath.assessment.level_services import (
    SignOffError,
    installation_has_mentor,
    sign_off_milestone,
    take_assessment,
)
from skillpath.assessment.models import AssessmentSnapshot, SnapshotImmutableError
from tests.assessment.level_world import NOW, mark_done, pass_checks, phase_topics

pytestmark = pytest.mark.django_db


def make_mentor(user):
    user.user_permissions.add(Permission.objects.get(codename="sign_off_milestone"))


def test_a_snapshot_is_stored_only_when_the_result_moved(builtin, alice):
    first, is_new = take_assessment(learner=alice, curriculum=builtin, now=NOW)
    assert is_new
    again, is_new = take_assessment(learner=alice, curriculum=builtin, now=NOW)
    assert (again, is_new) == (first, False)
    pass_checks(alice, ["url-shortener"])
    moved, is_new = take_assessment(learner=alice, curriculum=builtin, now=NOW)
    assert is_new and moved.pk != first.pk
    criteria = {c["criterion"]: c for c in moved.document["milestones"][0]["criteria"]}
    projects = criteria["m1-projects"]
    assert projects["met"] is False and projects["evidence"][0]["kind"] == "check_run"
    assert "url-shortener" not in projects["missing"]["en"]
    assert projects["missing"]["en"] == (
        "1 of 3 Phase 1 projects passed: Console task manager with file storage, REST API for a"
        " blog with SQLite missing"
    )
    assert projects["missing_around"]["en"] == ["1 of 3 Phase 1 projects passed: ", " missing"]
    topics = criteria["m1-topics"]
    assert topics["missing"]["en"].endswith(
        "Still to do: Linux, Git, IDE/editor, Terminal and SSH, Choosing a language, Syntax and"
        " 18 more"
    )
    assert topics["missing"]["ru"].endswith("Синтаксис и ещё 18")
    activities = criteria["m1-activities"]
    assert activities["missing_titles"]["ru"][0] == "месяц 1: code review практических проектов"


def test_a_snapshot_cannot_be_changed(builtin, alice):
    snapshot, _ = take_assessment(learner=alice, curriculum=builtin, now=NOW)
    snapshot.level = "senior"
    with pytest.raises(SnapshotImmutableError):
        snapshot.save()
    assert AssessmentSnapshot.objects.get().level == ""


def test_a_milestone_not_ready_cannot_be_signed_off(builtin, alice, bob):
    make_mentor(bob)
    with pytest.raises(SignOffError, match="not ready"):
        sign_off_milestone(
            by=bob, learner=alice, curriculum=builtin, milestone=1, comment="", now=NOW
        )


def _ready(curriculum, learner, monkeypatch):
    """Junior's gate passed: the topics, the checks and a real scored mock interview; quiz
    mastery of every topic is stood in for (answering 40 topics' quizzes to 80 % recall
    would only slow the test down)."""
    from skillpath.assessment import evidence
    from skillpath.assessment.models import Activity, Interview
    from skillpath.assessment.rubric import TopicMastery

    mark_done(learner, phase_topics(curriculum))
    pass_checks(
        learner, ["url-shortener", "todo-api", "text-cli", "blog-api", "task-cli", "web-scraper"]
    )
    facts = evidence.rubric_and_facts(curriculum)[1]
    activity = Activity.objects.create(
        learner=learner, curriculum=curriculum, month=3, kind="mock_interview"
    )
    Interview.objects.create(
        activity=activity, interviewer=learner, level="junior", percent=80, finished_at=NOW
    )
    monkeypatch.setattr(
        evidence,
        "_mastery",
        lambda *_a: {t: TopicMastery(0.9, (1,)) for t in facts.topics([1])},
    )


def test_a_mentor_signs_off_a_ready_milestone_with_the_snapshot(builtin, alice, bob, monkeypatch):
    make_mentor(bob)
    _ready(builtin, alice, monkeypatch)
    signed = sign_off_milestone(
        by=bob, learner=alice, curriculum=builtin, milestone=1, comment=" good ", now=NOW
    )
    assert signed.signed_by == bob and not signed.is_self_assessed and signed.comment == "good"
    assert signed.snapshot.document["milestones"][0]["passed_gate"]
    view = level_view(learner=alice, curriculum=builtin, now=NOW)
    assert view.level == "junior" and view.milestone == 1 and view.next["number"] == 2
    with pytest.raises(SignOffError, match="already"):
        sign_off_milestone(
            by=bob, learner=alice, curriculum=builtin, milestone=1, comment="", now=NOW
        )


def test_a_ready_gate_is_not_a_level_until_signed_off(builtin, alice, monkeypatch):
    _ready(builtin, alice, monkeypatch)
    view = level_view(learner=alice, curriculum=builtin, now=NOW)
    assert view.level is None and view.ready_for_sign_off and view.next["number"] == 1


def test_a_learner_cannot_sign_off_their_own_when_a_mentor_exists(builtin, alice, bob, monkeypatch):
    make_mentor(bob)
    _ready(builtin, alice, monkeypatch)
    make_mentor(alice)  # even holding the permission: never one's own mentor
    with pytest.raises(SignOffError, match="mentor"):
        sign_off_milestone(
            by=alice, learner=alice, curriculum=builtin, milestone=1, comment="", now=NOW
        )


def test_without_a_mentor_the_learner_self_assesses_marked(builtin, alice, monkeypatch):
    assert not installation_has_mentor()
    _ready(builtin, alice, monkeypatch)
    signed = sign_off_milestone(
        by=alice, learner=alice, curriculum=builtin, milestone=1, comment="", now=NOW
    )
    assert signed.is_self_assessed and signed.signed_by is None


def test_another_learner_cannot_sign_off(builtin, alice, charlie, monkeypatch):
    _ready(builtin, alice, monkeypatch)
    with pytest.raises(SignOffError, match="Only a mentor"):
        sign_off_milestone(
            by=charlie, learner=alice, curriculum=builtin, milestone=1, comment="", now=NOW
        )
