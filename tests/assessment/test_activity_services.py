"""The activities' services against the database: who counts as a mentor, self-assessment
marked, and the rubric's evidence feeds."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from skillpath.assessment import activity_selectors as selectors
from skillpath.assessment import activity_services as services
from skillpath.assessment.activities import TransitionError
from skillpath.assessment.rubric import SignedOffActivity

TALK = services.EvidenceInput(slides_url="https://slides.example.com/1")


def talk(learner, curriculum):
    return services.submit_activity(
        learner=learner, curriculum=curriculum, month=1, kind="presentation", evidence=TALK
    )


def test_a_mentor_is_another_active_user_with_the_permission_directly_or_by_group(
    enrolled, alice, bob, charlie
):
    assert not selectors.learner_has_mentor(alice)
    alice.user_permissions.add(selectors.sign_off_permission())
    assert not selectors.learner_has_mentor(alice)  # holding it herself does not count
    mentors = Group.objects.create(name="mentors")
    mentors.permissions.add(selectors.sign_off_permission())
    bob.groups.add(mentors)
    assert selectors.learner_has_mentor(alice)
    bob.is_active = False
    bob.save()
    assert not selectors.learner_has_mentor(alice)


def test_self_assessment_is_marked_and_feeds_the_rubric(enrolled, alice):
    activity = talk(alice, enrolled.curriculum)
    signed = services.self_assess_activity(activity=activity, learner=alice)
    assert signed.is_self_assessed and signed.reviewer == alice
    assert selectors.signed_off_activities(alice, enrolled.curriculum) == (
        SignedOffActivity(1, "presentation", activity.pk),
    )
    assert list(signed.events.values_list("state", "is_self_assessed")) == [
        ("submitted", False),
        ("signed_off", True),
    ]


def test_a_signed_off_activity_takes_no_new_evidence(enrolled, alice):
    activity = talk(alice, enrolled.curriculum)
    services.self_assess_activity(activity=activity, learner=alice)
    with pytest.raises(TransitionError, match="signed off already"):
        talk(alice, enrolled.curriculum)


def test_evidence_rules_name_the_field(enrolled, alice):
    def submit(**fields):
        return services.submit_activity(
            learner=alice,
            curriculum=enrolled.curriculum,
            month=1,
            kind="code_review",
            evidence=services.EvidenceInput(repository_url="https://git.example.com/a", **fields),
        )

    with pytest.raises(services.ActivityInputError, match=r"^commit:"):
        submit(commit="not-a-sha")
    with pytest.raises(services.ActivityInputError, match=r"^links: at most"):
        submit(links=[f"https://e.example.com/{n}" for n in range(11)])
    with pytest.raises(services.ActivityInputError, match=r"^month:"):
        services.submit_activity(
            learner=alice,
            curriculum=enrolled.curriculum,
            month=500,
            kind="presentation",
            evidence=TALK,
        )
