"""The learner's daily pages: enrol, today, dashboard, weekly report, sessions, timer,
topic progress and the calendar. Thin: parse input with a form, call one service or
selector, render. Every learner-owned object comes through `web.access`."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from skillpath.assessment import activity_selectors as activity_selectors
from skillpath.assessment import skill_selectors
from skillpath.checks import selectors as checks
from skillpath.core import bounds
from skillpath.core.dates import week_start
from skillpath.core.display import duration, long_date
from skillpath.core.errors import DomainError
from skillpath.curriculum import selectors as curricula
from skillpath.knowledge import selectors as knowledge
from skillpath.people.addresses import is_loopback_host
from skillpath.people.selectors import language_of
from skillpath.planning import ical
from skillpath.planning import selectors as planning
from skillpath.planning import services as planning_services
from skillpath.tracking import exports, resource_selectors
from skillpath.tracking import selectors as tracking
from skillpath.tracking import services as tracking_services
from skillpath.web import access, forms, kpi_views, resource_forms
from skillpath.web.access import learner_required
from skillpath.web.charts import (
    dashboard_charts,
    dashboard_tables,
    heat_legend,
    heatmap_weeks,
    workload_chart,
)

# A learner far behind sees the oldest overdue topics, not a wall of them.
OVERDUE_SHOWN = 8


def _not_enrolled(request: HttpRequest, title: str) -> HttpResponse:
    return render(
        request,
        "web/not_enrolled.html",
        {"curriculum": curricula.default_curriculum(), "page_title": title},
    )


# --- Enrolment -------------------------------------------------------------------------


@learner_required
def enrol(request: HttpRequest) -> HttpResponse:
    """Enrol, or change the settings of the current enrolment."""
    today = access.local_today(request)
    enrolment = access.current_enrolment(request)
    if request.method == "POST":
        form = forms.EnrolForm(request.POST)
        if form.is_valid() and (
            saved := form.save(
                learner=request.user, now=timezone.now(), language=request.LANGUAGE_CODE
            )
        ):
            if enrolment is None:
                messages.success(request, _("You are enrolled. Here is what to study today."))
            else:
                messages.success(request, _("Your settings are saved and the plan was rebuilt."))
            finish = saved.entries.order_by("-end_on").values_list("end_on", flat=True).first()
            if finish:
                messages.info(
                    request,
                    _("The plan ends on %(finish)s; your target is %(target)s.")
                    % {"finish": long_date(finish), "target": long_date(saved.target_on)},
                )
            return redirect("web:today")
    else:
        zone = str(access.zone_of(request))
        form = forms.EnrolForm(initial=forms.EnrolForm.initial_for(enrolment, today, zone))
    curriculum = enrolment.curriculum if enrolment else curricula.default_curriculum()
    return render(
        request,
        "web/enrol.html",
        {"form": form, "enrolment": enrolment, "curriculum": curriculum},
    )


# --- Today -----------------------------------------------------------------------------


@learner_required
def today(request: HttpRequest) -> HttpResponse:
    """What to study today and this week, what is overdue, the timer and a quick log."""
    enrolment = access.current_enrolment(request)
    if enrolment is None:
        return _not_enrolled(request, _("Today"))
    view = planning.today_view(enrolment, access.local_today(request))
    access.remember_timer(request, view.timer)
    # The quick forms offer the topics at hand; the views behind them accept any topic.
    at_hand = {i.topic.pk: i.topic for i in [*view.overdue, *view.week_items, *view.today_items]}
    topics = sorted(at_hand.values(), key=lambda t: t.position)
    zone = access.zone_of(request)
    now = timezone.now()
    return render(
        request,
        "web/today.html",
        {
            "curriculum": enrolment.curriculum,
            "enrolment": enrolment,
            "view": view,
            "overdue_shown": view.overdue[:OVERDUE_SHOWN],
            "overdue_more": max(0, len(view.overdue) - OVERDUE_SHOWN),
            "timer": view.timer,
            "reviews_due": knowledge.due_count(request.user),
            "activities_card": activity_selectors.month_card(enrolment, view.today),
            # A quiz on what is being studied now: today's first topic, else this week's.
            "quiz_topic": next((i.topic for i in [*view.today_items, *view.week_items]), None),
            "timer_form": forms.TimerForm(topics=topics, initial=_timer_initial(view)),
            "log_form": forms.SessionForm(
                topics=topics,
                zone=zone,
                now=now,
                initial={"on": view.today, "kind": "practice"},
            ),
        },
    )


def _timer_initial(view: planning.TodayView) -> dict[str, object]:
    first = (view.today_items or view.week_items or [None])[0]
    return {"kind": "practice", "topic": first.topic.pk if first else None}


# --- Timer -----------------------------------------------------------------------------


@require_POST
@learner_required
def timer_start(request: HttpRequest) -> HttpResponse:
    """Start the timer (it lives in the database: reloads and restarts keep it running)."""
    enrolment = access.current_enrolment(request)
    form = forms.TimerForm(request.POST, topics=forms.curriculum_topics(enrolment))
    if not form.is_valid():
        messages.error(request, _("The timer did not start: choose a kind of work."))
    else:
        try:
            tracking_services.start_timer(
                learner=request.user,
                kind=form.cleaned_data["kind"],
                topic=form.cleaned_data["topic"],
                note=form.cleaned_data["note"].strip(),
                now=timezone.now(),
            )
        except DomainError as exc:
            messages.error(request, str(exc))
    return redirect(access.next_or(request, reverse("web:today")))


@require_POST
@learner_required
def timer_stop(request: HttpRequest) -> HttpResponse:
    """Stop the timer and log its session."""
    try:
        stopped = tracking_services.stop_timer(learner=request.user, now=timezone.now())
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        session = stopped.session
        if session is None:
            messages.info(request, stopped.not_logged)
        else:
            messages.success(
                request,
                _("Logged %(time)s of %(kind)s.")
                % {"time": duration(session.minutes), "kind": session.get_kind_display()},
            )
    return redirect(access.next_or(request, reverse("web:today")))


# --- Sessions --------------------------------------------------------------------------


@learner_required
def sessions(request: HttpRequest) -> HttpResponse:
    """Log a session; list the recent ones in the learner's time zone."""
    enrolment = access.current_enrolment(request)
    zone = access.zone_of(request)
    now = timezone.now()
    topics = forms.curriculum_topics(enrolment)
    resources = resource_forms.resource_choices(request.user, enrolment)
    if request.method == "POST":
        form = forms.SessionForm(
            request.POST, topics=topics, zone=zone, now=now, resources=resources
        )
        if form.is_valid():
            try:
                session = tracking_services.log_session(
                    learner=request.user, now=now, **form.session_arguments()
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Logged %(time)s of %(kind)s.")
                    % {
                        "time": duration(session.minutes),
                        "kind": session.get_kind_display(),
                    },
                )
                return redirect(access.next_or(request, reverse("web:sessions")))
    else:
        form = forms.SessionForm(
            topics=topics,
            zone=zone,
            now=now,
            resources=resources,
            initial={
                "on": now.astimezone(zone).date(),
                "kind": "practice",
                "resource": request.GET.get("resource", ""),
            },
        )
    return render(
        request,
        "web/sessions.html",
        {
            "curriculum": enrolment.curriculum if enrolment else curricula.default_curriculum(),
            "enrolment": enrolment,
            "form": form,
            "sessions": list(tracking.sessions(request.user)),
            "zone": zone,
        },
    )


@learner_required
def session_delete(request: HttpRequest, session_id: int) -> HttpResponse:
    """Confirm (GET), then delete (POST) one of the learner's sessions."""
    session = access.session_for(request, session_id)
    if request.method == "POST":
        tracking_services.delete_session(learner=request.user, session=session)
        messages.success(request, _("The session was deleted."))
        return redirect("web:sessions")
    enrolment = access.current_enrolment(request)
    return render(
        request,
        "web/session_delete.html",
        {
            "curriculum": enrolment.curriculum if enrolment else curricula.default_curriculum(),
            "session": session,
            "zone": access.zone_of(request),
        },
    )


@learner_required
def session_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    """Change one of the learner's sessions: its day, start, length, kind, topic or note."""
    session = access.session_for(request, session_id)
    enrolment = access.current_enrolment(request)
    zone = access.zone_of(request)
    now = timezone.now()
    topics = forms.curriculum_topics(enrolment)
    if request.method == "POST":
        form = forms.SessionEditForm(request.POST, topics=topics, zone=zone, now=now)
        if form.is_valid():
            try:
                tracking_services.edit_session(
                    learner=request.user, session=session, now=now, **form.edit_arguments()
                )
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The session was saved."))
                return redirect("web:sessions")
    else:
        form = forms.SessionEditForm(
            topics=topics,
            zone=zone,
            now=now,
            initial=forms.SessionEditForm.initial_for(session, zone),
        )
    return render(
        request,
        "web/session_edit.html",
        {
            "curriculum": enrolment.curriculum if enrolment else curricula.default_curriculum(),
            "session": session,
            "form": form,
            "zone": zone,
        },
    )


@learner_required
def sessions_export(request: HttpRequest) -> HttpResponse:
    """Every session of the learner's as a CSV download, in the learner's time zone."""
    zone = access.zone_of(request)
    body = exports.sessions_csv(tracking.sessions_to_export(request.user), zone)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    filename = exports.export_filename(access.local_today(request).isoformat())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Dashboard and weekly report -------------------------------------------------------


@learner_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Progress, burn-up, hours by kind, the activity heatmap, forecast, streak, and the
    practice checks passed."""
    enrolment = access.current_enrolment(request)
    if enrolment is None:
        return _not_enrolled(request, _("Dashboard"))
    board = tracking.dashboard(enrolment, access.local_today(request))
    access.remember_timer(request, board.timer)
    mastery = knowledge.mastery(request.user, enrolment.curriculum)
    workload = workload_chart(knowledge.workload(request.user, access.local_today(request)))
    kpi_board = kpi_views.board_for(request, enrolment)
    charts = {
        **dashboard_charts(board),
        "workload": workload["workload"],
        "kpis": kpi_views.kpi_chart(kpi_board),
    }
    return render(
        request,
        "web/dashboard.html",
        {
            "curriculum": enrolment.curriculum,
            "enrolment": enrolment,
            "board": board,
            "months_mastery": knowledge.month_mastery(enrolment.curriculum, mastery),
            "reviews_due": knowledge.due_count(request.user),
            "activities_card": activity_selectors.month_card(enrolment, board.today),
            "workload": workload,
            "charts": charts,
            "tables": dashboard_tables(charts),
            "heatmap": heatmap_weeks(board.heatmap),
            "heat_legend": heat_legend(),
            "minutes_total": sum(m for _d, m in board.heatmap),
            "checks": checks.curriculum_checks(
                learner=request.user, curriculum=enrolment.curriculum
            ),
            "kpi_board": kpi_board,
            "kpi_table": kpi_views.kpi_table(kpi_board),
            "career": skill_selectors.career(request.user, enrolment.curriculum),
            "resources": resource_selectors.resource_board(
                learner=request.user, curriculum=enrolment.curriculum
            ),
        },
    )


@learner_required
def weekly_report(request: HttpRequest) -> HttpResponse:
    """One week against the plan: hours by kind, practice vs theory, planned vs done."""
    enrolment = access.current_enrolment(request)
    if enrolment is None:
        return _not_enrolled(request, _("Weekly report"))
    today = access.local_today(request)
    asked = request.GET.get("week")
    day = _day_or_none(asked) if asked else today
    if day is None:
        messages.warning(
            request,
            _("“%(week)s” is not a date between %(first)s and %(last)s; here is this week.")
            % {"week": asked[:20], "first": bounds.FIRST_DAY, "last": bounds.LAST_DAY},
        )
        return redirect("web:weekly_report")
    report = tracking.weekly_report_for(enrolment, day, today)
    this_week = week_start(today)
    previous_week = report.week_on - timedelta(days=7)
    next_week = report.week_on + timedelta(days=7)
    return render(
        request,
        "web/weekly_report.html",
        {
            "curriculum": enrolment.curriculum,
            "enrolment": enrolment,
            "report": report,
            # No link to a week past the bounds: it would only be refused.
            "previous_week": previous_week if bounds.is_within_bounds(previous_week) else None,
            "next_week": next_week if bounds.is_within_bounds(next_week) else None,
            "is_this_week": report.tense == "current",
            "is_future": report.tense == "future",
            "this_week": this_week,
        },
    )


def _day_or_none(text: str) -> date | None:
    """The date in a query parameter, within the bounds; None for anything else."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if bounds.is_within_bounds(day) else None


# --- Topic progress --------------------------------------------------------------------


@require_POST
@learner_required
def topic_progress(request: HttpRequest, slug: str, topic_slug: str) -> HttpResponse:
    """Change a topic's status (and notes); htmx gets the progress card back."""
    curriculum = curricula.get_curriculum(slug)
    topic = curricula.topic_detail(curriculum, topic_slug)
    form = forms.TopicStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses."))
        return _progress_response(request, curriculum, topic)
    notes = form.cleaned_data["notes"] if "notes" in request.POST else None
    progress = tracking_services.set_topic_status(
        learner=request.user,
        topic=topic,
        status=form.cleaned_data["status"],
        notes=notes,
        today=access.local_today(request),
    )
    saved = (
        _("Notes saved.")
        if notes is not None
        else _("Marked “%(status)s”.") % {"status": progress.get_status_display()}
    )
    return _progress_response(request, curriculum, topic, saved=saved)


@require_POST
@learner_required
def topic_evidence(request: HttpRequest, slug: str, topic_slug: str) -> HttpResponse:
    """Attach an evidence link to a topic."""
    curriculum = curricula.get_curriculum(slug)
    topic = curricula.topic_detail(curriculum, topic_slug)
    form = forms.EvidenceForm(request.POST)
    if form.is_valid():
        try:
            tracking_services.add_evidence(
                learner=request.user,
                topic=topic,
                url=form.cleaned_data["url"],
                title=form.cleaned_data["title"].strip(),
                is_public=form.cleaned_data["is_public"],
            )
        except DomainError as exc:
            form.add_error("url", str(exc))
    if form.is_valid():
        return _progress_response(request, curriculum, topic, saved=_("The link was added."))
    return _progress_response(request, curriculum, topic, evidence_form=form)


def _evidence_link(request: HttpRequest, topic, evidence_id: int):  # type: ignore[no-untyped-def]
    link = tracking.evidence_for(request.user, topic, evidence_id)
    if link is None:
        raise Http404("No such evidence link")
    return link


@require_POST
@learner_required
def evidence_public(
    request: HttpRequest, slug: str, topic_slug: str, evidence_id: int
) -> HttpResponse:
    """Show an evidence link on the public progress page, or hide it."""
    curriculum = curricula.get_curriculum(slug)
    topic = curricula.topic_detail(curriculum, topic_slug)
    link = _evidence_link(request, topic, evidence_id)
    form = forms.EvidencePublicForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to show the link or hide it."))
        return _progress_response(request, curriculum, topic)
    tracking_services.set_evidence_public(
        learner=request.user, link=link, is_public=form.cleaned_data["is_public"]
    )
    saved = (
        _("The link is shown on your public page.")
        if link.is_public
        else _("The link is hidden from your public page.")
    )
    return _progress_response(request, curriculum, topic, saved=saved)


@learner_required
def evidence_delete(
    request: HttpRequest, slug: str, topic_slug: str, evidence_id: int
) -> HttpResponse:
    """Confirm (GET), then delete (POST) one of the learner's evidence links."""
    curriculum = curricula.get_curriculum(slug)
    topic = curricula.topic_detail(curriculum, topic_slug)
    link = _evidence_link(request, topic, evidence_id)
    if request.method == "POST":
        tracking_services.delete_evidence(learner=request.user, link=link)
        messages.success(request, _("The link was deleted."))
        return redirect("web:topic", slug=curriculum.slug, topic_slug=topic.slug)
    return render(
        request,
        "web/evidence_delete.html",
        {"curriculum": curriculum, "topic": topic, "link": link},
    )


def _progress_response(  # type: ignore[no-untyped-def]
    request: HttpRequest, curriculum, topic, *, evidence_form=None, saved: str = ""
) -> HttpResponse:
    """Back to `next` (the Today list), the card alone (htmx) or the topic page."""
    if "next" in request.POST:
        return redirect(access.next_or(request, reverse("web:today")))
    if request.htmx:
        return render(
            request,
            "web/topic.html#topic-progress",
            {
                "curriculum": curriculum,
                "topic": topic,
                "progress": progress_context(request, topic, evidence_form, saved),
            },
        )
    if evidence_form is not None and evidence_form.errors:
        for error in evidence_form.errors.get("url", []):
            messages.error(request, error)
    elif saved:
        messages.success(request, saved)
    return redirect("web:topic", slug=curriculum.slug, topic_slug=topic.slug)


def progress_context(  # type: ignore[no-untyped-def]
    request: HttpRequest, topic, evidence_form=None, saved: str = ""
) -> dict[str, object]:
    """What the topic page's progress card shows (2 queries: progress and its evidence)."""
    progress = tracking.progress_of(request.user, topic)
    return {
        "saved": saved,
        "status": progress.status if progress else "not_started",
        "record": progress,
        "evidence": list(progress.evidence.all()) if progress else [],
        "evidence_form": evidence_form or forms.EvidenceForm(),
        "statuses": forms.TopicStatus.choices,
    }


# --- Public progress page ------------------------------------------------------------


@learner_required
def public_page_settings(request: HttpRequest) -> HttpResponse:
    """Turn the public progress page on or off, name it, see its address."""
    page = tracking.public_page_of(request.user)
    if request.method == "POST":
        form = forms.PublicPageForm(request.POST)
        if form.is_valid():
            page = tracking_services.set_public_page(
                learner=request.user,
                is_enabled=form.cleaned_data["is_enabled"],
                display_name=form.cleaned_data["display_name"],
            )
            messages.success(
                request,
                _("Your public progress page is on.")
                if page.is_enabled
                else _("Your public progress page is off."),
            )
            return redirect("web:public_page_settings")
    else:
        form = forms.PublicPageForm(
            initial={
                "is_enabled": page.is_enabled if page else False,
                "display_name": page.display_name if page else "",
            }
        )
    address = (
        request.build_absolute_uri(reverse("web:public_page", kwargs={"share_token": page.token}))
        if page is not None and page.is_enabled
        else ""
    )
    enrolment = access.current_enrolment(request)
    return render(
        request,
        "web/public_page_settings.html",
        {
            "curriculum": enrolment.curriculum if enrolment else curricula.default_curriculum(),
            "form": form,
            "page": page,
            "address": address,
        },
    )


@require_POST
@learner_required
def public_page_revoke(request: HttpRequest) -> HttpResponse:
    """Give the public page a new address; the old one stops working."""
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm: the old address will stop working."))
        return redirect("web:public_page_settings")
    tracking_services.revoke_public_page(learner=request.user)
    messages.success(request, _("The old address of your public page no longer works."))
    return redirect("web:public_page_settings")


def public_page(request: HttpRequest, share_token: str) -> HttpResponse:
    """The learner's public progress page. No sign-in: the unguessable token is the key, and
    the page shows only what the learner chose to make public."""
    page = tracking.public_page_by_token(share_token)
    if page is None:
        raise Http404("No such page")
    response = render(request, "web/public_page.html", {"progress": tracking.public_progress(page)})
    # The address is a secret: keep it out of shared caches, search engines and referrers.
    response["Cache-Control"] = "private, max-age=60"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- Calendar --------------------------------------------------------------------------


@learner_required
def calendar(request: HttpRequest) -> HttpResponse:
    """The private subscription URL of the current plan, its download and revocation."""
    enrolment = access.current_enrolment(request)
    if enrolment is None:
        return _not_enrolled(request, _("Calendar"))
    feed = request.build_absolute_uri(
        reverse("web:calendar_feed", kwargs={"token": enrolment.calendar_token})
    )
    return render(
        request,
        "web/calendar.html",
        {
            "curriculum": enrolment.curriculum,
            "enrolment": enrolment,
            "feed_url": feed,
            "webcal_url": "webcal://" + feed.split("://", 1)[1],
            # Google Calendar and Outlook.com fetch feeds from their own servers: an address
            # on this computer is out of their reach.
            "is_on_this_computer": settings.LOCAL_MODE or is_loopback_host(request.get_host()),
            "study_starts_at": ical.STUDY_STARTS_AT,
            "reminder_minutes": int(ical.REMINDER_BEFORE.total_seconds() // 60),
        },
    )


@require_POST
@learner_required
def calendar_revoke(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """Give the enrolment's calendar a new private URL; the old one stops working."""
    enrolment = access.enrolment_for(request, enrolment_id)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm: the old address will stop working."))
        return redirect("web:calendar")
    planning_services.revoke_calendar_token(enrolment=enrolment)
    messages.success(
        request,
        _("The old calendar address no longer works. Subscribe again with the new one."),
    )
    return redirect("web:calendar")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponseBase:
    """The plan as iCalendar. No sign-in: the unguessable token in the URL is the key."""
    enrolment = planning.enrolment_by_calendar_token(token)
    if enrolment is None:
        raise Http404("No such calendar")
    # A calendar app fetches the feed in a language of its own (Google's servers send none):
    # the feed speaks the one the learner chose on the pages, or failing that the request's.
    language = language_of(enrolment.learner) or translation.get_language()
    with translation.override(language):
        feed = planning.calendar_feed(enrolment)
        body = ical.plan_calendar(
            f"Skillpath · {enrolment.curriculum.title}",
            feed.items,
            enrolment.planned_at or timezone.now(),
            blocks=feed.blocks,
            zone=feed.zone,
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Language"] = language
    if request.GET.get("download"):
        response["Content-Disposition"] = 'attachment; filename="skillpath-plan.ics"'
    # The URL is a secret: keep it out of shared caches and search engines.
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
