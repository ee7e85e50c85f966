"""Background work of the tracking app: each finished week's report, recorded once."""

from __future__ import annotations

from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone

from skillpath.core.dates import week_start
from skillpath.tracking import selectors, services


@shared_task
def record_finished_week_task(enrolment_id: int, week_on: str) -> bool:
    """Record the report of the week of Monday `week_on` (ISO date); once per week."""
    return services.record_finished_week(
        enrolment_id=enrolment_id, week_on=date.fromisoformat(week_on)
    )


@shared_task
def record_finished_weeks_task() -> int:
    """Beat, hourly: one task per current enrolment whose last week is not recorded yet.
    Returns how many were sent."""
    # The week that ended by UTC; a learner whose week ends later is sent again next hour
    # (the service checks the learner's own day and writes nothing before).
    last_week_on = week_start(timezone.now().date()) - timedelta(days=7)
    ids = selectors.enrolments_without_week(week_on=last_week_on)
    for enrolment_id in ids:
        record_finished_week_task.delay(enrolment_id, last_week_on.isoformat())
    return len(ids)
