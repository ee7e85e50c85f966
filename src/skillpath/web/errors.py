"""What a page says when the server itself fails.

A database that cannot be reached (restarting, failed over, out of connections) is not a
bug of the page: the request may simply be tried again, so it is a 503 with Retry-After,
not a 500. Nothing else about the failure reaches the response.
"""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views import defaults

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's `handler500`: called while the exception that ended the request is handled."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        logger.warning("database unavailable: %s", type(error).__name__)
        return database_unavailable(request)
    return defaults.server_error(request)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    # A page of its own, without the site's layout: the layout reads the signed-in user,
    # which needs the very database that is missing.
    with translation.override(
        getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    ):
        body = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
