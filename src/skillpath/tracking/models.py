"""Tracking: what a learner actually did — study sessions, the running timer, topic
status with notes and evidence, the parts of resources read, certifications planned and
earned, the resources a learner added, and per-day rollups kept up to date on every write
so dashboards read a year of activity in one small query."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from skillpath.curriculum.models import (
    Certification,
    Curriculum,
    PartKind,
    Resource,
    ResourceKind,
    ResourcePart,
    TimeKind,
    Topic,
)


class TopicStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Skipped")


class StudySession(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="study_sessions"
    )
    kind = models.CharField(max_length=20, choices=TimeKind.choices)
    topic = models.ForeignKey(
        Topic, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What the time was spent on: one of the plan's resources or one the learner added.
    resource = models.ForeignKey(
        Resource, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    own_resource = models.ForeignKey(
        "LearnerResource", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField()
    minutes = models.PositiveIntegerField()
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["learner", "started_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__gt=models.F("started_at")), name="tracking_session_forward"
            ),
            models.CheckConstraint(
                condition=Q(resource__isnull=True) | Q(own_resource__isnull=True),
                name="tracking_session_one_resource",
            ),
        ]
        verbose_name = _("study session")
        verbose_name_plural = _("study sessions")

    def __str__(self) -> str:
        return f"{self.kind} {self.started_at:%Y-%m-%d %H:%M} ({self.minutes} min)"


class Timer(models.Model):
    """A running timer: one per learner, kept in the database so it survives restarts."""

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="timer"
    )
    kind = models.CharField(max_length=20, choices=TimeKind.choices)
    topic = models.ForeignKey(
        Topic, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField()
    note = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"timer since {self.started_at:%Y-%m-%d %H:%M}"


class TopicProgress(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_progress"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        max_length=20, choices=TopicStatus.choices, default=TopicStatus.NOT_STARTED
    )
    started_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "topic"], name="tracking_progress_once")
        ]
        indexes = [models.Index(fields=["learner", "status", "done_on"])]

    def __str__(self) -> str:
        return f"{self.topic_id}: {self.status}"


class EvidenceLink(models.Model):
    progress = models.ForeignKey(TopicProgress, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=500)
    title = models.CharField(max_length=200, blank=True)
    # Shown on the learner's public progress page (when that page is on); private by default.
    is_public = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["progress", "url"], name="tracking_evidence_once")
        ]

    def __str__(self) -> str:
        return self.url


def new_public_token() -> str:
    # As unguessable as the calendar's private address (planning.models.new_calendar_token).
    return secrets.token_urlsafe(24)


class PublicPage(models.Model):
    """The learner's opt-in, read-only progress page at a secret address. Off until the
    learner turns it on; revoking gives it a new token, and the old address is gone."""

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="public_page"
    )
    is_enabled = models.BooleanField(default=False)
    token = models.CharField(max_length=64, unique=True, default=new_public_token)
    # The only name the page shows; the username and e-mail never appear there.
    display_name = models.CharField(max_length=80, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"public page of {self.learner_id} ({'on' if self.is_enabled else 'off'})"


class DailyActivity(models.Model):
    """Minutes studied per learner, day (in the learner's time zone) and kind: a rollup
    maintained by the session services, read by the dashboard, heatmap and reports."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    theory_minutes = models.PositiveIntegerField(default=0)
    practice_minutes = models.PositiveIntegerField(default=0)
    research_minutes = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "day"], name="tracking_daily_once")
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.total_minutes} min"

    @property
    def total_minutes(self) -> int:
        return self.theory_minutes + self.practice_minutes + self.research_minutes


class LearnerResource(models.Model):
    """A resource a learner added (a course they prefer), attached to a topic of their
    curriculum: tracked like the plan's, seen only by its owner. Its slug is unique among
    the owner's resources and never one of the curriculum's, so `--resource SLUG` names
    exactly one."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="own_resources"
    )
    curriculum = models.ForeignKey(Curriculum, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(
        Topic, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    slug = models.SlugField(max_length=100)
    kind = models.CharField(max_length=20, choices=ResourceKind.choices)
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "slug"], name="tracking_own_resource_slug")
        ]

    def __str__(self) -> str:
        return self.title


class LearnerResourcePart(models.Model):
    """A chapter or module of a learner's own resource (slug "part-N" by place)."""

    resource = models.ForeignKey(LearnerResource, on_delete=models.CASCADE, related_name="parts")
    slug = models.SlugField(max_length=100)
    kind = models.CharField(max_length=20, choices=PartKind.choices, default=PartKind.CHAPTER)
    title = models.CharField(max_length=200)
    pages = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "slug"], name="tracking_own_part_slug")
        ]

    def __str__(self) -> str:
        return self.title


class PartDone(models.Model):
    """One part of a resource the learner finished, and when: a row per learner and part
    (of the plan's resource, or of one of the learner's own)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="parts_done"
    )
    part = models.ForeignKey(ResourcePart, on_delete=models.CASCADE, null=True, related_name="+")
    own_part = models.ForeignKey(
        LearnerResourcePart, on_delete=models.CASCADE, null=True, related_name="done"
    )
    done_on = models.DateField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(part__isnull=False, own_part__isnull=True)
                | Q(part__isnull=True, own_part__isnull=False),
                name="tracking_part_done_one_part",
            ),
            models.UniqueConstraint(
                fields=["learner", "part"],
                condition=Q(part__isnull=False),
                name="tracking_part_done_once",
            ),
            models.UniqueConstraint(
                fields=["learner", "own_part"],
                condition=Q(own_part__isnull=False),
                name="tracking_own_part_done_once",
            ),
        ]

    def __str__(self) -> str:
        return f"part {self.part_id or self.own_part_id} done {self.done_on}"


class CertificationGoal(models.Model):
    """A certification the learner plans (a target date) or has earned (the date and a link
    to the evidence); earned ones count towards the certifications KPI."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certification_goals"
    )
    certification = models.ForeignKey(Certification, on_delete=models.CASCADE, related_name="+")
    target_on = models.DateField(null=True, blank=True)
    earned_on = models.DateField(null=True, blank=True)
    evidence_url = models.URLField(max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "certification"], name="tracking_certification_once"
            ),
            models.CheckConstraint(
                condition=Q(earned_on__isnull=True) | ~Q(evidence_url=""),
                name="tracking_earned_with_evidence",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certification_id}: {'earned' if self.earned_on else 'planned'}"

    @property
    def is_earned(self) -> bool:
        return self.earned_on is not None


class WeekRecord(models.Model):
    """A finished week's report as it stood when the week ended, kept once per enrolment and
    week by a background task (tracking.tasks): a later replan rewrites the plan rows the
    live report reads, so without it a past week's "planned" figures would move."""

    enrolment = models.ForeignKey(
        "planning.Enrolment", on_delete=models.CASCADE, related_name="week_records"
    )
    week_on = models.DateField()  # the week's Monday
    report = models.JSONField(encoder=DjangoJSONEncoder)  # WeeklyReport.as_dict()
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "week_on"], name="tracking_week_once")
        ]

    def __str__(self) -> str:
        return f"week of {self.week_on} ({self.enrolment_id})"
