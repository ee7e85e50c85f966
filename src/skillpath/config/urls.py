from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from skillpath.api.main import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # Browsers ask for it on pages that name no icon (the admin's).
    path("favicon.ico", RedirectView.as_view(url=static("skillpath/favicon.svg"), permanent=True)),
    path("", include("skillpath.web.urls")),
]
