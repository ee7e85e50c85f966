"""Reads of learners' plans: the current enrolment, the plan, what to do today."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.http import Http404

from skillpath.core.dates import week_start
from skillpath.planning.models import Enrolment, PlanEntry
from skillpath.planning.scheduler import StudyCalendar
from skillpath.planning.services import study_calendar
from skillpath.tracking.models import Timer, TopicProgress, TopicStatus

FINISHED = (TopicStatus.DONE, TopicStatus.SKIPPED)


def current_enrolment(learner: AbstractBaseUser) -> Enrolment | None:
    """The learner's current enrolment with its curriculum, or None."""
    return (
        Enrolment.objects.select_related("curriculum")
        .filter(learner=learner, is_current=True)
        .first()
    )


def enrolments(learner: AbstractBaseUser) -> list[Enrolment]:
    """The learner's enrolments with their days off, the current one first."""
    return list(
        Enrolment.objects.select_related("curriculum")
        .prefetch_related("days_off")
        .filter(learner=learner)
        .order_by("-is_current", "created_at")
    )


def enrolment_for(learner: AbstractBaseUser, enrolment_id: int) -> Enrolment:
    """One of the learner's enrolments; another learner's is a 404, not a 403."""
    enrolment = (
        Enrolment.objects.select_related("curriculum")
        .filter(learner=learner, pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        raise Http404("No such enrolment")
    return enrolment


@dataclass(frozen=True)
class PlannedItem:
    entry: PlanEntry
    status: str
    done_on: date | None = None  # when it was finished (done or skipped)

    @property
    def topic(self):  # type: ignore[no-untyped-def]
        return self.entry.topic

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED


def plan_items(enrolment: Enrolment) -> list[PlannedItem]:
    """Every planned topic in order, with its block, month and the learner's status."""
    entries = list(
        enrolment.entries.select_related("topic__block__month__phase").order_by("position")
    )
    progress = {
        topic_id: (status, done_on)
        for topic_id, status, done_on in TopicProgress.objects.filter(
            learner_id=enrolment.learner_id, topic__curriculum_id=enrolment.curriculum_id
        ).values_list("topic_id", "status", "done_on")
    }
    not_started = (TopicStatus.NOT_STARTED, None)
    return [PlannedItem(e, *progress.get(e.topic_id, not_started)) for e in entries]


def week_items(items: Iterable[PlannedItem], week_on: date) -> list[PlannedItem]:
    """The week's topics: those the current plan places on a day of the week starting on
    Monday `week_on`. Today and the weekly report both use this one definition."""
    monday = week_start(week_on)
    sunday = monday + timedelta(days=6)
    return [i for i in items if i.entry.start_on <= sunday and i.entry.end_on >= monday]


@dataclass(frozen=True)
class TodayView:
    enrolment: Enrolment
    today: date
    today_items: list[PlannedItem]
    week_items: list[PlannedItem]
    overdue: list[PlannedItem]
    timer: Timer | None
    # Whether the learner's calendar has today as a study day (a study weekday, no day off).
    is_study_day: bool = False
    # The plan's study time for today, and what the learner has logged today.
    planned_minutes: int = 0
    logged_minutes: int = 0
    # Today's share of each topic by topic id ("3 h today"): `planned_minutes` in parts.
    planned_minutes_by_topic: Mapping[int, int] = field(default_factory=dict)

    @property
    def week_on(self) -> date:
        return week_start(self.today)

    @property
    def needs_nudge(self) -> bool:
        """A study day with nothing logged yet: the page and the CLI say so."""
        return self.is_study_day and self.logged_minutes == 0


def today_view(enrolment: Enrolment, today: date) -> TodayView:
    """What to study today and this week, what is overdue, the running timer, today's
    planned minutes (in all and by topic) and logged minutes (six queries)."""
    from skillpath.tracking.selectors import minutes_logged_on

    items = [i for i in plan_items(enrolment) if not i.is_finished]
    today_items = [i for i in items if i.entry.start_on <= today <= i.entry.end_on]
    calendar = study_calendar(enrolment)
    spread = day_spread(items, calendar).get(today, {})
    by_topic = {items[index].entry.topic_id: minutes for index, minutes in spread.items()}
    return TodayView(
        enrolment=enrolment,
        today=today,
        today_items=today_items,
        week_items=week_items(items, today),
        overdue=[i for i in items if i.entry.baseline_end_on < today],
        timer=Timer.objects.select_related("topic").filter(learner_id=enrolment.learner_id).first(),
        is_study_day=today >= enrolment.start_on and calendar.is_study_day(today),
        planned_minutes=sum(by_topic.values()),
        logged_minutes=minutes_logged_on(enrolment.learner_id, today),
        planned_minutes_by_topic=by_topic,
    )


def enrolment_by_calendar_token(token: str) -> Enrolment | None:
    """The enrolment a private calendar URL points at (None for a revoked or bad token)."""
    if not token or len(token) > 64:
        return None
    return Enrolment.objects.select_related("curriculum").filter(calendar_token=token).first()


@dataclass(frozen=True)
class CalendarFeed:
    """What the private calendar feed holds (see `planning.ical`)."""

    items: list  # list[CalendarItem]
    blocks: list  # list[StudyBlock]
    zone: zoneinfo.ZoneInfo


def calendar_feed(enrolment: Enrolment) -> CalendarFeed:
    """The plan's all-day events, its study blocks and the learner's time zone."""
    from skillpath.people.selectors import time_zone_of

    items = plan_items(enrolment)
    return CalendarFeed(
        items=calendar_items(enrolment, items),
        blocks=study_blocks(enrolment, items),
        zone=time_zone_of(enrolment.learner),
    )


def day_spread(items: list[PlannedItem], calendar: StudyCalendar) -> dict[date, dict[int, int]]:
    """Minutes on each study day, by index into `items`, as the scheduler laid them out:
    what Today calls the day's study time and the calendar's study blocks last."""
    from skillpath.planning.scheduler import spread_by_day

    return spread_by_day(
        [(i.entry.start_on, i.entry.end_on, i.entry.minutes) for i in items], calendar
    )


def study_blocks(enrolment: Enrolment, items: list[PlannedItem]) -> list:  # list[StudyBlock]
    """A study block for each day the plan gives time to what is left to study."""
    from django.utils.translation import gettext as _

    from skillpath.core.display import duration
    from skillpath.planning.ical import StudyBlock
    from skillpath.planning.services import study_calendar

    left = [i for i in items if not i.is_finished]
    spread = day_spread(left, study_calendar(enrolment))
    blocks = []
    for day, by_topic in sorted(spread.items()):
        topics = [(left[index].topic.title, minutes) for index, minutes in by_topic.items()]
        blocks.append(
            StudyBlock(
                f"skillpath-{enrolment.pk}-study-{day.isoformat()}",
                _("Study: %(topics)s") % {"topics": ", ".join(title for title, _m in topics)},
                day,
                sum(by_topic.values()),
                "\n".join(f"{title}: {duration(minutes)}" for title, minutes in topics),
            )
        )
    return blocks


def calendar_items(
    enrolment: Enrolment, planned: list[PlannedItem] | None = None
) -> list:  # list[CalendarItem]
    """Blocks, topics, practice due dates and milestones of the current plan."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    from skillpath.curriculum.models import Milestone, Practice
    from skillpath.planning.ical import CalendarItem

    items = plan_items(enrolment) if planned is None else planned
    uid = f"skillpath-{enrolment.pk}"
    result: list[CalendarItem] = []
    blocks: dict[int, list[PlannedItem]] = {}
    months: dict[int, date] = {}
    for item in items:
        blocks.setdefault(item.topic.block_id, []).append(item)
        month = item.topic.block.month
        months[month.pk] = max(months.get(month.pk, item.entry.end_on), item.entry.end_on)
        result.append(
            CalendarItem(
                f"{uid}-topic-{item.topic.slug}",
                item.topic.title,
                item.entry.start_on,
                item.entry.end_on,
                item.topic.description,
                _("Topic"),
                done_note=(
                    _("Done on %(day)s.")
                    % {"day": date_format(item.done_on or item.entry.end_on, "DATE_FORMAT")}
                    if item.status == TopicStatus.DONE
                    else ""
                ),
                skipped_note=(
                    _("Skipped: not part of your study any more.")
                    if item.status == TopicStatus.SKIPPED
                    else ""
                ),
            )
        )
    for block_items in blocks.values():
        block = block_items[0].topic.block
        result.append(
            CalendarItem(
                f"{uid}-block-{block.slug}",
                _("Weeks %(weeks)s: %(title)s")
                % {"weeks": f"{block.week_from}-{block.week_to}", "title": block.title},
                min(i.entry.start_on for i in block_items),
                max(i.entry.end_on for i in block_items),
                ", ".join(i.topic.title for i in block_items),
                _("Block"),
            )
        )
    for practice in Practice.objects.filter(curriculum_id=enrolment.curriculum_id):
        if practice.month_id in months:
            due = months[practice.month_id]
            result.append(
                CalendarItem(
                    f"{uid}-practice-{practice.slug}",
                    (
                        _("Capstone due: %(text)s")
                        if practice.is_capstone
                        else _("Practice due: %(text)s")
                    )
                    % {"text": practice.text},
                    due,
                    due,
                    category=_("Practice"),
                )
            )
    for milestone in Milestone.objects.filter(curriculum_id=enrolment.curriculum_id):
        if milestone.after_month_id in months:
            due = months[milestone.after_month_id]
            result.append(
                CalendarItem(
                    f"{uid}-milestone-{milestone.slug}",
                    _("Milestone %(number)s: %(text)s")
                    % {"number": milestone.number, "text": milestone.text},
                    due,
                    due,
                    category=_("Milestone"),
                )
            )
    return result


def slipped_enrolment_ids(*, before: date) -> list[int]:
    """Current enrolments with a topic planned to end before `before` and not finished:
    the candidates for the nightly replan (each is checked again on the learner's day)."""
    unfinished = PlanEntry.objects.filter(end_on__lt=before, enrolment__is_current=True).exclude(
        topic_id__in=TopicProgress.objects.filter(
            learner_id=models.OuterRef("enrolment__learner_id"), status__in=FINISHED
        ).values("topic_id")
    )
    return sorted(set(unfinished.values_list("enrolment_id", flat=True)))
