"""Bring an installation up to date: migrations, the built-in curriculum, the local user."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.management import call_command


def prepare_installation() -> list[str]:
    """Migrate, load the built-in curriculum into an empty database; return what was done."""
    from skillpath.curriculum.services import load_builtin_curriculum
    from skillpath.people.services import ensure_local_user

    out = io.StringIO()
    call_command("migrate", interactive=False, stdout=out, verbosity=1)
    applied = out.getvalue().count(" OK")
    report = [
        f"Database ready ({applied} migrations applied)." if applied else "Database up to date."
    ]
    result = load_builtin_curriculum(only_if_empty=True)
    if result is not None:
        counts = result.counts
        report.append(
            f"Loaded the built-in curriculum '{result.slug}': {counts['phases']} phases, "
            f"{counts['months']} months, {counts['topics']} topics."
        )
    report.extend(_load_builtin_questions())
    if settings.LOCAL_MODE:
        ensure_local_user()
    return report


def _load_builtin_questions() -> list[str]:
    """The question banks shipped beside built-in curricula, into those that have none yet
    (a new installation, or one upgraded from before the bank existed)."""
    from skillpath.curriculum.models import Curriculum
    from skillpath.knowledge.services import load_builtin_questions

    report = []
    for curriculum in Curriculum.objects.filter(is_builtin=True):
        loaded = load_builtin_questions(curriculum)
        if loaded is not None:
            report.append(
                f"Loaded {loaded.questions} questions for {len(loaded.topics)} topics "
                f"of '{curriculum.slug}'."
            )
    return report


def has_pending_migrations() -> bool:
    """Whether the database lacks a migration (a fresh data directory, or an upgrade)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def ensure_database() -> None:
    """Prepare the installation (as `skillpath setup` does) when its database lacks a
    migration: every command works on a fresh data directory, none ends in "no such table"."""
    if has_pending_migrations():
        prepare_installation()
