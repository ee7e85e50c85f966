from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "skillpath.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        from skillpath.ops import checks  # noqa: F401  (registers the system checks)
