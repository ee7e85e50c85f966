"""The monthly activities' pages: a month's four activities with their evidence forms, one
activity with its history and a mentor's sign-off, the mentors' waiting list, and the mock
interviewer. Thin: a form parses the input, one service acts. Another learner's activity is
a 404; a mentor (`assessment.sign_off_activity`) sees and signs off any other learner's."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillpath.assessment import activities
from skillpath.assessment import activity_selectors as selectors
from skillpath.assessment import activity_services as services
from skillpath.assessment.activities import Action, Actor
from skillpath.assessment.models import Activity, ActivityKind
from skillpath.core.bounds import MAX_ID
from skillpath.core.errors import DomainError
from skillpath.web import access
from skillpath.web.access import learner_required
from skillpath.web.activity_forms import CommentForm, EvidenceForm, InterviewForm, LevelForm

LEVEL_NAMES = {
    "junior": "Junior",
    "middle": "Middle",
    "senior": "Senior",
    "tech_lead": "Tech Lead",
}


def _reached_month(request: HttpRequest, number: int):  # type: ignore[no-untyped-def]
    """The learner's current enrolment, if `number` is a month they have reached; else 404."""
    enrolment = access.current_enrolment(request)
    if enrolment is None or number > MAX_ID:
        raise Http404("Not enrolled")
    if number not in selectors.months_reached(enrolment, access.local_today(request)):
        raise Http404("Month not reached")
    return enrolment


def _activity_for(request: HttpRequest, activity_id: int) -> Activity:
    """An activity the signed-in user may see (their own, or any as a mentor), or 404."""
    activity = selectors.activity_for(request.user, activity_id) if activity_id <= MAX_ID else None
    if activity is None:
        raise Http404("No such activity")
    return activity


def _month_page(request: HttpRequest, number: int, bound: EvidenceForm | None = None):  # type: ignore[no-untyped-def]
    enrolment = _reached_month(request, number)
    rows = services.plan_month_activities(
        learner=request.user, curriculum=enrolment.curriculum, month=number
    )
    cards = []
    for activity in rows:
        if bound is not None and bound.kind == activity.kind:
            form = bound
        else:
            form = EvidenceForm(kind=activity.kind, initial=EvidenceForm.initial_for(activity))
        cards.append((activity, form))
    return render(
        request,
        "web/assessment/activities_month.html",
        {
            "curriculum": enrolment.curriculum,
            "number": number,
            "cards": cards,
            "submitted": activities.submitted_count({a.kind: a.state for a in rows}),
            "total": len(activities.KINDS),
        },
        status=400 if bound is not None else 200,
    )


@learner_required
def activities_month(request: HttpRequest, number: int) -> HttpResponse:
    """The month's four activities: state, evidence form, submit."""
    return _month_page(request, number)


@require_POST
@learner_required
def activity_submit(request: HttpRequest, number: int, kind: str) -> HttpResponse:
    """Store the evidence of one of the month's activities and submit it for sign-off."""
    if kind not in activities.KINDS:
        raise Http404("No such kind")
    enrolment = _reached_month(request, number)
    form = EvidenceForm(request.POST, kind=kind)
    if form.is_valid():
        try:
            activity = services.submit_activity(
                learner=request.user,
                curriculum=enrolment.curriculum,
                month=number,
                kind=kind,
                evidence=form.evidence(),
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Submitted: %(kind)s.") % {"kind": activity.get_kind_display()}
            )
            return redirect("web:activity", activity_id=activity.pk)
    return _month_page(request, number, bound=form)


@learner_required
def activity_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    """One activity: its evidence, history, interviews, and the steps open to the viewer."""
    activity = _activity_for(request, activity_id)
    return _activity_page(request, activity)


def _activity_page(
    request: HttpRequest, activity: Activity, comment_form: CommentForm | None = None
) -> HttpResponse:
    events, interviews = selectors.activity_history(activity)
    is_owner = activity.learner_id == request.user.pk
    is_mentor = selectors.is_mentor(request.user)
    has_mentor = selectors.learner_has_mentor(activity.learner) if is_owner else True
    actor = Actor(is_owner=is_owner, is_mentor=is_mentor, learner_has_mentor=has_mentor)
    allowed = activities.allowed_actions(activity.state, actor)
    can_interview = (
        activity.kind == ActivityKind.MOCK_INTERVIEW
        and activity.state != activities.SIGNED_OFF
        and (is_owner or is_mentor)
    )
    return render(
        request,
        "web/assessment/activity.html",
        {
            "activity": activity,
            "curriculum": activity.curriculum,
            "events": events,
            "interviews": interviews,
            "is_owner": is_owner,
            "can_review": Action.SIGN_OFF in allowed,
            "can_self_assess": Action.SELF_ASSESS in allowed,
            "can_interview": can_interview,
            "comment_form": comment_form or CommentForm(),
        },
        status=400 if comment_form is not None else 200,
    )


def _review(request: HttpRequest, activity_id: int, action: Action) -> HttpResponse:
    activity = _activity_for(request, activity_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            if action is Action.SIGN_OFF:
                services.sign_off_activity(
                    activity=activity, reviewer=request.user, comment=form.cleaned_data["comment"]
                )
                messages.success(request, _("The activity is signed off."))
            else:
                services.return_activity(
                    activity=activity, reviewer=request.user, comment=form.cleaned_data["comment"]
                )
                messages.success(request, _("The activity is returned to the learner."))
        except DomainError as exc:
            form.add_error("comment", str(exc))
        else:
            return redirect("web:activity", activity_id=activity.pk)
    return _activity_page(request, activity, comment_form=form)


@require_POST
@learner_required
def activity_sign_off(request: HttpRequest, activity_id: int) -> HttpResponse:
    """A mentor signs off another learner's submitted activity."""
    return _review(request, activity_id, Action.SIGN_OFF)


@require_POST
@learner_required
def activity_return(request: HttpRequest, activity_id: int) -> HttpResponse:
    """A mentor returns another learner's submitted activity with a comment."""
    return _review(request, activity_id, Action.RETURN)


@require_POST
@learner_required
def activity_self_assess(request: HttpRequest, activity_id: int) -> HttpResponse:
    """A learner without a mentor signs off their own submitted activity."""
    activity = _activity_for(request, activity_id)
    try:
        services.self_assess_activity(activity=activity, learner=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Signed off as a self-assessment."))
    return redirect("web:activity", activity_id=activity.pk)


@learner_required
def activities_waiting(request: HttpRequest) -> HttpResponse:
    """For mentors: other learners' activities waiting for sign-off."""
    if not selectors.is_mentor(request.user):
        raise Http404("Not a mentor")
    return render(
        request,
        "web/assessment/activities_waiting.html",
        {"waiting": selectors.waiting_for_sign_off(reviewer=request.user)},
    )


@learner_required
def activity_interview(request: HttpRequest, activity_id: int) -> HttpResponse:
    """The interviewer's page: choose a level's set, mark each answer's points and depth,
    finish to score it; the result attaches to the mock interview activity."""
    activity = _activity_for(request, activity_id)
    is_owner = activity.learner_id == request.user.pk
    if activity.kind != ActivityKind.MOCK_INTERVIEW or not (
        is_owner or selectors.is_mentor(request.user)
    ):
        raise Http404("Not a mock interview")
    sets = selectors.interview_sets(activity.curriculum)
    levels = [(level, LEVEL_NAMES.get(level, level)) for level in sets]
    source = request.POST if request.method == "POST" else request.GET
    level_form = LevelForm(source or None, levels=levels)
    form = None
    status = 200
    if level_form.is_bound and level_form.is_valid():
        level = level_form.cleaned_data["level"]
        language = (get_language() or "en")[:2]
        if request.method == "POST":
            form = InterviewForm(request.POST, interview_set=sets[level], language=language)
            if form.is_valid():
                try:
                    interview = services.run_interview(
                        activity=activity,
                        interviewer=request.user,
                        level=level,
                        marks=form.marks(),
                    )
                except DomainError as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(
                        request,
                        _("The interview scored %(percent)s%%.")
                        % {"percent": f"{interview.percent:g}"},
                    )
                    return redirect("web:activity", activity_id=activity.pk)
            status = 400
        else:
            form = InterviewForm(interview_set=sets[level], language=language)
    elif level_form.is_bound:
        status = 400
    return render(
        request,
        "web/assessment/interview.html",
        {
            "activity": activity,
            "curriculum": activity.curriculum,
            "level_form": level_form,
            "form": form,
            "level_name": LEVEL_NAMES.get(level_form.cleaned_data["level"], "")
            if form is not None
            else "",
        },
        status=status,
    )
