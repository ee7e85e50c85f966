from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from skillpath.api.main import api
from skillpath.web import account_views

# A database that cannot be reached is a 503 with Retry-After, anything else Django's 500.
handler500 = "skillpath.web.errors.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    # Django's language switch, which also keeps a signed-in learner's choice.
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    # Browsers ask for it on pages that name no icon (the admin's).
    path("favicon.ico", RedirectView.as_view(url=static("skillpath/favicon.svg"), permanent=True)),
    # Health probes and metrics (docs/operations.md): fixed paths, outside the web app.
    path("", include("skillpath.ops.urls")),
    path("", include("skillpath.web.urls")),
]
