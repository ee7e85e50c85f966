"""Writes about people: the local user of a one-person installation."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser


def ensure_local_user() -> AbstractBaseUser:
    """Create (once) the single learner of local mode; it has no usable password."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=settings.LOCAL_USERNAME)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
