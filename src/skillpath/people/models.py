"""People: accounts are Django's own users; a profile holds what the product needs beyond
them (the learner's time zone and language); sessions know whom they sign in. Roles, cohorts and
mentoring come later here."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(value)s"), params={"value": value})


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    # The language the learner last chose on a page; the CLI speaks it too. Blank until
    # they choose one (then pages follow the browser, the CLI the terminal).
    language = models.CharField(max_length=8, blank=True, choices=settings.LANGUAGES)

    def __str__(self) -> str:
        return f"{self.user} ({self.time_zone})"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Session(AbstractBaseSession):
    """Django's session row, with the user it signs in, so that a user's sessions can be
    listed and ended ("sign out everywhere") without decoding every session there is.

    `user` is filled from the session's data each time it is saved (see
    `people.sessions.SessionStore`); an anonymous session has none.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, db_index=True
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "people_session"

    @classmethod
    def get_session_store_class(cls) -> type:
        from skillpath.people.sessions import store_class

        return store_class()


class ThrottleCount(models.Model):
    """One of the sign-in throttle's counts, kept here only while Redis is unreachable
    (people/throttle_store.py); without Redis and with it up, the cache holds them."""

    key = models.CharField(max_length=200, unique=True)
    value = models.JSONField()
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.key


class OutgoingEmail(models.Model):
    """A message given to Django's send_mail(), kept until a task has sent it
    (people/mail.py): `sent_at` set means sent, so a task run twice sends it once."""

    subject = models.CharField(max_length=998)
    body = models.TextField()
    from_email = models.CharField(max_length=320)
    to = models.JSONField(default=list)
    cc = models.JSONField(default=list)
    bcc = models.JSONField(default=list)
    reply_to = models.JSONField(default=list)
    headers = models.JSONField(default=dict)
    # [[content, mimetype], ...]: an HTML version, say.
    alternatives = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.subject
