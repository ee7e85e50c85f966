"""GIFT, Moodle's question format, to and from the question bank: each feature read into exact
questions, refusals that name the line, a hand-written Moodle export, and round trips over
generated banks of every kind (Hypothesis)."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from skillpath.knowledge.bank import (
    Bank,
    BankError,
    Choice,
    Kind,
    Pair,
    Question,
    Text,
    parse_question,
)
from skillpath.knowledge.gift import dump_gift, parse_gift


def plain(value: str) -> Text:
    return Text(value, value)


def one(source: str, **options) -> Question:
    (question,) = parse_gift(source, **options).questions
    return question


def refusals(source: str, **options) -> list[str]:
    with pytest.raises(BankError) as caught:
        parse_gift(source, **options)
    return [str(problem) for problem in caught.value.problems]


# Categories, titles, slugs -------------------------------------------------------------------


def test_category_gives_the_topic_of_the_questions_after_it():
    bank = parse_gift("$CATEGORY: git\n\n::a::One?{=x ~y}\n\n$CATEGORY: http\n\n::b::Two?{T}\n")

    assert [(q.slug, q.topic) for q in bank.questions] == [("a", "git"), ("b", "http")]


def test_a_moodle_category_path_gives_its_last_part():
    assert one("$CATEGORY: $course$/top/sql-basics\n\n::a::Q?{T}").topic == "sql-basics"
    assert one("$CATEGORY: $course$/top/Git Basics/\n::a::Q?{T}").topic == "git-basics"


def test_questions_before_any_category_take_the_default_topic():
    bank = parse_gift("::a::Q?{T}\n\n$CATEGORY: http\n\n::b::Q?{F}", default_topic="git")

    assert [q.topic for q in bank.questions] == ["git", "http"]


def test_a_question_without_any_topic_is_refused():
    assert refusals("\n::a::Q?{T}") == [
        "<gift>:2: error: no topic: put `$CATEGORY: <topic slug>` before the question "
        "or pass --topic"
    ]


def test_the_title_is_the_slug_made_a_slug_if_need_be():
    bank = parse_gift(
        "::merge-base::A?{T}\n\n::Merge Conflict!::B?{T}\n\n::Слияние веток::C?{T}",
        default_topic="git",
    )

    assert [q.slug for q in bank.questions] == ["merge-base", "merge-conflict", "sliyanie-vetok"]


def test_an_untitled_question_gets_a_slug_from_topic_and_first_words_unique_in_the_bank():
    bank = parse_gift(
        "What does git status show today?{T}\n\n"
        "What does git status show today?{F}\n\n"
        "::git-what-does-git-status-show-today-3::X?{T}",
        default_topic="git",
    )

    assert [q.slug for q in bank.questions] == [
        "git-what-does-git-status-show-today",
        "git-what-does-git-status-show-today-2",
        "git-what-does-git-status-show-today-3",
    ]


def test_repeated_titles_are_told_apart():
    bank = parse_gift("::Question 1::A?{T}\n\n::Question 1::B?{T}", default_topic="git")

    assert [q.slug for q in bank.questions] == ["question-1", "question-1-2"]


# Kinds ---------------------------------------------------------------------------------------


def test_single_choice_with_feedback_and_partial_credit():
    question = one(
        "::pick::Which command shows history?{=git log#It lists commits ~%50%git reflog "
        "~git add#It stages changes}",
        default_topic="git",
    )

    assert question == Question(
        slug="pick",
        topic="git",
        kind=Kind.SINGLE,
        text=plain("Which command shows history?"),
        choices=(
            Choice(plain("git log"), 100, plain("It lists commits")),
            Choice(plain("git reflog"), 50),
            Choice(plain("git add"), 0, plain("It stages changes")),
        ),
    )


def test_weighted_tildes_only_make_multiple_choice():
    question = one(
        "::m::Which undo a commit?{~%50%revert ~%50%reset ~%-100%rm ~add}", default_topic="git"
    )

    assert question.kind is Kind.MULTIPLE
    assert [(c.text.en, c.weight) for c in question.choices] == [
        ("revert", 50),
        ("reset", 50),
        ("rm", -100),
        ("add", 0),
    ]


@pytest.mark.parametrize(
    ("block", "answer"), [("{T}", True), ("{TRUE}", True), ("{F}", False), ("{FALSE}", False)]
)
def test_true_false(block, answer):
    question = one(f"::t::Git is distributed.{block}", default_topic="git")

    assert (question.kind, question.answer, question.explanation) == (
        Kind.TRUE_FALSE,
        answer,
        None,
    )


def test_true_false_feedback_explains_unless_there_is_general_feedback():
    first = one("::t::Q?{TRUE#Every clone is full.#Right.}", default_topic="git")
    only_right = one("::t::Q?{FALSE##It is not.}", default_topic="git")
    general = one("::t::Q?{TRUE#Wrong one.####Clones are full.}", default_topic="git")

    assert first.explanation == plain("Every clone is full.")
    assert only_right.explanation == plain("It is not.")
    assert general.explanation == plain("Clones are full.")


def test_equals_only_is_a_short_answer():
    question = one("::s::Capital of France?{=Paris =%100%paris#Yes}", default_topic="geo")

    assert question == Question(
        slug="s",
        topic="geo",
        kind=Kind.SHORT,
        text=plain("Capital of France?"),
        accepted_ru=("Paris", "paris"),
        accepted_en=("Paris", "paris"),
        explanation=plain("Yes"),
    )


def test_a_short_answer_with_partial_credit_is_refused():
    assert refusals("::s::Capital?{\n=Paris\n=%50%Lyon\n}", default_topic="geo") == [
        "<gift>:3: error: a short answer worth 50%: Skillpath accepts an answer fully or not "
        "at all, so make it 100% or leave it out"
    ]


@pytest.mark.parametrize(
    ("block", "value", "tolerance"),
    [
        ("{#443}", 443, 0),
        ("{#3.14:0.005}", 3.14, 0.005),
        ("{#-2.5:1}", -2.5, 1),
        ("{#200..299}", 249.5, 49.5),
        ("{#\n=%100%1e3:10#Close enough\n}", 1000, 10),
        ("{#=22:0 ~#Not that one}", 22, 0),
    ],
)
def test_numeric(block, value, tolerance):
    question = one(f"::n::The number?{block}", default_topic="net")

    assert (question.kind, question.value, question.tolerance) == (Kind.NUMERIC, value, tolerance)


def test_numeric_answer_feedback_explains():
    question = one("::n::Port?{#=22:0#SSH listens on 22}", default_topic="net")

    assert question.explanation == plain("SSH listens on 22")


def test_several_numeric_answers_are_refused_each_by_its_line():
    source = "::n::Year?{#\n=1822:0\n=%50%1822:2\n=1823\n}"

    assert refusals(source, default_topic="history") == [
        "<gift>:3: error: another numeric answer (worth 50%): Skillpath grades a number by one "
        "value and tolerance, so widen the tolerance or leave this answer out",
        "<gift>:4: error: another numeric answer (worth 100%): Skillpath grades a number by one "
        "value and tolerance, so widen the tolerance or leave this answer out",
    ]


def test_matching():
    question = one(
        "::m::Match each method.{=GET -> reads =POST -> creates =DELETE -> removes}",
        default_topic="http",
    )

    assert question.kind is Kind.MATCHING
    assert question.pairs == (
        Pair(plain("GET"), plain("reads")),
        Pair(plain("POST"), plain("creates")),
        Pair(plain("DELETE"), plain("removes")),
    )


def test_ordering_is_numbered_matching_marked_in_a_skillpath_comment():
    question = one(
        "// skillpath: kind=ordering\n::o::Order the steps.{=2 -> add =1 -> edit =3 -> commit}",
        default_topic="git",
    )

    assert question.kind is Kind.ORDERING
    assert question.items == (plain("edit"), plain("add"), plain("commit"))


def test_ordering_must_number_its_items_once_each():
    source = "// skillpath: kind=ordering\n::o::Order.{=1 -> a =1 -> b =3 -> c}"

    assert refusals(source, default_topic="git") == [
        "<gift>:2: error: an ordering question numbers its items 1, 2, 3, … on the left, once each"
    ]


def test_ordering_must_be_written_as_matching():
    assert refusals("// skillpath: kind=ordering\n::o::Order.{=a ~b}", default_topic="git") == [
        "<gift>:2: error: `kind=ordering` is written as matching: `=1 -> first item`, `=2 -> …`"
    ]


# Syntax --------------------------------------------------------------------------------------


def test_escapes():
    question = one(
        r"::e::Braces \{\}, equals \=, tilde \~, hash \#, colon \: and a backslash \\"
        r"\nnew line{=a\=b ~c\}\\}",
        default_topic="git",
    )

    assert question.text == plain(
        "Braces {}, equals =, tilde ~, hash #, colon : and a backslash \\\nnew line"
    )
    assert [c.text.en for c in question.choices] == ["a=b", "c}\\"]


def test_comment_lines_are_skipped_even_inside_a_block():
    question = one(
        "// a comment\n// question: 12  name: x\n::c::Q?{\n=a\n//~not an answer\n~b\n}",
        default_topic="git",
    )

    assert [c.text.en for c in question.choices] == ["a", "b"]


def test_a_multi_line_answer_block():
    question = one(
        "::ml::Which\nline? {\n\t=first#good\n\t~second\n\t~third\n\t####why\n}",
        default_topic="git",
    )

    assert question.text == plain("Which\nline?")
    assert [(c.text.en, c.weight) for c in question.choices] == [
        ("first", 100),
        ("second", 0),
        ("third", 0),
    ]
    assert question.explanation == plain("why")


def test_blank_lines_separate_questions():
    bank = parse_gift("::a::A?{T}\n\n\n::b::B?{F}\n   \n::c::C?{T}", default_topic="git")

    assert [q.slug for q in bank.questions] == ["a", "b", "c"]


@pytest.mark.parametrize("marker", ["[html]", "[markdown]", "[plain]", "[moodle]"])
def test_format_markers_are_dropped(marker):
    question = one(f"::f::{marker}**Bold** question?{{={marker}yes ~no}}", default_topic="git")

    assert question.text == plain("**Bold** question?")
    assert question.choices[0].text == plain("yes")


def test_general_feedback_is_the_explanation():
    question = one("::g::Q?{=a#right ~b####Because a.}", default_topic="git")

    assert question.explanation == plain("Because a.")
    assert question.choices[0].feedback == plain("right")


def test_text_after_the_block_is_a_missing_word():
    question = one("::w::Grant is {~buried =entombed} in Grant's tomb.", default_topic="history")

    assert question.text == plain("Grant is _____ in Grant's tomb.")


def test_multilang_spans_give_both_languages():
    ru_en = (
        '<span lang="ru" class="multilang">{ru}</span><span class="multilang" lang="en">{en}</span>'
    )
    source = (
        "::l::" + ru_en.format(ru="Что делает git add?", en="What does git add do?") + "{\n"
        "=" + ru_en.format(ru="индексирует", en="stages") + "\n~rm\n"
        "####Note: " + ru_en.format(ru="индекс", en="the index") + "\n}"
    ).replace('="', '\\="')

    question = one(source, default_topic="git")

    assert question.text == Text("Что делает git add?", "What does git add do?")
    assert question.choices[0].text == Text("индексирует", "stages")
    assert question.choices[1].text == plain("rm")
    assert question.explanation == Text("Note: индекс", "Note: the index")


def test_skillpath_comment_gives_difficulty_and_practical():
    question = one(
        "// question: 7\n// skillpath: difficulty=3 practical\n::s::Q?{T}", default_topic="git"
    )

    assert (question.difficulty, question.practical) == (3, True)
    assert one("::s::Q?{T}", default_topic="git").difficulty == 1


def test_skillpath_comment_refusals():
    source = (
        "// skillpath: difficulty=2 shiny\n::a::A?{T}\n\n"
        "// skillpath: difficulty=4\n::b::B?{T}\n\n"
        "// skillpath: practical\n\n"
        "::c::C?{\n// skillpath: practical\n=x ~y}"
    )

    assert refusals(source, default_topic="git") == [
        "<gift>:1: error: unknown skillpath setting `shiny`: the settings are "
        "difficulty=1|2|3, practical and kind=ordering",
        "<gift>:5: error: question 'b': 'difficulty' must be 1, 2 or 3, found '4'",
        "<gift>:7: error: a `// skillpath:` line needs its question right after it",
        "<gift>:10: error: a `// skillpath:` line goes right before its question, not inside",
    ]


def test_a_trailing_fenced_block_is_the_code():
    source = "::c::[markdown]What does this print?\n```python\nprint('{}'.format(1))\n```{#1}"

    question = one(source.replace("{}", "\\{\\}"), default_topic="python")

    assert question.text == plain("What does this print?")
    assert question.code == "print('{}'.format(1))"


def test_code_is_written_as_a_fenced_block_after_a_markdown_marker():
    question = Question(
        slug="c",
        topic="git",
        kind=Kind.TRUE_FALSE,
        text=plain("Does this merge?"),
        code="$ git merge feature\n```",
        answer=True,
    )

    assert dump_gift(Bank([question])) == (
        "$CATEGORY: git\n\n"
        "// skillpath: difficulty=1\n"
        "::c::[markdown]Does this merge?\\n\\n````\\n$ git merge feature\\n```\\n````{\n"
        "\tTRUE\n"
        "}\n"
    )


def test_a_whole_question_of_each_kind_is_written_readably():
    bank = Bank(
        [
            Question(
                slug="pick",
                topic="git",
                kind=Kind.SINGLE,
                text=Text("Что показывает историю?", "What shows history?"),
                difficulty=2,
                practical=True,
                choices=(
                    Choice(plain("git log"), 100),
                    Choice(plain("%h format"), 0, plain("Not a command: it is a format")),
                ),
                explanation=plain("git log lists commits."),
            ),
            Question(
                slug="port",
                topic="net",
                kind=Kind.NUMERIC,
                text=plain("HTTPS port?"),
                value=443.0,
                tolerance=0.5,
            ),
        ]
    )

    assert dump_gift(bank) == (
        "$CATEGORY: git\n\n"
        "// skillpath: difficulty=2 practical\n"
        '::pick::[markdown]<span lang\\="ru" class\\="multilang">Что показывает историю?</span>'
        '<span lang\\="en" class\\="multilang">What shows history?</span>{\n'
        "\t=git log\n"
        "\t~%0%%h format#Not a command\\: it is a format\n"
        "\t####git log lists commits.\n"
        "}\n\n"
        "$CATEGORY: net\n\n"
        "// skillpath: difficulty=1\n"
        "::port::[markdown]HTTPS port?{#\n"
        "\t=443:0.5\n"
        "}\n"
    )


def test_crlf_and_a_byte_order_mark_are_read():
    bank = parse_gift("\ufeff$CATEGORY: git\r\n\r\n::a::A?{\r\n=x\r\n~y\r\n}\r\n")

    assert [c.text.en for c in bank.questions[0].choices] == ["x", "y"]


# Refusals ------------------------------------------------------------------------------------


def test_an_answer_block_never_closed_is_refused_where_it_opened():
    source = "$CATEGORY: git\n\n::a::A?{T}\n\n::b::Which\none? {\n=yes\n~no\n\n"

    assert refusals(source) == [
        "<gift>:6: error: the answer block opened here is never closed "
        "(a blank line ends a question)"
    ]


def test_a_choice_question_without_a_right_answer_is_refused():
    assert refusals("$CATEGORY: git\n::a::Which?\n{\n~a\n~b\n}") == [
        "<gift>:3: error: no right answer: mark it with `=`, or weigh the right ones like `~%50%`"
    ]


def test_two_right_answers_in_single_choice_are_refused_by_the_bank_rules():
    assert refusals("::a::Which?{=a =b ~c}", default_topic="git") == [
        "<gift>:1: error: question 'a': a single choice question needs exactly one choice "
        "with weight 100"
    ]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("~%150%b", "the weight `%150%` is out of -100..100"),
        ("~%-101%b", "the weight `%-101%` is out of -100..100"),
        ("~%half%b", "the weight `%half%` is not a number"),
        ("~%%b", "the weight `%%` is not a number"),
    ],
)
def test_a_bad_weight_is_refused_on_its_line(answer, message):
    assert refusals(f"::a::Which?{{\n=a\n{answer}\n}}", default_topic="git") == [
        f"<gift>:3: error: {message}"
    ]


def test_an_unknown_directive_is_refused():
    assert refusals("$CATEGORY: git\n$QUESTION: 3\n::a::A?{T}") == [
        "<gift>:2: error: unknown directive `$QUESTION:`: GIFT knows `$CATEGORY:` "
        "(write `\\:` for a colon in question text)"
    ]


@pytest.mark.parametrize("source", ["::a::{T}", "::a::[html]  {T}", "{=x ~y}"])
def test_an_empty_question_text_is_refused(source):
    assert refusals(f"\n\n{source}", default_topic="git") == [
        "<gift>:3: error: the question has no text"
    ]


def test_a_matching_question_needs_three_pairs():
    assert refusals("::m::Match.{=a -> 1 =b -> 2}", default_topic="git") == [
        "<gift>:1: error: question 'm': a matching question needs at least three 'pairs'"
    ]


def test_a_matching_pair_without_an_arrow_is_refused():
    assert refusals("::m::Match.{\n=a -> 1\n=b 2\n=c -> 3\n}", default_topic="git") == [
        "<gift>:3: error: a matching pair is written `=left -> right`"
    ]


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("{#abc}", "`abc` is not a number, `value:tolerance` or `min..max`"),
        ("{#1:x}", "`1:x` is not a number, `value:tolerance` or `min..max`"),
        ("{#1e999}", "`1e999` is not a number, `value:tolerance` or `min..max`"),
        ("{#5..1}", "`5..1` is not a range `min..max` of numbers"),
        ("{#=%50%5}", "a numeric question needs an answer worth 100%: `{#42}`, `{#3.1:0.1}`"),
    ],
)
def test_bad_numeric_values_are_refused(block, message):
    assert refusals(f"::n::Number?{block}", default_topic="x") == [f"<gift>:1: error: {message}"]


def test_a_negative_tolerance_is_refused_by_the_bank_rules():
    assert refusals("::n::Number?{#5:-1}", default_topic="x") == [
        "<gift>:1: error: question 'n': 'tolerance' must be a number of zero or more"
    ]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("::a::Essay?{}", "an empty answer block `{}` is an essay, which Skillpath cannot grade"),
        ("::a::Just a description.", "no answer block `{…}`: a description is not a question"),
        ("::a::A } b {T}", "`}` with no `{` before it (write `\\}` in text)"),
        ("::a::A {=x {y}", "`{` inside an answer block (write `\\{` in text)"),
        (
            "::a::A {T} b {F}",
            "a second answer block: a question has one (write `\\{` and `\\}` in text)",
        ),
        ("::a:A?{T}", "the title opened with `::` is never closed"),
    ],
)
def test_what_is_not_a_gradable_question_is_refused(source, message):
    assert refusals(source, default_topic="git") == [f"<gift>:1: error: {message}"]


def test_every_problem_of_a_file_is_reported_in_line_order_and_nothing_is_returned():
    source = (
        "$CATEGORY: git\n\n"
        "::ok::Fine?{T}\n\n"
        "::w::Which?{=a ~%x%b}\n\n"
        "::m::Match.{=a -> 1}\n\n"
        "$WHAT: now\n\n"
        "::s::Short?{=a =%10%b}\n"
    )

    assert refusals(source, path="bank.gift") == [
        "bank.gift:5: error: the weight `%x%` is not a number",
        "bank.gift:7: error: question 'm': a matching question needs at least three 'pairs'",
        "bank.gift:9: error: unknown directive `$WHAT:`: GIFT knows `$CATEGORY:` "
        "(write `\\:` for a colon in question text)",
        "bank.gift:11: error: a short answer worth 10%: Skillpath accepts an answer fully or "
        "not at all, so make it 100% or leave it out",
    ]


# A Moodle export -----------------------------------------------------------------------------

MOODLE_EXPORT = r"""// question: 0  name: Switch category to $course$/top/git
$CATEGORY: $course$/top/git

// question: 1001  name: Conflict markers
// skillpath: difficulty=2 practical
::Conflict markers::[html]<p>Which line opens a merge conflict?</p>{
	=<<<<<<< HEAD#Your side follows it.
	~\=\=\=\=\=\=\=#That one separates the two sides.
	~>>>>>>> feature#That one closes the conflict.
	####Git writes three markers around each conflict.
}

// question: 1002  name: Clone is full
::Clone is full::[html]A clone holds the whole history.{TRUE#It does\: a clone is full.#}

// question: 1003  name: Undo commands
::Undo commands::[html]Which commands undo a commit?{
	~%50%git revert
	~%50%git reset
	~%-100%git rm#It removes files
}

// question: 0  name: Switch category to $course$/top/http
$CATEGORY: $course$/top/http

// question: 1004  name: Default port
::Default port::[html]HTTPS listens on port{#
	=%100%443:0#
}

::Success codes::A success status code lies in the range{#200..299}

// question: 1006  name: Methods
::Methods::Match each method with what it does.{
	=GET -> reads
	=POST -> creates
	=DELETE -> removes
}

::Header::Which header carries the media type?{=Content-Type =content-type}
"""


def test_a_moodle_export_imports_with_exact_counts():
    bank = parse_gift(MOODLE_EXPORT, path="moodle.txt")

    assert Counter(str(q.kind) for q in bank.questions) == {
        "single": 1,
        "true_false": 1,
        "multiple": 1,
        "numeric": 2,
        "matching": 1,
        "short": 1,
    }
    assert {topic: len(qs) for topic, qs in bank.by_topic().items()} == {"git": 3, "http": 4}
    conflict, clone, undo, port, codes, methods, header = bank.questions
    assert (conflict.slug, conflict.difficulty, conflict.practical) == (
        "conflict-markers",
        2,
        True,
    )
    assert conflict.text == plain("<p>Which line opens a merge conflict?</p>")
    assert conflict.choices[1].text == plain("=======")
    assert clone.explanation == plain("It does: a clone is full.")
    assert [c.weight for c in undo.choices] == [50, 50, -100]
    assert (port.value, port.tolerance, codes.value, codes.tolerance) == (443, 0, 249.5, 49.5)
    assert len(methods.pairs) == 3
    assert header.accepted_en == ("Content-Type", "content-type")
    assert parse_gift(dump_gift(bank)) == bank


# Round trips ---------------------------------------------------------------------------------

ALPHABET = "abxyzABабвжяЁ019 \t\n{}=~#:\\%[]<>-`/$*_|"
AWKWARD = [
    "[html]not a marker to drop",
    "[markdown]",
    "%50% of users",
    "a -> b",
    "->",
    "x-",
    ">y",
    "T",
    "TRUE",
    "::title::",
    "$CATEGORY: x",
    "// not a comment",
    "{#1..2}",
    "####",
    "#",
    "\\n is not a newline",
    "ends with a backslash \\",
    "\\{ already escaped \\}",
    "intro\n```\nnot code\n```",
    "````\nx\n````",
    "x\n\ny",
    "_____",
    "Что такое `git stash`?",
]
# Awkward fragments joined with random ones, so that they also start and end texts.
STRINGS = (
    st.lists(
        st.one_of(st.sampled_from(AWKWARD), st.text(ALPHABET, min_size=1, max_size=8)),
        min_size=1,
        max_size=3,
    )
    .map(lambda fragments: "".join(fragments).strip())
    .filter(bool)
)
CODES = st.one_of(
    st.just(""),
    st.text(ALPHABET, max_size=40),
    st.sampled_from(["```", "a\n```\nb", "  indented", "trailing  ", "\n\nafter blanks", "x\n"]),
)
SLUGS = st.from_regex(r"[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}", fullmatch=True)


@st.composite
def texts(draw):
    ru = draw(STRINGS)
    return {"ru": ru, "en": draw(st.one_of(st.just(ru), STRINGS))}


@st.composite
def choice_lists(draw, weights):
    return [
        {**draw(texts()), "weight": weight, "feedback": draw(st.none() | texts())}
        for weight in draw(st.permutations(weights))
    ]


@st.composite
def single_values(draw):
    others = draw(st.lists(st.sampled_from([0, 0, 50, -25, 12.5, -100]), min_size=1, max_size=4))
    return {"choices": draw(choice_lists([100, *others]))}


@st.composite
def multiple_values(draw):
    right = draw(st.sampled_from([[100], [50, 50], [25, 75], [100 / 3] * 3, [33.33333] * 3]))
    wrong = draw(st.lists(st.sampled_from([0, -50, -100, -100 / 3]), min_size=1, max_size=3))
    return {"choices": draw(choice_lists(right + wrong))}


ACCEPTED = st.one_of(
    st.lists(STRINGS, min_size=1, max_size=3),
    st.fixed_dictionaries(
        {
            "ru": st.lists(STRINGS, min_size=1, max_size=3),
            "en": st.lists(STRINGS, min_size=1, max_size=3),
        }
    ),
)
FINITE = st.floats(allow_nan=False, allow_infinity=False)
KIND_VALUES = {
    Kind.SINGLE: single_values(),
    Kind.MULTIPLE: multiple_values(),
    Kind.TRUE_FALSE: st.fixed_dictionaries({"answer": st.booleans()}),
    Kind.SHORT: st.fixed_dictionaries({"accepted": ACCEPTED}),
    Kind.NUMERIC: st.fixed_dictionaries({"value": FINITE, "tolerance": FINITE.map(abs)}),
    Kind.MATCHING: st.fixed_dictionaries(
        {
            "pairs": st.lists(
                st.fixed_dictionaries({"left": texts(), "right": texts()}), min_size=3, max_size=5
            )
        }
    ),
    Kind.ORDERING: st.fixed_dictionaries({"items": st.lists(texts(), min_size=3, max_size=5)}),
}


@st.composite
def questions(draw, kind):
    """A valid question of `kind`: built as a bank file's mapping and read by the bank's own
    rules, which strip the texts as every reader does (drafts they refuse are not drawn)."""
    data = {
        "slug": draw(SLUGS),
        "topic": draw(st.sampled_from(["git", "http", "sql-basics"])),
        "kind": kind.value,
        "difficulty": draw(st.integers(1, 3)),
        "practical": draw(st.booleans()),
        "text": draw(texts()),
        "code": draw(CODES),
        "explanation": draw(st.none() | texts()),
        **draw(KIND_VALUES[kind]),
    }
    try:
        return parse_question(data)
    except BankError:
        reject()


@st.composite
def banks(draw):
    kinds = draw(st.lists(st.sampled_from(list(Kind)), min_size=1, max_size=8))
    slugs = draw(st.lists(SLUGS, min_size=len(kinds), max_size=len(kinds), unique=True))
    return Bank(
        [
            dataclasses.replace(draw(questions(kind)), slug=slug)
            for kind, slug in zip(kinds, slugs, strict=True)
        ]
    )


ROUND_TRIPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("kind", list(Kind))
@ROUND_TRIPS
@given(data=st.data())
def test_every_kind_survives_a_round_trip(kind, data):
    bank = Bank([data.draw(questions(kind))])

    assert parse_gift(dump_gift(bank)) == bank


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bank=banks())
def test_a_bank_survives_a_round_trip(bank):
    assert parse_gift(dump_gift(bank)) == bank


@pytest.mark.parametrize(
    "change",
    [
        {"text": plain("It ends with its own block:\n```\nnot the code\n```")},
        {"text": plain("Its own block\n````\nx\n````"), "code": "the code"},
        {"code": "```\nnested fences\n````"},
        {"code": "  leading spaces\n\n\ntrailing spaces  "},
        {"slug": "a-slug-longer-than-sixty-characters-is-kept-as-it-is-by-the-reader-too"},
        {"text": Text("[html] starts like a marker", "[plain]")},
        {"text": plain("[html]"), "explanation": plain("[moodle] too")},
        {"explanation": Text("Объяснение: {x} = ~y #z", "Explanation\\: \\n")},
    ],
)
def test_awkward_questions_survive_a_round_trip(change):
    question = Question(
        slug="awkward",
        topic="git",
        kind=Kind.SINGLE,
        text=plain("Which?"),
        choices=(Choice(plain("%d"), 100), Choice(plain("[html]b"), 0, plain("%50% [plain]"))),
    )
    bank = Bank([dataclasses.replace(question, **change)])

    assert parse_gift(dump_gift(bank)) == bank


def test_short_answers_that_differ_per_language_survive_a_round_trip():
    question = Question(
        slug="s",
        topic="git",
        kind=Kind.SHORT,
        text=plain("Command?"),
        accepted_ru=("коммит", "a -> b", "T"),
        accepted_en=("commit",),
    )
    bank = Bank([question])

    assert parse_gift(dump_gift(bank)) == bank


def test_matching_sides_with_arrows_survive_a_round_trip():
    question = Question(
        slug="m",
        topic="git",
        kind=Kind.MATCHING,
        text=plain("Match"),
        pairs=(
            Pair(plain("a -> b"), plain("c -> d")),
            Pair(plain("x-"), plain(">y")),
            Pair(plain("->"), plain("-")),
        ),
    )
    bank = Bank([question])

    assert parse_gift(dump_gift(bank)) == bank
