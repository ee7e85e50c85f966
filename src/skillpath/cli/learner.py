"""Learner commands: enrol, see today's work, log time, run the timer, finish topics,
read the weekly report and the plan. They act for the local learner (local mode), or for
`--user NAME` on a server."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

import typer
from django.utils.translation import gettext as _
from rich.console import Console
from rich.table import Table
from rich.text import Text

from skillpath.core import bounds, display

console = Console()
EXIT_BAD_INPUT = 2
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

UserOption = Annotated[
    str | None, typer.Option("--user", help="Act for this user (default: the local learner).")
]
TopicOption = Annotated[
    str | None,
    typer.Option(help="The topic: its slug, or its title in either language (any case)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def fail(message: str) -> typer.Exit:
    label = _("error")
    typer.secho(f"{label}: {message}", err=True, fg="red")
    return typer.Exit(EXIT_BAD_INPUT)


def learner_for(username: str | None):  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    from skillpath.core.setup import ensure_database
    from skillpath.people.services import ensure_local_user

    ensure_database()  # a learner may run a command before `make run` ever set it up
    if username is None:
        user = ensure_local_user()
    else:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise fail(_("no user '%(name)s'") % {"name": username})
    speak_language_of(user)
    return user


def speak_language_of_known(username: str | None) -> None:
    """Speak the language of the learner this terminal belongs to, if the database knows
    them, creating neither a database nor a learner (a run kept out of the progress)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from skillpath.core.setup import has_pending_migrations

    if has_pending_migrations():
        return
    name = settings.LOCAL_USERNAME if username is None else username
    user = get_user_model().objects.filter(username=name).first()
    if user is not None:
        speak_language_of(user)


def speak_language_of(user) -> None:  # type: ignore[no-untyped-def]
    """Speak the language the learner chose on the pages, unless SKILLPATH_LANGUAGE names
    one for this terminal (a learner who never chose keeps the terminal's language)."""
    import os

    from django.utils import translation

    from skillpath.people.selectors import language_of

    if os.environ.get("SKILLPATH_LANGUAGE"):
        return
    language = language_of(user)
    if language:
        translation.activate(language)


def local_today(learner) -> date:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from skillpath.people.selectors import time_zone_of

    return timezone.now().astimezone(time_zone_of(learner)).date()


def current(learner):  # type: ignore[no-untyped-def]
    from skillpath.planning.selectors import current_enrolment

    enrolment = current_enrolment(learner)
    if enrolment is None:
        raise fail(_("you are not enrolled yet: run 'skillpath enroll' first"))
    return enrolment


def parse_day(text: str, what: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise fail(
            _("%(what)s '%(text)s' is not a date: write it like 2026-12-01")
            % {"what": what, "text": text}
        ) from None
    if not bounds.is_within_bounds(day):
        raise fail(
            _("%(what)s '%(text)s' is out of range: %(bounds)s")
            % {"what": what, "text": text, "bounds": bounds.bounds_message()}
        )
    return day


def topic_in(curriculum_id: int, text: str, *, hint: str = ""):  # type: ignore[no-untyped-def]
    """The curriculum's topic by slug or title, in either language and any case; on a miss,
    exit 2 naming the closest (curriculum.selectors.topic_by_reference). Every command that
    takes a topic finds it here."""
    from skillpath.curriculum.selectors import UnknownTopicError, topic_by_reference

    try:
        return topic_by_reference(curriculum_id=curriculum_id, text=text)
    except UnknownTopicError as exc:
        raise fail(f"{exc} {hint}".strip()) from None


def topic_by_reference(enrolment, text: str):  # type: ignore[no-untyped-def]
    """The enrolment's topic by slug or title (`topic_in`)."""
    return topic_in(enrolment.curriculum_id, text)


def resource_by_slug(learner, enrolment, slug: str):  # type: ignore[no-untyped-def]
    """The plan's resource or the learner's own with `slug`; fail naming the closest."""
    from skillpath.tracking.resource_selectors import UnknownResourceError, find_resource

    try:
        return find_resource(learner=learner, curriculum_id=enrolment.curriculum_id, slug=slug)
    except UnknownResourceError as exc:
        raise fail(str(exc)) from None


def status_label(status: str) -> str:
    """A topic's status in the terminal's language ("not started", «не начато»)."""
    from skillpath.tracking.models import TopicStatus

    return str(TopicStatus(status).label).lower() if status in TopicStatus.values else status


# Room left for the other columns of a topic table before the topic column grows past its
# longest slug (a month, dates, a time and a status, with the table's borders).
OTHER_COLUMNS_WIDTH = 50


def topic_table(title: str, columns: list[str], topics: list[Any]) -> Table:
    """A table of topics whose first column holds each topic's title and, under it, its
    slug, never cut (`--topic` needs it whole): the column is at least as wide as the
    longest slug, and every other cell wraps rather than ends in "…". At 80 columns a
    slug of 30 characters beside the title would leave no room for the dates."""
    slug_width = max((len(t.slug) for t in topics), default=0)
    title_width = max((len(str(t.title)) for t in topics), default=0)
    width = max(slug_width, min(title_width, console.width - OTHER_COLUMNS_WIDTH), 1)
    table = Table(title=title)
    table.add_column(f"{_('topic')}\n{_('code')}", width=width, overflow="fold")
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def topic_cell(topic) -> Text:  # type: ignore[no-untyped-def]
    """A topic's title, and its slug under it (Text: a title is no Rich markup)."""
    cell = Text(str(topic.title))
    cell.append("\n")
    cell.append(topic.slug, style="cyan")
    return cell


def kind_label(kind: str) -> str:
    """theory/practice/research in the terminal's language."""
    from skillpath.curriculum.models import TimeKind

    return str(TimeKind(kind).label).lower()


def echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def enroll(
    curriculum: Annotated[
        str | None, typer.Option(help="Curriculum slug (default: the built-in one).")
    ] = None,
    start: Annotated[
        str | None, typer.Option(help="Start date, YYYY-MM-DD (default: today).")
    ] = None,
    hours: Annotated[
        str | None, typer.Option(help="Hours per week, 1-80 (a new enrolment: 20).")
    ] = None,
    days: Annotated[
        str | None,
        typer.Option(help="Study days, e.g. mon,tue,wed,thu,fri,sat (a new enrolment: mon-sat)."),
    ] = None,
    day_off: Annotated[
        list[str] | None,
        typer.Option(
            "--day-off",
            help="A day off or holiday: 2026-12-31 or 2026-12-30:2027-01-05. Repeat for more.",
        ),
    ] = None,
    pace: Annotated[
        str | None,
        typer.Option(help="18, 21 or 24 (months), or custom (with --target); a new enrolment: 18."),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(help="Target date, YYYY-MM-DD; given alone, it makes the pace custom."),
    ] = None,
    time_zone: Annotated[
        str | None, typer.Option("--time-zone", help="Your time zone, e.g. Europe/Moscow.")
    ] = None,
    user: UserOption = None,
    as_json: JsonOption = False,
) -> None:
    """Enrol in a curriculum, or change your settings: an option you leave out keeps its
    current value (--day-off, when given, replaces your days off). Prints the dated plan."""
    from django.utils import timezone

    from skillpath.core.errors import DomainError
    from skillpath.curriculum import selectors as curricula
    from skillpath.curriculum.models import Curriculum
    from skillpath.planning.services import change_enrolment

    learner = learner_for(user)
    chosen = (
        Curriculum.objects.filter(slug=curriculum).first()
        if curriculum
        else curricula.default_curriculum()
    )
    if chosen is None:
        raise fail(
            _("no curriculum '%(slug)s': see 'skillpath curriculum list'") % {"slug": curriculum}
        )
    given: dict[str, object] = {}
    if hours is not None:
        try:
            given["hours_per_week"] = Decimal(hours.replace(",", "."))
        except InvalidOperation:
            raise fail(
                _("hours per week '%(hours)s' is not a number: write it like 20 or 12.5")
                % {"hours": hours}
            ) from None
    if days is not None:
        weekdays = set()
        for name in days.lower().replace(" ", "").split(","):
            if name not in WEEKDAYS:
                raise fail(
                    _("'%(name)s' is not a weekday: use mon,tue,wed,thu,fri,sat,sun")
                    % {"name": name}
                )
            weekdays.add(WEEKDAYS[name])
        given["study_weekdays"] = frozenset(weekdays)
    if day_off:
        ranges = []
        for text in day_off:
            first, _sep, last = text.partition(":")
            ranges.append((parse_day(first, "day off"), parse_day(last or first, "day off")))
        given["days_off"] = tuple(ranges)
    if start:
        given["start_on"] = parse_day(start, "start")
    if pace is not None:
        given["pace"] = pace
    if target:
        given["target_on"] = parse_day(target, "target")
    try:
        enrolment = change_enrolment(
            learner=learner,
            curriculum=chosen,
            given=given,
            now=timezone.now(),
            time_zone=time_zone,
        )
    except DomainError as exc:
        raise fail(str(exc)) from None
    finish = enrolment.entries.order_by("-end_on").values_list("end_on", flat=True).first()
    if as_json:
        echo_json(
            {
                "curriculum": chosen.slug,
                "start_on": enrolment.start_on,
                "target_on": enrolment.target_on,
                "planned_finish_on": finish,
                "hours_per_week": float(enrolment.hours_per_week),
            }
        )
        return
    console.print(
        _(
            "Enrolled in %(title)s from %(start)s: %(hours)s h/week, planned finish %(finish)s, "
            "target %(target)s."
        )
        % {
            "title": chosen.title,
            "start": display.long_date(enrolment.start_on),
            "hours": enrolment.hours_per_week,
            "finish": display.long_date(finish) if finish else "–",
            "target": display.long_date(enrolment.target_on),
        }
    )
    console.print(_("Next: 'skillpath today' shows what to study."))


def today(user: UserOption = None, as_json: JsonOption = False) -> None:
    """What to study today and this week, what is overdue, the running timer, and the number
    of reviews due."""
    from skillpath.knowledge.selectors import due_count
    from skillpath.people.selectors import time_zone_of
    from skillpath.planning.selectors import today_view

    learner = learner_for(user)
    view = today_view(current(learner), local_today(learner))
    reviews_due = due_count(learner)

    def rows(items):  # type: ignore[no-untyped-def]
        return [
            {
                "slug": i.topic.slug,
                "title": i.topic.title,
                "start_on": i.entry.start_on,
                "end_on": i.entry.end_on,
                "minutes_today": view.planned_minutes_by_topic.get(i.topic.pk, 0),
                "status": i.status,
            }
            for i in items
        ]

    data = {
        "today": view.today,
        "today_topics": rows(view.today_items),
        "week_topics": rows(view.week_items),
        "overdue": rows(view.overdue),
        "timer": {"kind": view.timer.kind, "started_at": view.timer.started_at}
        if view.timer
        else None,
        "reviews_due": reviews_due,
        "is_study_day": view.is_study_day,
        "planned_minutes_today": view.planned_minutes,
        "logged_minutes_today": view.logged_minutes,
        "nothing_logged_today": view.needs_nudge,
    }
    if as_json:
        echo_json(data)
        return
    if view.planned_minutes:
        console.print(
            _("%(time)s of study today; %(logged)s logged so far.")
            % {
                "time": display.duration(view.planned_minutes),
                "logged": display.duration(view.logged_minutes),
            }
        )
    for title, items in (
        (_("Today"), view.today_items),
        (_("This week"), view.week_items),
        (_("Overdue"), view.overdue),
    ):
        if not items and items is view.overdue:
            continue
        is_today = items is view.today_items
        table = topic_table(
            f"{title} ({len(items)})",
            [_("planned"), *([_("today")] if is_today else []), _("status")],
            [i.topic for i in items],
        )
        for item in items:
            today_cell = [display.duration(view.planned_minutes_by_topic.get(item.topic.pk, 0))]
            table.add_row(
                topic_cell(item.topic),
                display.date_range(item.entry.start_on, item.entry.end_on),
                *(today_cell if is_today else []),
                status_label(item.status),
            )
        console.print(table)
    if view.timer:
        console.print(
            _("Timer running since %(time)s (%(kind)s).")
            % {
                "time": f"{view.timer.started_at.astimezone(time_zone_of(learner)):%H:%M}",
                "kind": kind_label(view.timer.kind),
            }
        )
    console.print(_("Reviews due: %(count)s") % {"count": reviews_due})
    if view.needs_nudge:
        console.print(
            "[yellow]"
            + _(
                "Nothing is logged for today yet: 'skillpath timer start' when you sit down, "
                "or 'skillpath log 1h practice' afterwards."
            )
            + "[/yellow]"
        )


def log(
    duration: Annotated[str, typer.Argument(help='How long: 1h30m, 90m, 1.5h, "1 h 30 min".')],
    kind: Annotated[str, typer.Argument(help="theory, practice or research.")],
    note: Annotated[str, typer.Argument(help="What you did (optional).")] = "",
    topic: Annotated[
        str | None, typer.Option(help="The topic: its slug or its title, in either language.")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="The day, YYYY-MM-DD (default: today).")
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            help="Start time, HH:MM (default: today, the session ends now; an earlier --date, "
            "it starts at 09:00, or when that day's last session ended)."
        ),
    ] = None,
    resource: Annotated[
        str | None,
        typer.Option(
            help="The resource the time went to: the slug of one of the plan's (a book, a "
            "course) or of one of your own, as the resources page shows it."
        ),
    ] = None,
    user: UserOption = None,
    as_json: JsonOption = False,
) -> None:
    """Log a study session, e.g. skillpath log 1h30m practice --topic git "branching"
    (--resource clean-code for the time spent on a book)."""
    from django.utils import timezone

    from skillpath.core.errors import DomainError
    from skillpath.people.selectors import time_zone_of
    from skillpath.tracking.durations import parse_duration
    from skillpath.tracking.services import log_session

    learner = learner_for(user)
    try:
        minutes = parse_duration(duration)
    except DomainError as exc:
        raise fail(str(exc)) from None
    enrolment = current(learner) if topic or resource else None
    chosen = topic_by_reference(enrolment, topic) if topic else None
    named = resource_by_slug(learner, enrolment, resource) if resource else None
    day = parse_day(on, "date") if on else None
    started_at = None
    if at:
        try:
            clock = time.fromisoformat(at)
        except ValueError:
            raise fail(
                _("start time '%(at)s' is not a time: write it like 09:30") % {"at": at}
            ) from None
        started_at = datetime.combine(
            day or local_today(learner), clock, tzinfo=time_zone_of(learner)
        )
    try:
        session = log_session(
            learner=learner,
            kind=kind.lower(),
            minutes=minutes,
            started_at=started_at,
            on=day,
            topic=chosen,
            note=note,
            now=timezone.now(),
            resource=named,
        )
    except DomainError as exc:
        raise fail(str(exc)) from None
    if as_json:
        echo_json(
            {
                "id": session.pk,
                "kind": session.kind,
                "minutes": session.minutes,
                "started_at": session.started_at,
                "ended_at": session.ended_at,
                "topic": chosen.slug if chosen else None,
                "resource": named.slug if named else None,
            }
        )
        return
    zone = time_zone_of(learner)
    start, end = session.started_at.astimezone(zone), session.ended_at.astimezone(zone)
    console.print(
        (
            _("Logged %(time)s of %(kind)s on %(topic)s: %(day)s, %(start)s–%(end)s.")
            if chosen
            else _("Logged %(time)s of %(kind)s: %(day)s, %(start)s–%(end)s.")
        )
        % {
            "time": display.duration(session.minutes),
            "kind": kind_label(session.kind),
            "topic": chosen.title if chosen else "",
            "day": display.long_date(start.date()),
            "start": f"{start:%H:%M}",
            "end": f"{end:%H:%M}",
        }
    )
    if named is not None:
        console.print(_("Counted on the resource “%(title)s”.") % {"title": named.title})


timer_app = typer.Typer(help="A running timer that survives restarts.", no_args_is_help=True)


@timer_app.command("start")
def timer_start(
    kind: Annotated[str, typer.Argument(help="theory, practice or research.")] = "practice",
    topic: Annotated[
        str | None, typer.Option(help="The topic: its slug or its title, in either language.")
    ] = None,
    note: Annotated[str, typer.Option(help="What you are doing.")] = "",
    user: UserOption = None,
) -> None:
    """Start the timer."""
    from django.utils import timezone

    from skillpath.core.errors import DomainError
    from skillpath.tracking.services import start_timer

    learner = learner_for(user)
    chosen = topic_by_reference(current(learner), topic) if topic else None
    try:
        timer = start_timer(
            learner=learner, kind=kind.lower(), topic=chosen, note=note, now=timezone.now()
        )
    except DomainError as exc:
        raise fail(str(exc)) from None
    console.print(
        _("Timer started (%(kind)s). Stop it with 'skillpath timer stop'.")
        % {"kind": kind_label(timer.kind)}
    )


@timer_app.command("stop")
def timer_stop(user: UserOption = None) -> None:
    """Stop the timer and log the session."""
    from django.utils import timezone

    from skillpath.core.errors import DomainError
    from skillpath.tracking.services import stop_timer

    try:
        stopped = stop_timer(learner=learner_for(user), now=timezone.now())
    except DomainError as exc:
        raise fail(str(exc)) from None
    session = stopped.session
    if session is None:
        console.print(stopped.not_logged)
    else:
        console.print(
            _("Logged %(time)s of %(kind)s.")
            % {"time": display.duration(session.minutes), "kind": kind_label(session.kind)}
        )


@timer_app.command("status")
def timer_status(user: UserOption = None, as_json: JsonOption = False) -> None:
    """Show the running timer."""
    from django.utils import timezone

    from skillpath.tracking.selectors import timer_of

    timer = timer_of(learner_for(user))
    if as_json:
        echo_json(
            {
                "running": timer is not None,
                "kind": timer.kind if timer else None,
                "started_at": timer.started_at if timer else None,
            }
        )
        return
    if timer is None:
        console.print(_("No timer is running."))
        return
    minutes = int((timezone.now() - timer.started_at).total_seconds() // 60)
    console.print(
        _("Timer running for %(time)s (%(kind)s).")
        % {"time": display.duration(minutes), "kind": kind_label(timer.kind)}
    )


def done(
    slug: Annotated[
        str, typer.Argument(help="The topic: its slug (see 'skillpath plan') or its title.")
    ],
    skip: Annotated[bool, typer.Option("--skip", help="Mark it skipped instead of done.")] = False,
    user: UserOption = None,
) -> None:
    """Mark a topic done (or skipped); the plan is laid out again from today."""
    from skillpath.tracking.models import TopicStatus
    from skillpath.tracking.services import set_topic_status

    learner = learner_for(user)
    enrolment = current(learner)
    topic = topic_by_reference(enrolment, slug)
    status = "skipped" if skip else "done"
    set_topic_status(learner=learner, topic=topic, status=status, today=local_today(learner))
    console.print(
        _("'%(topic)s' is %(status)s. The plan was updated.")
        % {"topic": topic.title, "status": TopicStatus(status).label.lower()}
    )


report_app = typer.Typer(help="Reports.", no_args_is_help=True)


@report_app.command("week")
def report_week(
    week: Annotated[
        str | None, typer.Option(help="Any day of the week (default: this week).")
    ] = None,
    user: UserOption = None,
    as_json: JsonOption = False,
) -> None:
    """Hours by kind against 30/50/20 and 70/30, planned vs actual, topics planned vs done."""
    from skillpath.tracking.selectors import weekly_report_for

    learner = learner_for(user)
    today = local_today(learner)
    day = parse_day(week, "week") if week else today
    report = weekly_report_for(current(learner), day, today)
    data = report.as_dict()
    if as_json:
        echo_json(data)
        return
    table = Table(
        title=_("Week %(first)s – %(last)s")
        % {"first": display.short_date(report.week_on), "last": display.long_date(report.week_end)}
    )
    for column in (_("kind"), _("time"), _("share"), _("target")):
        table.add_column(column)
    for row in report.split:
        table.add_row(
            kind_label(row.kind),
            display.duration(row.minutes),
            display.percent(row.percent),
            display.percent(row.target_percent) if row.target_percent is not None else "–",
        )
    console.print(table)
    console.print(
        _(
            "Practice (with research) vs theory: %(practice)s%% / %(theory)s%% — the plan's "
            "approach targets %(target_practice)s/%(target_theory)s."
        )
        % {
            "practice": display.number(report.practice_percent),
            "theory": display.number(report.theory_percent),
            "target_practice": report.target_practice_percent,
            "target_theory": report.target_theory_percent,
        }
    )
    console.print(
        _(
            "Time: %(actual)s of %(planned)s planned. "
            "Topics: %(done)s done, %(planned_topics)s planned."
        )
        % {
            "actual": display.duration(report.total_minutes),
            "planned": display.duration(report.planned_minutes),
            "done": report.topics_done,
            "planned_topics": report.topics_planned,
        }
    )
    if report.tense == "current":
        console.print(
            _("Due before today: %(due)s of study; %(done)s of %(topics)s topics done.")
            % {
                "due": display.duration(report.planned_minutes_due),
                "done": report.topics_due_done,
                "topics": report.topics_due,
            }
        )
    if report.is_behind:
        behind = (
            _("This week is behind the plan.")
            if report.tense == "current"
            else _("That week fell behind the plan.")
        )
        console.print("[red]" + behind + "[/red]")


def plan(
    show_all: Annotated[bool, typer.Option("--all", help="Include finished topics.")] = False,
    user: UserOption = None,
    as_json: JsonOption = False,
) -> None:
    """The dated plan: every topic with its planned dates and status."""
    from skillpath.planning.selectors import plan_items

    enrolment = current(learner_for(user))
    items = [i for i in plan_items(enrolment) if show_all or not i.is_finished]
    if as_json:
        echo_json(
            {
                "curriculum": enrolment.curriculum.slug,
                "target_on": enrolment.target_on,
                "topics": [
                    {
                        "slug": i.topic.slug,
                        "title": i.topic.title,
                        "month": i.topic.block.month.number,
                        "start_on": i.entry.start_on,
                        "end_on": i.entry.end_on,
                        "hours": round(i.entry.minutes / 60, 1),
                        "status": i.status,
                    }
                    for i in items
                ],
            }
        )
        return
    table = topic_table(
        _("%(title)s — target %(target)s")
        % {"title": enrolment.curriculum.title, "target": display.long_date(enrolment.target_on)},
        [_("month"), _("dates"), _("time"), _("status")],
        [i.topic for i in items],
    )
    for i in items:
        table.add_row(
            topic_cell(i.topic),
            str(i.topic.block.month.number),
            display.date_range(i.entry.start_on, i.entry.end_on),
            display.duration(i.entry.minutes),
            status_label(i.status),
        )
    console.print(table)
