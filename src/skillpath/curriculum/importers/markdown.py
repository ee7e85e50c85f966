"""Read a Markdown plan in the seed's shape (Russian or English keywords) into a CurriculumDoc.

The grammar, by heading level:
    # Title                         ## subtitle (the first unknown H2 before any section)
    ## PHASE 1: TITLE (Months 1-3)  ### Month 1: Title   **Goal**: text
    #### Weeks 1-2: Title          - **Topic**: description
    **Practice**: text | **Capstone Project**: text | **Milestone 1**: text  (inside a month)
and the named H2 sections after the phases (projects, resources, assessment, career, KPIs,
next steps). Keywords are case-insensitive; emoji and symbols before a heading are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from skillpath.curriculum.importers.base import PlanError
from skillpath.curriculum.plan import (
    ActivityDoc,
    BlockDoc,
    CareerTrackDoc,
    CurriculumDoc,
    KpiCategoryDoc,
    KpiDoc,
    Language,
    LevelCheckDoc,
    MilestoneDoc,
    MonthDoc,
    NextStepDoc,
    PhaseDoc,
    PracticeDoc,
    ProjectDoc,
    ResourceDoc,
    SkillCategoryDoc,
    Text,
    TopicDoc,
    WeeklyTargetDoc,
)
from skillpath.curriculum.slugs import Slugger, slugify
from skillpath.curriculum.study_markdown import StudyReader

DASH = r"\s*[-–—]\s*"
PHASE_RE = re.compile(
    rf"^(?P<kw>фаза|phase)\s+(?P<n>\d+)\s*[:.]\s*(?P<title>.+?)"
    rf"(?:\s*\((?:месяцы|месяц|months?)\s+(?P<a>\d+)(?:{DASH}(?P<b>\d+))?\))?\s*$",
    re.I,
)
MONTH_RE = re.compile(r"^(?P<kw>месяц|month)\s+(?P<n>\d+)\s*[:.]\s*(?P<title>.+)$", re.I)
BLOCK_RE = re.compile(
    rf"^(?P<kw>недел[яи]|weeks?)\s+(?P<a>\d+)(?:{DASH}(?P<b>\d+))?\s*[:.]\s*(?P<title>.+)$",
    re.I,
)
BOLD_LINE_RE = re.compile(r"^\*\*(?P<label>[^*]+?)\*\*\s*:?\s*(?P<text>.*)$")
LIST_RE = re.compile(r"^[-*+]\s+(?P<body>.+)$")
BOLD_ITEM_RE = re.compile(r"^\*\*(?P<title>[^*]+?)\*\*\s*(?:[:\-–—]\s*)?(?P<text>.*)$")
NUMBERED_RE = re.compile(
    r"^(?P<n>\d+)[.)]\s+\*\*(?P<title>[^*]+?)\*\*\s*(?:[-–—:]\s*)?(?P<text>.*)$"
)
RANGE_RE = re.compile(rf"(\d+){DASH}(\d+)")
PERCENT_RE = re.compile(r"(\d+)\s*%")
QUOTED_RE = re.compile(r"[\"“«]([^\"”»]+)[\"”»]")
HR_RE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")

SECTIONS: dict[str, tuple[str, ...]] = {
    "goal": ("цель программы", "program goal", "goal"),
    "structure": ("структура обучения", "program structure", "structure"),
    "projects": ("практические проекты", "practice projects", "projects"),
    "resources": ("рекомендуемые ресурсы", "recommended resources", "resources"),
    "assessment": ("система оценки прогресса", "progress assessment", "assessment"),
    "career": ("карьерные траектории", "career tracks", "career paths", "career"),
    "kpi": ("метрики успеха", "success metrics", "kpi"),
    "next_steps": ("следующие шаги", "next steps"),
}
SUBSECTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "resources": {
        "books": ("книги", "books"),
        "courses": ("онлайн курсы", "онлайн-курсы", "курсы", "online courses", "courses"),
        "platforms": ("практические платформы", "платформы", "practice platforms", "platforms"),
    },
    "assessment": {
        "weekly": ("еженедельн", "weekly"),
        "monthly": ("ежемесячн", "monthly"),
        "quarterly": ("квартальн", "quarterly", "level checks"),
    },
    "career": {
        "tracks": ("после завершения", "after the program", "tracks"),
        "skills": ("ключевые навыки", "key skills", "skills"),
    },
}
TIME_KIND_WORDS = {
    "theory": ("теори", "theory"),
    "practice": ("практик", "practice"),
    "research": ("исследован", "research"),
}
ACTIVITY_WORDS = {
    "code-review": ("code review", "ревью"),
    "tech-talk": ("презентац", "presentation", "talk", "доклад"),
    "pair-programming": ("peer programming", "pair programming", "парное"),
    "mock-interview": ("mock interview", "собеседован"),
}
CATEGORY_WORDS = {
    "technical": ("техническ", "technical"),
    "leadership": ("лидерск", "leadership"),
    "business": ("бизнес", "business"),
    "ecosystem": ("экосистем", "ecosystem"),
    "career": ("карьерн", "career"),
    "management": ("management", "менеджмент", "управлен"),
    "specialized": ("specialized", "специализ"),
}
LEVEL_WORDS = (
    ("tech_lead", ("tech lead", "techlead", "principal", "техлид")),
    ("senior", ("senior", "сеньор")),
    ("middle", ("middle", "мидл")),
    ("junior", ("junior", "джуниор")),
)
STRUCTURE_KEYS = {
    "duration": ("продолжительность", "duration"),
    "hours": ("в неделю", "per week"),
    "approach": ("подход", "approach"),
    "level": ("уровень", "level"),
}
RU_KEYWORDS = ("фаза", "месяц", "недел", "цель", "практика")
EN_KEYWORDS = ("phase", "month", "week", "goal", "practice")


def _keyword(text: str, table: Mapping[str, tuple[str, ...]]) -> str | None:
    """The key whose words occur in `text` (case-insensitive)."""
    low = text.lower()
    for key, words in table.items():
        if any(w in low for w in words):
            return key
    return None


def _leading_keyword(text: str, table: Mapping[str, tuple[str, ...]]) -> str | None:
    """The key one of whose words `text` starts with: section headings name themselves first."""
    low = text.lower()
    for key, words in table.items():
        if low.startswith(words):
            return key
    return None


def _heading(line: str) -> tuple[int, str] | None:
    m = re.match(r"^(#{1,6})\s+(.*)$", line)
    if not m:
        return None
    # Emoji, "?" left by a lossy code page, and other symbols before the words are noise.
    title = re.sub(r"^[^\w*\"«(]+", "", m.group(2), flags=re.U).strip().rstrip("#").strip()
    return len(m.group(1)), title


def detect_language(lines: list[str]) -> Language:
    """The language of the plan's keywords: the headings decide, not the topic names."""
    ru = en = 0
    for line in lines:
        low = line.lower()
        if low.startswith("#") or low.startswith("**"):
            ru += sum(low.count(w) for w in RU_KEYWORDS)
            en += sum(low.count(w) for w in EN_KEYWORDS)
    return "en" if en > ru else "ru"


@dataclass
class _Month:
    line: int
    number: int
    title: str
    goal: str = ""
    blocks: list[_Block] = field(default_factory=list)
    practice: tuple[str, bool] | None = None


@dataclass
class _Block:
    line: int
    week_from: int
    week_to: int
    title: str
    topics: list[tuple[str, str]] = field(default_factory=list)
    study: list[StudyReader] = field(default_factory=list)  # one per topic


@dataclass
class _Phase:
    line: int
    number: int
    title: str
    month_range: tuple[int, int] | None
    months: list[_Month] = field(default_factory=list)


class MarkdownPlanParser:
    """One pass over the lines; every rule violation raises PlanError with its line."""

    def __init__(self, text: str, language: Language | None = None) -> None:
        self.lines = text.split("\n")
        self.lang: Language = language or detect_language(self.lines)
        self.title = ""
        self.subtitle = ""
        self.goal: list[str] = []
        self.structure: dict[str, str] = {}
        self.phases: list[_Phase] = []
        self.milestones: list[tuple[int, int, str]] = []  # (number, after month, text)
        self.projects: list[tuple[int, int, str, str]] = []
        self.resources: list[tuple[str, int | None, str, str]] = []
        self.weekly: list[tuple[str, int, str]] = []
        self.activities: list[str] = []
        self.level_checks: list[tuple[str, str]] = []
        self.tracks: list[tuple[str, list[str]]] = []
        self.skills: list[tuple[str, list[str]]] = []
        self.kpis: list[tuple[str, list[tuple[str, str]]]] = []
        self.next_intro: list[str] = []
        self.next_steps: list[tuple[str, str]] = []
        self.closing: list[str] = []
        self.warnings: list[str] = []
        self.section: str | None = None
        self.subsection: str | None = None
        self.project_phase: int | None = None
        self.seen_months: dict[int, int] = {}

    # --- helpers ---------------------------------------------------------------------
    def t(self, text: str) -> Text:
        return Text(**{self.lang: text.strip()})

    @property
    def month(self) -> _Month | None:
        if self.section != "phases" or not self.phases or not self.phases[-1].months:
            return None
        return self.phases[-1].months[-1]

    @property
    def _practice(self) -> bool:
        """Whether the current month's practice has been read (its topics are closed)."""
        month = self.month
        return month is not None and month.practice is not None

    @property
    def block(self) -> _Block | None:
        month = self.month
        return month.blocks[-1] if month and month.blocks else None

    def _close_block(self) -> None:
        block = self.block
        if block is not None and not block.topics:
            raise PlanError(
                f"expected topics ('- **Topic**: description') under the block "
                f"'{block.title}' (weeks {block.week_from}-{block.week_to}), found none",
                block.line,
            )

    def _close_phase(self) -> None:
        self._close_block()
        if self.phases and not self.phases[-1].months:
            phase = self.phases[-1]
            raise PlanError(
                f"expected '### Month N: title' headings in phase {phase.number}, found none",
                phase.line,
            )

    # --- the pass --------------------------------------------------------------------
    def parse(self) -> None:
        for number, raw in enumerate(self.lines, start=1):
            line = raw.strip()
            if not line or HR_RE.match(line):
                continue
            indent = len(raw) - len(raw.lstrip(" "))
            block = self.block
            if (
                indent >= 2
                and block
                and block.topics
                and LIST_RE.match(line)
                and not self._practice
            ):
                # An indented item under a topic: its objectives, concepts, exercise, materials.
                block.study[-1].read(number, indent, line)
                continue
            heading = _heading(line)
            if heading:
                self._on_heading(number, *heading)
            else:
                self._on_line(number, line)
        self._close_phase()
        if not self.phases:
            raise PlanError(
                "expected a phase/month structure ('## PHASE 1: Title (Months 1-3)' followed "
                "by '### Month 1: Title'), found no phase heading",
                1,
            )

    def _on_heading(self, n: int, level: int, title: str) -> None:
        if level == 1:
            if not self.title:
                self.title = title
            else:
                self.warnings.append(f"line {n}: a second '# title' was ignored")
            return
        if level == 2:
            self._on_h2(n, title)
        elif level == 3:
            self._on_h3(n, title)
        elif level == 4:
            self._on_h4(n, title)
        else:
            self.warnings.append(f"line {n}: heading level {level} was ignored")

    def _on_h2(self, n: int, title: str) -> None:
        m = PHASE_RE.match(title)
        if m:
            self._close_phase()
            number = int(m["n"])
            expected = len(self.phases) + 1
            if number != expected:
                raise PlanError(f"expected phase {expected}, found phase {number}", n)
            month_range = None
            if m["a"]:
                month_range = (int(m["a"]), int(m["b"] or m["a"]))
            self.phases.append(_Phase(n, number, m["title"], month_range))
            self.section = "phases"
            return
        if self.section == "phases":
            self._close_phase()
        section = _leading_keyword(title, SECTIONS)
        if section is None and not self.subtitle and self.section is None:
            self.subtitle = title
            return
        if section is None:
            self.warnings.append(f"line {n}: unknown section '{title}' was skipped")
        self.section = section or "unknown"
        self.subsection = None

    def _on_h3(self, n: int, title: str) -> None:
        if self.section == "phases":
            m = MONTH_RE.match(title)
            if not m:
                raise PlanError(f"expected '### Month N: title' in a phase, found '{title}'", n)
            self._close_block()
            self._add_month(n, int(m["n"]), m["title"])
            return
        if self.section == "projects":
            m = re.match(r"^(?:фаза|phase)\s+(\d+)", title, re.I)
            if not m:
                raise PlanError(f"expected '### Phase N Projects', found '{title}'", n)
            self.project_phase = int(m.group(1))
            return
        if self.section == "kpi":
            self.kpis.append((title, []))
            return
        if self.section in SUBSECTIONS:
            self.subsection = _leading_keyword(title, SUBSECTIONS[self.section])
            if self.subsection is None:
                self.warnings.append(f"line {n}: unknown subsection '{title}' was skipped")
            return
        self.warnings.append(f"line {n}: heading '{title}' outside a known section was ignored")

    def _add_month(self, n: int, number: int, title: str) -> None:
        if number in self.seen_months:
            raise PlanError(
                f"expected month {len(self.seen_months) + 1}, found a second month {number} "
                f"(the first is at line {self.seen_months[number]})",
                n,
            )
        expected = len(self.seen_months) + 1
        if number != expected:
            raise PlanError(f"expected month {expected}, found month {number} (out of order)", n)
        phase = self.phases[-1]
        if phase.month_range and not (phase.month_range[0] <= number <= phase.month_range[1]):
            a, b = phase.month_range
            raise PlanError(
                f"expected a month between {a} and {b} in phase {phase.number}, "
                f"found month {number}",
                n,
            )
        self.seen_months[number] = n
        phase.months.append(_Month(n, number, title))

    def _on_h4(self, n: int, title: str) -> None:
        m = BLOCK_RE.match(title)
        month = self.month
        if not m or month is None:
            if self.section == "phases":
                raise PlanError(
                    f"expected '#### Weeks N-M: title' inside a month, found '{title}'", n
                )
            self.warnings.append(f"line {n}: heading '{title}' was ignored")
            return
        self._close_block()
        a, b = int(m["a"]), int(m["b"] or m["a"])
        if b < a:
            raise PlanError(f"expected a week range that goes forward, found weeks {a}-{b}", n)
        month.blocks.append(_Block(n, a, b, m["title"]))

    def _on_line(self, n: int, line: str) -> None:
        bold = BOLD_LINE_RE.match(line)
        if bold and self._on_month_label(n, bold["label"].strip(), bold["text"]):
            return
        handler: Callable[[int, str], None] | None = getattr(self, f"_in_{self.section}", None)
        if handler is None:
            self.warnings.append(f"line {n}: text outside a known section was ignored")
            return
        handler(n, line)

    def _on_month_label(self, n: int, label: str, text: str) -> bool:
        """Goal, practice, capstone and milestone lines, which belong to a month."""
        low = label.lower()
        milestone = re.match(r"^(?:milestone|веха)\s*(\d+)$", low)
        kind = (
            "milestone"
            if milestone
            else "capstone"
            if low.startswith(("capstone", "итоговый проект"))
            else "practice"
            if low in ("практика", "practice")
            else "goal"
            if low in ("цель", "goal")
            else None
        )
        if kind is None:
            return False
        if kind == "practice" and self.section == "assessment":
            return False  # "- **Practice**: 50%" in the weekly split is not a month's practice
        month = self.month
        if month is None:
            if kind == "goal" and self.section != "phases":
                return False
            raise PlanError(
                f"expected '**{label}**' inside a month (after '### Month N: title'), "
                "found it outside any month",
                n,
            )
        if kind == "goal":
            month.goal = text
        elif kind == "milestone":
            assert milestone is not None
            self.milestones.append((int(milestone.group(1)), month.number, text))
        else:
            if month.practice is not None:
                raise PlanError(
                    f"expected one practice in month {month.number}, found a second one", n
                )
            self._close_block()
            month.practice = (text, kind == "capstone")
        return True

    # --- sections ----------------------------------------------------------------------
    def _in_phases(self, n: int, line: str) -> None:
        item = LIST_RE.match(line)
        block = self.block
        if item and block is not None and self.month and self.month.practice is None:
            m = BOLD_ITEM_RE.match(item["body"])
            if m:
                block.topics.append((m["title"], m["text"]))
            else:
                title, _, text = item["body"].partition(": ")
                block.topics.append((title, text))
            block.study.append(StudyReader(self.lang))
            return
        if item and self.month is not None:
            raise PlanError(
                "expected topics under a '#### Weeks N-M: title' heading, "
                f"found a list item outside a block: '{line}'",
                n,
            )
        self.warnings.append(f"line {n}: text in a phase was ignored: '{line[:60]}'")

    def _in_goal(self, n: int, line: str) -> None:
        self.goal.append(line)

    def _in_structure(self, n: int, line: str) -> None:
        m = BOLD_LINE_RE.match(line)
        key = _keyword(m["label"], STRUCTURE_KEYS) if m else None
        if m is None or key is None:
            self.warnings.append(f"line {n}: unknown structure line ignored: '{line[:60]}'")
            return
        self.structure[key] = m["text"].strip()

    def _in_projects(self, n: int, line: str) -> None:
        m = NUMBERED_RE.match(line)
        if not m:
            raise PlanError(f"expected '1. **Project** - summary', found '{line}'", n)
        if self.project_phase is None:
            raise PlanError("expected '### Phase N Projects' before the first project", n)
        self.projects.append((int(m["n"]), self.project_phase, m["title"], m["text"]))

    def _in_resources(self, n: int, line: str) -> None:
        if self.subsection == "books":
            m = BOLD_LINE_RE.match(line)
            phase = re.match(r"^(?:фаза|phase)\s+(\d+)$", m["label"].strip(), re.I) if m else None
            if m is None or phase is None:
                raise PlanError(f"expected '**Phase N**: \"Book\", ...', found '{line}'", n)
            for title in QUOTED_RE.findall(m["text"]):
                self.resources.append(("book", int(phase.group(1)), "", title))
            return
        item = LIST_RE.match(line)
        if item is None or self.subsection not in ("courses", "platforms"):
            self.warnings.append(f"line {n}: resource line ignored: '{line[:60]}'")
            return
        if self.subsection == "courses" and ": " in item["body"]:
            category, _, title = item["body"].partition(": ")
        else:
            category, title = "", item["body"]
        kind = "course" if self.subsection == "courses" else "platform"
        self.resources.append((kind, None, category, title))

    def _in_assessment(self, n: int, line: str) -> None:
        item = LIST_RE.match(line)
        if item is None:
            self.warnings.append(f"line {n}: assessment line ignored: '{line[:60]}'")
            return
        body = item["body"]
        m = BOLD_ITEM_RE.match(body)
        if self.subsection == "weekly" and m:
            kind = _keyword(m["title"], TIME_KIND_WORDS)
            percent = PERCENT_RE.match(m["text"].strip())
            if kind is None or percent is None:
                raise PlanError(
                    f"expected '- **Theory|Practice|Research**: N% ...', found '{line}'", n
                )
            rest = m["text"].strip()[percent.end() :].strip()
            self.weekly.append((kind, int(percent.group(1)), rest))
        elif self.subsection == "monthly":
            self.activities.append(body)
        elif self.subsection == "quarterly" and m:
            self.level_checks.append((m["title"], m["text"]))
        else:
            self.warnings.append(f"line {n}: assessment line ignored: '{line[:60]}'")

    def _in_career(self, n: int, line: str) -> None:
        label = BOLD_LINE_RE.match(re.sub(r"^[^\w*]+", "", line))
        item = LIST_RE.match(line)
        target = self.tracks if self.subsection == "tracks" else self.skills
        if label and not item:
            target.append((label["label"].strip().rstrip(":"), []))
        elif item and target:
            target[-1][1].append(item["body"])
        else:
            self.warnings.append(f"line {n}: career line ignored: '{line[:60]}'")

    def _in_kpi(self, n: int, line: str) -> None:
        item = LIST_RE.match(line)
        if item is None or not self.kpis:
            self.warnings.append(f"line {n}: KPI line ignored: '{line[:60]}'")
            return
        name, _, target = item["body"].partition(": ")
        self.kpis[-1][1].append((name, target))

    def _in_next_steps(self, n: int, line: str) -> None:
        item = LIST_RE.match(line)
        if item:
            m = BOLD_ITEM_RE.match(item["body"])
            title, text = (m["title"], m["text"]) if m else (item["body"], "")
            self.next_steps.append((title, text))
        elif self.next_steps:
            self.closing.append(line)
        else:
            self.next_intro.append(line)

    def _in_unknown(self, n: int, line: str) -> None:
        self.warnings.append(f"line {n}: text in an unknown section was ignored")

    # --- building the document ----------------------------------------------------------
    def build(self, slug: str) -> CurriculumDoc:
        t = self.t
        topic_slugs, block_slugs, project_slugs, resource_slugs, kpi_slugs = (
            Slugger() for _ in range(5)
        )
        phases = []
        for phase in self.phases:
            months = []
            for month in phase.months:
                blocks = tuple(
                    BlockDoc(
                        slug=block_slugs.take(f"weeks-{b.week_from}-{b.week_to}"),
                        week_from=b.week_from,
                        week_to=b.week_to,
                        title=t(b.title),
                        topics=tuple(
                            TopicDoc(
                                slug=topic_slugs.take(slugify(title)),
                                title=t(title),
                                description=t(text),
                                **study.fields(),  # type: ignore[arg-type]
                            )
                            for (title, text), study in zip(b.topics, b.study, strict=True)
                        ),
                    )
                    for b in month.blocks
                )
                practice = None
                if month.practice:
                    text, is_capstone = month.practice
                    practice = PracticeDoc(f"practice-{month.number}", t(text), is_capstone)
                months.append(
                    MonthDoc(
                        f"month-{month.number}",
                        month.number,
                        t(month.title),
                        t(month.goal),
                        blocks,
                        practice,
                    )
                )
            phases.append(
                PhaseDoc(f"phase-{phase.number}", phase.number, t(phase.title), tuple(months))
            )
        duration = self._range("duration")
        hours = self._range("hours")
        approach = self.structure.get("approach", "")
        return CurriculumDoc(
            slug=slug,
            title=t(self.title),
            subtitle=t(self.subtitle),
            goal=t(" ".join(self.goal)),
            target_level=t(self.structure.get("level", "")),
            duration_months=duration,
            hours_per_week=hours,
            practice_percent=_percent_before(approach, TIME_KIND_WORDS["practice"]),
            theory_percent=_percent_before(approach, TIME_KIND_WORDS["theory"]),
            phases=tuple(phases),
            milestones=tuple(
                MilestoneDoc(f"milestone-{number}", number, month, t(text), level_of(text))
                for number, month, text in self.milestones
            ),
            projects=tuple(
                ProjectDoc(project_slugs.take(slugify(title)), number, phase, t(title), t(text))
                for number, phase, title, text in self.projects
            ),
            resources=tuple(
                ResourceDoc(resource_slugs.take(slugify(title)), kind, t(title), phase, t(category))
                for kind, phase, category, title in self.resources
            ),
            weekly_targets=tuple(WeeklyTargetDoc(k, p, t(text)) for k, p, text in self.weekly),
            activities=_slugged(self.activities, ACTIVITY_WORDS, lambda s, x: ActivityDoc(s, t(x))),
            level_checks=tuple(
                LevelCheckDoc(slugify(label), label, t(text)) for label, text in self.level_checks
            ),
            career_tracks=_slugged_pairs(
                self.tracks, lambda s, x, items: CareerTrackDoc(s, t(x), tuple(map(t, items)))
            ),
            skill_categories=_slugged_pairs(
                self.skills, lambda s, x, items: SkillCategoryDoc(s, t(x), tuple(map(t, items)))
            ),
            kpi_categories=_slugged_pairs(
                self.kpis,
                lambda s, x, items: KpiCategoryDoc(s, t(x), _kpis(items, t, kpi_slugs)),
            ),
            next_steps_intro=t(" ".join(self.next_intro)),
            next_steps=tuple(NextStepDoc(t(a), t(b)) for a, b in self.next_steps),
            closing=t(" ".join(self.closing)),
            warnings=tuple(self.warnings),
        )

    def _range(self, key: str) -> tuple[int, int] | None:
        value = self.structure.get(key, "")
        m = RANGE_RE.search(value) or re.search(r"(\d+)", value)
        if not m:
            return None
        low = int(m.group(1))
        high = int(m.group(2)) if m.lastindex and m.lastindex >= 2 else low
        return (low, high)


def _percent_before(text: str, words: tuple[str, ...]) -> int | None:
    for m in re.finditer(r"(\d+)\s*%\s*([^\d,;]+)", text):
        if any(w in m.group(2).lower() for w in words):
            return int(m.group(1))
    return None


def level_of(text: str) -> str:
    """The level a milestone text names: tech_lead, senior, middle, junior or ''."""
    low = text.lower()
    for level, words in LEVEL_WORDS:
        if any(w in low for w in words):
            return level
    return ""


def _slug_for(title: str, table: dict[str, tuple[str, ...]], slugger: Slugger) -> str:
    return slugger.take(_keyword(title, table) or slugify(title))


def _slugged(items, table, make):  # type: ignore[no-untyped-def]
    slugger = Slugger()
    return tuple(make(_slug_for(x, table, slugger), x) for x in items)


def _slugged_pairs(items, make):  # type: ignore[no-untyped-def]
    slugger = Slugger()
    return tuple(
        make(_slug_for(title, CATEGORY_WORDS, slugger), title, children)
        for title, children in items
    )


def _kpis(
    items: list[tuple[str, str]], t: Callable[[str], Text], slugger: Slugger
) -> tuple[KpiDoc, ...]:
    # One slugger for all categories: KPI slugs are unique in the whole curriculum.
    return tuple(KpiDoc(slugger.take(slugify(name)), t(name), t(target)) for name, target in items)


def parse_markdown(
    text: str, *, slug: str | None = None, language: Language | None = None
) -> CurriculumDoc:
    """Parse a Markdown plan; raise PlanError with the line of the first problem."""
    parser = MarkdownPlanParser(text, language)
    parser.parse()
    return parser.build(slug or slugify(parser.title, fallback="curriculum"))
