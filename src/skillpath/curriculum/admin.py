"""The admin for curriculum authors: every item editable in both languages.

Structural changes (adding months, renumbering) are better made in the plan file and
re-imported; the admin is for fixing texts, translations and estimates.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.forms import Textarea

from skillpath.curriculum import models as m

SHORT_TEXT = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 80})}}


class ItemAdmin(admin.ModelAdmin):
    formfield_overrides = SHORT_TEXT
    list_filter = ["curriculum"]
    search_fields = ["slug"]
    ordering = ["curriculum", "position"]
    readonly_fields = ["curriculum"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        # New items come from an import, so that slugs and order stay consistent.
        return False


class BlockInline(admin.TabularInline):
    model = m.Block
    fields = ["slug", "week_from", "week_to", "title_ru", "title_en"]
    readonly_fields = ["slug"]
    extra = 0
    can_delete = False
    formfield_overrides = SHORT_TEXT


class TopicInline(admin.TabularInline):
    model = m.Topic
    fields = ["slug", "title_ru", "title_en", "description_ru", "description_en", "estimated_hours"]
    readonly_fields = ["slug"]
    extra = 0
    can_delete = False
    formfield_overrides = SHORT_TEXT


class TopicPointInline(admin.TabularInline):
    model = m.TopicPoint
    fields = ["kind", "text_ru", "text_en"]
    readonly_fields = ["kind"]
    extra = 0
    can_delete = False
    formfield_overrides = SHORT_TEXT


class TopicMaterialInline(admin.TabularInline):
    model = m.TopicMaterial
    fields = ["slug", "kind", "title_ru", "title_en", "url", "language", "minutes"]
    readonly_fields = ["slug"]
    extra = 0
    can_delete = False
    formfield_overrides = SHORT_TEXT


class ResourcePartInline(admin.TabularInline):
    model = m.ResourcePart
    fields = ["slug", "kind", "group_ru", "group_en", "title_ru", "title_en", "pages", "weight"]
    readonly_fields = ["slug", "kind"]
    extra = 0
    can_delete = False
    formfield_overrides = SHORT_TEXT


class CertificationInline(admin.TabularInline):
    model = m.Certification
    fields = ["slug", "title_ru", "title_en", "url"]
    readonly_fields = ["slug"]
    extra = 0
    can_delete = False
    formfield_overrides = SHORT_TEXT


@admin.register(m.Curriculum)
class CurriculumAdmin(admin.ModelAdmin):
    formfield_overrides = SHORT_TEXT
    list_display = ["slug", "title_ru", "title_en", "version", "is_builtin", "updated_at"]
    search_fields = ["slug", "title_ru", "title_en"]
    readonly_fields = ["imported_at", "updated_at"]


@admin.register(m.Phase)
class PhaseAdmin(ItemAdmin):
    list_display = ["number", "title_ru", "title_en", "curriculum"]
    search_fields = ["slug", "title_ru", "title_en"]


@admin.register(m.Month)
class MonthAdmin(ItemAdmin):
    list_display = ["number", "title_ru", "title_en", "phase"]
    search_fields = ["slug", "title_ru", "title_en", "goal_ru", "goal_en"]
    readonly_fields = ["curriculum", "phase"]
    inlines = [BlockInline]


@admin.register(m.Block)
class BlockAdmin(ItemAdmin):
    list_display = ["slug", "title_ru", "title_en", "month"]
    search_fields = ["slug", "title_ru", "title_en"]
    readonly_fields = ["curriculum", "month"]
    inlines = [TopicInline]


@admin.register(m.Topic)
class TopicAdmin(ItemAdmin):
    list_display = ["slug", "title_ru", "title_en", "estimated_hours", "block"]
    list_editable = ["estimated_hours"]
    search_fields = ["slug", "title_ru", "title_en", "description_ru", "description_en"]
    readonly_fields = ["curriculum", "block"]
    list_select_related = ["block"]
    inlines = [TopicPointInline, TopicMaterialInline]


@admin.register(m.Practice)
class PracticeAdmin(ItemAdmin):
    list_display = ["slug", "text_ru", "text_en", "is_capstone"]
    search_fields = ["slug", "text_ru", "text_en"]
    readonly_fields = ["curriculum", "month"]


@admin.register(m.Milestone)
class MilestoneAdmin(ItemAdmin):
    list_display = ["number", "text_ru", "text_en", "level", "after_month"]
    readonly_fields = ["curriculum", "after_month"]


@admin.register(m.Project)
class ProjectAdmin(ItemAdmin):
    list_display = ["number", "title_ru", "title_en", "phase"]
    search_fields = ["slug", "title_ru", "title_en", "summary_ru", "summary_en"]
    readonly_fields = ["curriculum", "phase"]


@admin.register(m.Resource)
class ResourceAdmin(ItemAdmin):
    list_display = ["slug", "kind", "title_ru", "title_en", "phase"]
    list_filter = ["curriculum", "kind"]
    readonly_fields = ["curriculum", "phase"]
    inlines = [CertificationInline, ResourcePartInline]


for model, columns in [
    (m.WeeklyTarget, ["kind", "percent", "text_ru", "text_en"]),
    (m.MonthlyActivity, ["slug", "title_ru", "title_en"]),
    (m.LevelCheck, ["label", "text_ru", "text_en"]),
    (m.CareerTrack, ["slug", "title_ru", "title_en"]),
    (m.CareerRole, ["slug", "title_ru", "title_en", "track"]),
    (m.SkillCategory, ["slug", "title_ru", "title_en"]),
    (m.Skill, ["slug", "title_ru", "title_en", "category"]),
    (m.KpiCategory, ["slug", "title_ru", "title_en"]),
    (m.KpiTarget, ["slug", "name_ru", "target_ru", "target_value", "unit", "category"]),
    (m.NextStep, ["slug", "title_ru", "title_en"]),
]:
    admin.site.register(
        model,
        type(
            f"{model.__name__}Admin",
            (ItemAdmin,),
            {
                "list_display": columns,
                "readonly_fields": [
                    "curriculum",
                    *[
                        f.name
                        for f in model._meta.fields
                        if isinstance(f, models.ForeignKey) and f.name != "curriculum"
                    ],
                ],
            },
        ),
    )
