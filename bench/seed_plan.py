"""Building the seed's plan: the pure scheduler over the built-in curriculum's topics, and
the `replan` service around it (reads, the scheduler, the plan rows rewritten)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from measure import log, summary, timed_ms

from skillpath.curriculum.models import Curriculum
from skillpath.planning.models import Pace
from skillpath.planning.scheduler import build_plan
from skillpath.planning.services import CalendarInput, enrol, plan_inputs, replan, study_calendar

TARGET_BUILD_PLAN_MS = 20
PLANNER = "bench-planner"


def calendar_choice(today: date) -> CalendarInput:
    """The plan's own pace: 20 h a week over Monday to Friday, with two weeks off."""
    return CalendarInput(
        start_on=today,
        hours_per_week=Decimal(20),
        study_weekdays=frozenset(range(5)),
        days_off=(
            (today + timedelta(days=180), today + timedelta(days=186)),
            (today + timedelta(days=360), today + timedelta(days=366)),
        ),
        pace=Pace.MONTHS_18,
    )


def seed_plan_figures(curriculum_slug: str, plans: int, replans: int) -> dict[str, Any]:
    """A new learner enrols in the curriculum; time `build_plan` over the inputs the
    service would give it (prepared once, outside the clock), then the whole `replan`."""
    today = timezone.localdate()
    curriculum = Curriculum.objects.get(slug=curriculum_slug)
    learner, _created = get_user_model().objects.get_or_create(username=PLANNER)
    enrolment = enrol(
        learner=learner, curriculum=curriculum, choice=calendar_choice(today), today=today
    )
    work = [w for _topic, w in plan_inputs(enrolment)]
    calendar = study_calendar(enrolment)
    log(f"build_plan over {len(work)} topics ×{plans}")
    samples = [timed_ms(lambda: build_plan(work, calendar, today))[0] for _ in range(plans)]
    plan = build_plan(work, calendar, today)
    log(f"replan ×{replans}")
    replanned = [
        timed_ms(lambda: replan(enrolment=enrolment, today=today))[0] for _ in range(replans)
    ]
    return {
        "curriculum": curriculum_slug,
        "topics": len(work),
        "hours": round(sum(w.minutes for w in work) / 60),
        "calendar": {"hours_per_week": 20, "study_weekdays": "Mon-Fri", "weeks_off": 2},
        "finish_on_days": (plan.finish_on - today).days if plan.finish_on else None,
        "build_plan": summary(samples),
        "replan": {**summary(replanned), "database": "sqlite"},
    }
