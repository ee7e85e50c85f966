"""Background work of the knowledge app: fitting learners' FSRS parameters to their reviews."""

from __future__ import annotations

import importlib.util
import logging

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db.models import Count

from skillpath.knowledge import services
from skillpath.knowledge.models import Review

logger = logging.getLogger("skillpath.knowledge")


def optimizer_installed() -> bool:
    """Whether the `optimizer` extra (PyTorch) is installed."""
    return importlib.util.find_spec("torch") is not None


@shared_task
def optimize_parameters_task(learner_id: int) -> bool:
    """Fit one learner's FSRS parameters; at most once in 30 days however often it runs."""
    learner = get_user_model().objects.get(pk=learner_id)
    result = services.optimize_parameters(learner)
    if not result.done:
        logger.info("FSRS parameters of learner %s kept: %s", learner_id, result.reason)
    return result.done


@shared_task
def optimize_all_parameters_task() -> int:
    """Beat, daily: one task per learner with enough reviews to fit. Without the optimizer
    extra, nothing to do: one log line says so."""
    if not optimizer_installed():
        logger.info("FSRS optimisation skipped: the optimizer extra is not installed")
        return 0
    ids = list(
        Review.objects.order_by()
        .values("learner_id")
        .annotate(reviews=Count("id"))
        .filter(reviews__gte=services.OPTIMIZE_MIN_REVIEWS)
        .values_list("learner_id", flat=True)
    )
    for learner_id in ids:
        optimize_parameters_task.delay(learner_id)
    return len(ids)
