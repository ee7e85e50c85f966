"""`skillpath assess`: assess the learner against their curriculum's rubric now, store a
snapshot when the result moved, and print the checklist (docs/assessment.md)."""

from __future__ import annotations

import typer
from django.utils.translation import gettext as _
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from skillpath.cli.learner import JsonOption, UserOption, echo_json, fail, learner_for


def assess(user: UserOption = None, as_json: JsonOption = False) -> None:
    """Assess your level now: each milestone's criteria met or missing; saved to history."""
    from django.utils import timezone

    from skillpath.assessment import level_selectors, level_services
    from skillpath.checks.selectors import current_language
    from skillpath.core.errors import DomainError
    from skillpath.planning.selectors import current_enrolment

    learner = learner_for(user)
    enrolment = current_enrolment(learner)
    if enrolment is None:
        raise fail(_("You are not enrolled: run `skillpath enroll` first."))
    now = timezone.now()
    try:
        snapshot, is_new = level_services.take_assessment(
            learner=learner, curriculum=enrolment.curriculum, now=now
        )
    except DomainError as exc:
        raise fail(str(exc)) from exc
    view = level_selectors.level_view(learner=learner, curriculum=enrolment.curriculum, now=now)
    if as_json:
        echo_json(
            {
                "level": view.level,
                "milestone": view.milestone,
                "snapshot": snapshot.pk,
                "snapshot_is_new": is_new,
                "assessment": view.document,
            }
        )
        return
    lang = current_language() if current_language() in ("ru", "en") else "en"
    console = Console(soft_wrap=True)
    saved = " ({})".format(_("saved to history")) if is_new else ""
    console.print(_("Level reached: %(level)s") % {"level": view.level or "—"} + saved)
    for m in view.document["milestones"]:
        state = (
            _("signed off")
            if m["number"] in view.sign_offs
            else _("ready for sign-off")
            if m["passed_gate"]
            else _("%(met)s of %(total)s required met")
            % {"met": m["required_met"], "total": m["required_total"]}
        )
        table = Table(
            "",
            _("Criterion"),
            _("Figure"),
            _("Missing"),
            title=_("Milestone %(number)s: %(title)s · %(quarter)s · month %(month)s — %(state)s")
            % {
                "number": m["number"],
                "title": m["title"][lang],
                "quarter": m["quarter"],
                "month": m["month"],
                "state": state,
            },
        )
        for c in m["criteria"]:
            table.add_row(
                "✓" if c["met"] else "✗",
                escape(c["title"][lang]),
                f"{c['figure']:g} / {c['threshold']:g}",
                escape(c["missing"][lang]),
            )
        console.print(table)
    typer.echo(_("The page: /assessment/"))
