"""Writes about people: the local user of a one-person installation, time zones, ending
sessions."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from skillpath.core.errors import DomainError
from skillpath.core.security_log import security_event
from skillpath.people.models import Profile, Session, validate_time_zone
from skillpath.people.sessions import forget_cached, public_id


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


def remember_language(*, user: AbstractBaseUser, language: str) -> None:
    """Keep the language the learner chose, so that the CLI speaks it too; a language the
    installation does not ship is ignored (the page's own switch validates it first)."""
    if language in dict(settings.LANGUAGES):
        Profile.objects.update_or_create(user=user, defaults={"language": language})


def adopt_language(*, user: AbstractBaseUser, language: str) -> None:
    """Keep `language` as the learner's choice unless they made one on the switch: a learner
    who enrols reading the pages in Russian has chosen Russian, and the CLI speaks it too."""
    if language not in dict(settings.LANGUAGES):
        return
    profile, _created = Profile.objects.get_or_create(user=user)
    # Conditional, so a choice made on the switch meanwhile is never overwritten.
    Profile.objects.filter(pk=profile.pk, language="").update(language=language)


def sign_out_session(*, user: AbstractBaseUser, session_id: str) -> bool:
    """End one of the user's sessions, named by its public id; False if none has it.
    Written to the security log."""
    for key in Session.objects.filter(user=user).values_list("session_key", flat=True):
        if constant_time_compare(public_id(key), session_id):
            Session.objects.filter(user=user, session_key=key).delete()
            forget_cached([key])
            security_event("sessions_ended", username=user.get_username(), scope="one", count=1)
            return True
    return False


def sign_out_everywhere(*, user: AbstractBaseUser, keep_key: str | None = None) -> int:
    """End all the user's sessions but `keep_key`'s (all, without it); how many ended.
    Written to the security log."""
    ended = Session.objects.filter(user=user)
    if keep_key:
        ended = ended.exclude(session_key=keep_key)
    keys = list(ended.values_list("session_key", flat=True))
    count, _ = ended.delete()
    forget_cached(keys)
    scope = "others" if keep_key else "all"
    security_event("sessions_ended", username=user.get_username(), scope=scope, count=count)
    return count
