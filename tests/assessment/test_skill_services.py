"""Rating skills and choosing a career track: the learner rates themself, a mentor (the
sign-off permission) rates others, anyone else is refused; unknown skills and scores out of
1–5 are refused whole; a day's rating replaces that day's earlier one."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import Permission

from skillpath.assessment import skill_selectors
from skillpath.assessment.models import CareerChoice, SkillRating
from skillpath.assessment.skill_services import choose_career, clear_career, rate_skills
from skillpath.core.errors import DomainError

pytestmark = pytest.mark.django_db

DESIGN = ("key", "technical-proektirovanie-distributed-systems")
MONTH_1 = ("phase", "month-1")
DAY = date(2026, 6, 15)
NOW = datetime(2026, 6, 15, 12, tzinfo=UTC)


def make_mentor(user):
    user.user_permissions.add(Permission.objects.get(codename="sign_off_milestone"))


def rate(by, learner, curriculum, scores, day=DAY):
    return rate_skills(by=by, learner=learner, curriculum=curriculum, scores=scores, today=day)


def test_the_learner_and_a_mentor_rate_on_their_own_sides(builtin, alice, bob):
    make_mentor(bob)
    assert rate(alice, alice, builtin, {DESIGN: 3, MONTH_1: 4}) == 2
    assert rate(bob, alice, builtin, {DESIGN: 2}) == 1
    rows = {
        (r.axis.kind, r.axis.slug): r
        for g in skill_selectors.skills_view(alice, builtin, DAY).groups
        for r in g.rows
    }
    assert (rows[DESIGN].self_now, rows[DESIGN].mentor_now) == (3, 2)
    assert rows[MONTH_1].self_now == 4
    mentor_row = SkillRating.objects.get(by_mentor=True)
    assert mentor_row.rated_by == bob and mentor_row.learner == alice


def test_someone_without_the_permission_cannot_rate_another(builtin, alice, charlie):
    with pytest.raises(DomainError, match="Only the learner or a mentor"):
        rate(charlie, alice, builtin, {DESIGN: 5})
    assert not SkillRating.objects.exists()


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        (
            {DESIGN: 3, ("key", "no-such-skill"): 3},
            "No such skill in this curriculum: key/no-such-skill",
        ),
        ({DESIGN: 3, MONTH_1: 6}, "from 1 to 5 (wrong for: phase/month-1)"),
        ({DESIGN: 0}, "wrong for: key/technical-proektirovanie-distributed-systems"),
    ],
)
def test_bad_scores_are_refused_whole(builtin, alice, scores, message):
    with pytest.raises(DomainError, match=message.replace("(", r"\(").replace(")", r"\)")):
        rate(alice, alice, builtin, scores)
    assert not SkillRating.objects.exists()


def test_the_same_day_replaces_and_an_unchanged_score_is_not_stored(builtin, alice):
    rate(alice, alice, builtin, {DESIGN: 2}, day=date(2026, 3, 1))
    assert rate(alice, alice, builtin, {DESIGN: 2}) == 0  # the score it already has
    rate(alice, alice, builtin, {DESIGN: 3})
    rate(alice, alice, builtin, {DESIGN: 4})
    assert list(SkillRating.objects.order_by("rated_on").values_list("rated_on", "score")) == [
        (date(2026, 3, 1), 2),
        (DAY, 4),
    ]
    row = next(
        r
        for g in skill_selectors.skills_view(alice, builtin, DAY).groups
        for r in g.rows
        if (r.axis.kind, r.axis.slug) == DESIGN
    )
    assert (row.self_now, row.self_then, row.change) == (4, 2, 2)


def test_a_career_track_and_role_are_chosen_changed_and_cleared(builtin, alice):
    choose_career(learner=alice, curriculum=builtin, track="technical", role="", now=NOW)
    assert skill_selectors.career(alice, builtin).track_title == "Technical Track"
    choose_career(
        learner=alice,
        curriculum=builtin,
        track="specialized",
        role="specialized-site-reliability-engineer",
        now=NOW,
    )
    career = skill_selectors.career(alice, builtin)
    assert (career.track, career.role_title) == ("specialized", "Site Reliability Engineer")
    assert CareerChoice.objects.count() == 1
    assert clear_career(learner=alice, curriculum=builtin) is True
    assert skill_selectors.career(alice, builtin) is None


@pytest.mark.parametrize(
    ("track", "role", "message"),
    [
        ("astronaut", "", "No such career track: astronaut"),
        ("technical", "management-vp-of-engineering", "is not a role of the Technical Track"),
    ],
)
def test_an_unknown_track_or_a_role_of_another_track_is_refused(
    builtin, alice, track, role, message
):
    with pytest.raises(DomainError, match=message):
        choose_career(learner=alice, curriculum=builtin, track=track, role=role, now=NOW)
    assert not CareerChoice.objects.exists()


def test_the_dashboard_reads_the_career_in_three_queries(builtin, alice, django_assert_num_queries):
    choose_career(learner=alice, curriculum=builtin, track="technical", role="", now=NOW)
    with django_assert_num_queries(3):
        assert skill_selectors.career(alice, builtin) is not None


def test_the_page_reads_in_a_fixed_number_of_queries(builtin, alice, django_assert_num_queries):
    rate(alice, alice, builtin, {DESIGN: 3, MONTH_1: 4})
    with django_assert_num_queries(6):
        skill_selectors.skills_view(alice, builtin, DAY)
