"""The question bank as plain data: questions of seven kinds, read from and written to YAML.

A bank file (`content/curricula/<slug>/questions/month-NN.yaml`) holds:

    format: 1
    questions:
    - slug: git-conflict-markers      # stable, unique within the curriculum
      topic: git                      # the topic's slug
      kind: single                    # see Kind
      difficulty: 1                   # 1 easy, 2 medium, 3 hard
      practical: true                 # reads a command, snippet, exchange or query
      text: {ru: ..., en: ...}
      code: |                         # optional: a snippet shown under the text, as is
        $ git merge feature
      choices:                        # single and multiple choice
      - {ru: ..., en: ..., weight: 100}
      - {ru: ..., en: ..., weight: 0, feedback: {ru: ..., en: ...}}
      explanation: {ru: ..., en: ...}

Kind-specific keys: `answer: true|false` (true_false); `accepted: [..]` or
`accepted: {ru: [..], en: [..]}` (short); `value` and `tolerance` (numeric);
`pairs: [{left: .., right: ..}]` (matching); `items: [..]` in the right order (ordering).
Any text but the question's own text and explanation may be a plain string, meaning the same
in both languages (a command, a status code). Choice weights are percentages of the credit:
single choice has exactly one choice worth 100; multiple choice's positive weights add up to
100 and a wrong choice may take credit away (a negative weight), as in Moodle.

`read_bank` checks the structure (what grading needs); `lint_bank` adds the content rules the
built-in bank keeps (explanations, both languages, no near-duplicates).
"""

from __future__ import annotations

import difflib
import enum
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

FORMAT = 1
LANGUAGES = ("ru", "en")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WEIGHT_EPSILON = 0.01  # GIFT writes thirds as 33.33333


class Kind(enum.StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    SHORT = "short"
    NUMERIC = "numeric"
    MATCHING = "matching"
    ORDERING = "ordering"


@dataclass(frozen=True)
class Text:
    ru: str
    en: str

    def get(self, language: str) -> str:
        first, second = (self.en, self.ru) if language.startswith("en") else (self.ru, self.en)
        return first or second

    @property
    def same_in_both(self) -> bool:
        return self.ru == self.en

    def to_data(self) -> str | dict[str, str]:
        return self.ru if self.same_in_both else {"ru": self.ru, "en": self.en}


@dataclass(frozen=True)
class Choice:
    text: Text
    weight: float
    feedback: Text | None = None


@dataclass(frozen=True)
class Pair:
    left: Text
    right: Text


@dataclass(frozen=True)
class Question:
    slug: str
    topic: str
    kind: Kind
    text: Text
    difficulty: int = 1
    practical: bool = False
    code: str = ""
    explanation: Text | None = None
    choices: tuple[Choice, ...] = ()
    answer: bool | None = None
    accepted_ru: tuple[str, ...] = ()
    accepted_en: tuple[str, ...] = ()
    value: float | None = None
    tolerance: float = 0.0
    pairs: tuple[Pair, ...] = ()
    items: tuple[Text, ...] = ()
    # Where the question starts in its file, for error messages; not part of the question.
    line: int = field(default=0, compare=False, repr=False)

    def to_data(self) -> dict[str, Any]:
        """The question as the YAML mapping it was read from (canonical key order)."""
        data: dict[str, Any] = {
            "slug": self.slug,
            "topic": self.topic,
            "kind": str(self.kind),
            "difficulty": self.difficulty,
            "practical": self.practical,
            "text": {"ru": self.text.ru, "en": self.text.en},
        }
        if self.code:
            data["code"] = self.code
        if self.kind in (Kind.SINGLE, Kind.MULTIPLE):
            data["choices"] = [_choice_data(c) for c in self.choices]
        elif self.kind is Kind.TRUE_FALSE:
            data["answer"] = self.answer
        elif self.kind is Kind.SHORT:
            if self.accepted_ru == self.accepted_en:
                data["accepted"] = list(self.accepted_ru)
            else:
                data["accepted"] = {"ru": list(self.accepted_ru), "en": list(self.accepted_en)}
        elif self.kind is Kind.NUMERIC:
            data["value"] = _number(self.value or 0.0)
            data["tolerance"] = _number(self.tolerance)
        elif self.kind is Kind.MATCHING:
            data["pairs"] = [
                {"left": p.left.to_data(), "right": p.right.to_data()} for p in self.pairs
            ]
        elif self.kind is Kind.ORDERING:
            data["items"] = [item.to_data() for item in self.items]
        if self.explanation is not None:
            data["explanation"] = {"ru": self.explanation.ru, "en": self.explanation.en}
        return data


@dataclass(frozen=True)
class Problem:
    """Something wrong in a bank: where (file, line, question) and what, said so it can be fixed."""

    message: str
    path: str = ""
    line: int = 0
    slug: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        subject = f"question '{self.slug}': " if self.slug else ""
        return f"{where}: error: {subject}{self.message}" if where else f"{subject}{self.message}"


class BankError(ValueError):
    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Bank:
    questions: list[Question] = field(default_factory=list)

    def by_topic(self) -> dict[str, list[Question]]:
        grouped: dict[str, list[Question]] = {}
        for question in self.questions:
            grouped.setdefault(question.topic, []).append(question)
        return grouped


# Reading -------------------------------------------------------------------------------------


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line each mapping starts on (as `__line__`)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_content_yaml(path: Path, error: type[BankError] = BankError) -> Any:
    """A content file's YAML (the bank, interview sets, the rubric), each mapping with the
    line it starts on; a file that cannot be read or parsed raises `error` saying where."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise error([Problem(f"not valid YAML: {exc}", str(path), line)]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise error([Problem(f"cannot be read: {exc}", str(path))]) from exc


def read_bank_file(path: Path) -> Bank:
    """Read one bank file; raise BankError listing every problem found (nothing half-read)."""
    return parse_bank(read_content_yaml(path), path=str(path))


def read_bank(paths: Iterable[Path]) -> Bank:
    """Read several bank files as one bank; slugs must be unique across all of them."""
    bank = Bank()
    problems: list[Problem] = []
    for path in paths:
        try:
            bank.questions.extend(read_bank_file(path).questions)
        except BankError as exc:
            problems.extend(exc.problems)
    problems.extend(_duplicate_slugs(bank.questions))
    if problems:
        raise BankError(problems)
    return bank


def bank_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.yaml")) if directory.is_dir() else []


def parse_bank(raw: Any, *, path: str = "") -> Bank:
    if not isinstance(raw, dict):
        raise BankError([Problem("a bank file is a mapping with 'format' and 'questions'", path)])
    if raw.get("format") != FORMAT:
        raise BankError(
            [Problem(f"'format' must be {FORMAT}, found {raw.get('format')!r}", path, 1)]
        )
    items = raw.get("questions")
    if not isinstance(items, list):
        raise BankError([Problem("'questions' must be a list", path, 1)])
    questions: list[Question] = []
    problems: list[Problem] = []
    for index, item in enumerate(items):
        try:
            questions.append(parse_question(item, path=path, index=index))
        except BankError as exc:
            problems.extend(exc.problems)
    problems.extend(_duplicate_slugs(questions, path=path))
    if problems:
        raise BankError(problems)
    return Bank(questions)


def parse_question(item: Any, *, path: str = "", index: int = 0) -> Question:
    """One question from its mapping; every structural rule of its kind is checked here."""
    if not isinstance(item, dict):
        raise BankError([Problem(f"question #{index + 1} is not a mapping", path)])
    line = int(item.get("__line__", 0))
    slug = str(item.get("slug") or "")
    errors: list[str] = []

    def fail(message: str) -> None:
        errors.append(message)

    if not SLUG_RE.match(slug):
        fail(f"'slug' must be lowercase words joined by '-', found {slug!r}")
    topic = str(item.get("topic") or "")
    if not SLUG_RE.match(topic):
        fail(f"'topic' must be a topic's slug, found {topic!r}")
    try:
        kind = Kind(str(item.get("kind")))
    except ValueError:
        fail(
            f"'kind' must be one of {', '.join(k.value for k in Kind)}, found {item.get('kind')!r}"
        )
        raise BankError([Problem(m, path, line, slug) for m in errors]) from None
    difficulty = item.get("difficulty", 1)
    if difficulty not in (1, 2, 3):
        fail(f"'difficulty' must be 1, 2 or 3, found {difficulty!r}")
    practical = item.get("practical", False)
    if not isinstance(practical, bool):
        fail("'practical' must be true or false")
    code = item.get("code", "")
    if not isinstance(code, str):
        fail("'code' must be text")
    text = _text(item.get("text"), "text", fail, plain_allowed=False)
    explanation = None
    if item.get("explanation") is not None:
        explanation = _text(item.get("explanation"), "explanation", fail, plain_allowed=False)

    values: dict[str, Any] = {}
    if kind in (Kind.SINGLE, Kind.MULTIPLE):
        values["choices"] = _choices(item.get("choices"), kind, fail)
    elif kind is Kind.TRUE_FALSE:
        if not isinstance(item.get("answer"), bool):
            fail("a true_false question needs 'answer: true' or 'answer: false'")
        values["answer"] = bool(item.get("answer"))
    elif kind is Kind.SHORT:
        values["accepted_ru"], values["accepted_en"] = _accepted(item.get("accepted"), fail)
    elif kind is Kind.NUMERIC:
        value, tolerance = item.get("value"), item.get("tolerance", 0)
        if not _is_number(value):
            fail("a numeric question needs a number 'value'")
        if not isinstance(tolerance, int | float) or isinstance(tolerance, bool) or tolerance < 0:
            fail("'tolerance' must be a number of zero or more")
        values["value"] = float(value) if isinstance(value, int | float) else 0.0
        values["tolerance"] = float(tolerance) if isinstance(tolerance, int | float) else 0.0
    elif kind is Kind.MATCHING:
        values["pairs"] = _pairs(item.get("pairs"), fail)
    elif kind is Kind.ORDERING:
        values["items"] = _ordering_items(item.get("items"), fail)

    known = {"__line__", "slug", "topic", "kind", "difficulty", "practical", "text", "code"}
    known |= {"explanation", "choices", "answer", "accepted", "value", "tolerance"}
    known |= {"pairs", "items"}
    unknown = sorted(set(item) - known)
    if unknown:
        fail(f"unknown keys {', '.join(unknown)}")
    if errors:
        raise BankError([Problem(m, path, line, slug) for m in errors])
    return Question(
        slug=slug,
        topic=topic,
        kind=kind,
        text=text,
        difficulty=int(difficulty),
        practical=bool(practical),
        code=code.rstrip("\n") if isinstance(code, str) else "",
        explanation=explanation,
        line=line,
        **values,
    )


def _text(raw: Any, name: str, fail: Any, *, plain_allowed: bool = True) -> Text:
    if isinstance(raw, str | int | float) and not isinstance(raw, bool) and plain_allowed:
        value = str(raw).strip()
        if not value:
            fail(f"'{name}' is empty")
        return Text(value, value)
    if not isinstance(raw, dict):
        wanted = "a text or {ru: ..., en: ...}" if plain_allowed else "{ru: ..., en: ...}"
        fail(f"'{name}' must be {wanted}")
        return Text("", "")
    values: dict[str, str] = {}
    for language in LANGUAGES:
        found = raw.get(language)
        if not isinstance(found, str | int | float) or not str(found).strip():
            fail(f"'{name}' has no {language} text")
            found = ""
        values[language] = str(found).strip()
    return Text(values["ru"], values["en"])


def _choices(raw: Any, kind: Kind, fail: Any) -> tuple[Choice, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        fail("a choice question needs a list of at least two 'choices'")
        return ()
    choices = []
    for number, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict):
            fail(f"choice {number} must be a mapping with ru, en and weight")
            continue
        text = _text(
            {k: v for k, v in entry.items() if k in LANGUAGES} or entry.get("text"),
            f"choice {number}",
            fail,
        )
        weight = entry.get("weight", 0)
        if not _is_number(weight) or not -100 <= float(weight) <= 100:
            fail(f"choice {number}: 'weight' must be a number from -100 to 100")
            weight = 0
        feedback = entry.get("feedback")
        choices.append(
            Choice(
                text,
                float(weight),
                _text(feedback, f"choice {number} feedback", fail) if feedback else None,
            )
        )
    weights = [c.weight for c in choices]
    if kind is Kind.SINGLE:
        if sum(1 for w in weights if w == 100) != 1:
            fail("a single choice question needs exactly one choice with weight 100")
    elif kind is Kind.MULTIPLE:
        positive = sum(w for w in weights if w > 0)
        if abs(positive - 100) > WEIGHT_EPSILON:
            fail(
                f"the positive weights of a multiple choice question add up to {positive:g}, "
                "not 100"
            )
        if not any(w <= 0 for w in weights):
            fail("a multiple choice question needs at least one wrong choice")
    texts = [c.text.en.casefold() for c in choices] + [c.text.ru.casefold() for c in choices]
    if len(set(texts)) < len(texts) - sum(1 for c in choices if c.text.same_in_both):
        fail("two choices have the same text")
    return tuple(choices)


def _accepted(raw: Any, fail: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if isinstance(raw, list):
        both = tuple(str(a).strip() for a in raw if str(a).strip())
        if not both:
            fail("a short answer question needs a non-empty 'accepted' list")
        return both, both
    if isinstance(raw, dict):
        ru = tuple(str(a).strip() for a in raw.get("ru") or [] if str(a).strip())
        en = tuple(str(a).strip() for a in raw.get("en") or [] if str(a).strip())
        if not ru or not en:
            fail("'accepted' needs answers for both ru and en")
        return ru, en
    fail("a short answer question needs 'accepted': a list, or {ru: [...], en: [...]}")
    return (), ()


def _pairs(raw: Any, fail: Any) -> tuple[Pair, ...]:
    if not isinstance(raw, list) or len(raw) < 3:
        fail("a matching question needs at least three 'pairs'")
        return ()
    pairs = []
    for number, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict):
            fail(f"pair {number} must be a mapping with 'left' and 'right'")
            continue
        pairs.append(
            Pair(
                _text(entry.get("left"), f"pair {number} left", fail),
                _text(entry.get("right"), f"pair {number} right", fail),
            )
        )
    for attribute in ("left", "right"):
        for language in LANGUAGES:
            texts = [getattr(getattr(p, attribute), language) for p in pairs]
            if len(set(texts)) != len(texts):
                fail(f"two pairs have the same {attribute} text ({language})")
    return tuple(pairs)


def _ordering_items(raw: Any, fail: Any) -> tuple[Text, ...]:
    if not isinstance(raw, list) or len(raw) < 3:
        fail("an ordering question needs at least three 'items', in the right order")
        return ()
    items = tuple(_text(entry, f"item {n}", fail) for n, entry in enumerate(raw, start=1))
    for language in LANGUAGES:
        texts = [getattr(item, language) for item in items]
        if len(set(texts)) != len(texts):
            fail(f"two items have the same text ({language})")
    return items


def _duplicate_slugs(questions: Sequence[Question], *, path: str = "") -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for question in questions:
        if question.slug in seen:
            problems.append(Problem("the slug is used twice", path, slug=question.slug))
        seen.add(question.slug)
    return problems


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _choice_data(choice: Choice) -> dict[str, Any]:
    data: dict[str, Any] = {"ru": choice.text.ru, "en": choice.text.en}
    data["weight"] = _number(choice.weight)
    if choice.feedback is not None:
        data["feedback"] = {"ru": choice.feedback.ru, "en": choice.feedback.en}
    return data


# Writing -------------------------------------------------------------------------------------


def dump_bank(bank: Bank) -> str:
    """The bank as a YAML bank file that `parse_bank` reads back to the same questions."""
    document = {"format": FORMAT, "questions": [q.to_data() for q in bank.questions]}
    return yaml.dump(document, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=100)


class _BlockDumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _represent_str)


# Content rules of the built-in bank ----------------------------------------------------------

MIN_PER_TOPIC = 5
NEAR_DUPLICATE_RATIO = 0.9
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def lint_bank(bank: Bank, topics: Mapping[str, str] | None = None) -> list[Problem]:
    """The content rules a published bank keeps; `topics` maps each topic slug to its month."""
    problems: list[Problem] = []
    for question in bank.questions:

        def report(message: str, q: Question = question) -> None:
            problems.append(Problem(message, slug=q.slug))

        if topics is not None and question.topic not in topics:
            report(f"topic '{question.topic}' is not in the curriculum")
        if question.explanation is None:
            report("has no explanation")
        if not CYRILLIC.search(question.text.ru):
            report("the Russian text has no Russian in it")
        if question.text.ru == question.text.en:
            report("the Russian and English texts are the same")
        if question.kind in (Kind.SINGLE, Kind.MULTIPLE) and not any(
            c.feedback for c in question.choices if c.weight <= 0
        ):
            report("no wrong choice says why it is wrong (feedback)")
    grouped = bank.by_topic()
    if topics is not None:
        for slug in topics:
            count = len(grouped.get(slug, []))
            if count < MIN_PER_TOPIC:
                problems.append(
                    Problem(
                        f"topic '{slug}' has {count} questions, at least {MIN_PER_TOPIC} needed"
                    )
                )
    for questions in grouped.values():
        problems.extend(_near_duplicates(questions))
    problems.extend(_same_text_elsewhere(bank.questions))
    return problems


def _same_text_elsewhere(questions: Sequence[Question]) -> list[Problem]:
    """The same question text (and snippet) on two topics: near-duplicates are looked for
    within a topic, where they happen; across the bank an exact repeat is cheap to find."""
    seen: dict[str, str] = {}
    problems = []
    for question in questions:
        for language in LANGUAGES:
            text = _normalise(question.text.get(language) + " " + question.code)
            first = seen.setdefault(f"{language}:{text}", question.slug)
            if first != question.slug:
                problems.append(
                    Problem(f"asks the same as '{first}' ({language})", slug=question.slug)
                )
    return problems


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\W+", " ", text).strip()


def near_duplicates(
    items: Sequence[Any],
    text_of: Callable[[Any, str], str],
    place_of: Callable[[Any], dict[str, Any]],
    *,
    ratio: float = NEAR_DUPLICATE_RATIO,
) -> list[Problem]:
    """Items (with a `slug`) whose text in one language is at least `ratio` alike: the
    bank's questions within a topic, an interview set's questions. `place_of` says where
    the later one stands (a Problem's path, line, slug)."""
    problems = []
    for language in LANGUAGES:
        texts = [(item, _normalise(text_of(item, language))) for item in items]
        for i, (first, a) in enumerate(texts):
            for second, b in texts[i + 1 :]:
                ratio = difflib.SequenceMatcher(None, a, b).ratio()
                if ratio >= NEAR_DUPLICATE_RATIO:
                    message = (
                        f"asks nearly the same as '{first.slug}' ({language}, {ratio:.0%} alike)"
                    )
                    problems.append(Problem(message, **place_of(second)))
    return problems


def _near_duplicates(questions: Sequence[Question]) -> list[Problem]:
    return near_duplicates(
        questions,
        lambda q, language: q.text.get(language) + " " + q.code,
        lambda q: {"slug": q.slug},
    )


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m skillpath.knowledge.bank FILE...`: check bank files, print counts."""
    import sys
    from collections import Counter

    paths = [Path(p) for p in (argv if argv is not None else sys.argv[1:])]
    try:
        bank = read_bank(paths)
    except BankError as exc:
        print(exc, file=sys.stderr)
        return 2
    problems = lint_bank(bank)
    for problem in problems:
        print(problem, file=sys.stderr)
    grouped = bank.by_topic()
    print(f"{len(bank.questions)} questions, {len(grouped)} topics")
    for slug, questions in grouped.items():
        kinds = Counter(str(q.kind) for q in questions)
        practical = sum(q.practical for q in questions)
        print(f"  {slug}: {len(questions)} ({practical} practical) {dict(kinds)}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
