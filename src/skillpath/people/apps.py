from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "skillpath.people"
    verbose_name = _("People")

    def ready(self) -> None:
        from skillpath.people import checks  # noqa: F401  (registers itself)
