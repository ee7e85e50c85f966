"""The Markdown form of a topic's study material, written and read in one place.

Under a topic's list item, indented:

    - **Git**: Basic commands, branching, merge conflicts
      - **Objectives**:
        - Resolve a merge conflict and explain where each side came from
      - **Key concepts**:
        - a commit as a snapshot of the tree
      - **Exercise**: Create a repository with two branches that ...
      - **Materials**:
        - [Pro Git, chapter 3](https://git-scm.com/book/en/v2) — book, en, 90 min

The labels and the kinds of material are written in the plan's language and read in either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from skillpath.curriculum.importers.base import PlanError
from skillpath.curriculum.plan import MATERIAL_KINDS, Language, MaterialDoc, Text, TopicDoc
from skillpath.curriculum.slugs import Slugger, slugify

PARTS: dict[str, dict[str, str]] = {
    "objectives": {"ru": "Цели", "en": "Objectives"},
    "concepts": {"ru": "Ключевые понятия", "en": "Key concepts"},
    "exercise": {"ru": "Упражнение", "en": "Exercise"},
    "materials": {"ru": "Материалы", "en": "Materials"},
}
KIND_WORDS: dict[str, dict[str, str]] = {
    "docs": {"ru": "документация", "en": "docs"},
    "spec": {"ru": "спецификация", "en": "spec"},
    "book": {"ru": "книга", "en": "book"},
    "course": {"ru": "курс", "en": "course"},
    "tutorial": {"ru": "руководство", "en": "tutorial"},
    "article": {"ru": "статья", "en": "article"},
    "video": {"ru": "видео", "en": "video"},
    "interactive": {"ru": "интерактив", "en": "interactive"},
}
MINUTES = {"ru": "мин", "en": "min"}

_PART_OF = {word.lower(): part for part, words in PARTS.items() for word in words.values()}
_KIND_OF = {word: kind for kind, words in KIND_WORDS.items() for word in words.values()}
_LABEL_RE = re.compile(r"^[-*+]\s+\*\*(?P<label>[^*]+?)\*\*\s*:?\s*(?P<text>.*)$")
_ITEM_RE = re.compile(r"^[-*+]\s+(?P<body>.+)$")
_MATERIAL_RE = re.compile(
    r"^\[(?P<title>.+)\]\((?P<url>\S+)\)\s*[—–-]\s*(?P<kind>[^,]+),\s*(?P<language>ru|en)"
    r"(?:,\s*(?P<minutes>\d+)\s*(?:min|мин))?\s*$"
)


def render_study(topic: TopicDoc, language: Language) -> list[str]:
    """The indented lines that follow a topic's list item (none for a topic without them)."""
    lines: list[str] = []
    for part, texts in (("objectives", topic.objectives), ("concepts", topic.concepts)):
        if texts:
            lines.append(f"  - **{PARTS[part][language]}**:")
            lines.extend(f"    - {text.get(language)}" for text in texts)
    if topic.exercise:
        lines.append(f"  - **{PARTS['exercise'][language]}**: {topic.exercise.get(language)}")
    if topic.materials:
        lines.append(f"  - **{PARTS['materials'][language]}**:")
        lines.extend(f"    - {_material_line(mat, language)}" for mat in topic.materials)
    return lines


def _material_line(mat: MaterialDoc, language: Language) -> str:
    meta = [KIND_WORDS[mat.kind][language], mat.language]
    if mat.minutes is not None:
        meta.append(f"{mat.minutes} {MINUTES[language]}")
    return f"[{mat.title.get(language)}]({mat.url}) — {', '.join(meta)}"


@dataclass
class StudyReader:
    """Collects the indented lines under one topic; `fields()` gives TopicDoc's study fields."""

    language: Language
    objectives: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)
    exercise: str = ""
    materials: list[MaterialDoc] = field(default_factory=list)
    _part: str | None = None
    _slugs: Slugger = field(default_factory=Slugger)

    def read(self, n: int, indent: int, line: str) -> None:
        """One stripped line at `indent` spaces; raises PlanError for what it cannot place."""
        label = _LABEL_RE.match(line)
        if indent < 4 and label:
            part = _PART_OF.get(label["label"].strip().lower())
            if part is None:
                known = ", ".join(f"'{w[self.language]}'" for w in PARTS.values())
                raise PlanError(
                    f"expected one of {known} under a topic, found '{label['label']}'", n
                )
            self._part = part
            if part == "exercise":
                self.exercise = label["text"].strip()
            return
        item = _ITEM_RE.match(line)
        if item is None or self._part in (None, "exercise"):
            raise PlanError(
                f"expected a list item under a topic's objectives, concepts or materials, "
                f"found '{line[:60]}'",
                n,
            )
        body = item["body"].strip()
        if self._part == "objectives":
            self.objectives.append(body)
        elif self._part == "concepts":
            self.concepts.append(body)
        else:
            self.materials.append(self._material(n, body))

    def _material(self, n: int, body: str) -> MaterialDoc:
        m = _MATERIAL_RE.match(body)
        kind = _KIND_OF.get(m["kind"].strip().lower()) if m else None
        if m is None or kind is None:
            kinds = ", ".join(KIND_WORDS[k][self.language] for k in MATERIAL_KINDS)
            raise PlanError(
                "expected a material as '[Title](https://...) — kind, language, N min' "
                f"(kinds: {kinds}; language: ru or en), found '{body[:80]}'",
                n,
            )
        title = m["title"].strip()
        language: Language = "ru" if m["language"] == "ru" else "en"
        return MaterialDoc(
            slug=self._slugs.take(slugify(title)[:60].strip("-") or "material"),
            kind=kind,
            title=Text(**{self.language: title}),
            url=m["url"],
            language=language,
            minutes=int(m["minutes"]) if m["minutes"] else None,
        )

    def fields(self) -> dict[str, object]:
        def t(text: str) -> Text:
            return Text(**{self.language: text})

        return {
            "objectives": tuple(t(x) for x in self.objectives),
            "concepts": tuple(t(x) for x in self.concepts),
            "exercise": t(self.exercise) if self.exercise else Text(),
            "materials": tuple(self.materials),
        }
