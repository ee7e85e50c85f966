"""Django's admin site with two additions: its login goes through the sign-in throttle's
form, and every change it records (a LogEntry: an addition, a change, a deletion) is also
written to the security log, with who made it and from where."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from skillpath.people.audit import log_admin_changes
from skillpath.web.account_forms import ThrottledAdminLoginForm


class SecurityLoggedAdmin:
    """Mixed into every ModelAdmin of the site. These three methods are where the admin
    records its changes, bulk deletions included (those are saved with bulk_create, which
    sends no post_save signal, so a receiver on LogEntry would miss them)."""

    def log_addition(self, request: HttpRequest, obj: Model, message: Any) -> LogEntry:
        entry = super().log_addition(request, obj, message)  # type: ignore[misc]
        log_admin_changes(request=request, entries=[entry])
        return entry  # type: ignore[no-any-return]

    def log_change(self, request: HttpRequest, obj: Model, message: Any) -> LogEntry:
        entry = super().log_change(request, obj, message)  # type: ignore[misc]
        log_admin_changes(request=request, entries=[entry])
        return entry  # type: ignore[no-any-return]

    def log_deletions(self, request: HttpRequest, queryset: QuerySet[Any]) -> list[LogEntry]:
        entries = super().log_deletions(request, queryset)  # type: ignore[misc]
        log_admin_changes(request=request, entries=entries)
        return entries  # type: ignore[no-any-return]


class SkillpathAdminSite(admin.AdminSite):
    login_form = ThrottledAdminLoginForm

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        # Every registration, ours and Django's own (users, groups), gets the security log.
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, SecurityLoggedAdmin):
            admin_class = type(
                admin_class.__name__,
                (SecurityLoggedAdmin, admin_class),
                {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__},
            )
        super().register(model_or_iterable, admin_class, **options)
