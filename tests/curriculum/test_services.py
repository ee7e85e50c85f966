"""Writing curricula: all or nothing, idempotent, translations kept, exact round trip."""

from __future__ import annotations

import dataclasses

import pytest
from django.db import IntegrityError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from skillpath.curriculum import models as m
from skillpath.curriculum.exporters.markdown import render_markdown
from skillpath.curriculum.importers.base import ParsedPlan
from skillpath.curriculum.importers.loader import parse_plan_bytes, read_plan
from skillpath.curriculum.importers.markdown import parse_markdown
from skillpath.curriculum.selectors import curriculum_counts, curriculum_doc
from skillpath.curriculum.services import (
    builtin_package_path,
    import_curriculum,
    load_builtin_curriculum,
)
from tests.curriculum.strategies import curricula, with_resource_structure

pytestmark = pytest.mark.django_db


def _snapshot() -> dict[str, list[tuple]]:
    """Every curriculum row, to prove an import changed nothing."""
    models = [
        m.Curriculum,
        m.Phase,
        m.Month,
        m.Block,
        m.Topic,
        m.Practice,
        m.Milestone,
        m.Project,
        m.Resource,
        m.KpiTarget,
        m.CareerRole,
        m.Skill,
        m.NextStep,
    ]
    return {model.__name__: sorted(model.objects.values_list()) for model in models}


def test_importing_the_seed_writes_the_whole_plan(seed_original):
    result = import_curriculum(parsed=read_plan(seed_original))

    curriculum = m.Curriculum.objects.get(slug=result.slug)
    assert curriculum_counts(curriculum.pk)[curriculum.pk]["topics"] == 144
    assert result.created_curriculum
    assert m.Topic.objects.get(curriculum=curriculum, slug="linux").block.month.number == 1
    assert m.Practice.objects.get(curriculum=curriculum, is_capstone=True).month.number == 18
    kpi = m.KpiTarget.objects.get(curriculum=curriculum, slug="lines-of-code-written")
    assert (kpi.target_value, kpi.unit) == (50000, "")


def test_the_original_and_the_decoded_seed_make_the_same_curriculum(seed_original, seed_ru):
    import_curriculum(parsed=read_plan(seed_original), slug="from-original")
    import_curriculum(parsed=read_plan(seed_ru), slug="from-decoded")

    original = curriculum_doc(m.Curriculum.objects.get(slug="from-original"))
    decoded = curriculum_doc(m.Curriculum.objects.get(slug="from-decoded"))

    assert original == dataclasses.replace(decoded, slug="from-original")


def test_reimporting_the_same_plan_changes_nothing(seed_ru):
    import_curriculum(parsed=read_plan(seed_ru))
    before = _snapshot()

    again = import_curriculum(parsed=read_plan(seed_ru))

    assert not again.changed
    assert again.change_summary()["created"] == again.change_summary()["updated"] == 0
    assert _snapshot() == before


def test_a_russian_plan_imported_over_the_builtin_keeps_the_english_texts(builtin, seed_ru):
    before = _snapshot()

    result = import_curriculum(parsed=read_plan(seed_ru))

    assert result.slug == "backend"  # matched by title, not a second copy
    assert not result.changed
    assert _snapshot() == before
    assert m.Topic.objects.get(curriculum=builtin, slug="vybor-yazyka").title_en == (
        "Choosing a language"
    )
    # The seed's Markdown has no study material: the package's survives.
    assert m.TopicMaterial.objects.filter(topic__slug="vybor-yazyka").count() >= 2
    assert m.TopicPoint.objects.filter(topic__slug="vybor-yazyka", kind="objective").count() >= 3


def test_an_english_export_reimported_updates_the_same_items(builtin):
    english = render_markdown(curriculum_doc(builtin), "en").replace(
        "Choosing a language", "Picking a language"
    )

    result = import_curriculum(parsed=parse_plan_bytes(english.encode()), slug="backend")

    assert result.change_summary()["by_kind"] == {
        "topic": {"created": 0, "updated": 1, "deleted": 0}
    }
    topic = m.Topic.objects.get(curriculum=builtin, slug="vybor-yazyka")
    assert (topic.title_ru, topic.title_en) == ("Выбор языка", "Picking a language")


def test_items_that_left_the_plan_are_removed_and_new_ones_added(builtin):
    doc = curriculum_doc(builtin)
    month = doc.phases[0].months[0]
    block = dataclasses.replace(month.blocks[0], topics=month.blocks[0].topics[1:])
    new_month = dataclasses.replace(month, blocks=(block, *month.blocks[1:]))
    phase = dataclasses.replace(doc.phases[0], months=(new_month, *doc.phases[0].months[1:]))
    smaller = dataclasses.replace(doc, phases=(phase, *doc.phases[1:]))

    result = import_curriculum(parsed=ParsedPlan(smaller, "yaml", "ru+en"))

    assert result.changes["topic"]["deleted"] == 1
    assert not m.Topic.objects.filter(curriculum=builtin, slug="linux").exists()
    assert m.Topic.objects.filter(curriculum=builtin).count() == 143


def test_a_failing_import_writes_nothing(builtin):
    before = _snapshot()
    doc = curriculum_doc(builtin)
    topics = doc.phases[0].months[0].blocks[0].topics
    # Two topics with one slug: the database refuses the second after others were written.
    clash = dataclasses.replace(topics[1], slug="new-slug")
    twin = dataclasses.replace(topics[2], slug="new-slug")
    block = dataclasses.replace(
        doc.phases[0].months[0].blocks[0], topics=(topics[0], clash, twin, topics[3])
    )
    month = dataclasses.replace(
        doc.phases[0].months[0], blocks=(block, *doc.phases[0].months[0].blocks[1:])
    )
    phase = dataclasses.replace(doc.phases[0], months=(month, *doc.phases[0].months[1:]))
    broken = dataclasses.replace(
        doc, phases=(phase, *doc.phases[1:]), title=dataclasses.replace(doc.title, en="Changed")
    )

    with pytest.raises(IntegrityError):
        import_curriculum(parsed=ParsedPlan(broken, "yaml", "ru+en"))

    assert _snapshot() == before


def test_a_dry_run_reports_but_writes_nothing(seed_ru):
    result = import_curriculum(parsed=read_plan(seed_ru), dry_run=True)

    assert result.dry_run and result.created_curriculum
    assert result.counts["topics"] == 144
    assert not m.Curriculum.objects.exists()


def test_the_builtin_loads_only_into_an_empty_database(builtin):
    assert load_builtin_curriculum() is None
    assert m.Curriculum.objects.count() == 1


def test_the_database_gives_back_exactly_the_document_it_was_given(builtin):
    package = read_plan(builtin_package_path()).doc

    assert curriculum_doc(builtin) == package


class TestDatabaseRoundTrip(HypothesisTestCase):
    """Generated plans — topics with their study material, and resources with or without
    their parts, topics and certifications — survive a trip through the database unchanged."""

    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(data=st.data(), language=st.sampled_from(["ru", "en"]))
    def test_import_then_read_back(self, data, language):
        doc = parse_markdown(
            render_markdown(data.draw(curricula(language)), language),
            language=language,
            slug="generated",
        )
        parsed = ParsedPlan(doc, "markdown", language)
        if data.draw(st.booleans(), label="with resource structure"):
            doc = data.draw(with_resource_structure(doc, language))
            parsed = ParsedPlan(doc, "yaml", "ru+en")

        import_curriculum(parsed=parsed)

        assert curriculum_doc(m.Curriculum.objects.get(slug="generated")) == doc


def test_a_markdown_import_keeps_the_resources_structure(builtin, seed_ru):
    # The Markdown plan cannot say a resource's parts: importing it over the built-in
    # curriculum keeps them (and so the learners' ticks on them).
    before = curriculum_doc(builtin).resources

    import_curriculum(parsed=read_plan(seed_ru), slug=builtin.slug)

    assert curriculum_doc(builtin).resources == before
