"""The lifetime of a signed-in session, applied on every request (see people.sessions)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from skillpath.core.security_log import security_event
from skillpath.people.sessions import SEEN_AT, Lifetime, lifetime


class SessionLifetimeMiddleware:
    """Signs out a session past its absolute lifetime; pushes an active one's idle expiry
    forward (at most once a minute). Runs after AuthenticationMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            state = lifetime(
                data=dict(request.session.items()),
                now=now,
                max_seconds=settings.SKILLPATH_SESSION_MAX_SECONDS,
            )
            if state is Lifetime.OVER:
                security_event("session_expired", username=request.user.get_username())
                # The request goes on anonymous: a page asks to sign in again, the API says 401.
                logout(request)
            elif state is Lifetime.TOUCH:
                request.session[SEEN_AT] = now
        return self.get_response(request)
