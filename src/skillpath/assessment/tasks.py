"""Background work of the assessment app: the learners' repository KPI scans."""

from __future__ import annotations

from celery import shared_task
from django.contrib.auth import get_user_model

from skillpath.assessment import services
from skillpath.assessment.models import Repository


@shared_task
def scan_kpis_task(learner_id: int) -> int:
    """Scan every registered repository of the learner; returns how many commits were newly
    counted. Safe to run twice: a second run finds nothing new."""
    learner = get_user_model().objects.get(pk=learner_id)
    return sum(scan.counted for scan in services.scan_kpis(learner=learner))


@shared_task
def scan_all_kpis_task() -> int:
    """Beat, daily: one scan task per learner with a registered repository."""
    ids = list(Repository.objects.order_by().values_list("learner_id", flat=True).distinct())
    for learner_id in ids:
        scan_kpis_task.delay(learner_id)
    return len(ids)
