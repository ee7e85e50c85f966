"""A run's messages in every language: a `Text` keeps its Russian and English through the
ways suites build messages, and a run made in one language keeps the other one too."""

from __future__ import annotations

from django.utils import translation

from skillpath.checks.i18n import Text, gettext, joined, ngettext
from skillpath.checks.results import CheckResult, in_language
from skillpath.checks.runner import run_check
from skillpath.checks.suites import suite_by_slug
from tests.checks.runs import EXIT_3, EXIT_3_HINT, EXITS_3


def test_a_text_keeps_every_language_through_formatting_and_joining():
    with translation.override("en"):
        status = gettext("status %(status)s") % {"status": gettext(" or ").join(["200", "201"])}
        message = "GET /tasks: " + status + joined("; ", [gettext("exit status 0")])

    assert isinstance(message, Text)
    assert message == "GET /tasks: status 200 or 201exit status 0"
    assert message.in_language("ru") == "GET /tasks: статус 200 или 201код выхода 0"


def test_a_text_reads_in_the_language_it_was_made_in():
    with translation.override("ru"):
        made = ngettext("%(runs)s run", "%(runs)s runs", 5) % {"runs": 5}

    assert made == "5 запусков"
    assert made.in_language("en") == "5 runs"


def test_a_run_made_in_english_keeps_its_failure_in_russian_too():
    failed = _failed_stage("en")

    assert (failed.message, failed.hint) == (EXIT_3["en"], EXIT_3_HINT["en"])
    assert failed.translations["ru"]["message"] == EXIT_3["ru"]
    assert failed.translations["ru"]["hint"] == EXIT_3_HINT["ru"]
    # Plain data, as the document is stored: no Text is left in it.
    assert type(failed.message) is str


def test_a_run_made_in_russian_keeps_its_failure_in_english_too():
    failed = _failed_stage("ru")

    assert failed.message == EXIT_3["ru"]
    assert failed.translations["en"]["message"] == EXIT_3["en"]
    assert failed.translations["en"]["expected"] == "exit status 0"


def test_the_document_reads_in_the_language_asked_for():
    document = _run("en").as_dict()

    assert document["language"] == "en"
    shown = in_language(document, "ru")
    assert shown["tests"][0]["message"] == EXIT_3["ru"]
    assert "translations" not in shown["tests"][0]
    assert in_language(document, "en")["tests"][0]["message"] == EXIT_3["en"]


def test_a_document_from_before_translations_reads_as_it_was_written():
    document = _run("en").as_dict()
    old = {
        **{key: value for key, value in document.items() if key != "language"},
        "tests": [
            {key: value for key, value in test.items() if key != "translations"}
            for test in document["tests"]
        ],
    }

    shown = in_language(old, "ru")
    assert shown["tests"][0]["message"] == EXIT_3["en"]
    assert shown["language"] is None


def _run(language: str) -> CheckResult:
    suite = suite_by_slug("text-cli")
    assert suite is not None
    return run_check(suite, cmd=EXITS_3, upto=1, seed=5, lang=language)


def _failed_stage(language: str):  # type: ignore[no-untyped-def]
    failed = _run(language).failed_stage
    assert failed is not None and failed.slug == "help"
    return failed
