"""Write a CurriculumDoc back out as a Markdown plan in the seed's shape, in one language.

`parse_markdown(render_markdown(doc, lang))` gives back the same curriculum in that
language; the tests prove it over generated plans.
"""

from __future__ import annotations

from skillpath.curriculum.plan import CurriculumDoc, Language, Text
from skillpath.curriculum.study_markdown import render_study

LABELS: dict[str, dict[str, str]] = {
    "ru": {
        "goal_section": "🎯 Цель программы",
        "structure": "📈 Структура обучения",
        "duration": "Общая продолжительность",
        "duration_unit": "месяца",
        "hours": "Время в неделю",
        "hours_unit": "часов",
        "approach": "Подход",
        "practice_word": "практика",
        "theory_word": "теория",
        "level": "Итоговый уровень",
        "phase": "ФАЗА",
        "months": "Месяцы",
        "month": "Месяц",
        "weeks": "Неделя",
        "goal": "Цель",
        "practice": "Практика",
        "capstone": "Capstone Project",
        "projects": "🛠️ ПРАКТИЧЕСКИЕ ПРОЕКТЫ ПО ФАЗАМ",
        "phase_projects": "Фаза {n} Проекты",
        "resources": "📚 РЕКОМЕНДУЕМЫЕ РЕСУРСЫ",
        "books": "Книги по фазам",
        "phase_label": "Фаза",
        "courses": "Онлайн курсы",
        "platforms": "Практические платформы",
        "assessment": "⚡ СИСТЕМА ОЦЕНКИ ПРОГРЕССА",
        "weekly": "Еженедельные цели",
        "theory_kind": "Теория",
        "practice_kind": "Практика",
        "research_kind": "Исследования",
        "monthly": "Ежемесячные milestone'ы",
        "quarterly": "Квартальные оценки",
        "career": "🎯 КАРЬЕРНЫЕ ТРАЕКТОРИИ",
        "tracks": "После завершения программы",
        "skills": "Ключевые навыки к концу программы",
        "kpi": "📈 МЕТРИКИ УСПЕХА",
        "next_steps": "🚀 СЛЕДУЮЩИЕ ШАГИ",
    },
    "en": {
        "goal_section": "🎯 Program Goal",
        "structure": "📈 Program Structure",
        "duration": "Total duration",
        "duration_unit": "months",
        "hours": "Time per week",
        "hours_unit": "hours",
        "approach": "Approach",
        "practice_word": "practice",
        "theory_word": "theory",
        "level": "Target level",
        "phase": "PHASE",
        "months": "Months",
        "month": "Month",
        "weeks": "Weeks",
        "goal": "Goal",
        "practice": "Practice",
        "capstone": "Capstone Project",
        "projects": "🛠️ PRACTICE PROJECTS BY PHASE",
        "phase_projects": "Phase {n} Projects",
        "resources": "📚 RECOMMENDED RESOURCES",
        "books": "Books by Phase",
        "phase_label": "Phase",
        "courses": "Online Courses",
        "platforms": "Practice Platforms",
        "assessment": "⚡ PROGRESS ASSESSMENT SYSTEM",
        "weekly": "Weekly Goals",
        "theory_kind": "Theory",
        "practice_kind": "Practice",
        "research_kind": "Research",
        "monthly": "Monthly Milestones",
        "quarterly": "Quarterly Assessments",
        "career": "🎯 CAREER TRACKS",
        "tracks": "After the Program",
        "skills": "Key Skills by the End of the Program",
        "kpi": "📈 SUCCESS METRICS",
        "next_steps": "🚀 NEXT STEPS",
    },
}


def _span(a: int, b: int) -> str:
    return f"{a}-{b}" if a != b else str(a)


def render_markdown(doc: CurriculumDoc, language: Language) -> str:
    """The plan as Markdown in `language` (missing texts fall back to the other language)."""
    L = LABELS[language]
    out: list[str] = []

    def tx(text: Text) -> str:
        return text.get(language)

    def emit(*lines: str) -> None:
        out.extend(lines)

    emit(f"# {tx(doc.title)}")
    if doc.subtitle:
        emit(f"## {tx(doc.subtitle)}")
    emit("", "---", "")
    if doc.goal:
        emit(f"## {L['goal_section']}", tx(doc.goal), "")
    structure = []
    if doc.duration_months:
        structure.append(f"**{L['duration']}**: {_span(*doc.duration_months)} {L['duration_unit']}")
    if doc.hours_per_week:
        structure.append(f"**{L['hours']}**: {_span(*doc.hours_per_week)} {L['hours_unit']}")
    shares = []
    if doc.practice_percent is not None:
        shares.append(f"{doc.practice_percent}% {L['practice_word']}")
    if doc.theory_percent is not None:
        shares.append(f"{doc.theory_percent}% {L['theory_word']}")
    if shares:
        structure.append(f"**{L['approach']}**: {', '.join(shares)}")
    if doc.target_level:
        structure.append(f"**{L['level']}**: {tx(doc.target_level)}")
    if structure:
        emit(f"## {L['structure']}", *[s + "  " for s in structure[:-1]], structure[-1], "")
    emit("---", "")

    milestones_after: dict[int, list[str]] = {}
    for ms in doc.milestones:
        milestones_after.setdefault(ms.after_month, []).append(
            f"**Milestone {ms.number}**: {tx(ms.text)}"
        )
    for phase in doc.phases:
        emit(
            f"## {L['phase']} {phase.number}: {tx(phase.title)} "
            f"({L['months']} {phase.month_from}-{phase.month_to})",
            "",
        )
        for month in phase.months:
            emit(f"### {L['month']} {month.number}: {tx(month.title)}")
            if month.goal:
                emit(f"**{L['goal']}**: {tx(month.goal)}")
            emit("")
            for block in month.blocks:
                emit(
                    f"#### {L['weeks']} {_span(block.week_from, block.week_to)}: {tx(block.title)}"
                )
                for topic in block.topics:
                    desc = tx(topic.description)
                    emit(f"- **{tx(topic.title)}**" + (f": {desc}" if desc else ""))
                    emit(*render_study(topic, language))
                emit("")
            if month.practice:
                label = L["capstone"] if month.practice.is_capstone else L["practice"]
                emit(f"**{label}**: {tx(month.practice.text)}", "")
            for line in milestones_after.get(month.number, []):
                emit(line, "")
        emit("---", "")

    if doc.projects:
        emit(f"## {L['projects']}", "")
        phase_of = None
        for project in doc.projects:
            if project.phase != phase_of:
                if phase_of is not None:
                    emit("")
                phase_of = project.phase
                emit(f"### {L['phase_projects'].format(n=project.phase)}")
            summary = tx(project.summary)
            emit(
                f"{project.number}. **{tx(project.title)}**" + (f" - {summary}" if summary else "")
            )
        emit("", "---", "")

    _emit_resources(doc, L, tx, emit)
    _emit_assessment(doc, L, tx, emit)
    _emit_career(doc, L, tx, emit)

    if doc.kpi_categories:
        emit(f"## {L['kpi']}", "")
        for category in doc.kpi_categories:
            emit(f"### {tx(category.title)}")
            emit(*[f"- {tx(k.name)}: {tx(k.target)}" for k in category.kpis], "")
        emit("---", "")

    if doc.next_steps or doc.next_steps_intro or doc.closing:
        emit(f"## {L['next_steps']}", "")
        if doc.next_steps_intro:
            emit(tx(doc.next_steps_intro))
        for step in doc.next_steps:
            text = tx(step.text)
            emit(f"- **{tx(step.title)}**" + (f" {text}" if text else ""))
        if doc.closing:
            emit("", tx(doc.closing))
    while out and out[-1] in ("", "---"):
        out.pop()
    return "\n".join(out) + "\n"


def _emit_resources(doc, L, tx, emit) -> None:  # type: ignore[no-untyped-def]
    books = [r for r in doc.resources if r.kind == "book"]
    courses = [r for r in doc.resources if r.kind == "course"]
    platforms = [r for r in doc.resources if r.kind == "platform"]
    if not (books or courses or platforms):
        return
    emit(f"## {L['resources']}", "")
    if books:
        emit(f"### {L['books']}")
        phases: dict[int | None, list[str]] = {}
        for book in books:
            phases.setdefault(book.phase, []).append(f'"{tx(book.title)}"')
        lines = [f"**{L['phase_label']} {p}**: {', '.join(titles)}" for p, titles in phases.items()]
        emit(*[line + "  " for line in lines[:-1]], lines[-1], "")
    if courses:
        emit(f"### {L['courses']}")
        for course in courses:
            category = tx(course.category)
            emit(f"- {category}: {tx(course.title)}" if category else f"- {tx(course.title)}")
        emit("")
    if platforms:
        emit(f"### {L['platforms']}", *[f"- {tx(p.title)}" for p in platforms], "")
    emit("---", "")


def _emit_assessment(doc, L, tx, emit) -> None:  # type: ignore[no-untyped-def]
    if not (doc.weekly_targets or doc.activities or doc.level_checks):
        return
    emit(f"## {L['assessment']}", "")
    if doc.weekly_targets:
        emit(f"### {L['weekly']}")
        for target in doc.weekly_targets:
            rest = tx(target.text)
            emit(
                f"- **{L[target.kind + '_kind']}**: {target.percent}%"
                + (f" {rest}" if rest else "")
            )
        emit("")
    if doc.activities:
        emit(f"### {L['monthly']}", *[f"- {tx(a.title)}" for a in doc.activities], "")
    if doc.level_checks:
        emit(f"### {L['quarterly']}")
        emit(*[f"- **{c.label}**: {tx(c.text)}" for c in doc.level_checks], "")
    emit("---", "")


def _emit_career(doc, L, tx, emit) -> None:  # type: ignore[no-untyped-def]
    if not (doc.career_tracks or doc.skill_categories):
        return
    emit(f"## {L['career']}", "")
    if doc.career_tracks:
        emit(f"### {L['tracks']}", "")
        for track in doc.career_tracks:
            emit(f"**{tx(track.title)}**:", *[f"- {tx(role)}" for role in track.roles], "")
    if doc.skill_categories:
        emit(f"### {L['skills']}", "")
        for category in doc.skill_categories:
            emit(f"✅ **{tx(category.title)}**:", *[f"- {tx(s)}" for s in category.skills], "")
    emit("---", "")
