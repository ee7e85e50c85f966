"""The level check's pages: the learner's checklist against each milestone's gate, its
history, a mentor's view of a learner, and the sign-off. Rules live in
`assessment.level_services`; this module only shapes the document for the page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillpath.assessment import level_selectors, level_services
from skillpath.assessment.evidence import NoRubricError, rubric_and_facts
from skillpath.checks.selectors import current_language
from skillpath.core.errors import DomainError
from skillpath.curriculum.models import Curriculum
from skillpath.web import access
from skillpath.web.access import learner_required
from skillpath.web.learner_views import _not_enrolled

SHOWN_LINKS = 12  # evidence or missing items linked per criterion; the rest are counted
# What is missing for these is said by the text alone (a score, a figure): nothing to link.
UNLINKED = frozenset({"interview_score", "kpi"})
COMMENT_CHARS = 2000


@dataclass(frozen=True)
class Link:
    label: str
    url: str | None


@dataclass(frozen=True)
class Row:
    title: str
    met: bool
    required: bool
    figure: float
    threshold: float
    unit: str
    missing: str
    unchecked: str
    evidence: list[Link] = field(default_factory=list)
    evidence_more: int = 0
    todo: list[Link] = field(default_factory=list)
    todo_more: int = 0
    # The missing text around its list when the list is written as the `todo` links.
    around: tuple[str, str] | None = None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _evidence_link(
    ref: dict[str, Any], curriculum: Curriculum, own: bool, names: dict[str, str]
) -> Link:
    kind, ident, label = ref["kind"], ref["id"], ref["label"]
    # A mentor cannot open a learner's runs or quizzes (they are the learner's own pages).
    if kind == "check_run":
        url = reverse("web:check_run", args=[label, ident]) if own else None
        return Link(_("run %(id)s of %(check)s") % {"id": ident, "check": label}, url)
    if kind == "quiz":
        url = reverse("web:quiz", args=[ident]) if own else None
        return Link(_("quiz %(id)s (%(topic)s)") % {"id": ident, "topic": label}, url)
    if kind == "topic":
        title = names.get(f"topic:{ident}", str(ident))
        return Link(title, reverse("web:topic", args=[curriculum.slug, ident]))
    if kind == "kpi":
        return Link(_("KPIs"), reverse("web:kpis") if own else None)
    return Link(str(label or ident), None)


def _todo_link(kind: str, item: str, title: str, curriculum: Curriculum) -> Link:
    if kind in ("topics_done", "quiz_mastery"):
        return Link(title, reverse("web:topic", args=[curriculum.slug, item]))
    if kind == "practice_passed":
        return Link(title, reverse("web:check", args=[item]))
    if kind == "activities_signed_off":  # "month-2:code-review": that month's activities
        month = item.partition(":")[0].removeprefix("month-")
        if month.isdigit():
            return Link(title, reverse("web:activities_month", args=[int(month)]))
    return Link(title, None)


def _rows(milestone: dict[str, Any], curriculum: Curriculum, own: bool) -> list[Row]:
    lang = current_language() if current_language() in ("ru", "en") else "en"
    # The titles of the curriculum's topics (read once per curriculum version, no query).
    names = dict(rubric_and_facts(curriculum)[1].names.get(lang, {}))
    rows = []
    for c in milestone["criteria"]:
        evidence = [_evidence_link(e, curriculum, own, names) for e in c["evidence"]]
        titles = c.get("missing_titles", {}).get(lang) or c["missing_items"]
        todo = [
            _todo_link(c["kind"], item, title, curriculum)
            for item, title in zip(c["missing_items"], titles, strict=True)
            if c["kind"] not in UNLINKED
        ]
        around = c.get("missing_around", {}).get(lang)
        rows.append(
            Row(
                title=c["title"][lang],
                met=c["met"],
                required=c["required"],
                figure=c["figure"],
                threshold=c["threshold"],
                unit=c["unit"],
                missing=c["missing"][lang],
                unchecked=c["unchecked"][lang],
                evidence=evidence[:SHOWN_LINKS],
                evidence_more=max(0, len(evidence) - SHOWN_LINKS),
                todo=todo[:SHOWN_LINKS] if not c["met"] else [],
                todo_more=max(0, len(todo) - SHOWN_LINKS) if not c["met"] else 0,
                around=tuple(around) if around and not c["met"] else None,
            )
        )
    return rows


def _context(
    request: HttpRequest, learner: AbstractBaseUser, curriculum: Curriculum, *, own: bool
) -> dict[str, Any]:
    try:
        view = level_selectors.level_view(
            learner=learner, curriculum=curriculum, now=timezone.now()
        )
    except NoRubricError as exc:
        return {"curriculum": curriculum, "learner": learner, "own": own, "no_rubric": str(exc)}
    lang = current_language() if current_language() in ("ru", "en") else "en"
    may_sign = level_services.can_sign_off_for(by=request.user, learner=learner)
    milestones = [
        {
            **{k: v for k, v in m.items() if k != "criteria"},
            "title_text": m["title"][lang],
            "rows": _rows(m, curriculum, own),
            "sign_off": view.sign_offs.get(m["number"]),
            "is_next": view.next is not None and m["number"] == view.next["number"],
        }
        for m in view.document["milestones"]
    ]
    return {
        "curriculum": curriculum,
        "learner": learner,
        "own": own,
        "view": view,
        "milestones": milestones,
        "next": next((m for m in milestones if m["is_next"]), None),
        "may_sign": may_sign,
        "self_assessment": own and may_sign,
    }


@learner_required
def level_page(request: HttpRequest) -> HttpResponse:
    """The learner's level check: the level reached, the next milestone and its checklist."""
    enrolment = access.current_enrolment(request)
    if enrolment is None:
        return _not_enrolled(request, _("Level check"))
    context = _context(request, request.user, enrolment.curriculum, own=True)
    return render(request, "web/assessment/level.html", context)


@learner_required
@require_POST
def check_again(request: HttpRequest) -> HttpResponse:
    """Assess now and store a snapshot when the result moved."""
    enrolment = access.current_enrolment(request)
    if enrolment is None:
        raise Http404("Not enrolled")
    try:
        _snapshot, is_new = level_services.take_assessment(
            learner=request.user, curriculum=enrolment.curriculum, now=timezone.now()
        )
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("web:level")
    messages.success(
        request,
        _("Assessment saved to your history.")
        if is_new
        else _("Nothing changed since your last assessment."),
    )
    return redirect("web:level")


@learner_required
def level_history(request: HttpRequest) -> HttpResponse:
    """The learner's assessment snapshots, newest first."""
    enrolment = access.current_enrolment(request)
    if enrolment is None:
        return _not_enrolled(request, _("Assessment history"))
    rows = level_selectors.history(learner=request.user, curriculum=enrolment.curriculum)
    return render(
        request,
        "web/assessment/history.html",
        {
            "curriculum": enrolment.curriculum,
            "rows": rows,
            "chart": {"level_history": history_chart(rows)},
        },
    )


def _share(pair: tuple[int, int] | None) -> int | None:
    """(met, total) as a whole percentage; None (a gap in the line) without criteria."""
    if not pair or not pair[1]:
        return None
    return round(100 * pair[0] / pair[1])


def history_chart(rows: list[level_selectors.HistoryRow]) -> dict[str, Any]:
    """How the level moved: per milestone, the share of its required criteria met at each
    snapshot, oldest first."""
    oldest_first = list(reversed(rows))
    numbers = sorted({n for row in oldest_first for n in row.required})
    return {
        "labels": [
            formats.date_format(row.snapshot.taken_at, "SHORT_DATE_FORMAT") for row in oldest_first
        ],
        "y_title": _("Required criteria met, %"),
        "series": [
            {
                "label": _("Milestone %(number)s") % {"number": number},
                "data": [_share(row.required.get(number)) for row in oldest_first],
            }
            for number in numbers
        ],
    }


def mentored(request: HttpRequest, learner_id: int) -> tuple[AbstractBaseUser, Curriculum]:
    """A learner a mentor may see and their current curriculum, or 404."""
    found = level_selectors.mentored_learner(by=request.user, learner_id=learner_id)
    if found is None:
        raise Http404("No such learner")
    return found


@learner_required
def mentor_view(request: HttpRequest, learner_id: int) -> HttpResponse:
    """A mentor's view of a learner's level check, with the sign-off form."""
    learner, curriculum = mentored(request, learner_id)
    context = _context(request, learner, curriculum, own=False)
    return render(request, "web/assessment/level.html", context)


def _sign_off(
    request: HttpRequest, learner: AbstractBaseUser, curriculum: Curriculum, number: int
) -> None:
    comment = (request.POST.get("comment") or "")[:COMMENT_CHARS]
    try:
        level_services.sign_off_milestone(
            by=request.user,
            learner=learner,
            curriculum=curriculum,
            milestone=number,
            comment=comment,
            now=timezone.now(),
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Milestone %(number)s signed off.") % {"number": number})


@learner_required
@require_POST
def sign_off_own(request: HttpRequest, number: int) -> HttpResponse:
    """The learner's self-assessment of a milestone (only without a mentor)."""
    enrolment = access.current_enrolment(request)
    if enrolment is None:
        raise Http404("Not enrolled")
    _sign_off(request, request.user, enrolment.curriculum, number)
    return redirect("web:level")


@learner_required
@require_POST
def sign_off_learner(request: HttpRequest, learner_id: int, number: int) -> HttpResponse:
    """A mentor signs off a learner's milestone."""
    learner, curriculum = mentored(request, learner_id)
    _sign_off(request, learner, curriculum, number)
    return redirect("web:level_learner", learner_id=learner.pk)
