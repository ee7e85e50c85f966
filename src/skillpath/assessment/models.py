"""Assessment: monthly activities, milestone gates, the level rubric, KPIs and the skills
matrix.

The KPIs measured from git (docs/kpi.md): a learner registers repositories (`Repository`)
and the addresses they commit with (`AuthorAddress`); a scan stores each of their commits
once (`CountedCommit`, unique per learner by hash) with what it adds, and links it to every
registered repository holding it. KPI totals are sums over a learner's counted commits.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Repository(models.Model):
    """A local git repository whose commits count towards its learner's KPIs."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kpi_repositories"
    )
    # The repository's top folder (its git folder if bare), absolute.
    path = models.CharField(_("path"), max_length=1024)
    # HEAD when it was last scanned: the next scan reads only the commits after it.
    last_commit = models.CharField(max_length=64, blank=True)
    # The learner's addresses at that scan: another set of addresses rescans from scratch.
    scanned_authors = models.TextField(blank=True)
    scanned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("repository")
        verbose_name_plural = _("repositories")
        constraints = [
            models.UniqueConstraint(fields=["learner", "path"], name="kpi_repository_unique_path")
        ]

    def __str__(self) -> str:
        return self.path


class AuthorAddress(models.Model):
    """An e-mail address the learner commits with, lower-cased."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kpi_addresses"
    )
    email = models.EmailField(_("e-mail address"))

    class Meta:
        verbose_name = _("author address")
        verbose_name_plural = _("author addresses")
        constraints = [
            models.UniqueConstraint(fields=["learner", "email"], name="kpi_address_unique_email")
        ]

    def __str__(self) -> str:
        return self.email


class CountedCommit(models.Model):
    """One of the learner's commits, counted once however many repositories hold it."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kpi_commits"
    )
    sha = models.CharField(max_length=64)
    authored_at = models.DateTimeField()
    # Non-blank lines of code added, in all and by language ({"Python": 12}); test lines
    # are among them and also apart.
    lines = models.PositiveIntegerField(default=0)
    lines_by_language = models.JSONField(default=dict)
    test_lines = models.PositiveIntegerField(default=0)
    docs_pages = models.PositiveIntegerField(default=0)
    repositories = models.ManyToManyField(Repository, related_name="commits")

    class Meta:
        verbose_name = _("counted commit")
        verbose_name_plural = _("counted commits")
        constraints = [
            models.UniqueConstraint(fields=["learner", "sha"], name="kpi_commit_unique_sha")
        ]

    def __str__(self) -> str:
        return self.sha[:12]


# --- KPIs on the platform: the learner's entries with evidence (docs/kpi.md) ------------


class KpiEntry(models.Model):
    """Something that counts towards one of a curriculum's entered KPIs — a certification,
    a talk, a post, new connections — with the date it happened and its evidence."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kpi_entries"
    )
    curriculum = models.ForeignKey(
        "curriculum.Curriculum", on_delete=models.CASCADE, related_name="kpi_entries"
    )
    # A KpiTarget's slug in the curriculum; slugs survive re-imports.
    kpi = models.SlugField(_("KPI"), max_length=100)
    amount = models.PositiveIntegerField(_("amount"), default=1)
    happened_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    evidence_url = models.URLField(_("evidence URL"), max_length=2000, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-id"]
        indexes = [models.Index(fields=["learner", "curriculum", "kpi"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=1), name="kpi_entry_amount_1")
        ]
        verbose_name = _("KPI entry")
        verbose_name_plural = _("KPI entries")

    def __str__(self) -> str:
        return f"{self.kpi}: {self.title}"


# --- The level check and milestone gates (issue 9, part 2) -----------------------------------
# An assessment is stored as an immutable snapshot of the whole result (docs/assessment.md);
# a milestone's sign-off points at the snapshot it was based on.


class SnapshotImmutableError(Exception):
    """An assessment snapshot is written once and never changed."""


class AssessmentSnapshot(models.Model):
    """One assessment of a learner against a curriculum's rubric, as it was at `taken_at`:
    `document` holds every criterion's met/figure/threshold/evidence/missing (both languages
    for the missing text). Never updated: a new assessment is a new snapshot."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_snapshots"
    )
    curriculum = models.ForeignKey(
        "curriculum.Curriculum", on_delete=models.CASCADE, related_name="+"
    )
    taken_at = models.DateTimeField(_("taken at"))
    rubric_version = models.CharField(_("rubric version"), max_length=40)
    # The level of the highest gate passed with every earlier one (before sign-off).
    level = models.CharField(_("level"), max_length=40, blank=True)
    milestone = models.PositiveSmallIntegerField(_("milestone"), null=True, blank=True)
    document = models.JSONField(_("document"))

    class Meta:
        ordering = ["-taken_at", "-id"]
        indexes = [models.Index(fields=["learner", "curriculum", "-taken_at"])]
        verbose_name = _("assessment snapshot")
        verbose_name_plural = _("assessment snapshots")

    def __str__(self) -> str:
        return f"{self.taken_at:%Y-%m-%d %H:%M} {self.level or '—'}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        # History is only honest if a snapshot cannot be rewritten after the fact.
        if not self._state.adding:
            raise SnapshotImmutableError("an assessment snapshot cannot be changed")
        super().save(*args, **kwargs)


class MilestoneSignOff(models.Model):
    """A milestone's gate signed off for a learner: by a mentor, or self-assessed by the
    learner where the installation has no mentor (marked)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="milestone_sign_offs"
    )
    curriculum = models.ForeignKey(
        "curriculum.Curriculum", on_delete=models.CASCADE, related_name="+"
    )
    milestone = models.PositiveSmallIntegerField(_("milestone"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed by"),
    )
    is_self_assessed = models.BooleanField(_("self-assessed"), default=False)
    snapshot = models.ForeignKey(
        AssessmentSnapshot, on_delete=models.PROTECT, related_name="sign_offs"
    )
    comment = models.TextField(_("comment"), blank=True)
    signed_at = models.DateTimeField(_("signed at"))

    class Meta:
        ordering = ["milestone"]
        verbose_name = _("milestone sign-off")
        verbose_name_plural = _("milestone sign-offs")
        permissions = [("sign_off_milestone", _("Can sign off a learner's milestone"))]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "curriculum", "milestone"], name="assessment_sign_off_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} milestone {self.milestone}"


# --- Monthly activities and mock interviews (issue 9, part "activities") ----------------------
# Each month the learner reaches holds four activities (docs/assessment.md, "Monthly
# activities"): planned until the learner submits evidence, then signed off or returned by a
# mentor; a learner without a mentor may self-assess, and the row says so.


class ActivityKind(models.TextChoices):
    CODE_REVIEW = "code_review", _("Code review")
    PRESENTATION = "presentation", _("Technical presentation")
    PAIR_PROGRAMMING = "pair_programming", _("Pair programming")
    MOCK_INTERVIEW = "mock_interview", _("Mock interview")


class ActivityState(models.TextChoices):
    PLANNED = "planned", _("planned")
    SUBMITTED = "submitted", _("submitted")
    SIGNED_OFF = "signed_off", _("signed off")
    RETURNED = "returned", _("returned")


class Activity(models.Model):
    """One of a month's four activities for one learner, with its evidence."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activities"
    )
    curriculum = models.ForeignKey(
        "curriculum.Curriculum", on_delete=models.CASCADE, related_name="+"
    )
    month = models.PositiveSmallIntegerField(_("month"))
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    state = models.CharField(
        _("state"), max_length=12, choices=ActivityState.choices, default=ActivityState.PLANNED
    )
    # Evidence: http(s) addresses (checked by the services), notes, the day it took place.
    links = models.JSONField(_("links"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    done_on = models.DateField(_("date"), null=True, blank=True)
    # Pair programming: a user of the platform, or a name.
    partner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    partner_name = models.CharField(_("partner"), max_length=150, blank=True)
    slides_url = models.URLField(_("slides"), max_length=500, blank=True)
    repository_url = models.URLField(_("repository"), max_length=500, blank=True)
    commit = models.CharField(_("commit"), max_length=64, blank=True)
    is_self_assessed = models.BooleanField(_("self-assessed"), default=False)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewer_comment = models.TextField(_("reviewer's comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["month", "id"]
        permissions = [
            ("sign_off_activity", _("Can sign off or return other learners' activities")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "curriculum", "month", "kind"], name="activity_unique_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner_id}: month {self.month} {self.kind}"


class ActivityEvent(models.Model):
    """One step of an activity's history: who moved it to which state, with what comment."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    state = models.CharField(max_length=12, choices=ActivityState.choices)
    is_self_assessed = models.BooleanField(default=False)
    comment = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("activity event")
        verbose_name_plural = _("activity events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.activity_id} → {self.state}"


class Interview(models.Model):
    """A mock interview run from a level's set, attached to a mock_interview activity.

    `marks` holds, per asked question slug, {"ticked": [point indexes], "depth": 0-2 or
    null}; `percent` is `interviews.score_interview` of them once finished."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="interviews")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    level = models.CharField(_("level"), max_length=20)
    marks = models.JSONField(default=dict, blank=True)
    percent = models.FloatField(null=True, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"{self.level} interview {self.pk}"


# --- Skills matrix and career track (issue 9, part "skills") -----------------------------------
# The plan's key skills (technical, leadership, business) and the skills each phase teaches
# (its months' subjects), rated 1–5 by the learner and by a mentor. Ratings are kept over time
# (one per subject, rater side and day), so the matrix can show now against three months ago.


class SkillKind(models.TextChoices):
    KEY = "key", _("Key skill")
    PHASE = "phase", _("Skill of a phase")


class SkillRating(models.Model):
    """A rating of one skill on one day, by the learner themself or by a mentor."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skill_ratings"
    )
    curriculum = models.ForeignKey(
        "curriculum.Curriculum", on_delete=models.CASCADE, related_name="+"
    )
    # The skill by slug, not by key: a re-imported curriculum keeps its slugs, not its rows.
    kind = models.CharField(_("kind"), max_length=8, choices=SkillKind.choices)
    slug = models.SlugField(_("skill"), max_length=100)
    score = models.PositiveSmallIntegerField(_("score"))
    by_mentor = models.BooleanField(_("by a mentor"), default=False)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rated by"),
    )
    rated_on = models.DateField(_("date"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("skill rating")
        verbose_name_plural = _("skill ratings")
        ordering = ["rated_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "curriculum", "kind", "slug", "by_mentor", "rated_on"],
                name="skill_rating_once_a_day",
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="skill_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id}: {self.kind}/{self.slug} = {self.score}"


class CareerChoice(models.Model):
    """The career track (and, if chosen, the role) a learner aims at in a curriculum."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="career_choices"
    )
    curriculum = models.ForeignKey(
        "curriculum.Curriculum", on_delete=models.CASCADE, related_name="+"
    )
    track = models.SlugField(_("career track"), max_length=100)
    role = models.SlugField(_("role"), max_length=100, blank=True)
    chosen_at = models.DateTimeField(_("chosen at"))

    class Meta:
        verbose_name = _("career choice")
        verbose_name_plural = _("career choices")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "curriculum"], name="career_choice_one_per_curriculum"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner_id}: {self.track}/{self.role}"
