"""Reads about people."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from skillpath.people import sessions
from skillpath.people.models import Profile, Session


def time_zone_of(user: AbstractBaseUser) -> zoneinfo.ZoneInfo:
    """The learner's time zone (their profile's, else the server's)."""
    profile = Profile.objects.filter(user=user).only("time_zone").first()
    return zoneinfo.ZoneInfo(profile.time_zone if profile else settings.TIME_ZONE)


def language_of(user: AbstractBaseUser) -> str | None:
    """The language the learner chose on a page, or None if they never chose one."""
    profile = Profile.objects.filter(user=user).only("language").first()
    return profile.language if profile and profile.language else None


@dataclass(frozen=True)
class SignedInSession:
    """One of a user's live sessions, as the list of sessions shows it."""

    id: str  # public_id of the key; the key itself is never shown
    signed_in_at: datetime | None
    seen_at: datetime | None
    expires_at: datetime
    agent: str
    address: str
    is_current: bool


def _moment(value: object) -> datetime | None:
    if not isinstance(value, int | float):
        return None
    return datetime.fromtimestamp(value, tz=UTC)


def signed_in_sessions(*, user: AbstractBaseUser, current_key: str | None) -> list[SignedInSession]:
    """The user's live sessions, the current one first, then the most recently active."""
    store = sessions.SessionStore()
    found = []
    for row in Session.objects.filter(user=user, expire_date__gt=timezone.now()):
        data = store.decode(row.session_data)
        found.append(
            SignedInSession(
                id=sessions.public_id(row.session_key),
                signed_in_at=_moment(data.get(sessions.SIGNED_IN_AT)),
                seen_at=_moment(data.get(sessions.SEEN_AT)),
                expires_at=row.expire_date,
                agent=str(data.get(sessions.AGENT, "")),
                address=str(data.get(sessions.ADDRESS, "")),
                is_current=row.session_key == current_key,
            )
        )
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(found, key=lambda s: (not s.is_current, -(s.seen_at or oldest).timestamp()))
