"""Who may see what: anonymous visitors of a server are sent to the sign-in page; every
learner-owned object is looked up through the signed-in learner, so charlie gets a 404 on
alice's things and cannot change them; the sign-in and sign-out pages themselves."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.utils import timezone

from skillpath.planning.models import Enrolment
from skillpath.tracking.models import EvidenceLink, StudySession, Timer, TopicProgress
from skillpath.tracking.services import log_session, set_topic_status, start_timer
from tests.web.conftest import in_language
from tests.web.learner import body, hides, html_lang, shows

LEARNER_PAGES = [
    "/start/",
    "/today/",
    "/dashboard/",
    "/report/week/",
    "/sessions/",
    "/calendar/",
]


@pytest.mark.parametrize("path", LEARNER_PAGES)
def test_anonymous_visitors_of_a_server_are_sent_to_sign_in(client, builtin, server_mode, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={quote(path)}"


@pytest.mark.parametrize(
    "path",
    [
        "/timer/start/",
        "/timer/stop/",
        "/sessions/1/delete/",
        "/calendar/1/revoke/",
        "/c/backend/topics/git/progress/",
        "/c/backend/topics/git/evidence/",
    ],
)
def test_anonymous_writes_are_sent_to_sign_in(client, builtin, server_mode, path):
    response = client.post(path, {"status": "done"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_in_local_mode_the_local_learner_needs_no_sign_in(local_browser, builtin):
    response = local_browser.get("/today/")
    assert response.status_code == 200
    assert 'href="/start/"' in body(response)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_sign_in_page(client, builtin, server_mode, language):
    response = in_language(client, language).get("/accounts/login/?next=/dashboard/")
    assert html_lang(response) == language
    page = body(response)
    assert 'name="username"' in page and 'name="password"' in page
    assert 'name="next" value="/dashboard/"' in page


def test_signing_in_and_out(client, builtin, alice, server_mode):
    response = client.post(
        "/accounts/login/",
        {"username": "alice", "password": "alice-pass-123", "next": "/dashboard/"},
    )
    assert response["Location"] == "/dashboard/"
    page = body(in_language(client, "en").get("/today/"))
    assert 'action="/accounts/logout/"' in page and "alice" in page
    assert client.get("/accounts/logout/").status_code == 405  # only a POST signs out
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/accounts/login/"
    assert client.get("/today/").status_code == 302


def test_a_wrong_password_is_refused_on_the_form(client, builtin, alice, server_mode):
    response = in_language(client, "en").post(
        "/accounts/login/", {"username": "alice", "password": "nope"}
    )
    shows(response, "Please enter a correct username and password.")


# --- charlie and alice's things ---------------------------------------------------------


@pytest.fixture
def alices_things(enrolled, alice):
    now = timezone.now()
    session = log_session(learner=alice, kind="theory", minutes=60, now=now, note="alice's")
    from skillpath.curriculum.models import Topic

    git = Topic.objects.get(slug="git")
    set_topic_status(learner=alice, topic=git, status="in_progress", today=now.date(), notes="n")
    start_timer(learner=alice, kind="practice", now=now)
    return {"session": session, "enrolment": enrolled, "topic": git}


def test_charlie_gets_a_404_on_alices_session(as_charlie, alices_things):
    session = alices_things["session"]
    assert as_charlie.get(f"/sessions/{session.pk}/delete/").status_code == 404
    assert as_charlie.post(f"/sessions/{session.pk}/delete/").status_code == 404
    assert StudySession.objects.filter(pk=session.pk).exists()
    hides(as_charlie.get("/sessions/"), "alice's")


def test_charlie_gets_a_404_on_alices_calendar(as_charlie, alices_things):
    enrolment = alices_things["enrolment"]
    response = as_charlie.post(f"/calendar/{enrolment.pk}/revoke/", {"confirm": "yes"})
    assert response.status_code == 404
    assert Enrolment.objects.get(pk=enrolment.pk).calendar_token == enrolment.calendar_token
    # charlie's own calendar page knows nothing of alice's plan.
    page = body(as_charlie.get("/calendar/"))
    assert enrolment.calendar_token not in page
    assert 'href="/start/"' in page


def test_charlie_sees_none_of_alices_plan_timer_or_progress(as_charlie, alices_things):
    for path in ("/today/", "/dashboard/", "/report/week/"):
        page = body(as_charlie.get(path))
        assert "sp-nav-timer" not in page
        assert 'href="/start/"' in page
    page = body(as_charlie.get("/c/backend/topics/git/"))
    assert 'id="topic-progress"' not in page  # charlie is not enrolled


def test_charlie_cannot_stop_alices_timer_or_change_her_progress(as_charlie, alices_things):
    as_charlie.post("/timer/stop/")
    assert Timer.objects.filter(learner__username="alice").exists()
    topic = alices_things["topic"]
    as_charlie.post(f"/c/backend/topics/{topic.slug}/progress/", {"status": "done"})
    as_charlie.post(f"/c/backend/topics/{topic.slug}/evidence/", {"url": "https://x.example/"})
    alices = TopicProgress.objects.get(learner__username="alice", topic=topic)
    assert (alices.status, alices.notes) == ("in_progress", "n")
    assert not EvidenceLink.objects.filter(progress=alices).exists()
    # What charlie did is his own.
    assert TopicProgress.objects.get(learner__username="charlie", topic=topic).status == "done"


def test_alice_sees_her_own_things(as_alice, alices_things):
    session = alices_things["session"]
    assert as_alice.get(f"/sessions/{session.pk}/delete/").status_code == 200
    page = body(as_alice.get("/today/"))
    assert "sp-nav-timer" in page


# --- Page frame -------------------------------------------------------------------------


@pytest.mark.parametrize("path", [*LEARNER_PAGES, "/c/backend/topics/git/", "/accounts/login/"])
def test_learner_pages_obey_the_content_security_policy(as_alice, path):
    import re

    response = as_alice.get(path)
    page = body(response)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert " style=" not in page and "<style" not in page
    for tag in re.findall(r"<script[^>]*>", page):
        assert ' src="/static/' in tag or 'type="application/json"' in tag, tag
    assert re.search(r' on[a-z]+="', page) is None


@pytest.mark.parametrize("path", [*LEARNER_PAGES, "/c/backend/topics/git/"])
def test_learner_pages_have_one_h1_and_headings_in_order(as_alice, path):
    import re
    from itertools import pairwise

    page = body(as_alice.get(path))
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", page)]
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in pairwise(levels):
        assert after <= before + 1, f"heading h{after} follows h{before} on {path}"


@pytest.mark.parametrize(
    ("path", "link"),
    [
        ("/today/", "/today/"),
        ("/dashboard/", "/dashboard/"),
        ("/report/week/", "/dashboard/"),
        ("/sessions/", "/sessions/"),
        ("/calendar/", "/calendar/"),
    ],
)
def test_the_navbar_marks_the_learners_section(as_alice, path, link):
    import re

    page = body(as_alice.get(path))
    active = re.findall(r'<a class="nav-link active" aria-current="\w+" href="([^"]+)"', page)
    assert active == [link]
    for href in ("/today/", "/dashboard/", "/sessions/", "/calendar/"):
        assert f'href="{href}"' in page
