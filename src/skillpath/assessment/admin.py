from django.contrib import admin

from skillpath.assessment.models import AuthorAddress, CountedCommit, KpiEntry, Repository


@admin.register(Repository)
class RepositoryAdmin(admin.ModelAdmin):
    list_display = ("path", "learner", "last_commit", "scanned_at")
    list_filter = ("learner",)


@admin.register(AuthorAddress)
class AuthorAddressAdmin(admin.ModelAdmin):
    list_display = ("email", "learner")


@admin.register(CountedCommit)
class CountedCommitAdmin(admin.ModelAdmin):
    list_display = ("sha", "learner", "authored_at", "lines", "test_lines", "docs_pages")
    list_filter = ("learner",)
    search_fields = ("sha",)


@admin.register(KpiEntry)
class KpiEntryAdmin(admin.ModelAdmin):
    list_display = ("kpi", "title", "amount", "happened_on", "learner")
    list_filter = ("kpi", "learner")


# --- The level check and milestone gates --------------------------------------------------
from skillpath.assessment.models import AssessmentSnapshot, MilestoneSignOff  # noqa: E402


class _ReadOnly(admin.ModelAdmin):
    """History is kept as it was: the admin shows snapshots and sign-offs, never edits them."""

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(AssessmentSnapshot)
class AssessmentSnapshotAdmin(_ReadOnly):
    list_display = ("taken_at", "learner", "curriculum", "level", "milestone", "rubric_version")
    list_filter = ("learner",)


@admin.register(MilestoneSignOff)
class MilestoneSignOffAdmin(_ReadOnly):
    list_display = ("learner", "milestone", "signed_by", "is_self_assessed", "signed_at")
    list_filter = ("learner",)
