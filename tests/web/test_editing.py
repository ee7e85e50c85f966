"""Editing on the web: a session's edit page (the service's refusals on the form), evidence
links refused twice, made public, deleted after a confirmation, and the CSV download.
Another learner's session or link is a 404."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from skillpath.curriculum.models import Topic
from skillpath.tracking.models import DailyActivity, EvidenceLink, StudySession
from skillpath.tracking.services import add_evidence, log_session
from tests.web.learner import body, shows

TOPIC = "/c/backend/topics/git/"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def session(alice, enrolled):
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(days=2)
    return log_session(
        learner=alice, kind="theory", now=timezone.now(), started_at=start, minutes=60
    )


def form_of(session, **changes) -> dict[str, str]:
    start = session.started_at  # alice's time zone is UTC
    return {
        "on": start.date().isoformat(),
        "start": start.strftime("%H:%M"),
        "duration": "60m",
        "kind": session.kind,
        "note": "",
        **changes,
    }


def test_the_sessions_list_links_to_each_sessions_edit_page(as_alice, session):
    assert f'href="/sessions/{session.pk}/edit/"' in body(as_alice.get("/sessions/"))
    page = body(as_alice.get(f"/sessions/{session.pk}/edit/"))
    assert 'value="1 h"' in page and f'value="{session.started_at:%H:%M}"' in page


def test_the_edit_page_writes_the_duration_as_the_pages_do_and_reads_it_back(
    as_alice, alice, enrolled
):
    from tests.web.conftest import in_language

    start = timezone.now().replace(second=0, microsecond=0) - timedelta(days=2)
    long = log_session(
        learner=alice, kind="theory", now=timezone.now(), started_at=start, minutes=225
    )
    russian = in_language(as_alice, "ru")

    page = body(russian.get(f"/sessions/{long.pk}/edit/"))

    assert 'value="3 ч 45 мин"' in page and "225m" not in page
    response = russian.post(f"/sessions/{long.pk}/edit/", form_of(long, duration="3 ч 45 мин"))
    assert response.status_code == 302
    assert StudySession.objects.get(pk=long.pk).minutes == 225


def test_the_edit_page_is_under_sessions_in_the_menu(as_alice, session):
    page = body(as_alice.get(f"/sessions/{session.pk}/edit/"))
    assert 'class="nav-link active" aria-current="true" href="/sessions/"' in page


def test_saving_the_edit_page_changes_the_session_and_its_day(as_alice, alice, session):
    response = as_alice.post(
        f"/sessions/{session.pk}/edit/",
        form_of(session, duration="1h30m", kind="practice", note="reviewed"),
    )
    assert response["Location"] == "/sessions/"
    edited = StudySession.objects.get(pk=session.pk)
    assert (edited.minutes, edited.kind, edited.note) == (90, "practice", "reviewed")
    day = DailyActivity.objects.get(learner=alice, day=session.started_at.date())
    assert (day.theory_minutes, day.practice_minutes) == (0, 90)
    shows(as_alice.get("/sessions/"), "The session was saved.")


def test_an_edit_the_rules_refuse_stays_on_the_form(as_alice, alice, session):
    later = session.started_at + timedelta(hours=2)
    log_session(learner=alice, kind="research", now=timezone.now(), started_at=later, minutes=30)

    response = as_alice.post(f"/sessions/{session.pk}/edit/", form_of(session, duration="3h"))

    assert response.status_code == 200
    shows(response, "This session overlaps your research session")
    assert 'value="3h"' in body(response)
    assert StudySession.objects.get(pk=session.pk).minutes == 60


def test_the_edit_page_needs_a_start_and_a_duration(as_alice, session):
    response = as_alice.post(
        f"/sessions/{session.pk}/edit/", form_of(session, start="", duration="")
    )
    assert response.status_code == 200
    assert 'id="id_start_error"' in body(response) and 'id="id_duration_error"' in body(response)


def test_another_learners_session_has_no_edit_page(as_charlie, session):
    assert as_charlie.get(f"/sessions/{session.pk}/edit/").status_code == 404
    assert as_charlie.post(f"/sessions/{session.pk}/edit/", form_of(session)).status_code == 404
    assert StudySession.objects.get(pk=session.pk).minutes == 60


# --- Evidence ------------------------------------------------------------------------------


def test_the_same_link_twice_is_refused_on_the_form(as_alice):
    link = {"url": "https://github.com/me/repo", "title": ""}
    as_alice.post(f"{TOPIC}evidence/", link, **HTMX)
    page = body(as_alice.post(f"{TOPIC}evidence/", link, **HTMX))
    assert "https://github.com/me/repo is already among the evidence of this topic." in page
    assert EvidenceLink.objects.count() == 1


def test_the_same_link_written_another_way_is_refused_on_the_form(as_alice):
    as_alice.post(f"{TOPIC}evidence/", {"url": "https://GitHub.com/me/repo"}, **HTMX)
    again = {"url": "https://github.com:443/me/repo", "title": ""}
    page = body(as_alice.post(f"{TOPIC}evidence/", again, **HTMX))
    assert "https://github.com/me/repo is already among the evidence of this topic." in page
    assert list(EvidenceLink.objects.values_list("url", flat=True)) == [
        "https://github.com/me/repo"
    ]


def test_a_link_is_made_public_and_private_again(as_alice, alice):
    as_alice.post(f"{TOPIC}evidence/", {"url": "https://a.example", "is_public": "on"}, **HTMX)
    link = EvidenceLink.objects.get()
    assert link.is_public
    url = f"{TOPIC}evidence/{link.pk}/public/"
    assert f'action="{url}"' in body(as_alice.get(TOPIC))

    page = body(as_alice.post(url, {"is_public": "0"}, **HTMX))

    assert "The link is hidden from your public page." in page
    assert not EvidenceLink.objects.get().is_public
    assert as_alice.post(url, {"is_public": "maybe"}).status_code == 302


def test_deleting_a_link_asks_first(as_alice, alice):
    link = add_evidence(learner=alice, topic=Topic.objects.get(slug="git"), url="https://a.example")
    url = f"{TOPIC}evidence/{link.pk}/delete/"
    assert f'href="{url}"' in body(as_alice.get(TOPIC))
    shows(as_alice.get(url), "Delete the link?", "https://a.example", "This cannot be undone.")
    assert EvidenceLink.objects.exists()

    response = as_alice.post(url)

    assert response["Location"] == TOPIC
    assert not EvidenceLink.objects.exists()
    shows(as_alice.get(TOPIC), "The link was deleted.")


def test_another_learners_link_is_a_404(as_charlie, alice, enrolled):
    link = add_evidence(learner=alice, topic=Topic.objects.get(slug="git"), url="https://a.example")
    assert as_charlie.get(f"{TOPIC}evidence/{link.pk}/delete/").status_code == 404
    assert as_charlie.post(f"{TOPIC}evidence/{link.pk}/delete/").status_code == 404
    assert (
        as_charlie.post(f"{TOPIC}evidence/{link.pk}/public/", {"is_public": "1"}).status_code == 404
    )
    assert EvidenceLink.objects.filter(pk=link.pk, is_public=False).exists()


# --- CSV -----------------------------------------------------------------------------------


def test_the_sessions_page_downloads_the_learners_sessions_as_csv(
    as_alice, alice, charlie, session
):
    StudySession.objects.filter(pk=session.pk).update(note="=cmd|' /C calc'!A0")
    log_session(learner=charlie, kind="theory", now=timezone.now(), minutes=30, note="CHARLIE")
    assert 'href="/sessions/export.csv"' in body(as_alice.get("/sessions/"))

    response = as_alice.get("/sessions/export.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    [row] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert (row["kind"], row["minutes"], row["note"]) == ("theory", "60", "'=cmd|' /C calc'!A0")
    assert row["date"] == session.started_at.date().isoformat()


def test_the_csv_download_needs_signing_in(client, builtin, server_mode):
    assert client.get("/sessions/export.csv").status_code == 302
