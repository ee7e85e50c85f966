"""Writes of the monthly activities and mock interviews: planning a month's four, the
learner's evidence, a mentor's sign-off or return, self-assessment, and interviews. Every
step goes through `activities.next_state` and leaves an `ActivityEvent`."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from skillpath.assessment import activities
from skillpath.assessment import activity_selectors as selectors
from skillpath.assessment.activities import Action, Actor
from skillpath.assessment.interviews import QuestionMarks, score_interview
from skillpath.assessment.models import Activity, ActivityEvent, ActivityKind, Interview
from skillpath.core.errors import DomainError
from skillpath.curriculum.models import Curriculum

MAX_LINKS = 10
MAX_URL = 500
MAX_NOTES = 5000
MAX_COMMENT = 2000
COMMIT_RE = re.compile(r"^[0-9a-fA-F]{7,64}$")
_url = URLValidator(schemes=["http", "https"])


class ActivityInputError(DomainError):
    """The evidence or the comment cannot be stored as given; the message names the field."""


class InterviewError(DomainError):
    """The interview cannot be run or scored as asked."""


@dataclass(frozen=True)
class EvidenceInput:
    links: Sequence[str] = ()
    notes: str = ""
    done_on: date | None = None
    partner: str = ""  # a username of the platform, or a name
    slides_url: str = ""
    repository_url: str = ""
    commit: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)


def _checked_url(value: str, name: str) -> str:
    value = value.strip()
    if len(value) > MAX_URL:
        raise ActivityInputError(
            _("%(field)s: an address is at most %(n)s characters.") % {"field": name, "n": MAX_URL}
        )
    try:
        _url(value)
    except ValidationError:
        raise ActivityInputError(
            _("%(field)s: not an http(s) address: %(value)s") % {"field": name, "value": value}
        ) from None
    return value


def _checked_evidence(learner: AbstractBaseUser, kind: str, evidence: EvidenceInput) -> dict:
    links = [link.strip() for link in evidence.links if link.strip()]
    if len(links) > MAX_LINKS:
        raise ActivityInputError(_("links: at most %(n)s links.") % {"n": MAX_LINKS})
    links = [_checked_url(link, "links") for link in links]
    notes = evidence.notes.strip()
    if len(notes) > MAX_NOTES:
        raise ActivityInputError(_("notes: at most %(n)s characters.") % {"n": MAX_NOTES})
    slides = _checked_url(evidence.slides_url, "slides_url") if evidence.slides_url.strip() else ""
    repository = (
        _checked_url(evidence.repository_url, "repository_url")
        if evidence.repository_url.strip()
        else ""
    )
    commit = evidence.commit.strip()
    if commit and not COMMIT_RE.match(commit):
        raise ActivityInputError(_("commit: a commit hash is 7 to 64 hexadecimal digits."))
    partner = evidence.partner.strip()
    if len(partner) > 150:
        raise ActivityInputError(_("partner: at most 150 characters."))
    partner_user = None
    if partner:
        partner_user = (
            get_user_model()
            .objects.filter(username=partner, is_active=True)
            .exclude(pk=learner.pk)
            .first()
        )
    values = {
        "links": links,
        "notes": notes,
        "done_on": evidence.done_on,
        "partner_user": partner_user,
        "partner_name": "" if partner_user else partner,
        "slides_url": slides,
        "repository_url": repository,
        "commit": commit,
    }
    if kind == ActivityKind.CODE_REVIEW and not repository:
        raise ActivityInputError(_("repository_url: name the repository that was reviewed."))
    if kind == ActivityKind.PRESENTATION and not slides:
        raise ActivityInputError(_("slides_url: give the link to the slides of the talk."))
    if kind == ActivityKind.PAIR_PROGRAMMING and not partner:
        raise ActivityInputError(_("partner: name who you paired with."))
    if kind == ActivityKind.MOCK_INTERVIEW and not (links or notes):
        raise ActivityInputError(
            _("notes: say how the interview went, or run it on the interviewer page.")
        )
    return values


def _check_kind(kind: str) -> None:
    if kind not in activities.KINDS:
        raise ActivityInputError(
            _("kind: one of %(kinds)s.") % {"kinds": ", ".join(activities.KINDS)}
        )


def _move(
    activity: Activity,
    action: Action,
    actor_user: AbstractBaseUser,
    comment: str = "",
    *,
    on_behalf_of_learner: bool = False,
) -> None:
    """Take `action` on a locked activity as `actor_user`, and record it."""
    actor = Actor(
        is_owner=on_behalf_of_learner or activity.learner_id == actor_user.pk,
        is_mentor=selectors.is_mentor(actor_user),
        learner_has_mentor=(
            selectors.learner_has_mentor(activity.learner) if action is Action.SELF_ASSESS else True
        ),
    )
    activity.state = activities.next_state(action, activity.state, actor)
    now = timezone.now()
    if action is Action.SUBMIT:
        activity.submitted_at = now
        activity.is_self_assessed = False
    elif action in (Action.SIGN_OFF, Action.RETURN, Action.SELF_ASSESS):
        activity.reviewer = actor_user
        activity.reviewer_comment = comment
        activity.is_self_assessed = action is Action.SELF_ASSESS
        activity.signed_off_at = now if action is not Action.RETURN else None
    activity.save()
    ActivityEvent.objects.create(
        activity=activity,
        actor=actor_user,
        state=activity.state,
        is_self_assessed=activity.is_self_assessed,
        comment=comment,
    )


def plan_month_activities(
    *, learner: AbstractBaseUser, curriculum: Curriculum, month: int
) -> list[Activity]:
    """The month's four activities, creating the planned ones still missing (safe to run
    twice: the unique constraint skips those another request made)."""
    found = selectors.month_activities(learner, curriculum, month)
    if len(found) < len(activities.KINDS):
        have = {a.kind for a in found}
        Activity.objects.bulk_create(
            [
                Activity(learner=learner, curriculum=curriculum, month=month, kind=kind)
                for kind in activities.KINDS
                if kind not in have
            ],
            ignore_conflicts=True,
        )
        found = selectors.month_activities(learner, curriculum, month)
    return found


@transaction.atomic
def submit_activity(
    *,
    learner: AbstractBaseUser,
    curriculum: Curriculum,
    month: int,
    kind: str,
    evidence: EvidenceInput,
) -> Activity:
    """Store the learner's evidence and submit the activity for sign-off (again, after a
    return; a submitted one gets its evidence updated). Writes the activity and an event."""
    _check_kind(kind)
    if month < 1 or not curriculum.month_set.filter(number=month).exists():
        raise ActivityInputError(_("month: the plan has no month %(n)s.") % {"n": month})
    values = _checked_evidence(learner, kind, evidence)
    activity, _created = Activity.objects.select_for_update().get_or_create(
        learner=learner, curriculum=curriculum, month=month, kind=kind
    )
    if activity.state == activities.SIGNED_OFF:
        raise activities.TransitionError(_("The activity is signed off already."))
    for name, value in values.items():
        setattr(activity, name, value)
    _move(activity, Action.SUBMIT, learner)
    return activity


def _locked(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().select_related("learner").get(pk=activity.pk)


def _checked_comment(comment: str, *, required: bool) -> str:
    comment = comment.strip()
    if required and not comment:
        raise ActivityInputError(_("comment: say what to change before it is signed off."))
    if len(comment) > MAX_COMMENT:
        raise ActivityInputError(_("comment: at most %(n)s characters.") % {"n": MAX_COMMENT})
    return comment


@transaction.atomic
def sign_off_activity(
    *, activity: Activity, reviewer: AbstractBaseUser, comment: str = ""
) -> Activity:
    """A mentor signs off another learner's submitted activity. Writes it and an event."""
    comment = _checked_comment(comment, required=False)
    locked = _locked(activity)
    _move(locked, Action.SIGN_OFF, reviewer, comment)
    return locked


@transaction.atomic
def return_activity(*, activity: Activity, reviewer: AbstractBaseUser, comment: str) -> Activity:
    """A mentor returns another learner's submitted activity with a comment."""
    comment = _checked_comment(comment, required=True)
    locked = _locked(activity)
    _move(locked, Action.RETURN, reviewer, comment)
    return locked


@transaction.atomic
def self_assess_activity(*, activity: Activity, learner: AbstractBaseUser) -> Activity:
    """A learner with no mentor signs off their own submitted activity, marked
    self-assessed."""
    locked = _locked(activity)
    _move(locked, Action.SELF_ASSESS, learner)
    return locked


# --- Mock interviews ---------------------------------------------------------------------


def _check_interviewer(activity: Activity, interviewer: AbstractBaseUser) -> None:
    if activity.kind != ActivityKind.MOCK_INTERVIEW:
        raise InterviewError(_("An interview attaches only to a mock interview activity."))
    if activity.learner_id != interviewer.pk and not selectors.is_mentor(interviewer):
        raise InterviewError(_("Only the learner or a mentor runs this interview."))
    if activity.state == activities.SIGNED_OFF:
        raise activities.TransitionError(_("The activity is signed off already."))


def start_interview(*, activity: Activity, interviewer: AbstractBaseUser, level: str) -> Interview:
    """Open an interview from `level`'s set for a mock interview activity (one row)."""
    _check_interviewer(activity, interviewer)
    if level not in selectors.interview_sets(activity.curriculum):
        raise InterviewError(
            _("level: there is no interview set for %(level)s.") % {"level": level}
        )
    return Interview.objects.create(activity=activity, interviewer=interviewer, level=level)


@transaction.atomic
def finish_interview(
    *,
    interview: Interview,
    interviewer: AbstractBaseUser,
    marks: Mapping[str, QuestionMarks],
) -> Interview:
    """Score the asked questions (`interviews.score_interview`), finish the interview and
    submit its activity with the result as evidence. Writes both and an event."""
    interview = (
        Interview.objects.select_for_update()
        .select_related("activity__learner", "activity__curriculum")
        .get(pk=interview.pk)
    )
    activity = interview.activity
    _check_interviewer(activity, interviewer)
    if interview.finished_at is not None:
        raise InterviewError(_("This interview is finished already."))
    if not marks:
        raise InterviewError(_("marks: mark at least one question that was asked."))
    interview_set = selectors.interview_sets(activity.curriculum)[interview.level]
    try:
        score = score_interview(interview_set, marks)
    except ValueError as exc:
        raise InterviewError(_("marks: %(problem)s") % {"problem": exc}) from None
    interview.marks = {
        slug: {"ticked": sorted(mark.ticked), "depth": mark.depth} for slug, mark in marks.items()
    }
    interview.percent = score.percent
    interview.finished_at = timezone.now()
    interview.save()
    locked = _locked(activity)
    if not locked.done_on:
        locked.done_on = timezone.localdate()
    # The interview's result is evidence submitted on the learner's behalf, whoever ran it.
    _move(locked, Action.SUBMIT, interviewer, on_behalf_of_learner=True)
    return interview


@transaction.atomic
def run_interview(
    *,
    activity: Activity,
    interviewer: AbstractBaseUser,
    level: str,
    marks: Mapping[str, QuestionMarks],
) -> Interview:
    """Start and finish an interview at once (the web page marks every answer before it
    sends them)."""
    interview = start_interview(activity=activity, interviewer=interviewer, level=level)
    return finish_interview(interview=interview, interviewer=interviewer, marks=marks)
