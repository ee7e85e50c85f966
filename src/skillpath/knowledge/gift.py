"""The question bank in Moodle's GIFT format: read from and written to the dataclasses of `bank`.

GIFT is what teachers already have (every Moodle question bank exports it), so Skillpath reads
it as Moodle does and writes it so that Moodle imports it back:

    $CATEGORY: git                                  the topic of the questions that follow
                                                    (`$course$/top/git` works too)
    // skillpath: difficulty=2 practical            what GIFT cannot say; Moodle skips it
    ::git-conflict-markers::[markdown]Which marker opens a conflict?{
        =<<<<<<<#It is followed by your side
        ~%-50%>>>>>>>#That one closes it
        ####Git writes three markers around a conflict.
    }

Kinds are told apart as Moodle tells them: `{#…}` numeric (`value`, `value:tolerance` or
`min..max`); any `~` a choice question, single if one answer is marked `=` and multiple if only
`~%weight%` ones are; `=left -> right` matching; `{T}`/`{F}` true or false; other `=` answers
short. An ordering question, which GIFT lacks, is a matching one numbered `=1 -> first item`,
`=2 -> …` under `// skillpath: kind=ordering`. `####` general feedback is the explanation; for
kinds whose answers carry no feedback in the bank (true or false, short, numeric) the first
answer feedback stands in for a missing explanation. A snippet (`code`) is a Markdown fenced
block ending the question text. A text in two languages is Moodle's multilang pair,
`<span lang="ru" class="multilang">…</span><span lang="en" class="multilang">…</span>`.

The structural rules are bank.parse_question's: this module builds the mapping a YAML bank file
holds and lets it judge, so a GIFT file and a YAML file are held to the same rules.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple, NoReturn, TypeVar

from skillpath.curriculum.slugs import Slugger, slugify
from skillpath.knowledge.bank import (
    LANGUAGES,
    SLUG_RE,
    Bank,
    BankError,
    Kind,
    Problem,
    Question,
    Text,
    parse_question,
)

NO_TOPIC = "no topic: put `$CATEGORY: <topic slug>` before the question or pass --topic"
SLUG_WORDS = 6  # how much of an untitled question's text its slug is made from

_ESCAPED = {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:"}
_ESCAPED["\n"] = "\\n"
# What a backslash makes literal; `\>` is Skillpath's, so that `-\>` is no matching arrow.
_UNESCAPED = {escape[1]: char for char, escape in _ESCAPED.items()} | {">": ">"}
_MARKER = re.compile(r"\A\[(?:html|markdown|plain|moodle)\]")
_SPAN = re.compile(
    r'<span(?=[^>]*\sclass="multilang")[^>]*\slang="([\w-]+)"[^>]*>(.*?)</span>', re.S
)
_SPAN_RUN = re.compile(rf"{_SPAN.pattern}(?:\s*{_SPAN.pattern})*", re.S)
_DIRECTIVE = re.compile(r"\$(\w+):(.*)")
_SKILLPATH = re.compile(r"//\s*skillpath:(.*)")
_WEIGHT = re.compile(r"%([^%\n]*)%")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}

T = TypeVar("T")
U = TypeVar("U")


# Reading -------------------------------------------------------------------------------------


def parse_gift(text: str, *, path: str = "<gift>", default_topic: str | None = None) -> Bank:
    """Every question of a GIFT file, or BankError naming every problem found (by line)."""
    reader = _Reader(path, default_topic)
    for chunk in _chunks(text):
        reader.read(chunk)
    return reader.bank()


class _Refusal(Exception):
    """GIFT that cannot be read, as (line, message) pairs; the reader makes them Problems."""

    def __init__(self, problems: list[tuple[int, str]]):
        super().__init__(problems)
        self.problems = problems


def _refuse(line: int, message: str) -> NoReturn:
    raise _Refusal([(line, message)])


def _each(parse: Callable[[T], U], items: Iterable[T]) -> list[U]:
    """`parse` applied to every item, refusing them all at once: one bad answer must not hide
    the next one."""
    results: list[U] = []
    refused: list[tuple[int, str]] = []
    for item in items:
        try:
            results.append(parse(item))
        except _Refusal as refusal:
            refused.extend(refusal.problems)
    if refused:
        raise _Refusal(refused)
    return results


@dataclass(frozen=True)
class _Raw:
    """GIFT source still escaped, with the line it starts on so that errors can point at it.

    Everything structural (braces, `=`, `~`, `#`, `->`, `::`) is found here, before unescaping,
    so an escaped character can never be mistaken for one."""

    text: str
    line: int

    def spans(self, token: str) -> list[tuple[int, int]]:
        """Where the regex `token` matches outside escapes (a `\\x` pair is skipped whole)."""
        found = re.finditer(rf"\\.|({token})", self.text, re.S)
        return [match.span(1) for match in found if match.group(1) is not None]

    def cut(self, start: int, end: int | None = None) -> _Raw:
        return _Raw(self.text[start:end], self.line + self.text.count("\n", 0, start))

    def split(self, token: str, limit: int | None = None) -> list[_Raw]:
        """The pieces between unescaped `token`s, cutting at the first `limit` of them."""
        cuts = self.spans(token)[:limit]
        starts = [0, *(end for _, end in cuts)]
        ends = [*(start for start, _ in cuts), len(self.text)]
        return [self.cut(start, end) for start, end in zip(starts, ends, strict=True)]

    def strip(self) -> _Raw:
        start = len(self.text) - len(self.text.lstrip())
        return self.cut(start, len(self.text.rstrip()))

    def unescape(self) -> str:
        return re.sub(
            r"\\(.)", lambda m: _UNESCAPED.get(m.group(1), m.group(0)), self.text, flags=re.S
        )


@dataclass(frozen=True)
class _Settings:
    """What a `// skillpath:` line says about the question after it, which GIFT cannot say."""

    line: int = 0
    difficulty: int | str = 1
    practical: bool = False
    ordering: bool = False


@dataclass(frozen=True)
class _Draft:
    """A question read but not yet judged: its mapping for `parse_question` lacks the slug,
    which is given out once all titles of the file are known."""

    line: int
    title: str | None
    topic: str | None
    data: dict[str, Any]


class _Values(NamedTuple):
    """What an answer block says: the kind, its keys of the question's mapping, and the first
    answer feedback (the explanation of kinds that keep no feedback per answer)."""

    kind: Kind
    values: dict[str, Any]
    feedback: Text | None = None


@dataclass(frozen=True)
class _Answer:
    marker: str
    weight: float | None
    text: _Raw
    feedback: _Raw | None


class _Reader:
    """Reads a GIFT file chunk by chunk: the category in force carries over to later chunks,
    and problems pile up so that one bad question does not hide the others."""

    def __init__(self, path: str, default_topic: str | None):
        self.path = path
        self.topic = default_topic
        self.drafts: list[_Draft] = []
        self.problems: list[Problem] = []

    def read(self, chunk: list[tuple[int, str]]) -> None:
        header, body = _split_chunk(chunk)
        try:
            settings = self._header(header)
            if body:
                self.drafts.append(_draft(_source(body), self.topic, settings or _Settings()))
            elif settings is not None:
                _refuse(settings.line, "a `// skillpath:` line needs its question right after it")
        except _Refusal as refusal:
            self.problems.extend(Problem(m, self.path, line) for line, m in refusal.problems)

    def _header(self, header: list[tuple[int, str]]) -> _Settings | None:
        settings = None
        for number, line in header:
            if directive := _DIRECTIVE.match(line.strip()):
                self.topic = _directive(number, *directive.groups())
            elif comment := _SKILLPATH.match(line.strip()):
                if settings is not None:
                    _refuse(number, "a second `// skillpath:` line for the same question")
                settings = _settings(number, comment.group(1))
        return settings

    def bank(self) -> Bank:
        questions = []
        for draft, slug in zip(self.drafts, _slugs(self.drafts), strict=True):
            if draft.topic is None:
                self.problems.append(Problem(NO_TOPIC, self.path, draft.line))
                continue
            data = {**draft.data, "slug": slug, "topic": draft.topic}
            try:
                questions.append(parse_question(data, path=self.path))
            except BankError as exc:
                self.problems.extend(exc.problems)
        if self.problems:
            raise BankError(sorted(self.problems, key=lambda problem: problem.line))
        return Bank(questions)


def _chunks(text: str) -> Iterator[list[tuple[int, str]]]:
    """The source in runs of non-blank lines, numbered: a blank line ends a question in GIFT."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    runs = itertools.groupby(
        enumerate(lines, start=1), key=lambda numbered: bool(numbered[1].strip())
    )
    for filled, run in runs:
        if filled:
            yield list(run)


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("//")


def _split_chunk(
    chunk: list[tuple[int, str]],
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The comments and `$` directives before the question, and the question's own lines."""
    header = list(
        itertools.takewhile(
            lambda numbered: _is_comment(numbered[1]) or _DIRECTIVE.match(numbered[1].strip()),
            chunk,
        )
    )
    return header, chunk[len(header) :]


def _directive(line: int, name: str, value: str) -> str:
    """The topic a `$CATEGORY:` names: the last part of a Moodle path, made a slug if need be."""
    if name != "CATEGORY":
        _refuse(
            line,
            f"unknown directive `${name}:`: GIFT knows `$CATEGORY:` "
            "(write `\\:` for a colon in question text)",
        )
    topic = value.strip().rstrip("/").rsplit("/", 1)[-1].strip()
    if not topic:
        _refuse(line, "`$CATEGORY:` names no topic")
    return topic if SLUG_RE.match(topic) else slugify(topic)


def _settings(line: int, source: str) -> _Settings:
    values: dict[str, Any] = {}
    for word in source.split():
        key, _, value = word.partition("=")
        if word == "practical":
            values["practical"] = True
        elif word == "kind=ordering":
            values["ordering"] = True
        elif key == "difficulty":  # parse_question says what is wrong with a bad one
            values["difficulty"] = int(value) if value in ("1", "2", "3") else value
        else:
            _refuse(
                line,
                f"unknown skillpath setting `{word}`: "
                "the settings are difficulty=1|2|3, practical and kind=ordering",
            )
    return _Settings(line, **values)


def _source(body: list[tuple[int, str]]) -> _Raw:
    """The question's lines as one source; comment lines are blanked, not dropped, so that
    line numbers still hold."""
    lines = []
    for number, line in body:
        if _SKILLPATH.match(line.strip()):
            _refuse(number, "a `// skillpath:` line goes right before its question, not inside")
        lines.append("" if _is_comment(line) else line)
    return _Raw("\n".join(lines), body[0][0])


def _draft(source: _Raw, topic: str | None, settings: _Settings) -> _Draft:
    title, rest = _split_title(source)
    before, block, after = _split_block(rest)
    area, general = _split_general_feedback(block)
    text, code = _question_text(before, after)
    if not (text.ru or text.en):
        _refuse(source.line, "the question has no text")
    answers = _answers(area, ordering=settings.ordering)
    explanation = _optional_text(general) or answers.feedback
    data = {
        "__line__": source.line,
        "kind": answers.kind.value,
        "difficulty": settings.difficulty,
        "practical": settings.practical,
        "text": _data(text),
        "code": code,
        "explanation": None if explanation is None else _data(explanation),
        **answers.values,
    }
    return _Draft(source.line, title, topic, data)


def _split_title(source: _Raw) -> tuple[str | None, _Raw]:
    start = len(source.text) - len(source.text.lstrip())
    if not source.text.startswith("::", start):
        return None, source
    ends = source.cut(start + 2).spans("::")
    if not ends:
        _refuse(source.line, "the title opened with `::` is never closed")
    end = start + 2 + ends[0][0]
    return _languages(source.cut(start + 2, end).unescape()).get("en"), source.cut(end + 2)


def _split_block(source: _Raw) -> tuple[_Raw, _Raw, _Raw]:
    """The text before the answer block, the block's inside, and the text after it."""
    braces = source.spans(r"[{}]")
    if not braces:
        _refuse(source.line, "no answer block `{…}`: a description is not a question")
    (opening, _), rest = braces[0], braces[1:]
    if source.text[opening] == "}":
        _refuse(source.cut(opening).line, "`}` with no `{` before it (write `\\}` in text)")
    if not rest:
        _refuse(
            source.cut(opening).line,
            "the answer block opened here is never closed (a blank line ends a question)",
        )
    closing = rest[0][0]
    if source.text[closing] == "{":
        _refuse(source.cut(closing).line, "`{` inside an answer block (write `\\{` in text)")
    if len(rest) > 1:
        _refuse(
            source.cut(rest[1][0]).line,
            "a second answer block: a question has one (write `\\{` and `\\}` in text)",
        )
    return source.cut(0, opening), source.cut(opening + 1, closing), source.cut(closing + 1)


def _split_general_feedback(block: _Raw) -> tuple[_Raw, _Raw | None]:
    marks = block.spans("####")
    if not marks:
        return block, None
    return block.cut(0, marks[-1][0]), block.cut(marks[-1][1])


def _question_text(before: _Raw, after: _Raw) -> tuple[Text, str]:
    """The question's text and code; text after the block is Moodle's missing-word form."""
    source = before.unescape()
    if after.text.strip():
        source += "_____" + after.unescape()
    source = _MARKER.sub("", source.strip(), count=1)
    text, code = _split_code(source) or (source, "")
    return _languages(text), code


def _split_code(source: str) -> tuple[str, str] | None:
    """A Markdown fenced block ending the text: (the text before it, its code). A fence is
    longer than any run of backticks inside, so the last fence of its length opens it."""
    closing = re.search(r"\n(`{3,})\Z", source)
    if closing is None:
        return None
    fence = closing.group(1)
    opening = source.rfind(fence, 0, closing.start())
    if opening < 0 or (opening > 0 and source[opening - 1] != "\n"):
        return None
    first_line_end = source.index("\n", opening)
    return source[:opening], source[first_line_end + 1 : closing.start()]


def _languages(source: str) -> Text:
    """Moodle's multilang filter: each run of adjacent spans reads in the reader's language,
    text around the runs is shared, and a text without spans is the same in both."""
    parts: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    position = 0
    for run in _SPAN_RUN.finditer(source):
        spans = dict(_SPAN.findall(run.group()))
        for language, pieces in parts.items():
            pieces += [source[position : run.start()], spans.get(language, "")]
        position = run.end()
    ru, en = ("".join(parts[language]) + source[position:] for language in LANGUAGES)
    return Text(ru.strip(), en.strip())


def _text(raw: _Raw) -> Text:
    return _languages(_MARKER.sub("", raw.unescape().strip(), count=1))


def _optional_text(raw: _Raw | None) -> Text | None:
    if raw is None:
        return None
    text = _text(raw)
    return text if text.ru or text.en else None


def _data(text: Text) -> dict[str, str]:
    return {"ru": text.ru, "en": text.en}


# Answer blocks -------------------------------------------------------------------------------


def _answers(area: _Raw, *, ordering: bool) -> _Values:
    """What the block says, its kind told apart the way Moodle tells it."""
    if ordering:
        return _ordering(area)
    content = area.text.strip()
    if not content:
        _refuse(area.line, "an empty answer block `{}` is an essay, which Skillpath cannot grade")
    if content.startswith("#"):
        return _numeric(area.cut(area.text.index("#") + 1))
    if area.spans("~"):
        return _choices(area)
    if _is_matching(area):
        return _matching(area)
    answer = _TRUE_FALSE.get(area.split("#", 1)[0].text.strip())
    if answer is not None:
        return _true_false(area, answer)
    return _short(area)


def _pieces(area: _Raw, markers: str, default: str) -> list[tuple[str, _Raw]]:
    """The answers of a block with their markers; text before the first marker is an answer
    with the `default` marker, as Moodle reads `{Paris}`."""
    cuts = area.spans(f"[{markers}]")
    bounds = [start for start, _ in cuts] + [len(area.text)]
    lead = area.cut(0, bounds[0])
    pieces = [(default, lead)] if lead.text.strip() else []
    for (start, end), stop in zip(cuts, bounds[1:], strict=True):
        pieces.append((area.text[start], area.cut(end, stop)))
    return pieces


def _answer(piece: tuple[str, _Raw]) -> _Answer:
    marker, raw = piece
    weight, rest = _weight(raw.strip())
    text, *feedback = rest.split("#", 1)
    return _Answer(marker, weight, text, feedback[0] if feedback else None)


def _answers_of(area: _Raw, markers: str, default: str) -> list[_Answer]:
    return _each(_answer, _pieces(area, markers, default))


def _weight(raw: _Raw) -> tuple[float | None, _Raw]:
    """A leading `%50%`: the share of the credit, in percent, that the answer is worth."""
    match = _WEIGHT.match(raw.text)
    if match is None:
        return None, raw
    weight = _number(match.group(1).strip())
    if weight is None:
        _refuse(raw.line, f"the weight `{match.group()}` is not a number")
    if not -100 <= weight <= 100:
        _refuse(raw.line, f"the weight `{match.group()}` is out of -100..100")
    return weight, raw.cut(match.end())


def _number(source: str) -> float | None:
    if not _NUMBER.fullmatch(source):
        return None
    value = float(source)
    return value if math.isfinite(value) else None


def _first_feedback(answers: Iterable[_Answer]) -> Text | None:
    return next(filter(None, (_optional_text(answer.feedback) for answer in answers)), None)


def _choices(area: _Raw) -> _Values:
    answers = _answers_of(area, "=~", "~")
    weights = [
        answer.weight if answer.weight is not None else 100.0 if answer.marker == "=" else 0.0
        for answer in answers
    ]
    single = any(answer.marker == "=" for answer in answers)
    if not single and not any(weight > 0 for weight in weights):
        _refuse(
            area.line,
            "no right answer: mark it with `=`, or weigh the right ones like `~%50%`",
        )
    choices = [
        {**_data(_text(answer.text)), "weight": weight, "feedback": _feedback_data(answer)}
        for answer, weight in zip(answers, weights, strict=True)
    ]
    return _Values(Kind.SINGLE if single else Kind.MULTIPLE, {"choices": choices})


def _feedback_data(answer: _Answer) -> dict[str, str] | None:
    feedback = _optional_text(answer.feedback)
    return None if feedback is None else _data(feedback)


def _true_false(area: _Raw, answer: bool) -> _Values:
    """`{TRUE#feedback if wrong#feedback if right}`: the first feedback given explains."""
    feedback = next(filter(None, map(_optional_text, area.split("#", 2)[1:])), None)
    return _Values(Kind.TRUE_FALSE, {"answer": answer}, feedback)


def _short(area: _Raw) -> _Values:
    answers = _answers_of(area, "=", "=")
    partial = [answer for answer in answers if answer.weight not in (None, 100)]
    if partial:
        raise _Refusal([(answer.text.line, _partial_short(answer)) for answer in partial])
    texts = [_text(answer.text) for answer in answers]
    accepted = {lang: [getattr(t, lang) for t in texts if getattr(t, lang)] for lang in LANGUAGES}
    return _Values(Kind.SHORT, {"accepted": accepted}, _first_feedback(answers))


def _partial_short(answer: _Answer) -> str:
    return (
        f"a short answer worth {answer.weight:g}%: Skillpath accepts an answer fully or not "
        "at all, so make it 100% or leave it out"
    )


def _numeric(area: _Raw) -> _Values:
    """`{#value:tolerance}` or `{#min..max}`; `~#feedback` is Moodle's for any wrong number."""
    answers = _answers_of(area, "=~", "=")
    values = [answer for answer in answers if answer.marker == "="]
    full = [answer for answer in values if answer.weight in (None, 100)]
    if not full:
        _refuse(area.line, "a numeric question needs an answer worth 100%: `{#42}`, `{#3.1:0.1}`")
    others = [answer for answer in values if answer is not full[0]]
    if others:
        raise _Refusal([(answer.text.line, _other_number(answer)) for answer in others])
    value, tolerance = _value(full[0].text)
    return _Values(Kind.NUMERIC, {"value": value, "tolerance": tolerance}, _first_feedback(answers))


def _other_number(answer: _Answer) -> str:
    worth = 100 if answer.weight is None else answer.weight
    return (
        f"another numeric answer (worth {worth:g}%): Skillpath grades a number by one value "
        "and tolerance, so widen the tolerance or leave this answer out"
    )


def _value(raw: _Raw) -> tuple[float, float]:
    """`value`, `value:tolerance`, or `min..max` read as its midpoint and half-width."""
    source = raw.unescape().strip()
    if ".." in source:
        low, high = (_number(part.strip()) for part in source.split("..", 1))
        if low is None or high is None or low > high:
            _refuse(raw.line, f"`{source}` is not a range `min..max` of numbers")
        return (low + high) / 2, (high - low) / 2
    value_text, _, tolerance_text = source.partition(":")
    value, tolerance = _number(value_text.strip()), _number(tolerance_text.strip() or "0")
    if value is None or tolerance is None:
        _refuse(raw.line, f"`{source}` is not a number, `value:tolerance` or `min..max`")
    return value, tolerance


def _is_matching(area: _Raw) -> bool:
    return bool(area.spans("=") and area.spans("->")) and not area.spans("~")


def _pair(piece: tuple[str, _Raw]) -> tuple[Text, Text]:
    _, raw = piece
    sides = raw.split("->", 1)
    if len(sides) < 2:
        _refuse(raw.strip().line, "a matching pair is written `=left -> right`")
    return _text(sides[0]), _text(sides[1])


def _matching(area: _Raw) -> _Values:
    pairs = _each(_pair, _pieces(area, "=", "="))
    data = [{"left": _data(left), "right": _data(right)} for left, right in pairs]
    return _Values(Kind.MATCHING, {"pairs": data})


def _ordering(area: _Raw) -> _Values:
    """Items in order, written as a matching block whose left sides are their positions."""
    if not _is_matching(area):
        _refuse(area.line, "`kind=ordering` is written as matching: `=1 -> first item`, `=2 -> …`")
    pairs = _each(_pair, _pieces(area, "=", "="))
    positions = sorted(left.ru if left.same_in_both else "" for left, _ in pairs)
    if positions != sorted(str(number) for number in range(1, len(pairs) + 1)):
        _refuse(
            area.line, "an ordering question numbers its items 1, 2, 3, … on the left, once each"
        )
    items = [right for _, right in sorted(pairs, key=lambda pair: int(pair[0].ru))]
    return _Values(Kind.ORDERING, {"items": [_data(item) for item in items]})


def _slugs(drafts: list[_Draft]) -> list[str]:
    """A slug per question: its title (Moodle names need not be unique, repeats get -2, -3),
    else its topic and first words; titles go first so a derived slug never takes one."""
    slugger = Slugger()
    titled = {
        index: slugger.take(slug)
        for index, draft in enumerate(drafts)
        if (slug := _title_slug(draft.title))
    }
    return [
        titled.get(index) or slugger.take(_derived_slug(draft))
        for index, draft in enumerate(drafts)
    ]


def _title_slug(title: str | None) -> str | None:
    if not title:
        return None
    return title if SLUG_RE.match(title) else slugify(title, fallback="") or None


def _derived_slug(draft: _Draft) -> str:
    words = " ".join(draft.data["text"]["en"].split()[:SLUG_WORDS])
    return slugify(f"{draft.topic or ''} {words}", fallback="question")


# Writing -------------------------------------------------------------------------------------


def dump_gift(bank: Bank) -> str:
    """The bank as GIFT that `parse_gift` reads back to equal questions, and Moodle imports."""
    parts: list[str] = []
    topic = None
    for question in bank.questions:
        if question.topic != topic:
            parts.append(f"$CATEGORY: {question.topic}\n")
            topic = question.topic
        parts.append(_question_gift(question))
    return "\n".join(parts)


def _question_gift(question: Question) -> str:
    opening = "{#" if question.kind is Kind.NUMERIC else "{"
    lines = [
        _settings_comment(question),
        f"::{question.slug}::{_escape(_question_source(question))}{opening}",
        *(f"\t{line}" for line in _ANSWER_LINES[question.kind](question)),
    ]
    if question.explanation is not None:
        lines.append(f"\t####{_inline(question.explanation)}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _settings_comment(question: Question) -> str:
    words = [f"difficulty={question.difficulty}"]
    words += ["practical"] if question.practical else []
    words += ["kind=ordering"] if question.kind is Kind.ORDERING else []
    return "// skillpath: " + " ".join(words)


def _question_source(question: Question) -> str:
    """The text, then the code as a fenced block. A text that itself ends with a fenced block
    gets an empty one after it, so that its own is not read back as the code."""
    source = _multilang(question.text)
    if question.code or _split_code(source) is not None:
        longest = max((len(run) for run in re.findall("`+", question.code)), default=0)
        fence = "`" * max(3, longest + 1)
        source += f"\n\n{fence}\n{question.code}\n{fence}"
    return "[markdown]" + source


def _multilang(text: Text) -> str:
    if text.same_in_both:
        return text.ru
    return "".join(
        f'<span lang="{language}" class="multilang">{value}</span>'
        for language, value in (("ru", text.ru), ("en", text.en))
        if value
    )


def _escape(source: str, *, arrow: bool = False) -> str:
    escaped = "".join(_ESCAPED.get(char, char) for char in source)
    return escaped.replace("->", "-\\>") if arrow else escaped


def _inline(text: Text, *, arrow: bool = False) -> str:
    """A text inside an answer block; one starting like a format marker gets one of its own
    so that its start survives (the reader drops one marker)."""
    source = _multilang(text)
    if _MARKER.match(source):
        source = "[markdown]" + source
    return _escape(source, arrow=arrow)


def _weighted(marker: str, weight: float, usual: float, text: str) -> str:
    """An answer with its weight, written when it is not the marker's usual one or when the
    text itself starts with `%`."""
    shown = weight != usual or text.startswith("%")
    return f"{marker}%{_number_text(weight)}%{text}" if shown else f"{marker}{text}"


def _number_text(value: float) -> str:
    text = repr(float(value))
    return text.removesuffix(".0")


def _choice_lines(question: Question) -> list[str]:
    lines = []
    for choice in question.choices:
        right = question.kind is Kind.SINGLE and choice.weight == 100
        line = _weighted(
            "=" if right else "~", choice.weight, 100 if right else 0, _inline(choice.text)
        )
        if choice.feedback is not None:
            line += f"#{_inline(choice.feedback)}"
        lines.append(line)
    return lines


def _true_false_lines(question: Question) -> list[str]:
    return ["TRUE" if question.answer else "FALSE"]


def _short_lines(question: Question) -> list[str]:
    pairs = itertools.zip_longest(question.accepted_ru, question.accepted_en, fillvalue="")
    return [_weighted("=", 100, 100, _inline(Text(ru, en), arrow=True)) for ru, en in pairs]


def _numeric_lines(question: Question) -> list[str]:
    return [f"={_number_text(question.value or 0.0)}:{_number_text(question.tolerance)}"]


def _matching_lines(question: Question) -> list[str]:
    return [f"={_inline(p.left, arrow=True)} -> {_inline(p.right)}" for p in question.pairs]


def _ordering_lines(question: Question) -> list[str]:
    return [f"={number} -> {_inline(item)}" for number, item in enumerate(question.items, 1)]


_ANSWER_LINES: dict[Kind, Callable[[Question], list[str]]] = {
    Kind.SINGLE: _choice_lines,
    Kind.MULTIPLE: _choice_lines,
    Kind.TRUE_FALSE: _true_false_lines,
    Kind.SHORT: _short_lines,
    Kind.NUMERIC: _numeric_lines,
    Kind.MATCHING: _matching_lines,
    Kind.ORDERING: _ordering_lines,
}
