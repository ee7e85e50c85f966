"""The admin for question authors: browse and search the bank. Questions are written as
files (YAML or GIFT) and imported, so that the bank's rules are checked in one place; the
admin shows them read-only."""

from __future__ import annotations

from django.contrib import admin

from skillpath.knowledge.models import Question


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["slug", "topic", "kind", "difficulty", "practical"]
    list_filter = ["curriculum", "kind", "difficulty", "practical"]
    search_fields = ["slug", "topic__slug"]
    ordering = ["curriculum", "position"]
    list_select_related = ["topic"]
    readonly_fields = [f.name for f in Question._meta.fields]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
