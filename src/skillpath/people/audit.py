"""Writes sign-ins, sign-outs and the admin's changes to the security log.

Sign-ins and sign-outs arrive as Django's `user_logged_in` / `user_logged_out` signals
(connected in `PeopleConfig.ready`). That is framework plumbing, not domain flow: Django's
LoginView and LogoutView, the admin's views and local mode call `login()` and `logout()`,
and the signals are the hook Django gives for watching them without copying its views.
Failed attempts are logged by `people/signin.py` instead of `user_login_failed`: only the
throttle knows whether an attempt was refused before its password was even checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest

from skillpath.core.security_log import security_event
from skillpath.people.addresses import client_address

ADMIN_ACTIONS = {ADDITION: "add", CHANGE: "change", DELETION: "delete"}


def _address(request: HttpRequest | None) -> str | None:
    return client_address(request.META) if request is not None else None


def on_signed_in(
    sender: Any, request: HttpRequest | None, user: AbstractBaseUser, **kwargs: Any
) -> None:
    security_event("signed_in", username=user.get_username(), address=_address(request))


def on_signed_out(
    sender: Any, request: HttpRequest | None, user: AbstractBaseUser | None, **kwargs: Any
) -> None:
    if user is None:  # signing out without having signed in
        return
    security_event("signed_out", username=user.get_username(), address=_address(request))


def log_admin_changes(*, request: HttpRequest, entries: Iterable[LogEntry]) -> None:
    """Write the admin's change records (LogEntry rows) to the security log."""
    for entry in entries:
        content_type = ContentType.objects.get_for_id(entry.content_type_id)  # type: ignore[attr-defined]
        security_event(
            "admin_change",
            username=request.user.get_username(),
            address=_address(request),
            action=ADMIN_ACTIONS.get(entry.action_flag, str(entry.action_flag)),
            object_type=f"{content_type.app_label}.{content_type.model}",
            object_id=str(entry.object_id),
            object=entry.object_repr,
        )
