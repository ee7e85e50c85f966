"""Curriculum pages: thin views that call one selector and render. The learner's own pages
are in `learner_views`."""

from __future__ import annotations

from itertools import zip_longest

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers

from skillpath.checks.invocation import page_command
from skillpath.curriculum import selectors
from skillpath.curriculum.models import Curriculum
from skillpath.knowledge import selectors as knowledge
from skillpath.planning import selectors as planning
from skillpath.web import learner_views
from skillpath.web.check_views import check_badges


def home(request: HttpRequest) -> HttpResponse:
    """Today's work for an enrolled learner; otherwise the default curriculum's roadmap."""
    if request.user.is_authenticated and planning.current_enrolment(request.user):
        return redirect("web:today")
    curriculum = selectors.default_curriculum()
    if curriculum is None:
        return render(request, "web/empty.html", {"skillpath": page_command()})
    return redirect("web:roadmap", slug=curriculum.slug)


def _mastery(request: HttpRequest, curriculum: Curriculum) -> knowledge.CurriculumMastery:
    """The bank's counts, with the signed-in learner's mastery of each topic."""
    learner = request.user if request.user.is_authenticated else None
    return knowledge.mastery(learner, curriculum)


def roadmap(request: HttpRequest, slug: str) -> HttpResponse:
    tree = selectors.roadmap_outline(selectors.get_curriculum(slug))
    return render(
        request,
        "web/roadmap.html",
        {
            "tree": tree,
            "curriculum": tree.curriculum,
            "mastery": _mastery(request, tree.curriculum),
        },
    )


def month(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    curriculum = selectors.get_curriculum(slug)
    page = selectors.month_page(curriculum, number)
    practice = getattr(page.month, "practice", None)
    context = {
        "curriculum": curriculum,
        "page": page,
        "month": page.month,
        "check_badges": check_badges(request, [("practice", practice.slug)] if practice else []),
        "mastery": _mastery(request, curriculum),
    }
    # Previous/next links fetch the month with htmx and swap in only its detail; a history
    # restore (back button after a cache miss) needs the whole page.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "web/month.html#month-detail" if partial else "web/month.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def topic(request: HttpRequest, slug: str, topic_slug: str) -> HttpResponse:
    curriculum = selectors.get_curriculum(slug)
    page = selectors.topic_page(curriculum, topic_slug)
    found = _mastery(request, curriculum)
    context = {
        "curriculum": curriculum,
        "page": page,
        "topic": page.topic,
        "questions": found.questions.get(page.topic.pk, 0),
        "topic_mastery": found.of(page.topic.pk) if request.user.is_authenticated else None,
    }
    # A signed-in learner enrolled in this curriculum also sees and changes their progress.
    if request.user.is_authenticated and any(
        e.curriculum_id == curriculum.pk for e in planning.enrolments(request.user)
    ):
        context["progress"] = learner_views.progress_context(request, page.topic)
    return render(request, "web/topic.html", context)


def projects(request: HttpRequest, slug: str) -> HttpResponse:
    curriculum = selectors.get_curriculum(slug)
    phases = selectors.projects(curriculum)
    subjects = [("project", p.slug) for phase in phases for p in phase.projects.all()]
    return render(
        request,
        "web/projects.html",
        {
            "curriculum": curriculum,
            "phases": phases,
            "other_resources": selectors.resources_without_phase(curriculum),
            "check_badges": check_badges(request, subjects),
        },
    )


def assessment(request: HttpRequest, slug: str) -> HttpResponse:
    curriculum = selectors.get_curriculum(slug)
    policy = selectors.assessment_policy(curriculum)
    # The seed's "quarterly" checks Q1–Q4 fall on the milestones (months 3, 8, 14, 18), so
    # the page shows each check beside the milestone in the same place.
    checkpoints = list(zip_longest(policy.level_checks, policy.milestones))
    return render(
        request,
        "web/assessment.html",
        {"curriculum": curriculum, "policy": policy, "checkpoints": checkpoints},
    )
