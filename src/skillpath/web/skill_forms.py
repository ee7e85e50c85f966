"""The skills matrix's forms: one score per skill (blank leaves it as it is) and the career
choice. Field names carry the skill: `score-<kind>-<slug>`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from skillpath.assessment import skills
from skillpath.assessment.skill_selectors import Group
from skillpath.curriculum.models import CareerTrack

SCALE = (
    (1, gettext_lazy("1 — novice: heard of it, needs guidance")),
    (2, gettext_lazy("2 — beginner: does simple tasks with help")),
    (3, gettext_lazy("3 — competent: does typical tasks alone")),
    (4, gettext_lazy("4 — proficient: handles hard cases, helps others")),
    (5, gettext_lazy("5 — expert: shapes how a team does it")),
)


def field_name(axis: skills.Axis) -> str:
    return f"score-{axis.kind}-{axis.slug}"


class SkillScoresForm(forms.Form):
    """A select per skill; its initial value is the current score of the side rating."""

    def __init__(self, *args: Any, groups: list[Group], by_mentor: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.axes: dict[str, skills.Axis] = {}
        for group in groups:
            for row in group.rows:
                name = field_name(row.axis)
                self.axes[name] = row.axis
                current = row.mentor_now if by_mentor else row.self_now
                self.fields[name] = forms.TypedChoiceField(
                    label=row.axis.title,
                    choices=[("", gettext_lazy("— not rated")), *SCALE],
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=current,
                )

    def scores(self) -> dict[tuple[str, str], int]:
        """The scores chosen, by (kind, slug); blank ones are left out."""
        return {
            (self.axes[name].kind, self.axes[name].slug): value
            for name, value in self.cleaned_data.items()
            if value is not None
        }

    def rows_with_fields(self, groups: list[Group]) -> list[tuple[Group, list[tuple[Any, Any]]]]:
        """Each group with (matrix row, bound field) pairs, for the template."""
        return [
            (group, [(row, self[field_name(row.axis)]) for row in group.rows]) for group in groups
        ]


class CareerForm(forms.Form):
    track = forms.ChoiceField(label=gettext_lazy("Career track"))
    role = forms.ChoiceField(label=gettext_lazy("Role you aim at"), required=False)

    def __init__(self, *args: Any, tracks: list[CareerTrack], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        track = self.fields["track"]
        role = self.fields["role"]
        assert isinstance(track, forms.ChoiceField) and isinstance(role, forms.ChoiceField)
        track.choices = [(t.slug, str(t.title)) for t in tracks]
        by_track = [(str(t.title), [(r.slug, str(r.title)) for r in t.roles.all()]) for t in tracks]
        role.choices = [("", gettext_lazy("— any role of the track")), *by_track]
