from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "skillpath.web"
    verbose_name = "Web"
