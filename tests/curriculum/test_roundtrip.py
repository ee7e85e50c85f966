"""Export then import gives back the same curriculum: Markdown in each language, and the
YAML package in both, over generated plans (Hypothesis) and over the seed."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillpath.curriculum.exporters.markdown import render_markdown
from skillpath.curriculum.importers.loader import read_plan
from skillpath.curriculum.importers.markdown import parse_markdown
from skillpath.curriculum.importers.package import dump_package, parse_package
from skillpath.curriculum.services import builtin_package_path
from skillpath.curriculum.validation import validate_doc
from tests.curriculum.strategies import curricula, with_resource_structure, without_slugs

LANGUAGES = st.sampled_from(["ru", "en"])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), language=LANGUAGES)
def test_markdown_export_then_import_gives_the_same_plan(data, language):
    generated = data.draw(curricula(language))

    parsed = parse_markdown(render_markdown(generated, language), language=language)

    assert parsed.warnings == ()
    assert without_slugs(parsed) == without_slugs(generated)
    again = parse_markdown(render_markdown(parsed, language), language=language, slug=parsed.slug)
    assert again == parsed


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), language=LANGUAGES)
def test_yaml_package_round_trip_keeps_everything(data, language):
    parsed = parse_markdown(render_markdown(data.draw(curricula(language)), language))

    assert parse_package(dump_package(parsed)) == parsed


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), language=LANGUAGES)
def test_yaml_package_round_trip_keeps_the_resources_structure(data, language):
    parsed = parse_markdown(render_markdown(data.draw(curricula(language)), language))
    doc = data.draw(with_resource_structure(parsed, language))
    validate_doc(doc)

    assert parse_package(dump_package(doc)) == doc


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), language=LANGUAGES)
def test_markdown_renders_resources_the_same_with_or_without_structure(data, language):
    # The Markdown plan has no place for a resource's structure: a structured plan renders
    # exactly as the same plan without it (the seed's Markdown stays byte for byte).
    parsed = parse_markdown(render_markdown(data.draw(curricula(language)), language))
    doc = data.draw(with_resource_structure(parsed, language))

    assert render_markdown(doc, language) == render_markdown(parsed, language)


def test_the_seed_exports_to_the_file_it_came_from(seed_ru):
    doc = read_plan(seed_ru).doc

    assert render_markdown(doc, "ru") == seed_ru.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_builtin_package_exports_and_reimports_in_each_language(language):
    package = read_plan(builtin_package_path()).doc

    again = parse_markdown(render_markdown(package, language), language=language)

    assert again.counts() == package.counts()
    assert [t.title.get(language) for t in again.topics] == [
        t.title.get(language) for t in package.topics
    ]


def test_the_builtin_package_is_the_seed_with_a_complete_translation(seed_ru):
    package = read_plan(builtin_package_path()).doc
    seed = read_plan(seed_ru).doc.with_slug(package.slug)

    assert package.counts() == seed.counts()
    assert [t.slug for t in package.topics] == [t.slug for t in seed.topics]
    assert [t.title.ru for t in package.topics] == [t.title.ru for t in seed.topics]
    untranslated = _untranslated(package)
    assert untranslated == [], f"texts with no English: {untranslated[:5]}"


def _untranslated(doc):
    import dataclasses

    from skillpath.curriculum.plan import Text

    missing = []

    def walk(value, path):
        if isinstance(value, Text):
            if value.ru and not value.en:
                missing.append(path)
        elif dataclasses.is_dataclass(value):
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name), f"{path}.{f.name}")
        elif isinstance(value, tuple):
            for i, v in enumerate(value):
                walk(v, f"{path}[{i}]")

    walk(doc, "curriculum")
    return missing
