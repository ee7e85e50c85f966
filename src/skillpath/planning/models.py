"""Planning: a learner's enrolment in a curriculum and the dated plan made from it.

The plan is rebuilt by `services.replan` (a pure scheduler underneath) and kept as one row
per topic, so pages can ask "what is planned this week" with one indexed query.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from skillpath.curriculum.models import Curriculum, Topic

MIN_HOURS_PER_WEEK = 1
MAX_HOURS_PER_WEEK = 80


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Pace(models.TextChoices):
    MONTHS_18 = "18", _("18 months (the plan's pace)")
    MONTHS_21 = "21", _("21 months")
    MONTHS_24 = "24", _("24 months")
    CUSTOM = "custom", _("Custom target date")


class Enrolment(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    curriculum = models.ForeignKey(Curriculum, on_delete=models.PROTECT, related_name="+")
    start_on = models.DateField()
    hours_per_week = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        validators=[
            MinValueValidator(MIN_HOURS_PER_WEEK),
            MaxValueValidator(MAX_HOURS_PER_WEEK),
        ],
    )
    # Study weekdays as digits, 0 = Monday ... 6 = Sunday: "01234" is Monday to Friday.
    study_weekdays = models.CharField(max_length=7, default="012345")
    pace = models.CharField(max_length=10, choices=Pace.choices, default=Pace.MONTHS_18)
    target_on = models.DateField()
    is_current = models.BooleanField(default=True)
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now_add=True)
    planned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "curriculum"], name="planning_one_enrolment_per_curriculum"
            ),
            models.UniqueConstraint(
                fields=["learner"],
                condition=Q(is_current=True),
                name="planning_one_current_enrolment",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=MIN_HOURS_PER_WEEK)
                & Q(hours_per_week__lte=MAX_HOURS_PER_WEEK),
                name="planning_hours_per_week_in_range",
            ),
        ]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self) -> str:
        return f"{self.learner} → {self.curriculum.slug}"

    @property
    def weekdays(self) -> frozenset[int]:
        return frozenset(int(d) for d in self.study_weekdays)


class DayOff(models.Model):
    """Days off and holidays: no study is planned from `start_on` to `end_on` inclusive."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="days_off")
    start_on = models.DateField()
    end_on = models.DateField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["start_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__gte=models.F("start_on")), name="planning_day_off_forward"
            )
        ]
        verbose_name = _("day off")
        verbose_name_plural = _("days off")

    def __str__(self) -> str:
        return f"{self.start_on}–{self.end_on}"


class PlanEntry(models.Model):
    """When a topic is planned: rebuilt on every replan, except for finished topics."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="entries")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()
    start_on = models.DateField()
    end_on = models.DateField()
    minutes = models.PositiveIntegerField()
    # When the topic was due in the plan made at enrolment: replans move `end_on`, not
    # this, so reports and the burn-up chart can say whether a week fell behind.
    baseline_end_on = models.DateField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "topic"], name="planning_entry_once")
        ]
        indexes = [models.Index(fields=["enrolment", "start_on", "end_on"])]

    def __str__(self) -> str:
        return f"{self.topic_id}: {self.start_on}–{self.end_on}"
