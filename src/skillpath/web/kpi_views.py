"""The KPIs page (/kpis/): every KPI of the learner's curriculum against the seed's target,
progress over time, and the entries for the KPIs entered by hand. Thin: the form parses,
`assessment.kpi_services` writes, `assessment.kpi_selectors` reads."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from skillpath.assessment import kpi_selectors, kpi_services
from skillpath.assessment.kpi_selectors import KpiBoard
from skillpath.assessment.models import KpiEntry
from skillpath.checks.invocation import page_command
from skillpath.core.display import month_abbr
from skillpath.core.errors import DomainError
from skillpath.curriculum import selectors as curricula
from skillpath.curriculum.models import Curriculum
from skillpath.planning.models import Enrolment
from skillpath.web import access
from skillpath.web.access import learner_required
from skillpath.web.charts import ChartTable


class KpiEntryForm(forms.Form):
    kpi = forms.ChoiceField(label=gettext_lazy("KPI"))
    title = forms.CharField(
        label=gettext_lazy("What it is"), max_length=kpi_services.MAX_TITLE, strip=True
    )
    amount = forms.IntegerField(
        label=gettext_lazy("Amount"), min_value=1, max_value=kpi_services.MAX_AMOUNT, initial=1
    )
    happened_on = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    evidence_url = forms.URLField(
        label=gettext_lazy("Evidence (a link)"),
        required=False,
        max_length=kpi_services.MAX_URL,
        assume_scheme="https",
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"),
        required=False,
        max_length=kpi_services.MAX_NOTES,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, curriculum: Curriculum, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kpi = self.fields["kpi"]
        assert isinstance(kpi, forms.ChoiceField)
        kpi.choices = [(t.slug, t.name) for t in kpi_services.entered_kpis(curriculum=curriculum)]
        self.fields["happened_on"].initial = today


def board_for(request: HttpRequest, enrolment: Enrolment) -> KpiBoard:
    return kpi_selectors.kpi_board(
        learner=request.user,
        curriculum=enrolment.curriculum,
        start_on=enrolment.start_on,
        today=access.local_today(request),
    )


def _month_label(day: date) -> str:
    return f"{month_abbr(day)} {day.year}"


def kpi_chart(board: KpiBoard) -> dict[str, Any]:
    """Each KPI with a number to reach, as its percentage of the target month by month (the
    KPIs' units differ too much to share one axis otherwise), for charts.js."""
    rows = [row for row in board.kpis if row.target.is_measurable]
    low = {row.slug: row.target.low or 1 for row in rows}
    return {
        "labels": [_month_label(month) for month in board.months],
        "series": [
            {
                "key": row.slug,
                "label": row.name,
                "data": [min(999, round(v * 100 / low[row.slug])) for v in row.series],
            }
            for row in rows
        ],
        "y_title": _("Share of the target, per cent"),
    }


def kpi_table(board: KpiBoard) -> ChartTable:
    """The chart's text equivalent: the figures themselves, month by month."""
    rows = [row for row in board.kpis if row.target.is_measurable]
    return ChartTable(
        _("Month"),
        [row.name for row in rows],
        [
            (_month_label(month), [f"{row.series[i]:g}" for row in rows])
            for i, month in enumerate(board.months)
        ],
    )


@learner_required
def kpis(request: HttpRequest) -> HttpResponse:
    """Every KPI against its target (GET); add an entry for an entered KPI (POST)."""
    enrolment = access.current_enrolment(request)
    if enrolment is None:
        return render(
            request,
            "web/not_enrolled.html",
            {"curriculum": curricula.default_curriculum(), "page_title": _("KPIs")},
        )
    today = access.local_today(request)
    curriculum = enrolment.curriculum
    status = 200
    if request.method == "POST":
        form = KpiEntryForm(request.POST, curriculum=curriculum, today=today)
        if form.is_valid():
            try:
                entry = kpi_services.add_kpi_entry(
                    learner=request.user, curriculum=curriculum, today=today, **form.cleaned_data
                )
            except kpi_services.KpiEntryError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Added “%(title)s”.") % {"title": entry.title})
                return redirect("web:kpis")
        status = 400
    else:
        form = KpiEntryForm(curriculum=curriculum, today=today)
    board = board_for(request, enrolment)
    return render(
        request,
        "web/assessment/kpis.html",
        {
            "curriculum": curriculum,
            "board": board,
            "form": form,
            "chart": {"kpis": kpi_chart(board)},
            "table": kpi_table(board),
            "skillpath": page_command(),
        },
        status=status,
    )


@learner_required
@require_POST
def kpi_entry_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Delete one of the learner's entries; another learner's is a 404."""
    entry: KpiEntry | None = kpi_selectors.kpi_entry_for(learner=request.user, entry_id=entry_id)
    if entry is None:
        raise Http404(_("No such entry."))
    kpi_services.delete_kpi_entry(learner=request.user, entry=entry)
    messages.success(request, _("Deleted “%(title)s”.") % {"title": entry.title})
    return redirect("web:kpis")
