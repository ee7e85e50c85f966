"""The REST API: one Ninja router per app, mounted here.

The schema is at /api/openapi.json and the interactive docs at /api/docs. The docs page
works offline: with "ninja" in INSTALLED_APPS, Ninja renders its `ninja/swagger.html`,
which loads Swagger UI from Ninja's own static files instead of a CDN.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger

from skillpath.api.assessment_activities import router as activities_router
from skillpath.api.assessment_kpis import router as kpis_router
from skillpath.api.assessment_level import router as assessment_level_router
from skillpath.api.assessment_skills import router as skills_router
from skillpath.api.checks import router as checks_router
from skillpath.api.common import learner_auth
from skillpath.api.curriculum import router as curriculum_router
from skillpath.api.knowledge import router as knowledge_router
from skillpath.api.planning import router as planning_router
from skillpath.api.reports import router as reports_router
from skillpath.api.resources import router as resources_router
from skillpath.api.tracking import router as tracking_router
from skillpath.core.errors import DomainError

# Swagger UI would otherwise ask validator.swagger.io about the schema.
SWAGGER_SETTINGS = {"validatorUrl": None, "tryItOutEnabled": True}

api = NinjaAPI(
    title="Skillpath API",
    version="1",
    description="Curricula, personal plans and progress, quizzes and reviews. Texts come in "
    "the language asked for with `Accept-Language` (ru or en), falling back to the other. "
    "Errors are JSON objects with a `detail` message. A learner's own data needs a signed-in "
    "session (the `sessionid` cookie; writes also send the `csrftoken` cookie's value in an "
    "`X-CSRFToken` header); each learner sees only their own, and another learner's object "
    'is a 404. Dates are ISO 8601; "today" is the learner\'s local date.',
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=Swagger(settings=SWAGGER_SETTINGS),
)
api.add_router("/curricula", curriculum_router, tags=["curriculum"])
# The learner's own data: signed-in only (a session cookie; CSRF checked on writes).
api.add_router("", planning_router, tags=["planning"], auth=learner_auth)
api.add_router("", tracking_router, tags=["tracking"], auth=learner_auth)
api.add_router("", resources_router, tags=["resources"], auth=learner_auth)
api.add_router("", reports_router, tags=["reports"], auth=learner_auth)
api.add_router("", checks_router, tags=["checks"], auth=learner_auth)
api.add_router("", knowledge_router, tags=["knowledge"], auth=learner_auth)
api.add_router("", kpis_router, tags=["kpis"], auth=learner_auth)
api.add_router("", assessment_level_router, tags=["assessment"], auth=learner_auth)
api.add_router("", activities_router, tags=["activities"], auth=learner_auth)
api.add_router("", skills_router, tags=["skills"], auth=learner_auth)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """A rule of the domain said no: its message tells the learner what to change."""
    return api.create_response(request, {"detail": str(exc)}, status=400)


def too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 2**20
    return api.create_response(
        request,
        {"detail": _("The request body is larger than %(limit)s MB.") % {"limit": f"{limit:g}"}},
        status=413,
    )


def unreadable(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A body the CSRF check or the operation cannot read (a broken multipart form, too many
    form fields, a client gone mid-upload): Django would answer its HTML 400 page."""
    return api.create_response(
        request, {"detail": _("The request body cannot be read: send a JSON object.")}, status=400
    )


api.add_exception_handler(RequestDataTooBig, too_big)
for reason in (MultiPartParserError, TooManyFieldsSent, TooManyFilesSent, UnreadablePostError):
    api.add_exception_handler(reason, unreadable)
