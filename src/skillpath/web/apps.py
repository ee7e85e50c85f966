from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "skillpath.web"
    verbose_name = "Web"

    def ready(self) -> None:
        from skillpath.config import checks  # noqa: F401  (registers the system checks)
