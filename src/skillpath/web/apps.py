from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class WebConfig(AppConfig):
    name = "skillpath.web"
    verbose_name = "Web"

    def ready(self) -> None:
        from skillpath.config import checks  # noqa: F401  (registers the system checks)


class AdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our site (`web/admin_site.py`) as `admin.site`; listed in
    INSTALLED_APPS in its place."""

    default_site = "skillpath.web.admin_site.SkillpathAdminSite"
    # Not the app config of `skillpath.web` itself: that stays WebConfig.
    default = False
