"""The skills matrix page: the learner's own (rate yourself, choose a career track) and a
mentor's view of a learner (rate them). Rules live in `assessment.skill_services`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillpath.assessment import skill_selectors, skill_services
from skillpath.core.errors import DomainError
from skillpath.curriculum.models import Curriculum
from skillpath.web import access
from skillpath.web.access import learner_required
from skillpath.web.assessment_views import mentored
from skillpath.web.learner_views import _not_enrolled
from skillpath.web.skill_forms import CareerForm, SkillScoresForm


def _page(
    request: HttpRequest,
    learner: AbstractBaseUser,
    curriculum: Curriculum,
    *,
    own: bool,
    form: SkillScoresForm | None = None,
    career_form: CareerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    view = skill_selectors.skills_view(learner, curriculum, access.local_today(request))
    form = form or SkillScoresForm(groups=view.groups, by_mentor=not own)
    if career_form is None and own:
        initial = {"track": view.career.track, "role": view.career.role} if view.career else {}
        career_form = CareerForm(tracks=view.tracks, initial=initial)
    context: dict[str, Any] = {
        "curriculum": curriculum,
        "learner": learner,
        "own": own,
        "view": view,
        "form": form,
        "groups": form.rows_with_fields(view.groups),
        "career_form": career_form,
        "chart": {
            "radar_key": view.radar_key,
            "radar_phase": view.radar_phase,
            "radar_series": {
                "now": _("Now") if own else _("Learner now"),
                "then": _("Three months ago"),
                "mentor": _("Mentor"),
            },
        },
    }
    return render(request, "web/assessment/skills.html", context, status=status)


def _rate(
    request: HttpRequest, learner: AbstractBaseUser, curriculum: Curriculum, *, own: bool
) -> HttpResponse | None:
    """Record the posted scores; None when they were recorded (the caller redirects)."""
    view = skill_selectors.skills_view(learner, curriculum, access.local_today(request))
    form = SkillScoresForm(request.POST, groups=view.groups, by_mentor=not own)
    if form.is_valid():
        try:
            count = skill_services.rate_skills(
                by=request.user,
                learner=learner,
                curriculum=curriculum,
                scores=form.scores(),
                today=access.local_today(request),
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            if count:
                messages.success(request, _("Ratings saved: %(count)s.") % {"count": count})
            else:
                messages.info(request, _("No score changed."))
            return None
    return _page(request, learner, curriculum, own=own, form=form, status=400)


@learner_required
def skills_page(request: HttpRequest) -> HttpResponse:
    """The learner's skills matrix (GET) and their own ratings (POST)."""
    enrolment = access.current_enrolment(request)
    if enrolment is None:
        return _not_enrolled(request, _("Skills matrix"))
    if request.method == "POST":
        return _rate(request, request.user, enrolment.curriculum, own=True) or redirect(
            "web:skills"
        )
    return _page(request, request.user, enrolment.curriculum, own=True)


@learner_required
@require_POST
def career_choice(request: HttpRequest) -> HttpResponse:
    """Choose a career track and role, or clear the choice (`clear`)."""
    enrolment = access.current_enrolment(request)
    if enrolment is None:
        raise Http404("Not enrolled")
    curriculum = enrolment.curriculum
    if "clear" in request.POST:
        skill_services.clear_career(learner=request.user, curriculum=curriculum)
        messages.success(request, _("Career track cleared."))
        return redirect("web:skills")
    form = CareerForm(request.POST, tracks=skill_selectors.tracks(curriculum))
    if form.is_valid():
        try:
            skill_services.choose_career(
                learner=request.user,
                curriculum=curriculum,
                track=form.cleaned_data["track"],
                role=form.cleaned_data["role"],
                now=timezone.now(),
            )
        except DomainError as exc:
            form.add_error("role", str(exc))
        else:
            messages.success(request, _("Career track saved."))
            return redirect("web:skills")
    return _page(request, request.user, curriculum, own=True, career_form=form, status=400)


@learner_required
def mentor_skills(request: HttpRequest, learner_id: int) -> HttpResponse:
    """A mentor's view of a learner's matrix (GET) and the mentor's ratings (POST)."""
    learner, curriculum = mentored(request, learner_id)
    if request.method == "POST":
        return _rate(request, learner, curriculum, own=False) or redirect(
            "web:skills_learner", learner_id=learner.pk
        )
    return _page(request, learner, curriculum, own=False)
