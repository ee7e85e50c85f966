"""Practice check pages: every suite with the learner's status, one suite (its spec, stages,
latest result and history of runs) and one run. The spec and stages are public; results are
shown to a signed-in learner only, and only their own (another learner's run is a 404)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from skillpath.checks import selectors as checks
from skillpath.checks.invocation import page_command
from skillpath.checks.models import CheckRun
from skillpath.checks.suite import Suite
from skillpath.checks.suites import all_suites, suite_by_slug
from skillpath.curriculum import selectors as curricula
from skillpath.curriculum.models import Curriculum
from skillpath.web import access
from skillpath.web.access import learner_required

# The history on a suite's page: the latest runs (the API pages through all of them).
HISTORY_SHOWN = 20
# Specs are trusted files of ours, but raw HTML in them is still shown as text, never run.
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")


def _focusable(rule):  # type: ignore[no-untyped-def]
    """A code block may scroll sideways: keyboard users reach it with Tab (WCAG 2.1.1)."""

    def render(tokens, index, options, env):  # type: ignore[no-untyped-def]
        return rule(tokens, index, options, env).replace("<pre>", '<pre tabindex="0">', 1)

    return render


for _rule in ("fence", "code_block"):
    _MARKDOWN.renderer.rules[_rule] = _focusable(_MARKDOWN.renderer.rules[_rule])
INTERFACE_TYPES = {".yaml": "application/yaml", ".txt": "text/plain"}


# --- What a page needs ---------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """The curriculum item a suite checks, as a page links to it."""

    label: str
    url: str


@dataclass(frozen=True)
class CheckBadge:
    """A suite beside the practice or project it checks (projects and month pages)."""

    suite: Suite
    kind: str
    slug: str
    status: checks.SuiteStatus | None


def check_badges(request: HttpRequest, subjects: Iterable[tuple[str, str]]) -> list[CheckBadge]:
    """The suites checking any of `subjects` ((kind, slug) pairs), with the signed-in
    learner's status. A signed-in page always reads the statuses (one query, two once the
    learner has runs), so its query count does not depend on which suites exist."""
    statuses = _statuses(request)
    wanted = set(subjects)
    return [
        CheckBadge(suite, suite.subject[0], suite.subject[1], statuses.get(suite.slug))
        for suite in all_suites()
        if suite.subject in wanted
    ]


def _statuses(request: HttpRequest) -> dict[str, checks.SuiteStatus]:
    """The signed-in learner's status of every suite, by slug; none for a visitor."""
    if not request.user.is_authenticated:
        return {}
    return {status.suite.slug: status for status in checks.suite_statuses(learner=request.user)}


def _curriculum(request: HttpRequest) -> Curriculum | None:
    """The learner's current curriculum; the default one for a visitor or a new learner."""
    if request.user.is_authenticated:
        enrolment = access.current_enrolment(request)
        if enrolment is not None:
            return enrolment.curriculum
    return curricula.default_curriculum()


def _subjects(curriculum: Curriculum | None, suites: Iterable[Suite]) -> dict[str, Subject]:
    """Each suite's practice (month N) or project (project N) in the curriculum, by suite
    slug: at most two queries, whatever the number of suites."""
    if curriculum is None:
        return {}
    by_subject = {suite.subject: suite.slug for suite in suites}
    numbers = curricula.item_numbers(
        curriculum=curriculum,
        practices=[slug for kind, slug in by_subject if kind == "practice"],
        projects=[slug for kind, slug in by_subject if kind == "project"],
    )
    projects_url = reverse("web:projects", args=[curriculum.slug])
    found: dict[str, Subject] = {}
    for (kind, slug), number in numbers.items():
        if kind == "practice":
            subject = Subject(
                _("Month %(number)s practice") % {"number": number},
                reverse("web:month", args=[curriculum.slug, number]),
            )
        else:
            subject = Subject(
                _("Project %(number)s") % {"number": number}, f"{projects_url}#project-{number}"
            )
        found[by_subject[kind, slug]] = subject
    return found


def _suite_or_404(slug: str) -> Suite:
    suite = suite_by_slug(slug)
    if suite is None:
        raise Http404("No such check")
    return suite


@lru_cache(maxsize=32)
def _render_markdown(path: Path, modified: float) -> str:
    # `modified` is part of the key: an edited spec is rendered again.
    return _MARKDOWN.render(path.read_text(encoding="utf-8"))


def spec_html(suite: Suite) -> tuple[SafeString | None, str]:
    """The suite's spec as HTML in the current language (else the other one), and which
    language it is in; None while the spec is not written."""
    current = (translation.get_language() or "ru")[:2]
    for language in (current, "en" if current == "ru" else "ru"):
        path = suite.spec_path(language)
        if path.is_file():
            html = _render_markdown(path, path.stat().st_mtime)
            # Safe: markdown-it escapes raw HTML ("html": False) and refuses javascript: links.
            return mark_safe(html), language
    return None, current


# --- Pages ---------------------------------------------------------------------------------


@access.in_learners_zone
def check_list(request: HttpRequest) -> HttpResponse:
    """Every suite, what it checks, its stages and the learner's status."""
    suites = all_suites()
    curriculum = _curriculum(request)
    subjects = _subjects(curriculum, suites)
    statuses = _statuses(request)
    rows = [
        {"suite": suite, "subject": subjects.get(suite.slug), "status": statuses.get(suite.slug)}
        for suite in suites
    ]
    return render(
        request,
        "web/checks.html",
        {
            "curriculum": curriculum,
            "rows": rows,
            "is_signed_in": request.user.is_authenticated,
            "skillpath": page_command(),
        },
    )


@access.in_learners_zone
def check_detail(request: HttpRequest, suite_slug: str) -> HttpResponse:
    """One suite: spec, interface, stages, how to run it, latest result and history."""
    suite = _suite_or_404(suite_slug)
    curriculum = _curriculum(request)
    spec, spec_language = spec_html(suite)
    context: dict[str, Any] = {
        "curriculum": curriculum,
        "suite": suite,
        "subject": _subjects(curriculum, [suite]).get(suite.slug),
        "spec": spec,
        "spec_language": spec_language,
        "interface": suite.interface_path(),
        "commands": suite.example_commands(),
    }
    if request.user.is_authenticated:
        status = checks.suite_status(learner=request.user, slug=suite.slug)
        context["status"] = status
        context["latest"] = status.latest if status else None
        if context["latest"] is not None:
            context["latest_stages"] = checks.stage_results(context["latest"])
        context["history"] = checks.check_runs(
            learner=request.user, slug=suite.slug, limit=HISTORY_SHOWN
        )
    return render(request, "web/check.html", context)


def check_interface(request: HttpRequest, suite_slug: str) -> FileResponse:
    """The suite's interface file (openapi.yaml or usage.txt), as a download. Only a known
    suite's own file: the path comes from the suite, never from the request."""
    suite = _suite_or_404(suite_slug)
    path = suite.interface_path()
    if path is None:
        raise Http404("This check has no interface file")
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"{suite.slug}-{path.name}",
        content_type=f"{INTERFACE_TYPES.get(path.suffix, 'text/plain')}; charset=utf-8",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@learner_required
def check_run(request: HttpRequest, suite_slug: str, run_id: int) -> HttpResponse:
    """One of the learner's runs in detail."""
    suite = _suite_or_404(suite_slug)
    run: CheckRun = access.check_run_for(request, run_id)
    if run.suite != suite.slug:
        raise Http404("No such run of this check")
    return render(
        request,
        "web/check_run.html",
        {
            "curriculum": _curriculum(request),
            "suite": suite,
            "run": run,
            "stages": checks.stage_results(run),
        },
    )
