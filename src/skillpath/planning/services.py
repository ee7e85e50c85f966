"""Writes to a learner's plan: enrolling, changing the calendar, replanning."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from skillpath.core import bounds
from skillpath.core.dates import add_months
from skillpath.core.errors import DomainError
from skillpath.curriculum.models import Curriculum, Topic
from skillpath.planning.models import (
    MAX_HOURS_PER_WEEK,
    MIN_HOURS_PER_WEEK,
    DayOff,
    Enrolment,
    Pace,
    PlanEntry,
)
from skillpath.planning.scheduler import (
    Plan,
    ScheduleError,
    StudyCalendar,
    TopicWork,
    build_plan,
)

# A topic without an estimate counts as this many hours (a block of four at the plan's
# nominal 20 h/week lasts its two weeks).
DEFAULT_TOPIC_HOURS = Decimal("10")


class EnrolmentError(DomainError):
    pass


@dataclass(frozen=True)
class CalendarInput:
    """What a learner chooses at enrolment; validated by `check_calendar`."""

    start_on: date
    hours_per_week: Decimal
    study_weekdays: frozenset[int]
    days_off: tuple[tuple[date, date], ...] = ()
    pace: str = Pace.MONTHS_18
    target_on: date | None = None


NEW_ENROLMENT = {
    "hours_per_week": Decimal(20),
    "study_weekdays": frozenset(range(6)),
    "days_off": (),
    "pace": Pace.MONTHS_18,
    "target_on": None,
}


def settings_of(enrolment: Enrolment) -> CalendarInput:
    """An enrolment's settings, as a learner chose them."""
    return CalendarInput(
        start_on=enrolment.start_on,
        hours_per_week=enrolment.hours_per_week,
        study_weekdays=frozenset(int(d) for d in enrolment.study_weekdays),
        days_off=tuple((d.start_on, d.end_on) for d in enrolment.days_off.order_by("start_on")),
        pace=enrolment.pace,
        target_on=enrolment.target_on if enrolment.pace == Pace.CUSTOM else None,
    )


def changed_settings(
    current: Enrolment | None, given: dict[str, Any], *, today: date
) -> CalendarInput:
    """The learner's settings with what they gave changed, and nothing else: the CLI's
    options and the API's fields that were left out keep the enrolment's values (a new
    enrolment starts today at 20 hours a week, Monday to Saturday, over 18 months)."""
    base = (
        settings_of(current)
        if current is not None
        else CalendarInput(start_on=today, **NEW_ENROLMENT)  # type: ignore[arg-type]
    )
    changes = dict(given)
    if changes.get("target_on") is not None and "pace" not in changes:
        # A target date alone asks for it: only a custom pace keeps one (a fixed pace
        # would drop it without a word).
        changes["pace"] = Pace.CUSTOM
    if changes.get("pace", Pace.CUSTOM) != Pace.CUSTOM and "target_on" not in changes:
        changes["target_on"] = None  # a fixed pace sets the target itself
    return dataclasses.replace(base, **changes)


SETTINGS = frozenset(field.name for field in dataclasses.fields(CalendarInput))


@transaction.atomic
def change_enrolment(
    *,
    learner: AbstractBaseUser,
    curriculum: Curriculum,
    given: dict[str, Any],
    now: datetime,
    time_zone: str | None = None,
) -> Enrolment:
    """Enrol in `curriculum`, or change the settings of the enrolment in it: only the
    settings in `given` change, the others keep their values (`changed_settings`). Sets the
    time zone first when one is given, so that "today" is the learner's new one; replans
    (`enrol`). The CLI, the settings page and the API all change settings through here."""
    from skillpath.people.selectors import time_zone_of
    from skillpath.people.services import set_time_zone

    unknown = set(given) - SETTINGS
    if unknown:
        raise ValueError(f"not a setting: {', '.join(sorted(unknown))}")
    if time_zone:
        set_time_zone(user=learner, time_zone=time_zone)
    today = now.astimezone(time_zone_of(learner)).date()
    current = Enrolment.objects.filter(learner=learner, curriculum=curriculum).first()
    choice = changed_settings(current, given, today=today)
    return enrol(learner=learner, curriculum=curriculum, choice=choice, today=today)


def check_calendar(choice: CalendarInput) -> date:
    """Raise EnrolmentError for a choice that cannot make a plan; return the target date."""
    # The forms, the API and the CLI check these first; here is the last word.
    days = [choice.start_on, choice.target_on, *(day for span in choice.days_off for day in span)]
    if not all(bounds.is_within_bounds(day) for day in days if day is not None):
        raise EnrolmentError(bounds.bounds_message())
    if len(choice.days_off) > bounds.MAX_DAYS_OFF:
        raise EnrolmentError(
            _("Give at most %(count)s days off or ranges.") % {"count": bounds.MAX_DAYS_OFF}
        )
    # A NaN would not even compare with the bounds.
    if not choice.hours_per_week.is_finite() or not (
        MIN_HOURS_PER_WEEK <= choice.hours_per_week <= MAX_HOURS_PER_WEEK
    ):
        raise EnrolmentError(
            _("Hours per week must be between %(min)s and %(max)s; you entered %(value)s.")
            % {"min": MIN_HOURS_PER_WEEK, "max": MAX_HOURS_PER_WEEK, "value": choice.hours_per_week}
        )
    if not choice.study_weekdays or not choice.study_weekdays <= set(range(7)):
        raise EnrolmentError(_("Choose at least one study day of the week."))
    for start, end in choice.days_off:
        if end < start:
            raise EnrolmentError(
                _("A day-off range must not end before it starts: %(start)s – %(end)s.")
                % {"start": start, "end": end}
            )
    if choice.pace == Pace.CUSTOM:
        if choice.target_on is None or choice.target_on <= choice.start_on:
            raise EnrolmentError(_("A custom pace needs a target date after the start date."))
        return choice.target_on
    if choice.pace not in Pace.values:
        raise EnrolmentError(_("Unknown pace: %(pace)s.") % {"pace": choice.pace})
    return add_months(choice.start_on, int(choice.pace))


@transaction.atomic
def enrol(
    *, learner: AbstractBaseUser, curriculum: Curriculum, choice: CalendarInput, today: date
) -> Enrolment:
    """Enrol (or re-enrol with new settings), make it the current one, and plan it."""
    target_on = check_calendar(choice)
    Enrolment.objects.filter(learner=learner, is_current=True).exclude(
        curriculum=curriculum
    ).update(is_current=False)
    enrolment, _created = Enrolment.objects.update_or_create(
        learner=learner,
        curriculum=curriculum,
        defaults={
            "start_on": choice.start_on,
            "hours_per_week": choice.hours_per_week,
            "study_weekdays": "".join(str(d) for d in sorted(choice.study_weekdays)),
            "pace": choice.pace,
            "target_on": target_on,
            "is_current": True,
        },
    )
    enrolment.days_off.all().delete()
    # New settings make a new baseline: the old plan no longer says what "on time" means.
    enrolment.entries.all().delete()
    DayOff.objects.bulk_create(
        DayOff(enrolment=enrolment, start_on=start, end_on=end) for start, end in choice.days_off
    )
    replan(enrolment=enrolment, today=today)
    return enrolment


@transaction.atomic
def make_current(*, enrolment: Enrolment) -> None:
    """Make `enrolment` the learner's current one."""
    Enrolment.objects.filter(learner=enrolment.learner_id, is_current=True).update(is_current=False)
    Enrolment.objects.filter(pk=enrolment.pk).update(is_current=True)


def study_calendar(enrolment: Enrolment) -> StudyCalendar:
    return StudyCalendar(
        start_on=enrolment.start_on,
        hours_per_week=float(enrolment.hours_per_week),
        weekdays=enrolment.weekdays,
        days_off=tuple((d.start_on, d.end_on) for d in enrolment.days_off.all()),
    )


def finished_dates(planned: tuple[date, date] | None, finished_on: date) -> tuple[date, date]:
    """Where a finished topic stays in the plan: its planned days, cut short by an early
    finish. A topic finished before its first planned day sits on the day it was finished:
    left on days still ahead, it would show in a later week's report and calendar as
    work to do then."""
    if planned is None:
        return finished_on, finished_on
    start, end = planned
    if finished_on < start:
        return finished_on, finished_on
    return start, min(end, finished_on)


def plan_inputs(enrolment: Enrolment) -> list[tuple[Topic, TopicWork]]:
    """Every topic in order with what is left of it, from the learner's progress."""
    from skillpath.tracking.models import StudySession, TopicProgress, TopicStatus

    topics = list(Topic.objects.filter(curriculum_id=enrolment.curriculum_id).order_by("position"))
    progress = {
        p.topic_id: p
        for p in TopicProgress.objects.filter(
            learner_id=enrolment.learner_id, topic__curriculum_id=enrolment.curriculum_id
        )
    }
    logged = dict(
        StudySession.objects.filter(learner_id=enrolment.learner_id, topic__in=topics)
        .values_list("topic_id")
        .annotate(total=Sum("minutes"))
    )
    previous = {e.topic_id: (e.start_on, e.end_on) for e in enrolment.entries.all()}
    work = []
    for topic in topics:
        estimate = int((topic.estimated_hours or DEFAULT_TOPIC_HOURS) * 60)
        state = progress.get(topic.pk)
        if state and state.status in (TopicStatus.DONE, TopicStatus.SKIPPED):
            fixed = finished_dates(previous.get(topic.pk), state.done_on or enrolment.start_on)
            minutes = estimate if state.status == TopicStatus.DONE else 0
            work.append((topic, TopicWork(topic.slug, minutes, fixed)))
            continue
        left = estimate - logged.get(topic.pk, 0) if state else estimate
        work.append((topic, TopicWork(topic.slug, max(left, 0))))
    return work


@transaction.atomic
def replan(*, enrolment: Enrolment, today: date) -> Plan:
    """Lay out what is left from `today`; finished topics keep their dates. Rewrites the
    plan rows."""
    inputs = plan_inputs(enrolment)
    try:
        plan = build_plan([w for _t, w in inputs], study_calendar(enrolment), today)
    except ScheduleError:
        raise EnrolmentError(
            _(
                "These settings leave too little study time: the plan would run past thirty "
                "years. Add hours, study days, or shorten the days off."
            )
        ) from None
    topics = {w.slug: t for t, w in inputs}
    baseline = dict(enrolment.entries.values_list("topic_id", "baseline_end_on"))
    enrolment.entries.all().delete()
    PlanEntry.objects.bulk_create(
        PlanEntry(
            enrolment=enrolment,
            topic=topics[p.slug],
            position=i,
            start_on=p.start_on,
            end_on=p.end_on,
            minutes=p.minutes,
            baseline_end_on=baseline.get(topics[p.slug].pk, p.end_on),
        )
        for i, p in enumerate(plan.topics)
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(planned_at=timezone.now())
    return plan


def revoke_calendar_token(*, enrolment: Enrolment) -> str:
    """Replace the private calendar URL's token; the old URL stops working at once."""
    from skillpath.planning.models import new_calendar_token

    enrolment.calendar_token = new_calendar_token()
    enrolment.save(update_fields=["calendar_token"])
    return enrolment.calendar_token


def has_slipped(*, enrolment: Enrolment, today: date) -> bool:
    """Whether a topic planned to end before `today` is not finished (reads only)."""
    from skillpath.tracking.models import TopicProgress, TopicStatus

    finished = TopicProgress.objects.filter(
        learner_id=enrolment.learner_id, status__in=(TopicStatus.DONE, TopicStatus.SKIPPED)
    ).values("topic_id")
    return enrolment.entries.filter(end_on__lt=today).exclude(topic_id__in=finished).exists()


def replan_if_slipped(*, enrolment_id: int) -> bool:
    """Replan a current enrolment whose plan slipped, from the learner's today, at most once
    a day (True if it did). Rewrites the plan rows."""
    from skillpath.people.selectors import time_zone_of

    enrolment = (
        Enrolment.objects.select_related("learner").filter(pk=enrolment_id, is_current=True).first()
    )
    if enrolment is None:
        return False
    zone = time_zone_of(enrolment.learner)
    today = timezone.now().astimezone(zone).date()
    day_began_at = datetime.combine(today, datetime.min.time(), tzinfo=zone)
    with transaction.atomic():
        if not has_slipped(enrolment=enrolment, today=today):
            return False
        # The claim: only the run that moves `planned_at` into today goes on, so a task
        # delivered twice (or two workers at once) replans once. A replan already made today
        # laid the plan out from today, so it cannot have slipped since.
        claimed = (
            Enrolment.objects.filter(pk=enrolment.pk)
            .exclude(planned_at__gte=day_began_at)
            .update(planned_at=timezone.now())
        )
        if claimed != 1:
            return False
        replan(enrolment=enrolment, today=today)
    return True
