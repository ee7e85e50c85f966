"""Forms of signing in and of the account: every way of giving one's password goes through
the authentication backend, so the sign-in throttle counts it (`people/backends.py`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from skillpath.people import signin
from skillpath.people.addresses import client_address


def wait_message(seconds: int) -> str:
    """The throttle's "try again in ..." message, in seconds or in whole minutes."""
    if seconds < 60:
        return ngettext(
            "Too many failed sign-in attempts. Try again in %(count)s second.",
            "Too many failed sign-in attempts. Try again in %(count)s seconds.",
            seconds,
        ) % {"count": seconds}
    minutes = -(-seconds // 60)
    return ngettext(
        "Too many failed sign-in attempts. Try again in %(count)s minute.",
        "Too many failed sign-in attempts. Try again in %(count)s minutes.",
        minutes,
    ) % {"count": minutes}


class ThrottledSignInMixin:
    """A sign-in form that says how long to wait while the sign-in throttle holds the
    attempt back. The throttle itself works in the authentication backend
    (`people/backends.py`), on every way of signing in; asking it first here only lets the
    form tell the visitor more than "wrong password"."""

    request: HttpRequest | None
    cleaned_data: dict[str, Any]

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if username and self.cleaned_data.get("password"):
            address = client_address(self.request.META) if self.request else None
            try:
                signin.refuse_if_held(username=username, address=address)
            except signin.SignInHeldError as held:
                raise ValidationError(wait_message(held.seconds), code="throttled") from None
        return super().clean()  # type: ignore[misc,no-any-return]


class ThrottledLoginForm(ThrottledSignInMixin, AuthenticationForm):
    """Django's sign-in form, telling how long to wait while the throttle holds it back."""

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"


class ThrottledAdminLoginForm(ThrottledSignInMixin, AdminAuthenticationForm):
    """The admin's sign-in form (staff only), with the same throttle messages."""


def confirm_password(request: HttpRequest, user: Any, password: str) -> None:
    """Raise a ValidationError unless `password` is the user's own. It is checked as a
    sign-in attempt, throttled and logged like one: a stolen session must not become a way
    to guess its owner's password."""
    username = user.get_username()
    try:
        signin.refuse_if_held(username=username, address=client_address(request.META))
    except signin.SignInHeldError as held:
        raise ValidationError(wait_message(held.seconds), code="throttled") from None
    if authenticate(request, username=username, password=password) is None:
        raise ValidationError(
            _("That is not your password: enter the one you sign in with."),
            code="wrong_password",
        )


class PasswordConfirmForm(forms.Form):
    """The user's own password once more, before ending sessions (ASVS 3.3.4): a stolen
    session alone cannot sign its owner out. A user without a password (the local
    learner) has nothing to confirm."""

    password = forms.CharField(
        label=_("Your password"),
        help_text=_("Ending a session asks for it, so that a stolen session cannot end yours."),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password to end a session.")},
    )

    def __init__(self, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = request.user
        self.fields["password"].required = self.is_needed

    @property
    def is_needed(self) -> bool:
        return bool(self.user.has_usable_password())

    def clean_password(self) -> str:
        if self.is_needed:
            confirm_password(self.request, self.user, self.cleaned_data["password"])
        return ""


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Django's password change, with the old password checked as a throttled sign-in."""

    def __init__(self, user: Any, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        old_password: str = self.cleaned_data["old_password"]
        confirm_password(self.request, self.user, old_password)
        return old_password
