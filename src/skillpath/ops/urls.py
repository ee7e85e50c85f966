from django.urls import path

from skillpath.ops import probes, views

app_name = "ops"
# The paths are fixed (probes.PATHS): deploy/ and the operators' scrape configurations name
# them, and the session and HTTPS rules exempt exactly these.
urlpatterns = [
    path(probes.LIVE.lstrip("/"), views.live, name="live"),
    path(probes.READY.lstrip("/"), views.ready, name="ready"),
    path(probes.METRICS.lstrip("/"), views.metrics_page, name="metrics"),
]
