"""Reads about people."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from skillpath.people.models import Profile


def time_zone_of(user: AbstractBaseUser) -> zoneinfo.ZoneInfo:
    """The learner's time zone (their profile's, else the server's)."""
    profile = Profile.objects.filter(user=user).only("time_zone").first()
    return zoneinfo.ZoneInfo(profile.time_zone if profile else settings.TIME_ZONE)
