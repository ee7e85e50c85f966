"""Reads of the monthly activities and mock interviews, each in a fixed number of queries,
and the two feeds of the level rubric's evidence (`signed_off_activities`,
`interview_results`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.db.models import Min, Q

from skillpath.assessment import activities, rubric
from skillpath.assessment.interviews import InterviewSet, load_interview_sets
from skillpath.assessment.models import Activity, ActivityState, Interview
from skillpath.curriculum.models import Curriculum
from skillpath.planning.models import Enrolment, PlanEntry

SIGN_OFF_PERMISSION = "assessment.sign_off_activity"


def is_mentor(user: AbstractBaseUser) -> bool:
    """Whether `user` may sign off other learners' activities (Django caches the answer on
    the user object: two queries the first time)."""
    return bool(user.is_authenticated and user.has_perm(SIGN_OFF_PERMISSION))


def learner_has_mentor(learner: AbstractBaseUser) -> bool:
    """Whether someone can sign off `learner`'s activities (one query).

    For now "a mentor" is any other active user of the installation holding the permission
    (directly, through a group, or as a superuser); the people app's mentoring will narrow
    it to the learner's own mentors by replacing this one function."""
    permission = Q(
        user_permissions__codename="sign_off_activity",
        user_permissions__content_type__app_label="assessment",
    ) | Q(
        groups__permissions__codename="sign_off_activity",
        groups__permissions__content_type__app_label="assessment",
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(pk=learner.pk)
        .filter(permission | Q(is_superuser=True))
        .exists()
    )


def sign_off_permission() -> Permission:
    return Permission.objects.get(
        codename="sign_off_activity", content_type__app_label="assessment"
    )


def first_days_of_months(enrolment: Enrolment) -> dict[int, date]:
    """Each planned month's number → the day its first topic starts (one query)."""
    rows = (
        PlanEntry.objects.filter(enrolment=enrolment)
        .values("topic__block__month__number")
        .annotate(first=Min("start_on"))
        .values_list("topic__block__month__number", "first")
    )
    return dict(rows)


def months_reached(enrolment: Enrolment, today: date) -> tuple[int, ...]:
    """The months of the learner's plan up to today's (one query)."""
    return activities.months_reached(first_days_of_months(enrolment), today)


def _ordered(rows: Iterable[Activity]) -> list[Activity]:
    position = {kind: n for n, kind in enumerate(activities.KINDS)}
    return sorted(rows, key=lambda a: (a.month, position.get(a.kind, 9)))


def _activities(learner: AbstractBaseUser, curriculum: Curriculum):  # type: ignore[no-untyped-def]
    return Activity.objects.filter(learner_id=learner.pk, curriculum=curriculum).select_related(
        "partner_user", "reviewer"
    )


def month_activities(
    learner: AbstractBaseUser, curriculum: Curriculum, month: int
) -> list[Activity]:
    """The learner's activities of one month, in the plan's order (one query)."""
    return _ordered(_activities(learner, curriculum).filter(month=month))


def activities_of_months(
    learner: AbstractBaseUser, curriculum: Curriculum, months: Iterable[int]
) -> list[Activity]:
    """The learner's activities of the given months, by month and kind (one query)."""
    return _ordered(_activities(learner, curriculum).filter(month__in=list(months)))


def waiting_for_sign_off(*, reviewer: AbstractBaseUser) -> list[Activity]:
    """Other learners' submitted activities, oldest first (one query)."""
    return list(
        Activity.objects.filter(state=ActivityState.SUBMITTED)
        .exclude(learner_id=reviewer.pk)
        .select_related("learner", "curriculum", "partner_user")
        .order_by("submitted_at", "id")
    )


def activity_for(user: AbstractBaseUser, activity_id: int) -> Activity | None:
    """The activity if `user` may see it — their own, or any as a mentor — else None, so
    another learner's activity is not found (one query, plus the permission check)."""
    activity = (
        Activity.objects.select_related("learner", "curriculum", "partner_user", "reviewer")
        .filter(pk=activity_id)
        .first()
    )
    if activity is None:
        return None
    if activity.learner_id == user.pk or is_mentor(user):
        return activity
    return None


def activity_history(activity: Activity) -> tuple[list, list[Interview]]:
    """The activity's events (with their actors) and its interviews (two queries)."""
    events = list(activity.events.select_related("actor"))
    interviews = list(activity.interviews.select_related("interviewer"))
    return events, interviews


def interview_for(user: AbstractBaseUser, interview_id: int) -> Interview | None:
    """An interview of an activity `user` may see, else None."""
    interview = (
        Interview.objects.select_related("activity__learner", "activity__curriculum")
        .filter(pk=interview_id)
        .first()
    )
    if interview is None:
        return None
    if interview.activity.learner_id == user.pk or is_mentor(user):
        return interview
    return None


@dataclass(frozen=True)
class MonthCard:
    """Today's and the dashboard's line: this month's activities, how many are in."""

    month: int
    submitted: int
    total: int = len(activities.KINDS)


def month_card(enrolment: Enrolment, today: date) -> MonthCard | None:
    """The current month's activities card, or None before the plan starts (two queries)."""
    reached = months_reached(enrolment, today)
    if not reached:
        return None
    month = reached[-1]
    states = dict(
        Activity.objects.filter(
            learner_id=enrolment.learner_id, curriculum_id=enrolment.curriculum_id, month=month
        ).values_list("kind", "state")
    )
    return MonthCard(month=month, submitted=activities.submitted_count(states))


# --- The rubric's evidence -------------------------------------------------------------------


def signed_off_activities(
    learner: AbstractBaseUser, curriculum: Curriculum
) -> tuple[rubric.SignedOffActivity, ...]:
    """The learner's signed-off activities (self-assessed ones too) as the rubric reads
    them (one query)."""
    rows = (
        Activity.objects.filter(
            learner_id=learner.pk, curriculum=curriculum, state=ActivityState.SIGNED_OFF
        )
        .order_by("month", "id")
        .values_list("month", "kind", "id")
    )
    return tuple(rubric.SignedOffActivity(month, kind, pk) for month, kind, pk in rows)


def interview_results(learner: AbstractBaseUser) -> tuple[rubric.InterviewResult, ...]:
    """The learner's finished mock interviews, as the rubric reads them (one query)."""
    rows = (
        Interview.objects.filter(activity__learner_id=learner.pk, finished_at__isnull=False)
        .order_by("finished_at", "id")
        .values_list("level", "percent", "id")
    )
    return tuple(rubric.InterviewResult(level, percent or 0.0, pk) for level, percent, pk in rows)


# --- Interview sets ----------------------------------------------------------------------


def interview_sets_dir(curriculum: Curriculum) -> Path:
    return Path(settings.CONTENT_DIR) / "curricula" / curriculum.slug


@lru_cache(maxsize=8)
def _sets(folder: str) -> dict[str, InterviewSet]:
    return load_interview_sets(Path(folder))


def interview_sets(curriculum: Curriculum) -> dict[str, InterviewSet]:
    """The curriculum's interview sets by level (read once per process); {} without any."""
    return _sets(str(interview_sets_dir(curriculum)))
