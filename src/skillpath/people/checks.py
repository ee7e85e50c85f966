"""System checks of the people app: `manage.py check` and `runserver` report these."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, Tags, register

from skillpath.people import local_mode


@register(Tags.security)
def local_mode_is_not_behind_a_proxy(app_configs: Any, **kwargs: Any) -> list[Error]:
    problem = local_mode.configuration_error()
    if problem is None:
        return []
    return [Error(problem, id="skillpath.E001")]
