"""Writes about people: the local user of a one-person installation, time zones."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from skillpath.core.errors import DomainError
from skillpath.people.models import Profile, validate_time_zone


def ensure_local_user() -> AbstractBaseUser:
    """Create (once) the single learner of local mode; it has no usable password."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=settings.LOCAL_USERNAME)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


class TimeZoneError(DomainError):
    pass


def set_time_zone(*, user: AbstractBaseUser, time_zone: str) -> Profile:
    """Set the learner's time zone (days and times are shown in it); creates the profile."""
    try:
        validate_time_zone(time_zone)
    except ValidationError:
        raise TimeZoneError(
            _("Unknown time zone “%(zone)s”: use a name like Europe/Moscow.") % {"zone": time_zone}
        ) from None
    profile, _created = Profile.objects.update_or_create(
        user=user, defaults={"time_zone": time_zone}
    )
    return profile
