"""Headers Django's SecurityMiddleware does not set on 5.2: a Content Security Policy on
every page (the admin and the API docs included), a Permissions-Policy, and no caching of
anything made for a signed-in user."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

# Everything the pages load is served by us; inline scripts are not used. The admin and
# the API docs page (Swagger UI) need nothing more: they load their scripts from files and
# set styles through the DOM, which CSP allows.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        # A page or an API answer made for a signed-in user holds their data: neither the
        # browser's history nor a proxy may keep it (ASVS 8.2.1). A view that knows better
        # (the calendar feed) sets its own.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            add_never_cache_headers(response)
        return response
