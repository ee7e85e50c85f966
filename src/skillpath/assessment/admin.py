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
