"""The skills matrix page: the learner rates themself and chooses a career track, which the
dashboard then shows; a mentor rates a learner on the learner's page for mentors; anyone
else gets a 404; bad input is a 400 with the form kept, and nothing is stored."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from skillpath.assessment.models import CareerChoice, SkillRating
from tests.web.conftest import in_language
from tests.web.learner import body, shows

pytestmark = pytest.mark.django_db

DESIGN = "score-key-technical-proektirovanie-distributed-systems"
MONTH_1 = "score-phase-month-1"


def test_the_learner_rates_themself_and_sees_the_scores(as_alice, alice):
    page = as_alice.get("/skills/")
    shows(page, "Skills matrix", "Designing distributed systems", "Nothing is rated yet.")
    assert 'id="radar-key-chart"' in body(page) and 'id="radar-phase-chart"' in body(page)
    response = as_alice.post("/skills/", {DESIGN: "3", MONTH_1: "4"}, follow=True)
    shows(response, "Ratings saved: 2.")
    assert set(SkillRating.objects.values_list("slug", "score", "by_mentor")) == {
        ("technical-proektirovanie-distributed-systems", 3, False),
        ("month-1", 4, False),
    }
    assert '<option value="3" selected>' in body(response)


def test_a_score_out_of_the_scale_is_a_400_and_nothing_is_stored(as_alice):
    response = as_alice.post("/skills/", {DESIGN: "9", MONTH_1: "4"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not SkillRating.objects.exists()


def test_the_career_choice_shows_on_the_skills_page_and_the_dashboard(as_alice, alice):
    response = as_alice.post(
        "/skills/career/",
        {"track": "management", "role": "management-engineering-manager"},
        follow=True,
    )
    shows(response, "Career track saved.", "You aim at the Management Track: Engineering Manager.")
    dashboard = as_alice.get("/dashboard/")
    shows(dashboard, "Management Track: Engineering Manager")
    assert 'href="/skills/"' in body(dashboard)
    as_alice.post("/skills/career/", {"clear": "1"})
    assert not CareerChoice.objects.exists()


def test_a_role_of_another_track_is_refused_on_the_form(as_alice):
    response = as_alice.post(
        "/skills/career/", {"track": "technical", "role": "management-vp-of-engineering"}
    )
    assert response.status_code == 400
    assert "is not a role of the Technical Track" in response.content.decode()
    assert not CareerChoice.objects.exists()


def test_a_mentor_rates_a_learner_and_others_get_a_404(client, alice, bob, charlie, enrolled):
    client.force_login(charlie)
    assert client.get(f"/skills/learners/{alice.pk}/").status_code == 404
    assert client.post(f"/skills/learners/{alice.pk}/", {DESIGN: "1"}).status_code == 404
    bob.user_permissions.add(Permission.objects.get(codename="sign_off_milestone"))
    client.force_login(bob)
    in_language(client, "en")
    shows(client.get(f"/skills/learners/{alice.pk}/"), "alice", "Your rating as mentor")
    client.post(f"/skills/learners/{alice.pk}/", {DESIGN: "2"})
    rating = SkillRating.objects.get()
    assert (rating.learner, rating.rated_by, rating.by_mentor, rating.score) == (
        alice,
        bob,
        True,
        2,
    )
    assert client.get(f"/skills/learners/{bob.pk}/").status_code == 404  # not enrolled


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_page_speaks_both_languages(client, alice, enrolled, language):
    client.force_login(alice)
    in_language(client, language)
    title = {"en": "Skills matrix", "ru": "Матрица навыков"}[language]
    shows(client.get("/skills/"), title)


def test_the_level_page_links_to_the_skills(as_alice):
    assert 'href="/skills/"' in body(as_alice.get("/assessment/"))
