"""An installation worth backing up, written through the project's own services: a learner
enrolled with days off, sessions logged and a timer running, topics done with evidence, a
quiz answered (cards, reviews), check runs with their result documents, KPIs, commits in a
repository, an activity, an assessment, ratings, a mentor who holds a permission through a
group, and an admin change record.

`table_contents()` reads every table of the archive as plain values, so that two
installations can be compared field by field. As a program (`python -m
tests.ops.backup_world build|contents`) it does the same in the database its environment
names (SKILLPATH_DATA_DIR, DATABASE_URL) — how the cross-database tests fill a source and
read a target in processes of their own.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

NOW = datetime(2026, 3, 2, 18, 30, 15, 123456, tzinfo=UTC)
MONDAY = date(2026, 1, 5)


def build_world(curriculum: Any) -> dict[str, Any]:
    """Fill the database (holding `curriculum` with its question bank on 'git')."""
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from skillpath.assessment import (
        activity_services,
        kpi_services,
        level_services,
        skill_selectors,
        skill_services,
    )
    from skillpath.assessment import services as assessment_services
    from skillpath.assessment.models import CountedCommit
    from skillpath.checks.suites import suite_by_slug
    from skillpath.curriculum.models import Topic
    from skillpath.knowledge.models import Card
    from skillpath.knowledge.services import (
        answer_item,
        item_question,
        review_card,
        set_desired_retention,
        start_quiz,
    )
    from skillpath.people.services import remember_language, set_time_zone
    from skillpath.planning.services import CalendarInput, enrol
    from skillpath.tracking import services as tracking
    from tests.checks.runs import record_run
    from tests.knowledge.answers import right_response

    users = get_user_model().objects
    alice = users.create_user("alice", "alice@example.com", "alice-pass-123", first_name="Алиса")
    bob = users.create_user("bob", "bob@example.com", "bob-pass-123", is_staff=True)
    users.create_superuser("root", "root@example.com", "root-pass-123")
    mentors = Group.objects.create(name="mentors")
    mentors.permissions.add(
        Permission.objects.get(codename="sign_off_milestone"),
        Permission.objects.get(codename="sign_off_activity"),
    )
    bob.groups.add(mentors)
    bob.user_permissions.add(Permission.objects.get(codename="change_topic"))

    set_time_zone(user=alice, time_zone="Europe/Moscow")
    remember_language(user=alice, language="ru")
    choice = CalendarInput(
        MONDAY,
        Decimal("12.5"),
        frozenset({0, 2, 4}),
        days_off=((date(2026, 2, 9), date(2026, 2, 13)),),
    )
    enrolment = enrol(learner=alice, curriculum=curriculum, choice=choice, today=MONDAY)

    topics = list(
        Topic.objects.filter(curriculum=curriculum).order_by("block__month__number", "position")[:6]
    )
    git = Topic.objects.get(curriculum=curriculum, slug="git")
    for day in range(20):
        tracking.log_session(
            learner=alice,
            kind=("theory", "practice", "research")[day % 3],
            minutes=25 + day,
            on=MONDAY + timedelta(days=day),
            topic=topics[day % len(topics)],
            note=f'день {day}: ветки, rebase — «кавычки» and "quotes"\n\ta tab',
            now=NOW,
        )
    tracking.start_timer(learner=alice, kind="practice", topic=git, note="⏱", now=NOW)
    for topic in topics[:3]:
        tracking.set_topic_status(
            learner=alice, topic=topic, status="done", today=date(2026, 2, 1), notes="готово"
        )
    tracking.add_evidence(
        learner=alice, topic=topics[0], url="https://git.example.com/alice/1", title="PR №1"
    )
    tracking.add_evidence(
        learner=alice, topic=topics[1], url="https://git.example.com/alice/2", is_public=True
    )
    tracking.set_public_page(learner=alice, is_enabled=True, display_name="Alice")

    attempt = start_quiz(alice, curriculum, "topic", "git", now=NOW - timedelta(days=3), seed=7)
    for item in attempt.items.order_by("position"):
        answer_item(
            item, right_response(item_question(item), attempt.seed), now=NOW - timedelta(days=3)
        )
    set_desired_retention(alice, 0.87)
    card = Card.objects.filter(learner=alice).order_by("pk").first()
    assert card is not None
    review_card(alice, card.pk, rating=3, now=NOW)

    for slug, failing in (("todo-api", None), ("todo-api", 2), ("url-shortener", None)):
        suite = suite_by_slug(slug)
        assert suite is not None
        record_run(alice, suite, failing=failing)

    kpi = kpi_services.entered_kpis(curriculum=curriculum)[0]
    kpi_services.add_kpi_entry(
        learner=alice,
        curriculum=curriculum,
        kpi=kpi.slug,
        title="CKA",
        happened_on=date(2026, 2, 20),
        today=date(2026, 3, 1),
        amount=2,
        evidence_url="https://cert.example.com/cka",
    )
    from tests.conftest import ROOT

    repository = assessment_services.register_repository(learner=alice, path=str(ROOT))
    assessment_services.register_author(learner=alice, email="alice@example.com")
    commits = CountedCommit.objects.bulk_create(
        CountedCommit(
            learner=alice,
            sha=f"{i:040x}",
            authored_at=NOW - timedelta(hours=i, microseconds=i),
            lines=10 + i,
            lines_by_language={"Python": 10 + i, "Markdown": i},
            docs_pages=i % 2,
        )
        for i in range(30)
    )
    repository.commits.add(*commits)

    activity = activity_services.submit_activity(
        learner=alice,
        curriculum=curriculum,
        month=1,
        kind="code_review",
        evidence=activity_services.EvidenceInput(
            links=["https://git.example.com/alice/1"],
            notes="review",
            done_on=date(2026, 2, 2),
            repository_url="https://git.example.com/bob/project",
        ),
    )
    activity_services.sign_off_activity(activity=activity, reviewer=bob, comment="хорошо")
    level_services.take_assessment(learner=alice, curriculum=curriculum, now=NOW)
    axes = skill_selectors.axes(curriculum)[:3]
    skill_services.rate_skills(
        by=alice,
        learner=alice,
        curriculum=curriculum,
        scores={(axis.kind, axis.slug): 3 + n % 2 for n, axis in enumerate(axes)},
        today=date(2026, 3, 1),
    )

    LogEntry.objects.create(
        user=bob,
        content_type=ContentType.objects.get_for_model(Topic),
        object_id=str(git.pk),
        object_repr=str(git),
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Title"]}}]',
    )
    return {"alice": alice, "bob": bob, "enrolment": enrolment}


def table_contents() -> dict[str, list[list[Any]]]:
    """Every table of the archive, every row and every field, as JSON-ready values; content
    types and permissions by name, as their ids differ between databases."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from skillpath.core.backup import backed_up_tables

    names = {
        ContentType: {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()},
        Permission: {
            p.pk: f"{p.content_type.app_label}.{p.codename}"
            for p in Permission.objects.select_related("content_type")
        },
    }
    contents = {}
    for table in backed_up_tables():
        lookups = [
            names.get(field.related_model) if field.is_relation else None for field in table.fields
        ]  # type: ignore[call-overload]
        rows = table.model._base_manager.order_by("pk").values_list(*table.columns)
        contents[table.label] = [
            [_comparable(value, lookup) for value, lookup in zip(row, lookups, strict=True)]
            for row in rows
        ]
    return contents


def _comparable(value: Any, lookup: dict[Any, str] | None) -> Any:
    if lookup is not None and value is not None:
        return lookup[value]
    if isinstance(value, datetime):
        return ["datetime", value.astimezone(UTC).isoformat()]
    if isinstance(value, date):
        return ["date", value.isoformat()]
    if isinstance(value, Decimal):
        return ["decimal", str(value)]
    if isinstance(value, float):
        return ["float", value.hex()]  # exact, to the last bit
    return value


def main(command: str) -> None:
    import django

    django.setup()
    if command == "build":
        from skillpath.core.setup import prepare_installation
        from skillpath.curriculum.models import Curriculum

        prepare_installation()
        build_world(Curriculum.objects.get(slug="backend"))
    elif command == "contents":
        json.dump(table_contents(), sys.stdout, ensure_ascii=False, sort_keys=True)
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1])
