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
