"""Editing over the API: PATCH a study session (the rules of a new one), evidence links once
per topic, shown on the public page or hidden, deleted; and the sessions as CSV. Another
learner's session or link is a 404. The clock is stopped at 2026-01-14 18:00 UTC."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from skillpath.curriculum.models import Topic
from skillpath.people.services import set_time_zone
from skillpath.tracking.models import DailyActivity, EvidenceLink, StudySession
from skillpath.tracking.services import add_evidence, log_session
from tests.api.conftest import NOW, post, signed_in

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def patch(client, path: str, data: object, **extra):
    return client.patch(path, data, content_type="application/json", **extra)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def session(alice, enrolled, clock):
    return log_session(learner=alice, kind="theory", now=NOW, started_at=at(13, 9), minutes=60)


# --- PATCH /api/sessions/{id} --------------------------------------------------------------


def test_only_the_fields_given_change(as_alice, alice, session, conforms):
    response = patch(
        as_alice, f"/api/sessions/{session.pk}", {"kind": "practice", "duration": "1h30m"}
    )

    conforms(response)
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["kind"], body["minutes"]) == (session.pk, "practice", 90)
    assert body["started_at"] == "2026-01-13T09:00:00Z"
    assert body["ended_at"] == "2026-01-13T10:30:00Z"
    row = DailyActivity.objects.get(learner=alice, day=at(13, 0).date())
    assert (row.theory_minutes, row.practice_minutes) == (0, 90)


def test_a_new_start_alone_moves_the_session_and_keeps_its_length(as_alice, session, conforms):
    response = patch(as_alice, f"/api/sessions/{session.pk}", {"started_at": "2026-01-12T07:00Z"})

    conforms(response)
    assert (response.json()["ended_at"], response.json()["minutes"]) == (
        "2026-01-12T08:00:00Z",
        60,
    )


def test_the_topic_and_note_are_set_and_cleared(as_alice, session, conforms):
    url = f"/api/sessions/{session.pk}"
    set_topic = patch(as_alice, url, {"topic": "git", "note": "branches"})
    conforms(set_topic)
    assert (set_topic.json()["topic"]["slug"], set_topic.json()["note"]) == ("git", "branches")

    cleared = patch(as_alice, url, {"topic": None})
    assert (cleared.json()["topic"], cleared.json()["note"]) == (None, "branches")


def test_an_edit_into_another_session_is_a_400_naming_it(as_alice, alice, session, conforms):
    log_session(learner=alice, kind="research", now=NOW, started_at=at(13, 11), minutes=30)

    response = patch(
        as_alice, f"/api/sessions/{session.pk}", {"ended_at": "2026-01-13T11:15Z"}, **EN
    )

    conforms(response)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("This session overlaps your research session")
    assert StudySession.objects.get(pk=session.pk).minutes == 60


def test_an_edit_into_the_future_is_a_400(as_alice, session, conforms):
    response = patch(as_alice, f"/api/sessions/{session.pk}", {"minutes": 1440 - 1}, **EN)
    assert response.status_code == 200  # ends 2026-01-14 08:59, before now
    response = patch(as_alice, f"/api/sessions/{session.pk}", {"started_at": "2026-01-14T17:30Z"})
    conforms(response)
    assert response.status_code == 400


def test_two_ways_of_saying_the_end_is_a_422(as_alice, session, conforms):
    response = patch(
        as_alice, f"/api/sessions/{session.pk}", {"minutes": 30, "ended_at": "2026-01-13T11:00Z"}
    )
    conforms(response)
    assert response.status_code == 422


def test_another_learners_session_is_a_404(charlie, session, conforms):
    response = patch(signed_in(charlie), f"/api/sessions/{session.pk}", {"note": "mine"}, **EN)

    conforms(response)
    assert response.status_code == 404
    assert response.json() == {"detail": f"You have no study session with the id {session.pk}."}
    assert StudySession.objects.get(pk=session.pk).note == ""


# --- Evidence ------------------------------------------------------------------------------


def test_the_same_link_twice_is_a_400_and_is_kept_once(as_alice, enrolled, conforms):
    link = {"url": "https://github.com/alice/dotfiles"}
    assert post(as_alice, "/api/topics/git/evidence", link).status_code == 201

    again = post(as_alice, "/api/topics/git/evidence", link, **EN)

    conforms(again)
    assert again.status_code == 400
    assert again.json() == {
        "detail": "https://github.com/alice/dotfiles is already among the evidence of this topic."
    }
    assert EvidenceLink.objects.count() == 1


def test_the_same_link_written_another_way_is_a_400_too(as_alice, enrolled, conforms):
    first = post(as_alice, "/api/topics/git/evidence", {"url": "https://GitHub.com/alice/x"})
    assert first.json()["url"] == "https://github.com/alice/x"

    again = post(
        as_alice, "/api/topics/git/evidence", {"url": "https://github.com:443/alice/x"}, **EN
    )

    conforms(again)
    assert again.status_code == 400
    assert again.json() == {
        "detail": "https://github.com/alice/x is already among the evidence of this topic."
    }
    assert EvidenceLink.objects.count() == 1


def test_a_link_is_made_public_then_deleted(as_alice, enrolled, conforms):
    created = post(as_alice, "/api/topics/git/evidence", {"url": "https://a.example"})
    assert created.json()["is_public"] is False
    url = f"/api/topics/git/evidence/{created.json()['id']}"

    shown = patch(as_alice, url, {"is_public": True})
    conforms(shown)
    assert shown.json()["is_public"] is True
    assert EvidenceLink.objects.get().is_public

    deleted = as_alice.delete(url)
    conforms(deleted)
    assert deleted.status_code == 204
    assert not EvidenceLink.objects.exists()
    gone = as_alice.delete(url, **EN)
    conforms(gone)
    assert gone.status_code == 404


def test_another_learners_link_is_a_404(alice, charlie, enrolled, conforms):
    from tests.web.learner import enrol_from_this_week

    link = add_evidence(learner=alice, topic=Topic.objects.get(slug="git"), url="https://a.example")
    enrol_from_this_week(charlie, enrolled.curriculum)
    as_charlie = signed_in(charlie)
    url = f"/api/topics/git/evidence/{link.pk}"

    for response in (as_charlie.delete(url), patch(as_charlie, url, {"is_public": True})):
        conforms(response)
        assert response.status_code == 404
    assert EvidenceLink.objects.get(pk=link.pk).is_public is False


# --- GET /api/sessions.csv -----------------------------------------------------------------


def rows_of(response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_reads_back_in_the_learners_time_zone(as_alice, alice, charlie, enrolled, clock):
    set_time_zone(user=alice, time_zone="Europe/Moscow")
    git = Topic.objects.get(slug="git")
    log_session(
        learner=alice,
        kind="practice",
        now=NOW,
        started_at=at(12, 21),
        minutes=90,
        topic=git,
        note="ветки, «rebase»\nи merge",
    )
    log_session(learner=alice, kind="theory", now=NOW, started_at=at(13, 8), minutes=30)
    log_session(
        learner=charlie,
        kind="research",
        now=NOW,
        started_at=at(13, 8),
        minutes=45,
        note="CHARLIE-ONLY",
    )

    response = as_alice.get("/api/sessions.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response.content.startswith("\ufeff".encode())
    assert rows_of(response) == [
        {
            "date": "2026-01-13",  # 21:00 UTC is past midnight in Moscow
            "started_at": "2026-01-13T00:00+03:00",
            "ended_at": "2026-01-13T01:30+03:00",
            "kind": "practice",
            "minutes": "90",
            "topic": "git",
            "note": "ветки, «rebase»\nи merge",
        },
        {
            "date": "2026-01-13",
            "started_at": "2026-01-13T11:00+03:00",
            "ended_at": "2026-01-13T11:30+03:00",
            "kind": "theory",
            "minutes": "30",
            "topic": "",
            "note": "",
        },
    ]
    assert b"CHARLIE-ONLY" not in response.content


@pytest.mark.parametrize("note", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx"])
def test_a_note_a_spreadsheet_would_run_stays_text(as_alice, alice, enrolled, clock, note):
    log_session(learner=alice, kind="theory", now=NOW, started_at=at(13, 8), minutes=30, note=note)

    [row] = rows_of(as_alice.get("/api/sessions.csv"))

    assert row["note"] == "'" + note


def test_the_csv_is_in_the_schema_and_needs_signing_in(api_client, as_alice, enrolled, conforms):
    conforms(as_alice.get("/api/sessions.csv"))
    anonymous = api_client.get("/api/sessions.csv")
    conforms(anonymous)
    assert anonymous.status_code == 401
