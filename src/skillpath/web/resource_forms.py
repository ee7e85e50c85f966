"""Forms of the resource pages: a part ticked, a certification planned or earned, a
resource of the learner's own. Validation here; the services have the last word."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from skillpath.curriculum.models import PartKind, Resource, ResourceKind, Topic
from skillpath.planning.models import Enrolment
from skillpath.tracking.models import LearnerResource
from skillpath.tracking.resource_services import MAX_OWN_PARTS, PartInput
from skillpath.web.forms import DayField, TopicChoiceMixin, curriculum_topics


def resource_choices(learner: Any, enrolment: Enrolment | None) -> list[Resource | LearnerResource]:
    """What a session can be logged against: the curriculum's resources, then the
    learner's own (two queries)."""
    if enrolment is None:
        return []
    return list(Resource.objects.filter(curriculum_id=enrolment.curriculum_id)) + list(
        LearnerResource.objects.filter(learner=learner, curriculum_id=enrolment.curriculum_id)
    )


class PartDoneForm(forms.Form):
    is_done = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )


class CertificationForm(forms.Form):
    target_on = DayField(label=_("Target date"), required=False)
    earned_on = DayField(label=_("Earned on"), required=False)
    evidence_url = forms.URLField(
        label=_("Evidence link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://www.credly.com/badges/..."}),
        error_messages={"invalid": _("Enter a web address that starts with https://")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("earned_on") and not data.get("evidence_url"):
            self.add_error(
                "evidence_url", _("Give a link to the evidence: the certificate or the badge.")
            )
        return data


def parse_parts(text: str) -> list[PartInput]:
    """One part a line, "Title" or "Title | pages": the learner's own resource's parts."""
    parts = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        title, _sep, pages_text = line.rpartition("|") if "|" in line else (line, "", "")
        title = title.strip()
        pages = None
        if pages_text.strip():
            try:
                pages = int(pages_text.strip())
            except ValueError:
                raise ValidationError(
                    _("Line %(number)s: after “|” give the number of pages, like “Intro | 12”."),
                    params={"number": number},
                    code="bad_pages",
                ) from None
            if not 0 < pages <= 5000:
                raise ValidationError(
                    _("Line %(number)s: a part has between 1 and 5000 pages."),
                    params={"number": number},
                    code="bad_pages",
                )
        if not title:
            raise ValidationError(
                _("Line %(number)s: give the part a title."),
                params={"number": number},
                code="no_title",
            )
        parts.append(PartInput(title=title[:200], pages=pages))
    if len(parts) > MAX_OWN_PARTS:
        raise ValidationError(
            _("At most %(count)s parts."), params={"count": MAX_OWN_PARTS}, code="too_many"
        )
    return parts


def format_parts(resource: LearnerResource) -> str:
    return "\n".join(f"{p.title} | {p.pages}" if p.pages else p.title for p in resource.parts.all())


class OwnResourceForm(TopicChoiceMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=ResourceKind.choices)
    url = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a web address that starts with https://")},
    )
    topic = forms.TypedChoiceField(label=_("Topic"), required=False, coerce=int, empty_value=None)
    part_kind = forms.ChoiceField(
        label=_("Its parts are"), choices=PartKind.choices, initial=PartKind.CHAPTER
    )
    parts = forms.CharField(
        label=_("Parts"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": _("Introduction | 12")}),
        help_text=_("One a line; after “|” the number of pages, if you want to count them."),
    )

    def __init__(self, *args: Any, topics: list[Topic], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_topics(topics)

    def clean_parts(self) -> list[PartInput]:
        return parse_parts(self.cleaned_data["parts"])

    def arguments(self) -> dict[str, Any]:
        """Keyword arguments for `add_own_resource` / `edit_own_resource`."""
        data = self.cleaned_data
        kind = data["part_kind"]
        return {
            "title": data["title"],
            "kind": data["kind"],
            "url": data["url"] or "",
            "topic": data["topic"],
            "parts": [PartInput(p.title, p.pages, kind) for p in data["parts"]],
        }

    @staticmethod
    def initial_for(resource: LearnerResource) -> dict[str, Any]:
        first = next(iter(resource.parts.all()), None)
        return {
            "title": resource.title,
            "kind": resource.kind,
            "url": resource.url,
            "topic": resource.topic_id,
            "part_kind": first.kind if first else PartKind.CHAPTER,
            "parts": format_parts(resource),
        }


def own_resource_form(enrolment: Enrolment | None, *args: Any, **kwargs: Any) -> OwnResourceForm:
    return OwnResourceForm(*args, topics=curriculum_topics(enrolment), **kwargs)
