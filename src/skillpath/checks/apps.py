from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecksConfig(AppConfig):
    name = "skillpath.checks"
    verbose_name = _("Practice checks")
