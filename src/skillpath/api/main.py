"""The REST API: one Ninja router per app, mounted here.

The schema is at /api/openapi.json and the interactive docs at /api/docs. The docs page
works offline: with "ninja" in INSTALLED_APPS, Ninja renders its `ninja/swagger.html`,
which loads Swagger UI from Ninja's own static files instead of a CDN.
"""

from __future__ import annotations

from ninja import NinjaAPI, Swagger

from skillpath.api.curriculum import router as curriculum_router

# Swagger UI would otherwise ask validator.swagger.io about the schema.
SWAGGER_SETTINGS = {"validatorUrl": None, "tryItOutEnabled": True}

api = NinjaAPI(
    title="Skillpath API",
    version="1",
    description="Curricula, personal plans and progress. Texts come in the language asked for "
    "with `Accept-Language` (ru or en), falling back to the other. Errors are JSON objects "
    "with a `detail` message.",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=Swagger(settings=SWAGGER_SETTINGS),
)
api.add_router("/curricula", curriculum_router, tags=["curriculum"])
