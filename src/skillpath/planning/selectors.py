"""Reads of learners' plans: the current enrolment, the plan, what to do today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404

from skillpath.core.dates import week_start
from skillpath.planning.models import Enrolment, PlanEntry
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
    return list(
        Enrolment.objects.select_related("curriculum")
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
    statuses = dict(
        TopicProgress.objects.filter(
            learner_id=enrolment.learner_id, topic__curriculum_id=enrolment.curriculum_id
        ).values_list("topic_id", "status")
    )
    return [PlannedItem(e, statuses.get(e.topic_id, TopicStatus.NOT_STARTED)) for e in entries]


@dataclass(frozen=True)
class TodayView:
    enrolment: Enrolment
    today: date
    today_items: list[PlannedItem]
    week_items: list[PlannedItem]
    overdue: list[PlannedItem]
    timer: Timer | None

    @property
    def week_on(self) -> date:
        return week_start(self.today)


def today_view(enrolment: Enrolment, today: date) -> TodayView:
    """What to study today and this week, what is overdue, and the running timer."""
    items = [i for i in plan_items(enrolment) if not i.is_finished]
    monday = week_start(today)
    sunday = monday + timedelta(days=6)
    return TodayView(
        enrolment=enrolment,
        today=today,
        today_items=[i for i in items if i.entry.start_on <= today <= i.entry.end_on],
        week_items=[i for i in items if i.entry.start_on <= sunday and i.entry.end_on >= monday],
        overdue=[i for i in items if i.entry.baseline_end_on < today],
        timer=Timer.objects.select_related("topic").filter(learner_id=enrolment.learner_id).first(),
    )
