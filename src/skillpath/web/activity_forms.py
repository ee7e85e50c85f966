"""Forms of the monthly activities' pages: the evidence, a mentor's comment, the marks of a
mock interview. The services check the rules again and their errors go on the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from skillpath.assessment.activity_services import (
    MAX_COMMENT,
    MAX_LINKS,
    MAX_NOTES,
    MAX_URL,
    EvidenceInput,
)
from skillpath.assessment.interviews import MAX_DEPTH, InterviewSet, QuestionMarks
from skillpath.assessment.models import ActivityKind
from skillpath.web.forms import _within_bounds

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The fields each kind asks for beyond links, notes and the date.
KIND_FIELDS = {
    ActivityKind.CODE_REVIEW: ("repository_url", "commit"),
    ActivityKind.PRESENTATION: ("slides_url",),
    ActivityKind.PAIR_PROGRAMMING: ("partner",),
    ActivityKind.MOCK_INTERVIEW: (),
}


class EvidenceForm(forms.Form):
    repository_url = forms.URLField(
        label=_("Repository"), max_length=MAX_URL, assume_scheme="https", required=False
    )
    commit = forms.CharField(label=_("Commit"), max_length=64, required=False)
    slides_url = forms.URLField(
        label=_("Slides"), max_length=MAX_URL, assume_scheme="https", required=False
    )
    partner = forms.CharField(
        label=_("Partner"),
        max_length=150,
        required=False,
        help_text=_("A user name on this platform, or the person's name."),
    )
    links = forms.CharField(
        label=_("Links"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("One address per line, at most %(n)s.") % {"n": MAX_LINKS},
    )
    notes = forms.CharField(
        label=_("Notes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_NOTES,
        required=False,
    )
    done_on = forms.DateField(label=_("Date"), widget=DATE_INPUT, required=False)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", kind)
        super().__init__(*args, **kwargs)
        self.kind = kind
        for name in ("repository_url", "commit", "slides_url", "partner"):
            if name not in KIND_FIELDS[ActivityKind(kind)]:
                del self.fields[name]

    def clean_done_on(self) -> Any:
        day = self.cleaned_data["done_on"]
        if day is not None:
            _within_bounds(day)
        return day

    def evidence(self) -> EvidenceInput:
        data = self.cleaned_data
        return EvidenceInput(
            links=tuple(line for line in data["links"].splitlines() if line.strip()),
            notes=data["notes"],
            done_on=data["done_on"],
            partner=data.get("partner", ""),
            slides_url=data.get("slides_url", ""),
            repository_url=data.get("repository_url", ""),
            commit=data.get("commit", ""),
        )

    @staticmethod
    def initial_for(activity: Any) -> dict[str, Any]:
        partner = activity.partner_user.get_username() if activity.partner_user else ""
        return {
            "repository_url": activity.repository_url,
            "commit": activity.commit,
            "slides_url": activity.slides_url,
            "partner": partner or activity.partner_name,
            "links": "\n".join(activity.links or []),
            "notes": activity.notes,
            "done_on": activity.done_on,
        }


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_COMMENT,
        required=False,
    )


class LevelForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"))

    def __init__(self, *args: Any, levels: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = levels


DEPTHS = [("", _("not asked")), ("0", _("0 shallow")), ("1", "1"), ("2", _("2 deep"))]


class InterviewForm(forms.Form):
    """Per question: a checkbox per point of a good answer and a depth 0-2. A question
    counts as asked when a point is ticked or a depth given."""

    def __init__(self, *args: Any, interview_set: InterviewSet, language: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.interview_set = interview_set
        self.questions = []
        for question in interview_set.questions:
            points = forms.MultipleChoiceField(
                label=question.text.get(language),
                choices=[(str(n), p.text.get(language)) for n, p in enumerate(question.points)],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
            depth = forms.ChoiceField(
                label=_("Depth"), choices=DEPTHS, required=False, widget=forms.RadioSelect
            )
            self.fields[f"{question.slug}-points"] = points
            self.fields[f"{question.slug}-depth"] = depth
            self.questions.append((question, f"{question.slug}-points", f"{question.slug}-depth"))

    def bound_questions(self) -> list[tuple[Any, Any, Any]]:
        return [(q, self[p], self[d]) for q, p, d in self.questions]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.marks():
            raise forms.ValidationError(
                _("Mark at least one question that was asked: tick a point or give a depth.")
            )
        return data

    def marks(self) -> dict[str, QuestionMarks]:
        marks = {}
        for question, points_name, depth_name in self.questions:
            ticked = frozenset(int(n) for n in self.cleaned_data.get(points_name) or ())
            depth = self.cleaned_data.get(depth_name) or ""
            if ticked or depth != "":
                value = int(depth) if depth != "" else None
                if value is not None and not 0 <= value <= MAX_DEPTH:
                    continue
                marks[question.slug] = QuestionMarks(ticked=ticked, depth=value)
        return marks
