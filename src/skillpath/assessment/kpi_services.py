"""Writes of the KPIs on the platform: the learner's entries for the entered KPIs
(certifications, talks, posts, connections, interview success...), each with its evidence.
Which KPIs are entered is `kpi_sources.source_for`; docs/kpi.md."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from skillpath.assessment.kpi_sources import source_for
from skillpath.assessment.models import KpiEntry
from skillpath.core.errors import DomainError
from skillpath.curriculum.models import Curriculum, KpiTarget

MAX_AMOUNT = 1_000_000
MAX_TITLE = 200
MAX_URL = 2000
MAX_NOTES = 4000
# The earliest date an entry can carry: what happened before a career is not evidence.
FIRST_DAY = date(1970, 1, 1)


class KpiEntryError(DomainError):
    """An entry cannot be stored as given; `field` names the input to change."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def entered_kpis(*, curriculum: Curriculum) -> list[KpiTarget]:
    """The curriculum's KPIs the learner enters by hand, in the plan's order (one query)."""
    targets = KpiTarget.objects.filter(curriculum=curriculum).order_by(
        "category__position", "position"
    )
    return [target for target in targets if source_for(target.slug).is_entered]


def add_kpi_entry(
    *,
    learner: AbstractBaseUser,
    curriculum: Curriculum,
    kpi: str,
    title: str,
    happened_on: date,
    today: date,
    amount: int = 1,
    evidence_url: str = "",
    notes: str = "",
) -> KpiEntry:
    """Store one entry for an entered KPI of the curriculum."""
    slugs = {target.slug for target in entered_kpis(curriculum=curriculum)}
    if kpi not in slugs:
        raise KpiEntryError(
            "kpi",
            _("“%(kpi)s” is not a KPI you enter in this curriculum; choose one of: %(kpis)s.")
            % {"kpi": kpi[:100], "kpis": ", ".join(sorted(slugs)) or "—"},
        )
    title = title.strip()
    if not title:
        raise KpiEntryError("title", _("Give the entry a title: what it is."))
    if len(title) > MAX_TITLE:
        raise KpiEntryError(
            "title", _("The title is at most %(count)s characters.") % {"count": MAX_TITLE}
        )
    if isinstance(amount, bool) or not 1 <= amount <= MAX_AMOUNT:
        raise KpiEntryError(
            "amount",
            _("The amount is a whole number from 1 to %(max)s.") % {"max": MAX_AMOUNT},
        )
    if not FIRST_DAY <= happened_on <= today + timedelta(days=1):
        raise KpiEntryError(
            "happened_on",
            _("The date is between %(first)s and today.") % {"first": FIRST_DAY.isoformat()},
        )
    evidence_url = evidence_url.strip()
    if evidence_url:
        if len(evidence_url) > MAX_URL:
            raise KpiEntryError(
                "evidence_url",
                _("The evidence URL is at most %(count)s characters.") % {"count": MAX_URL},
            )
        try:
            URLValidator(schemes=["http", "https"])(evidence_url)
        except ValidationError:
            raise KpiEntryError(
                "evidence_url",
                _("The evidence URL is a web address starting with http:// or https://."),
            ) from None
    if len(notes) > MAX_NOTES:
        raise KpiEntryError(
            "notes", _("The notes are at most %(count)s characters.") % {"count": MAX_NOTES}
        )
    return KpiEntry.objects.create(
        learner=learner,
        curriculum=curriculum,
        kpi=kpi,
        amount=amount,
        happened_on=happened_on,
        title=title,
        evidence_url=evidence_url,
        notes=notes.strip(),
    )


def delete_kpi_entry(*, learner: AbstractBaseUser, entry: KpiEntry) -> None:
    """Delete one of the learner's entries (the caller found it with `kpi_entry_for`)."""
    if entry.learner_id != learner.pk:
        raise KpiEntryError("id", _("This entry is not yours."))
    entry.delete()
