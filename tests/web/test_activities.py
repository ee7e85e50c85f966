"""The monthly activities' pages: a month's four cards and their evidence, an activity with
its sign-off, the mentors' list, the interviewer; 404 for another learner, query counts."""

from __future__ import annotations

import html

import pytest

from skillpath.assessment import activity_selectors
from skillpath.assessment.models import Activity, Interview
from tests.web.conftest import in_language
from tests.web.learner import body, hides, shows

CODE_REVIEW = {
    "code_review-repository_url": "https://git.example.com/alice/shop",
    "code_review-commit": "a1b2c3d",
    "code_review-links": "https://git.example.com/alice/shop/pull/3\n",
    "code_review-notes": "Reviewed the cart service.",
    "code_review-done_on": "2026-01-20",
}


def says(response, *texts: str) -> None:
    """`texts` are on a page of any status (a 400 re-shows the form)."""
    page = html.unescape(response.content.decode())
    for text in texts:
        assert text in page, text


def make_mentor(user):
    user.user_permissions.add(activity_selectors.sign_off_permission())


def submitted(client) -> Activity:
    response = client.post("/activities/month/1/code_review/", CODE_REVIEW)
    assert response.status_code == 302, body(response)
    return Activity.objects.get(kind="code_review")


@pytest.fixture
def as_bob(client, bob):
    make_mentor(bob)
    return bob


def test_the_month_page_shows_the_four_activities(as_alice):
    response = as_alice.get("/activities/month/1/")
    assert response.status_code == 200
    shows(
        response,
        "Activities of month 1",
        "Code review",
        "Technical presentation",
        "Pair programming",
        "Mock interview",
        "0 of 4 submitted",
    )
    assert Activity.objects.filter(month=1, state="planned").count() == 4


def test_a_month_not_in_the_plan_is_not_found(as_alice):
    assert as_alice.get("/activities/month/99/").status_code == 404
    assert as_alice.post("/activities/month/99/code_review/", CODE_REVIEW).status_code == 404
    assert as_alice.post("/activities/month/1/dancing/", CODE_REVIEW).status_code == 404


def test_submitting_evidence_moves_it_to_submitted(as_alice):
    activity = submitted(as_alice)
    assert activity.state == "submitted"
    assert activity.links == ["https://git.example.com/alice/shop/pull/3"]
    assert activity.commit == "a1b2c3d"
    page = as_alice.get(f"/activities/{activity.pk}/")
    shows(page, "https://git.example.com/alice/shop", "Reviewed the cart service.", "submitted")
    shows(as_alice.get("/activities/month/1/"), "1 of 4 submitted")


def test_a_bad_link_is_a_400_naming_the_field(as_alice):
    data = {**CODE_REVIEW, "code_review-links": "javascript:alert(1)"}
    response = as_alice.post("/activities/month/1/code_review/", data)
    assert response.status_code == 400
    says(response, "links: not an http(s) address: javascript:alert(1)")
    assert not Activity.objects.filter(state="submitted").exists()


def test_a_presentation_needs_its_slides(as_alice):
    response = as_alice.post("/activities/month/1/presentation/", {"presentation-notes": "x"})
    assert response.status_code == 400
    says(response, "slides_url: give the link to the slides of the talk.")


def test_pair_programming_names_a_platform_user_or_a_person(as_alice, charlie):
    as_alice.post("/activities/month/1/pair_programming/", {"pair_programming-partner": "charlie"})
    activity = Activity.objects.get(kind="pair_programming")
    assert activity.partner_user == charlie and activity.partner_name == ""
    as_alice.post("/activities/month/1/pair_programming/", {"pair_programming-partner": "Dana"})
    activity.refresh_from_db()
    assert activity.partner_user is None and activity.partner_name == "Dana"


def test_another_learner_gets_404_on_everything(as_alice, client, charlie):
    activity = submitted(as_alice)
    client.force_login(charlie)
    in_language(client, "en")
    for url in (
        f"/activities/{activity.pk}/",
        f"/activities/{activity.pk}/interview/",
        "/activities/waiting/",
    ):
        assert client.get(url).status_code == 404, url
    for url in ("sign-off", "return", "self-assess"):
        assert client.post(f"/activities/{activity.pk}/{url}/", {"comment": "x"}).status_code == 404
    activity.refresh_from_db()
    assert activity.state == "submitted"


def test_a_mentor_sees_the_waiting_list_and_signs_off(as_alice, client, as_bob):
    activity = submitted(as_alice)
    client.force_login(as_bob)
    shows(client.get("/activities/waiting/"), "alice: Code review, month 1")
    page = client.get(f"/activities/{activity.pk}/")
    shows(page, "Sign off", "Return with the comment")
    response = client.post(f"/activities/{activity.pk}/sign-off/", {"comment": "Good review."})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.state, activity.reviewer, activity.is_self_assessed) == (
        "signed_off",
        as_bob,
        False,
    )
    evidence = activity_selectors.signed_off_activities(activity.learner, activity.curriculum)
    assert [(e.month, e.activity, e.id) for e in evidence] == [(1, "code_review", activity.pk)]


def test_a_return_needs_a_comment_and_the_learner_sees_it(as_alice, client, as_bob, alice):
    activity = submitted(as_alice)
    client.force_login(as_bob)
    response = client.post(f"/activities/{activity.pk}/return/", {"comment": ""})
    assert response.status_code == 400
    says(response, "comment: say what to change")
    client.post(f"/activities/{activity.pk}/return/", {"comment": "Link the pull request."})
    activity.refresh_from_db()
    assert activity.state == "returned"
    client.force_login(alice)
    shows(client.get("/activities/month/1/"), "Link the pull request.", "Submit again")


def test_a_learner_cannot_sign_off_their_own_even_as_a_mentor(as_alice, alice, bob):
    make_mentor(alice)
    make_mentor(bob)
    activity = submitted(as_alice)
    hides(as_alice.get(f"/activities/{activity.pk}/"), "Return with the comment", "Sign off myself")
    as_alice.post(f"/activities/{activity.pk}/sign-off/", {"comment": ""})
    activity.refresh_from_db()
    assert activity.state == "submitted"


def test_self_assessment_only_without_a_mentor_and_marked(as_alice, bob):
    activity = submitted(as_alice)
    shows(as_alice.get(f"/activities/{activity.pk}/"), "Sign off myself")
    as_alice.post(f"/activities/{activity.pk}/self-assess/")
    activity.refresh_from_db()
    assert activity.state == "signed_off" and activity.is_self_assessed
    shows(as_alice.get(f"/activities/{activity.pk}/"), "self-assessed")


def test_no_self_assessment_once_someone_is_a_mentor(as_alice, bob):
    make_mentor(bob)
    activity = submitted(as_alice)
    hides(as_alice.get(f"/activities/{activity.pk}/"), "Sign off myself")
    response = as_alice.post(f"/activities/{activity.pk}/self-assess/", follow=True)
    shows(response, "You have a mentor")
    activity.refresh_from_db()
    assert activity.state == "submitted"


def mock_interview(client) -> Activity:
    client.get("/activities/month/1/")
    return Activity.objects.get(kind="mock_interview")


def test_the_interviewer_scores_an_interview_and_attaches_it(as_alice, alice):
    activity = mock_interview(as_alice)
    page = as_alice.get(f"/activities/{activity.pk}/interview/")
    shows(page, "Junior", "Choose the set")
    page = as_alice.get(f"/activities/{activity.pk}/interview/?level=junior")
    assert page.status_code == 200
    sets = activity_selectors.interview_sets(activity.curriculum)
    first, second = sets["junior"].questions[:2]
    shows(page, first.text.en)
    data = {
        "level": "junior",
        f"{first.slug}-points": ["0", "1", "2"],
        f"{first.slug}-depth": "2",
        f"{second.slug}-depth": "0",
    }
    response = as_alice.post(f"/activities/{activity.pk}/interview/", data)
    assert response.status_code == 302, body(response)
    interview = Interview.objects.get()
    assert interview.finished_at is not None and interview.interviewer == alice
    assert interview.marks[second.slug] == {"ticked": [], "depth": 0}
    activity.refresh_from_db()
    assert activity.state == "submitted"
    results = activity_selectors.interview_results(alice)
    assert [(r.level, r.percent) for r in results] == [("junior", interview.percent)]


def test_an_interview_with_nothing_marked_is_a_400(as_alice):
    activity = mock_interview(as_alice)
    response = as_alice.post(f"/activities/{activity.pk}/interview/", {"level": "junior"})
    assert response.status_code == 400
    says(response, "Mark at least one question")
    bad = as_alice.get(f"/activities/{activity.pk}/interview/?level=guru")
    assert bad.status_code == 400


def test_the_interviewer_page_is_only_for_a_mock_interview(as_alice):
    as_alice.get("/activities/month/1/")
    review = Activity.objects.get(kind="code_review")
    assert as_alice.get(f"/activities/{review.pk}/interview/").status_code == 404


def test_a_mentor_runs_an_interview_for_a_learner(as_alice, client, as_bob):
    activity = mock_interview(as_alice)
    client.force_login(as_bob)
    question = activity_selectors.interview_sets(activity.curriculum)["junior"].questions[0]
    data = {"level": "junior", f"{question.slug}-points": ["0"]}
    assert client.post(f"/activities/{activity.pk}/interview/", data).status_code == 302
    assert Interview.objects.get().interviewer == as_bob
    assert activity.events.get().actor == as_bob


def test_today_and_the_dashboard_link_to_this_months_activities(as_alice):
    for url in ("/today/", "/dashboard/"):
        response = as_alice.get(url)
        says(response, "This month's activities", "0 of 4 submitted")
        assert "/activities/month/" in body(response)


# Session, user, the learner's time zone, the enrolment; the months reached; the month's
# activities (read again when the four planned ones are made); the navbar's timer.
MONTH_QUERIES = 4 + 1 + 1 + 1
# Session, user, time zone; the activity; its events and interviews; the viewer's
# permissions (user's, group's) and whether the learner has a mentor; the navbar's timer.
ACTIVITY_QUERIES = 3 + 1 + 2 + 2 + 1 + 1


def test_the_month_and_activity_pages_cost_a_fixed_number_of_queries(
    as_alice, django_assert_num_queries
):
    as_alice.get("/activities/month/1/")
    with django_assert_num_queries(MONTH_QUERIES):
        as_alice.get("/activities/month/1/")
    activity = submitted(as_alice)
    for n in range(3):
        as_alice.post(
            "/activities/month/1/code_review/",
            {**CODE_REVIEW, "code_review-notes": f"try {n}"},
        )
    with django_assert_num_queries(MONTH_QUERIES):
        as_alice.get("/activities/month/1/")
    with django_assert_num_queries(ACTIVITY_QUERIES):
        as_alice.get(f"/activities/{activity.pk}/")
