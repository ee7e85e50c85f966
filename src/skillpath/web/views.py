"""Curriculum pages: thin views that call one selector and render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from skillpath.curriculum import selectors


def home(request: HttpRequest) -> HttpResponse:
    curriculum = selectors.default_curriculum()
    if curriculum is None:
        return render(request, "web/empty.html")
    return redirect("web:roadmap", slug=curriculum.slug)


def roadmap(request: HttpRequest, slug: str) -> HttpResponse:
    tree = selectors.roadmap(selectors.get_curriculum(slug))
    return render(request, "web/roadmap.html", {"tree": tree, "curriculum": tree.curriculum})


def month(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    curriculum = selectors.get_curriculum(slug)
    month = selectors.month_detail(curriculum, number)
    return render(request, "web/month.html", {"curriculum": curriculum, "month": month})


def topic(request: HttpRequest, slug: str, topic_slug: str) -> HttpResponse:
    curriculum = selectors.get_curriculum(slug)
    topic = selectors.topic_detail(curriculum, topic_slug)
    previous, following = selectors.topic_neighbours(topic)
    return render(
        request,
        "web/topic.html",
        {"curriculum": curriculum, "topic": topic, "previous": previous, "next": following},
    )


def projects(request: HttpRequest, slug: str) -> HttpResponse:
    curriculum = selectors.get_curriculum(slug)
    return render(
        request,
        "web/projects.html",
        {"curriculum": curriculum, "phases": selectors.projects(curriculum),
         "other_resources": selectors.resources_without_phase(curriculum)},
    )


def assessment(request: HttpRequest, slug: str) -> HttpResponse:
    curriculum = selectors.get_curriculum(slug)
    return render(
        request,
        "web/assessment.html",
        {"curriculum": curriculum, "policy": selectors.assessment_policy(curriculum)},
    )
