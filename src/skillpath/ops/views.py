"""The probes and the metrics page: thin, the rules are in health.py, access.py, metrics.py."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from skillpath.ops import health, metrics
from skillpath.ops.access import Access, metrics_access


def _report(report: health.Report) -> JsonResponse:
    return JsonResponse(report.as_json(), status=report.http_status)


@never_cache
@require_safe
def live(request: HttpRequest) -> JsonResponse:
    """The process answers (no database)."""
    return _report(health.liveness())


@never_cache
@require_safe
def ready(request: HttpRequest) -> JsonResponse:
    """The process can serve: 200 ok or degraded, 503 fail."""
    return _report(health.readiness())


@never_cache
@require_safe
def metrics_page(request: HttpRequest) -> HttpResponse:
    """Prometheus' text format, for the scraper only (ops.access)."""
    access = metrics_access(request)
    if access is Access.HIDDEN:
        raise Http404
    if access is Access.REFUSED:
        return HttpResponse(
            _("The metrics need the scraper's token or an allowed address."),
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    body, content_type = metrics.render()
    return HttpResponse(body, content_type=content_type)
