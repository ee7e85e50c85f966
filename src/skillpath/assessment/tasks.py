"""Background work of the assessment app: plain functions a task queue can call later."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from skillpath.assessment import services


def scan_kpis_task(learner_id: int) -> int:
    """Scan every registered repository of the learner; returns how many commits were newly
    counted. Safe to run twice: a second run finds nothing new."""
    learner = get_user_model().objects.get(pk=learner_id)
    return sum(scan.counted for scan in services.scan_kpis(learner=learner))
