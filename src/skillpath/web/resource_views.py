"""The resource pages: every resource of the plan with the learner's progress, one
resource as a checklist of its parts (htmx ticks), certifications planned and earned, and
the resources a learner adds themselves. Thin: a form, one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillpath.core.errors import DomainError
from skillpath.curriculum import selectors as curricula
from skillpath.curriculum.models import Curriculum
from skillpath.planning import selectors as planning
from skillpath.tracking import resource_selectors as selectors
from skillpath.tracking import resource_services as services
from skillpath.tracking.models import LearnerResource
from skillpath.web import access, resource_forms
from skillpath.web.access import in_learners_zone, learner_required


def _is_enrolled_in(request: HttpRequest, curriculum: Curriculum) -> bool:
    return request.user.is_authenticated and any(
        e.curriculum_id == curriculum.pk for e in planning.enrolments(request.user)
    )


def _own_or_404(request: HttpRequest, resource_id: int) -> LearnerResource:
    resource = selectors.own_resource_for(request.user, resource_id)
    if resource is None:
        raise Http404("No such resource")
    return resource


@learner_required
def resources(request: HttpRequest) -> HttpResponse:
    """The plan's resources by phase with the learner's progress, the certifications, and
    the learner's own resources (with the form that adds one)."""
    enrolment = access.current_enrolment(request)
    if enrolment is None:
        from skillpath.web.learner_views import _not_enrolled

        return _not_enrolled(request, _("Resources"))
    form = resource_forms.own_resource_form(enrolment, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.add_own_resource(
                learner=request.user, curriculum=enrolment.curriculum, **form.arguments()
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("“%(title)s” was added.") % {"title": resource.title})
            return redirect("web:own_resource", resource_id=resource.pk)
    return render(
        request,
        "web/resources.html",
        {
            "curriculum": enrolment.curriculum,
            "board": selectors.resource_board(
                learner=request.user, curriculum=enrolment.curriculum
            ),
            "certifications": selectors.certification_rows(
                learner=request.user, curriculum=enrolment.curriculum
            ),
            "form": form,
        },
    )


@in_learners_zone
def resource(request: HttpRequest, slug: str, resource_slug: str) -> HttpResponse:
    """One resource of the plan: its parts (a checklist for an enrolled learner), the
    topics it serves and its certifications."""
    curriculum = curricula.get_curriculum(slug)
    learner = request.user if request.user.is_authenticated else None
    page = selectors.resource_page(learner=learner, curriculum=curriculum, slug=resource_slug)
    return render(
        request,
        "web/resource.html",
        {
            "curriculum": curriculum,
            "page": page,
            "can_track": _is_enrolled_in(request, curriculum),
            "certification_form": resource_forms.CertificationForm(),
        },
    )


def _checklist_response(
    request: HttpRequest, curriculum: Curriculum, resource_slug: str, saved: str = ""
) -> HttpResponse:
    """The checklist alone for htmx, else back to the page."""
    if request.htmx:
        page = selectors.resource_page(
            learner=request.user, curriculum=curriculum, slug=resource_slug
        )
        response = render(
            request,
            "web/resource.html#resource-checklist",
            {"curriculum": curriculum, "page": page, "can_track": True, "saved": saved},
        )
        patch_vary_headers(response, ("HX-Request",))
        return response
    if saved:
        messages.success(request, saved)
    return redirect("web:resource", slug=curriculum.slug, resource_slug=resource_slug)


@require_POST
@learner_required
def resource_part(
    request: HttpRequest, slug: str, resource_slug: str, part_slug: str
) -> HttpResponse:
    """Tick a part of a plan resource done, or untick it."""
    curriculum = curricula.get_curriculum(slug)
    page = selectors.resource_page(learner=None, curriculum=curriculum, slug=resource_slug)
    part = selectors.plan_part(resource=page.resource, slug=part_slug)  # type: ignore[arg-type]
    if part is None or not _is_enrolled_in(request, curriculum):
        raise Http404("No such part")
    form = resource_forms.PartDoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether the part is done."))
        return _checklist_response(request, curriculum, resource_slug)
    is_done = form.cleaned_data["is_done"]
    services.set_part_done(
        learner=request.user, part=part, is_done=is_done, today=access.local_today(request)
    )
    saved = (_("Marked “%(title)s” done.") if is_done else _("“%(title)s” is not done.")) % {
        "title": part.title
    }
    return _checklist_response(request, curriculum, resource_slug, saved)


@require_POST
@learner_required
def certification(request: HttpRequest, slug: str, certification_slug: str) -> HttpResponse:
    """Plan a certification, record it earned, or (with `drop`) forget it."""
    curriculum = curricula.get_curriculum(slug)
    found = selectors.certification_for(curriculum=curriculum, slug=certification_slug)
    if found is None or not _is_enrolled_in(request, curriculum):
        raise Http404("No such certification")
    back = redirect("web:resource", slug=curriculum.slug, resource_slug=found.resource.slug)
    if "drop" in request.POST:
        services.drop_certification_goal(learner=request.user, certification=found)
        messages.success(request, _("The certification is no longer planned."))
        return back
    form = resource_forms.CertificationForm(request.POST)
    if form.is_valid():
        try:
            goal = services.set_certification_goal(
                learner=request.user,
                certification=found,
                today=access.local_today(request),
                **form.cleaned_data,
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Recorded as earned.") if goal.is_earned else _("Planned."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return back


@learner_required
def own_resource(request: HttpRequest, resource_id: int) -> HttpResponse:
    """One of the learner's own resources: its checklist, and the form that changes it."""
    found = _own_or_404(request, resource_id)
    enrolment = access.current_enrolment(request)
    if request.method == "POST":
        form = resource_forms.own_resource_form(enrolment, request.POST)
        if form.is_valid():
            try:
                services.edit_own_resource(learner=request.user, resource=found, **form.arguments())
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The resource was saved."))
                return redirect("web:own_resource", resource_id=found.pk)
    else:
        form = resource_forms.own_resource_form(
            enrolment, initial=resource_forms.OwnResourceForm.initial_for(found)
        )
    return render(
        request,
        "web/own_resource.html",
        {
            "curriculum": found.curriculum,
            "page": selectors.own_resource_page(learner=request.user, resource=found),
            "form": form,
        },
    )


@require_POST
@learner_required
def own_resource_part(request: HttpRequest, resource_id: int, part_slug: str) -> HttpResponse:
    """Tick a part of the learner's own resource done, or untick it."""
    found = _own_or_404(request, resource_id)
    part = selectors.own_part(resource=found, slug=part_slug)
    if part is None:
        raise Http404("No such part")
    form = resource_forms.PartDoneForm(request.POST)
    if form.is_valid():
        services.set_part_done(
            learner=request.user,
            part=part,
            is_done=form.cleaned_data["is_done"],
            today=access.local_today(request),
        )
    if request.htmx:
        found = _own_or_404(request, resource_id)
        response = render(
            request,
            "web/own_resource.html#own-checklist",
            {"page": selectors.own_resource_page(learner=request.user, resource=found)},
        )
        patch_vary_headers(response, ("HX-Request",))
        return response
    return redirect("web:own_resource", resource_id=found.pk)


@learner_required
def own_resource_delete(request: HttpRequest, resource_id: int) -> HttpResponse:
    """Confirm (GET), then delete (POST) one of the learner's own resources."""
    found = _own_or_404(request, resource_id)
    if request.method == "POST":
        services.delete_own_resource(learner=request.user, resource=found)
        messages.success(request, _("The resource was deleted."))
        return redirect("web:resources")
    return render(
        request, "web/own_resource_delete.html", {"curriculum": found.curriculum, "found": found}
    )
