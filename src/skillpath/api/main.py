"""The REST API: one Ninja router per app, mounted here. Schema at /api/openapi.json."""

from __future__ import annotations

from ninja import NinjaAPI

from skillpath.api.curriculum import router as curriculum_router

api = NinjaAPI(
    title="Skillpath API",
    version="1",
    description="Curricula, personal plans and progress. Texts come in the language asked for "
    "with `Accept-Language` (ru or en), falling back to the other.",
    urls_namespace="api",
)
api.add_router("/curricula", curriculum_router, tags=["curriculum"])
