"""Local mode: the one learner on this laptop is signed in without a login screen."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import login
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

from skillpath.ops.probes import is_probe
from skillpath.people import local_mode
from skillpath.people.services import ensure_local_user


class LocalModeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        # Built once when the web application starts (runserver, WSGI, ASGI): refusing here
        # stops a misconfigured server from starting at all, whatever serves it.
        problem = local_mode.configuration_error()
        if problem:
            raise ImproperlyConfigured(problem)
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Only for the browser on this machine: a local install reachable from a network,
        # or put behind a proxy, must never hand out a signed-in session to strangers.
        # Probes and the metrics scraper are no learner: signing them in would write a
        # session row for every probe.
        if (
            settings.LOCAL_MODE
            and not is_probe(request)
            and not request.user.is_authenticated
            and local_mode.is_from_this_machine(request)
        ):
            login(request, ensure_local_user(), backend=settings.AUTHENTICATION_BACKENDS[0])
        return self.get_response(request)
