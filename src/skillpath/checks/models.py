"""Practice checks: every run of a check suite against a learner's program, with its whole
result document. A practice or project is passed once one run passed every stage."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from skillpath.checks.invocation import page_command
from skillpath.checks.results import replay_command

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class RunStatus(models.TextChoices):
    PASS = "pass", _("Passed")
    FAIL = "fail", _("Failed")
    ERROR = "error", _("Checker error")


class CheckRun(models.Model):
    learner: models.ForeignKey[AbstractBaseUser, AbstractBaseUser] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_runs"
    )
    # A suite's slug (skillpath.checks.suites); suites live in code, not in the database.
    suite: models.CharField[str, str] = models.CharField(max_length=100)
    status: models.CharField[str, str] = models.CharField(max_length=10, choices=RunStatus.choices)
    is_complete_pass: models.BooleanField[bool, bool] = models.BooleanField(default=False)
    stages_passed: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField()
    stages_total: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField()
    seed: models.PositiveIntegerField[int, int] = models.PositiveIntegerField()
    target: models.CharField[str, str] = models.CharField(max_length=500, blank=True)
    duration_seconds: models.FloatField[float, float] = models.FloatField()
    result: models.JSONField[Any, Any] = models.JSONField()
    created_at: models.DateTimeField[datetime, datetime] = models.DateTimeField(
        default=timezone.now
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["learner", "suite", "-created_at"])]
        verbose_name = _("check run")
        verbose_name_plural = _("check runs")

    def __str__(self) -> str:
        return f"{self.suite} {self.status} ({self.stages_passed}/{self.stages_total})"

    @property
    def replay_command(self) -> str:
        """The command that runs this check again against the same target, same seed, as
        the run's page shows it (checks.invocation.page_command)."""
        target = self.result.get("target") or {}
        return replay_command(
            suite=self.suite,
            url=target.get("url"),
            cmd=target.get("cmd"),
            seed=self.seed,
            program=page_command(),
        )
