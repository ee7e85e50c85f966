"""Every error the API answers is JSON, `{"detail": "..."}`, as docs/api.md promises.

Ninja answers the errors of its operations in JSON itself. These come from elsewhere and would
be HTML or text: Django's 404 page for a path no operation has, Ninja's 405 for a method an
operation lacks, Django's 400 page for a request it cannot read before an operation runs,
and the 500 page. First in MIDDLEWARE, so that it also sees what the other middleware answer.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
# Headers that describe the HTML body being replaced; every other one (Allow, Vary, caching,
# security headers) is kept.
BODY_HEADERS = {"content-type", "content-length"}


def _detail(request: HttpRequest, response: HttpResponse) -> str:
    if response.status_code == 404:
        return _("There is no such API operation: /api/docs lists them.")
    if response.status_code == 405:
        return _("%(method)s is not allowed here: /api/docs lists the operations.") % {
            "method": request.method
        }
    if response.status_code == 400:
        return _("The request cannot be read.")
    return response.reason_phrase


class JsonErrorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path_info.startswith(API_PREFIX)
            or response.get("Content-Type", "").startswith("application/json")
            # A developer's traceback page is worth more than the JSON.
            or (settings.DEBUG and response.status_code >= 500)
        ):
            return response
        # The request's language (LocaleMiddleware, further in, chose it).
        with translation.override(getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)):
            detail = _detail(request, response)
        answer = JsonResponse({"detail": detail}, status=response.status_code)
        for header, value in response.items():
            if header.lower() not in BODY_HEADERS:
                answer[header] = value
        answer.cookies = response.cookies
        return answer
