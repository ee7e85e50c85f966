"""The level check as a learner reads it: an `Assessment` serialised into the snapshot's
document (every criterion's met, figure, threshold, evidence and missing text in both
languages), and the level reached once sign-offs are counted. Pure: no database here."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.utils import translation
from django.utils.translation import gettext, ngettext

from skillpath.assessment.rubric import (
    Assessment,
    Criterion,
    CriterionResult,
    CurriculumFacts,
    Rubric,
    describe_missing,
    describe_unchecked,
    missing_around,
)

LANGUAGES = ("en", "ru")
DOCUMENT_FORMAT = 1
NAMED_IN_TEXT = 6  # missing items named in the text; the rest are counted ("and 18 more")
_NAMESPACE = {"topics_done": "topic", "quiz_mastery": "topic", "practice_passed": "check"}


def item_title(kind: str, item: str, facts: CurriculumFacts, language: str) -> str:
    """What the checklist calls a missing item: a topic's or a check's title, "month 2: code
    review" for an activity of a month; the slug where there is no title."""
    names = facts.names.get(language, {})
    if kind in _NAMESPACE:
        return names.get(f"{_NAMESPACE[kind]}:{item}", item)
    if kind == "activities_signed_off":
        month, _sep, activity = item.partition(":")
        title = names.get(f"activity:{activity}", activity)
        with translation.override(language):
            return gettext("month %(number)s: %(activity)s") % {
                "number": month.removeprefix("month-"),
                "activity": title[:1].lower() + title[1:] if language == "en" else title.lower(),
            }
    return item


def _listed(titles: list[str], language: str) -> str:
    """The first few titles joined, the rest counted."""
    shown = ", ".join(titles[:NAMED_IN_TEXT])
    rest = len(titles) - NAMED_IN_TEXT
    if rest <= 0:
        return shown
    with translation.override(language):
        more = ngettext("and %(n)s more", "and %(n)s more", rest) % {"n": rest}
    return f"{shown} {more}"


def _missing(criterion: Criterion, res: CriterionResult, facts: CurriculumFacts) -> dict[str, Any]:
    """The missing items' titles, the text naming them, and the text around the list."""
    titles = {
        lang: [item_title(res.kind, item, facts, lang) for item in res.missing]
        for lang in LANGUAGES
    }
    return {
        "missing_titles": titles,
        "missing": {
            lang: describe_missing(criterion, res, lang, _listed(titles[lang], lang))
            for lang in LANGUAGES
        },
        # Lists, not tuples: the document is compared with one read back from JSON.
        "missing_around": {
            lang: list(around) if (around := missing_around(criterion, res, lang)) else None
            for lang in LANGUAGES
        },
    }


def assessment_document(
    rubric: Rubric, assessment: Assessment, facts: CurriculumFacts
) -> dict[str, Any]:
    """The assessment as plain JSON: what a snapshot stores and the API returns."""
    criteria = {c.slug: c for m in rubric.milestones for c in m.criteria}
    titles = {m.number: m.title for m in rubric.milestones}
    milestones = []
    for m in assessment.milestones:
        results = []
        for res in m.results:
            criterion = criteria[res.criterion]
            results.append(
                {
                    "criterion": res.criterion,
                    "kind": res.kind,
                    "title": {lang: criterion.title.get(lang) for lang in LANGUAGES},
                    "required": res.required,
                    "weight": res.weight,
                    "met": res.met,
                    "figure": res.figure,
                    "threshold": res.threshold,
                    "unit": res.unit,
                    "done": res.done,
                    "total": res.total,
                    "evidence": [
                        {"kind": e.kind, "id": e.id, "label": e.label} for e in res.evidence
                    ],
                    "missing_items": list(res.missing),
                    "unchecked_items": list(res.unchecked),
                    **_missing(criterion, res, facts),
                    "unchecked": {
                        lang: describe_unchecked(criterion, res, lang) for lang in LANGUAGES
                    },
                }
            )
        milestones.append(
            {
                "number": m.milestone,
                "slug": m.slug,
                "month": m.month,
                "quarter": m.quarter,
                "level": m.level,
                "title": {lang: titles[m.milestone].get(lang) for lang in LANGUAGES},
                "required_met": m.required_met,
                "required_total": m.required_total,
                "weighted_score": m.weighted_score,
                "passed_gate": m.passed_gate,
                "criteria": results,
            }
        )
    return {
        "format": DOCUMENT_FORMAT,
        "rubric_version": rubric.version,
        "level": assessment.level,
        "milestone": assessment.milestone,
        "milestones": milestones,
    }


def signed_level(
    document: dict[str, Any], signed: Collection[int]
) -> tuple[str | None, int | None]:
    """The level reached: the highest milestone whose gate passed and is signed off, along
    with every earlier one; (None, None) before the first."""
    level: str | None = None
    number: int | None = None
    for m in sorted(document["milestones"], key=lambda m: m["number"]):
        if not (m["passed_gate"] and m["number"] in signed):
            break
        level, number = m["level"], m["number"]
    return level, number


def next_milestone(document: dict[str, Any], signed: Collection[int]) -> dict[str, Any] | None:
    """The first milestone not yet passed and signed off: the one the checklist is about."""
    for m in sorted(document["milestones"], key=lambda m: m["number"]):
        if not (m["passed_gate"] and m["number"] in signed):
            return m
    return None


def figures(document: dict[str, Any]) -> dict[str, Any]:
    """What the history table shows of a snapshot: the gates passed and each milestone's
    required criteria met."""
    return {
        "gates_passed": [m["number"] for m in document["milestones"] if m["passed_gate"]],
        "required": {
            m["number"]: (m["required_met"], m["required_total"]) for m in document["milestones"]
        },
    }


def same_result(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two documents say the same (a snapshot is stored only when the result moved)."""
    return a == b
