"""`skillpath activity`: list the monthly activities of the months reached, and submit one's
evidence. The rules are `assessment.activities`; the writes `assessment.activity_services`
(docs/assessment.md, "Monthly activities")."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer
from django.utils.translation import gettext as _
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from skillpath.cli.learner import JsonOption, UserOption, echo_json, fail, learner_for

app = typer.Typer(
    help="Monthly activities: code review, presentation, pair programming, mock interview.",
    no_args_is_help=True,
)

MonthOption = Annotated[
    int | None,
    typer.Option("--month", min=1, max=1000, help="A month of the plan (default: the current)."),
]


def _enrolment_and_months(learner: Any, month: int | None) -> tuple[Any, tuple[int, ...]]:
    from django.utils import timezone

    from skillpath.assessment import activity_selectors as selectors
    from skillpath.people.selectors import time_zone_of
    from skillpath.planning import selectors as planning

    enrolment = planning.current_enrolment(learner)
    if enrolment is None:
        raise fail(_("you are not enrolled: run `skillpath enroll` first"))
    today = timezone.now().astimezone(time_zone_of(learner)).date()
    reached = selectors.months_reached(enrolment, today)
    if month is not None and month not in reached:
        raise fail(_("month %(n)s is not reached in your plan") % {"n": month})
    return enrolment, reached


def _row(activity: Any) -> dict[str, Any]:
    partner = activity.partner_user.get_username() if activity.partner_user else ""
    return {
        "id": activity.pk,
        "month": activity.month,
        "kind": activity.kind,
        "state": activity.state,
        "is_self_assessed": activity.is_self_assessed,
        "links": list(activity.links or []),
        "notes": activity.notes,
        "done_on": activity.done_on.isoformat() if activity.done_on else None,
        "partner": partner or activity.partner_name,
        "slides_url": activity.slides_url,
        "repository_url": activity.repository_url,
        "commit": activity.commit,
        "reviewer_comment": activity.reviewer_comment,
    }


@app.command("list")
def list_(month: MonthOption = None, user: UserOption = None, as_json: JsonOption = False) -> None:
    """List your activities of the months reached (or of one month), four a month."""
    from skillpath.assessment import activities
    from skillpath.assessment import activity_selectors as selectors
    from skillpath.assessment.models import ActivityKind, ActivityState

    learner = learner_for(user)
    enrolment, reached = _enrolment_and_months(learner, month)
    months = (month,) if month is not None else reached
    found = {
        (a.month, a.kind): a
        for a in selectors.activities_of_months(learner, enrolment.curriculum, months)
    }
    rows = []
    for number in months:
        for kind in activities.KINDS:
            activity = found.get((number, kind))
            rows.append(
                _row(activity)
                if activity
                else {"id": None, "month": number, "kind": kind, "state": "planned"}
            )
    if as_json:
        echo_json(rows)
        return
    table = Table(_("Month"), _("Activity"), _("State"), _("Comment"))
    for row in rows:
        state = str(ActivityState(row["state"]).label)
        if row.get("is_self_assessed"):
            state += " · " + _("self-assessed")
        table.add_row(
            str(row["month"]),
            str(ActivityKind(row["kind"]).label),
            state,
            escape(row.get("reviewer_comment") or ""),
        )
    Console().print(table)


@app.command()
def submit(
    kind: Annotated[
        str, typer.Argument(help="code_review, presentation, pair_programming or mock_interview.")
    ],
    month: MonthOption = None,
    link: Annotated[
        list[str] | None, typer.Option("--link", help="An http(s) address (repeatable).")
    ] = None,
    notes: Annotated[str, typer.Option("--notes", help="What you did.")] = "",
    on: Annotated[str | None, typer.Option("--on", help="The date, YYYY-MM-DD.")] = None,
    partner: Annotated[
        str, typer.Option("--partner", help="Pair programming: a user name or a name.")
    ] = "",
    slides: Annotated[str, typer.Option("--slides", help="A talk: the slides' address.")] = "",
    repository: Annotated[
        str, typer.Option("--repository", help="A code review: the repository's address.")
    ] = "",
    commit: Annotated[str, typer.Option("--commit", help="A code review: the commit.")] = "",
    user: UserOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record the evidence of one of a month's activities and submit it for sign-off.

    Exit: 0 submitted, 2 bad input (nothing stored)."""
    from skillpath.assessment import activity_services as services
    from skillpath.core.errors import DomainError

    learner = learner_for(user)
    enrolment, reached = _enrolment_and_months(learner, month)
    if not reached:
        raise fail(_("your plan has not started yet"))
    try:
        done_on = date.fromisoformat(on) if on else None
    except ValueError:
        raise fail(_("--on: a date is YYYY-MM-DD, not %(value)s") % {"value": on}) from None
    try:
        activity = services.submit_activity(
            learner=learner,
            curriculum=enrolment.curriculum,
            month=month if month is not None else reached[-1],
            kind=kind,
            evidence=services.EvidenceInput(
                links=tuple(link or ()),
                notes=notes,
                done_on=done_on,
                partner=partner,
                slides_url=slides,
                repository_url=repository,
                commit=commit,
            ),
        )
    except DomainError as exc:
        raise fail(str(exc)) from None
    if as_json:
        echo_json(_row(activity))
        return
    typer.echo(
        _("Submitted: %(kind)s, month %(month)s.")
        % {"kind": activity.get_kind_display(), "month": activity.month}
    )
