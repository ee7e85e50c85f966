"""Editing what was logged: a session changed by the same rules as a new one (its minutes
move between the days' rollups), an evidence link saved once per topic and deleted, and the
migration that removes the copies saved before the rule."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from skillpath.curriculum.models import Topic
from skillpath.tracking.models import DailyActivity, EvidenceLink, StudySession, TopicProgress
from skillpath.tracking.services import (
    DuplicateEvidenceError,
    ProgressError,
    SessionError,
    add_evidence,
    delete_evidence,
    edit_session,
    log_session,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 1, 14, 18, 0, tzinfo=UTC)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=UTC)


def log(learner, start: datetime, minutes: int, kind: str = "theory") -> StudySession:
    return log_session(learner=learner, kind=kind, now=NOW, started_at=start, minutes=minutes)


def edit(learner, session, **changes) -> StudySession:
    values = {
        "kind": session.kind,
        "started_at": session.started_at,
        "ended_at": session.ended_at,
        "topic": session.topic,
        "note": session.note,
        **changes,
    }
    return edit_session(learner=learner, session=session, now=NOW, **values)


def minutes_on(learner, day: int) -> tuple[int, int, int]:
    row = DailyActivity.objects.get(learner=learner, day=at(day, 0).date())
    return row.theory_minutes, row.practice_minutes, row.research_minutes


def test_an_edited_session_moves_its_minutes_to_its_new_day_and_kind(alice, builtin):
    session = log(alice, at(12, 9), 60)
    git = Topic.objects.get(slug="git")

    edited = edit(
        alice,
        session,
        kind="practice",
        started_at=at(13, 10),
        ended_at=at(13, 11, 30),
        topic=git,
        note="rebased",
    )

    assert (edited.pk, edited.kind, edited.minutes, edited.topic, edited.note) == (
        session.pk,
        "practice",
        90,
        git,
        "rebased",
    )
    assert minutes_on(alice, 12) == (0, 0, 0)
    assert minutes_on(alice, 13) == (0, 90, 0)
    assert TopicProgress.objects.get(learner=alice, topic=git).status == "in_progress"


def test_a_session_may_be_edited_over_its_own_time_but_not_over_another(alice):
    first = log(alice, at(12, 9), 60)
    log(alice, at(12, 11), 60)

    longer = edit(alice, first, ended_at=at(12, 10, 30))
    assert longer.minutes == 90
    with pytest.raises(SessionError, match="overlaps"):
        edit(alice, first, ended_at=at(12, 11, 30))
    assert StudySession.objects.get(pk=first.pk).minutes == 90
    assert minutes_on(alice, 12) == (150, 0, 0)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (at(12, 9), at(12, 9), "at least a minute"),
        (at(12, 9), at(13, 9, 1), "longer than a day"),
        (at(14, 17), at(14, 19), "future"),
    ],
)
def test_an_edit_is_refused_for_the_reasons_a_new_session_is(alice, start, end, message):
    session = log(alice, at(12, 9), 60)
    with pytest.raises(SessionError, match=message):
        edit(alice, session, started_at=start, ended_at=end)
    assert minutes_on(alice, 12) == (60, 0, 0)


def test_another_learners_session_cannot_be_edited(alice, charlie):
    session = log(alice, at(12, 9), 60)
    with pytest.raises(SessionError, match="not yours"):
        edit(charlie, session, note="mine now")
    assert StudySession.objects.get(pk=session.pk).note == ""


def test_the_same_evidence_link_is_refused_on_the_same_topic_only(alice, builtin):
    git, sql = Topic.objects.get(slug="git"), Topic.objects.filter(slug__icontains="sql").first()
    add_evidence(learner=alice, topic=git, url="https://github.com/me/repo")

    with pytest.raises(DuplicateEvidenceError, match="already among the evidence"):
        add_evidence(learner=alice, topic=git, url=" https://github.com/me/repo ")

    add_evidence(learner=alice, topic=sql, url="https://github.com/me/repo")
    assert EvidenceLink.objects.count() == 2


def test_the_same_link_written_another_way_is_refused_and_kept_in_one_form(alice, builtin):
    git = Topic.objects.get(slug="git")
    link = add_evidence(learner=alice, topic=git, url="https://GitHub.com:443/me/repo")
    assert link.url == "https://github.com/me/repo"

    for again in ("https://github.com/me/repo", "HTTPS://github.COM/me/repo"):
        with pytest.raises(DuplicateEvidenceError, match="already among the evidence"):
            add_evidence(learner=alice, topic=git, url=again)

    add_evidence(learner=alice, topic=git, url="https://github.com/me/Repo")
    assert EvidenceLink.objects.count() == 2


def test_an_evidence_link_is_deleted_by_its_owner_only(alice, charlie, builtin):
    link = add_evidence(learner=alice, topic=Topic.objects.get(slug="git"), url="https://a.example")
    with pytest.raises(ProgressError):
        delete_evidence(learner=charlie, link=link)
    delete_evidence(learner=alice, link=link)
    assert not EvidenceLink.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_the_first_of_each_link_saved_twice(django_user_model):
    executor = MigrationExecutor(connection)
    executor.migrate([("tracking", "0001_initial")])
    old = executor.loader.project_state([("tracking", "0001_initial")]).apps
    user = old.get_model("auth", "User").objects.create(username="dora")
    topic = _a_topic(old)
    progress = old.get_model("tracking", "TopicProgress").objects.create(learner=user, topic=topic)
    Link = old.get_model("tracking", "EvidenceLink")
    first = Link.objects.create(progress=progress, url="https://a.example", title="first")
    Link.objects.create(progress=progress, url="https://a.example", title="copy")
    other = Link.objects.create(progress=progress, url="https://b.example")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    kept = EvidenceLink.objects.order_by("pk")
    assert [(link.pk, link.title) for link in kept] == [(first.pk, "first"), (other.pk, "")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_each_link_once_in_its_canonical_form(django_user_model):
    before = [("tracking", "0002_evidence_once_public")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    user = old.get_model("auth", "User").objects.create(username="dora")
    topic = _a_topic(old)
    progress = old.get_model("tracking", "TopicProgress").objects.create(learner=user, topic=topic)
    Link = old.get_model("tracking", "EvidenceLink")
    first = Link.objects.create(progress=progress, url="https://GitHub.com/me/repo", title="1")
    Link.objects.create(progress=progress, url="https://github.com/me/repo", title="copy")
    Link.objects.create(progress=progress, url="https://github.com:443/me/repo", title="copy")
    other = Link.objects.create(progress=progress, url="https://github.com/me/Repo", title="2")
    root = Link.objects.create(progress=progress, url="https://Example.com", title="3")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    kept = EvidenceLink.objects.order_by("pk").values_list("pk", "url", "title")
    assert list(kept) == [
        (first.pk, "https://github.com/me/repo", "1"),
        (other.pk, "https://github.com/me/Repo", "2"),
        (root.pk, "https://example.com/", "3"),
    ]


def _a_topic(apps):  # type: ignore[no-untyped-def]
    """A topic of a small curriculum, imported by the real service (curriculum's schema is
    the same at both ends of this migration)."""
    from pathlib import Path

    from skillpath.curriculum.importers.loader import read_plan
    from skillpath.curriculum.services import import_curriculum

    plan = Path(__file__).resolve().parents[1] / "fixtures" / "small-plan.en.md"
    import_curriculum(parsed=read_plan(plan), slug="small")
    return apps.get_model("curriculum", "Topic").objects.order_by("pk").first()
