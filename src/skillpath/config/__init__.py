"""Settings, URLs, the WSGI/ASGI entry points and the Celery app."""

# Loaded with Django, so that every `.delay()` uses our app (and its eager switch), never a
# default app that would try a broker on localhost.
from skillpath.config.celery import app as celery_app

__all__ = ["celery_app"]
