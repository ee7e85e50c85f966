"""Sign-in attempts: the throttle's decisions (`people/throttle.py`) applied. The
authentication backend calls these on every way of signing in; the sign-in forms ask
first, only to tell the visitor how long to wait."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from skillpath.people import throttle


class SignInHeldError(PermissionDenied):
    """The throttle holds this attempt back for `seconds`; its password was not checked.

    A PermissionDenied, because Django's `authenticate()` then stops at once rather than
    asking another backend."""

    def __init__(self, hold: throttle.Hold) -> None:
        super().__init__(f"sign-in held back for {hold.seconds} s ({hold.rule})")
        self.seconds = hold.seconds


def refuse_if_held(*, username: str, address: str | None) -> None:
    """Raise SignInHeldError if the throttle holds this attempt back."""
    hold = throttle.hold(username=username, address=address)
    if hold is not None:
        raise SignInHeldError(hold)


def note_failure(*, username: str, address: str | None) -> None:
    """Count a wrong username or password."""
    throttle.record_failure(username=username, address=address)


def note_success(*, username: str, address: str | None) -> None:
    """Tell the throttle the right password came from `address`."""
    throttle.record_success(username=username, address=address)
