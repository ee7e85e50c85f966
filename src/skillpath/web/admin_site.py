"""Django's admin site with three additions: its login goes through the sign-in throttle's
form, every change it records (a LogEntry: an addition, a change, a deletion) is also
written to the security log, with who made it and from where, and a superuser can download
a backup of the whole installation (the archive of `skillpath backup`)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import URLPattern, URLResolver, path
from django.utils import timezone

from skillpath.core.backup import stream_backup
from skillpath.core.security_log import security_event
from skillpath.people.addresses import client_address
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

    index_template = "admin/skillpath_index.html"

    def get_urls(self) -> list[URLPattern | URLResolver]:
        return [
            path("backup/", self.admin_view(self.backup_view), name="backup"),
            *super().get_urls(),
        ]

    def backup_view(self, request: HttpRequest) -> StreamingHttpResponse:
        """The whole installation as one archive, streamed as it is written."""
        # Every user's data and every password hash: superusers only, not all staff.
        if not request.user.is_superuser:
            raise PermissionDenied
        security_event(
            "backup_downloaded",
            username=request.user.get_username(),
            address=client_address(request.META),
        )
        name = timezone.now().strftime("skillpath-backup-%Y%m%d-%H%M%S.zip")
        response = StreamingHttpResponse(stream_backup(), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
