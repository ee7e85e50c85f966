"""The one authentication backend: Django's ModelBackend behind the sign-in throttle.

Every way of signing in with a password — our sign-in page, the admin's, any API added
later — ends in `django.contrib.auth.authenticate()`, so guarding it here leaves none of
them unthrottled (the admin login once was).
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from skillpath.people import signin
from skillpath.people.addresses import client_address


class ThrottledModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> AbstractBaseUser | None:
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)  # type: ignore[attr-defined]
        if username is None or password is None:
            return None
        address = client_address(request.META) if request is not None else None
        # Raises while held back: the password is not even checked, so a right guess
        # made during a lock does not show.
        signin.refuse_if_held(username=username, address=address)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            signin.note_failure(username=username, address=address)
        else:
            signin.note_success(username=username, address=address)
        return user

    async def aauthenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> AbstractBaseUser | None:
        # ModelBackend has an async twin of its own; it must not skip the throttle.
        return await sync_to_async(self.authenticate)(
            request, username=username, password=password, **kwargs
        )
