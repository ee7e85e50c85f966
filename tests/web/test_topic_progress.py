"""Topic status on the topic page: an enrolled learner sees and changes it (htmx swaps the
card), keeps notes and adds evidence links; others see the plain topic page."""

from __future__ import annotations

import pytest

from skillpath.curriculum.models import Topic
from skillpath.tracking.models import EvidenceLink, TopicProgress
from tests.web.conftest import in_language
from tests.web.learner import body, hides, html_lang

TOPIC = "/c/backend/topics/git/"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_an_enrolled_learner_sees_the_progress_card(client, enrolled, alice, language):
    client.force_login(alice)
    response = in_language(client, language).get(TOPIC)
    assert html_lang(response) == language
    page = body(response)
    assert 'id="topic-progress"' in page
    assert page.count('name="status" value="') == 4 + 1  # four buttons and the notes form
    assert 'aria-pressed="true"' in page
    assert 'hx-post="/c/backend/topics/git/progress/"' in page


def test_a_learner_who_is_not_enrolled_is_invited_to_enrol(client, builtin, alice):
    client.force_login(alice)
    response = in_language(client, "en").get(TOPIC)
    hides(response, "Your progress")
    assert 'href="/start/"' in body(response)


def test_a_status_button_changes_the_status_and_htmx_gets_the_card(as_alice, alice):
    response = as_alice.post(f"{TOPIC}progress/", {"status": "in_progress"}, **HTMX)
    page = body(response)
    assert page.lstrip().startswith('<section class="card sp-progress-card')
    assert "<html" not in page
    assert "Marked “In progress”." in page
    assert 'value="in_progress" class="btn btn-sm sp-status-current' in page
    progress = TopicProgress.objects.get(learner=alice, topic__slug="git")
    assert progress.status == "in_progress" and progress.started_on is not None

    body(as_alice.post(f"{TOPIC}progress/", {"status": "done"}, **HTMX))
    progress.refresh_from_db()
    assert progress.status == "done" and progress.done_on is not None


def test_without_htmx_the_change_returns_to_the_topic_page(as_alice, alice):
    response = as_alice.post(f"{TOPIC}progress/", {"status": "skipped"})
    assert response["Location"] == TOPIC
    assert "Marked “Skipped”." in body(as_alice.get(TOPIC))


def test_an_unknown_status_changes_nothing(as_alice, alice):
    as_alice.post(f"{TOPIC}progress/", {"status": "mastered"})
    assert not TopicProgress.objects.filter(learner=alice).exists()


def test_notes_are_kept(as_alice, alice):
    page = body(
        as_alice.post(f"{TOPIC}progress/", {"status": "in_progress", "notes": "rebase -i"}, **HTMX)
    )
    assert "Notes saved." in page and "rebase -i</textarea>" in page
    assert TopicProgress.objects.get(learner=alice, topic__slug="git").notes == "rebase -i"
    # A status button (no notes field) leaves the notes alone.
    as_alice.post(f"{TOPIC}progress/", {"status": "done"}, **HTMX)
    assert TopicProgress.objects.get(learner=alice, topic__slug="git").notes == "rebase -i"


def test_an_evidence_link_is_added(as_alice, alice):
    page = body(
        as_alice.post(
            f"{TOPIC}evidence/",
            {"url": "https://github.com/alice/dotfiles", "title": "My dotfiles"},
            **HTMX,
        )
    )
    assert 'href="https://github.com/alice/dotfiles"' in page and "My dotfiles" in page
    assert 'rel="noopener noreferrer nofollow"' in page
    link = EvidenceLink.objects.get()
    assert link.progress.learner == alice and link.progress.topic == Topic.objects.get(slug="git")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "not a link", "ftp://files.example/x"])
def test_a_bad_evidence_link_is_refused_on_the_form(as_alice, url):
    page = body(as_alice.post(f"{TOPIC}evidence/", {"url": url, "title": "t"}, **HTMX))
    assert 'id="id_url_error"' in page
    assert not EvidenceLink.objects.exists()


def test_without_htmx_a_bad_link_is_reported_on_the_topic_page(as_alice):
    response = as_alice.post(f"{TOPIC}evidence/", {"url": "nope"})
    assert response["Location"] == TOPIC
    assert "Enter a web address that starts with https://" in body(as_alice.get(TOPIC))


def test_a_topic_of_another_curriculum_is_a_404(as_alice, big_curriculum):
    assert (
        as_alice.post("/c/backend/topics/topic-1-1-1/progress/", {"status": "done"}).status_code
        == 404
    )
