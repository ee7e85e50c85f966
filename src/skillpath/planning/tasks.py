"""Background work of the planning app: the nightly replan of plans that slipped."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from skillpath.planning import selectors, services


@shared_task
def replan_if_slipped_task(enrolment_id: int) -> bool:
    """Replan one enrolment if its plan slipped; once a day however often it runs."""
    return services.replan_if_slipped(enrolment_id=enrolment_id)


@shared_task
def replan_slipped_plans_task() -> int:
    """Beat, hourly: one task per enrolment that may have slipped, so that each learner is
    replanned soon after midnight where they are. Returns how many were sent."""
    # A day ahead of UTC covers every time zone; the task checks the learner's own day.
    before = timezone.now().date() + timedelta(days=1)
    ids = selectors.slipped_enrolment_ids(before=before)
    for enrolment_id in ids:
        replan_if_slipped_task.delay(enrolment_id)
    return len(ids)
