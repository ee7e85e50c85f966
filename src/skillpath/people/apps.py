from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "skillpath.people"
    verbose_name = _("People")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from skillpath.people import audit, checks, signals  # noqa: F401  (checks registers itself)

        user_logged_in.connect(signals.stamp_session, dispatch_uid="skillpath-stamp-session")
        user_logged_in.connect(audit.on_signed_in, dispatch_uid="skillpath-security-log")
        user_logged_out.connect(audit.on_signed_out, dispatch_uid="skillpath-security-log")
