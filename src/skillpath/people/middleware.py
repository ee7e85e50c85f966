"""Local mode: the one learner on this laptop is signed in without a login screen."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse

from skillpath.people.services import ensure_local_user

LOOPBACK = ("127.0.0.1", "::1")


class LocalModeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Only for requests from this machine: a local install reachable from a network
        # must never hand out a signed-in session to strangers.
        if (
            settings.LOCAL_MODE
            and not request.user.is_authenticated
            and request.META.get("REMOTE_ADDR") in LOOPBACK
        ):
            login(request, ensure_local_user(), backend=settings.AUTHENTICATION_BACKENDS[0])
        return self.get_response(request)
