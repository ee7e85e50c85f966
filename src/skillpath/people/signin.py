"""Sign-in attempts: the throttle's decisions (`people/throttle.py`) applied, and written
to the security log. The authentication backend calls these on every way of signing in;
the sign-in forms ask first, only to tell the visitor how long to wait."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied

from skillpath.core.security_log import security_event
from skillpath.people import throttle


class SignInHeldError(PermissionDenied):
    """The throttle holds this attempt back for `seconds`; its password was not checked.

    A PermissionDenied, because Django's `authenticate()` then stops at once rather than
    asking another backend."""

    def __init__(self, hold: throttle.Hold) -> None:
        super().__init__(f"sign-in held back for {hold.seconds} s ({hold.rule})")
        self.seconds = hold.seconds


def refuse_if_held(*, username: str, address: str | None) -> None:
    """Raise SignInHeldError if the throttle holds this attempt back; logs the refusal."""
    hold = throttle.hold(username=username, address=address)
    if hold is None:
        return
    security_event(
        "sign_in_refused",
        level=logging.WARNING,
        username=username,
        address=address,
        rule=hold.rule.value,
        retry_after_seconds=hold.seconds,
    )
    raise SignInHeldError(hold)


def note_failure(*, username: str, address: str | None) -> None:
    """Count a wrong username or password; logs it, and each lock or slow-down it starts."""
    security_event("sign_in_failed", level=logging.WARNING, username=username, address=address)
    for started in throttle.record_failure(username=username, address=address):
        security_event(
            "lockout",
            level=logging.WARNING,
            username=username,
            address=address,
            rule=started.rule.value,
            seconds=started.seconds,
        )


def note_success(*, username: str, address: str | None) -> None:
    """Tell the throttle the right password came from `address` (the sign-in itself is
    logged when the session starts: `people/audit.py`)."""
    throttle.record_success(username=username, address=address)
