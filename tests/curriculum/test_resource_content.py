"""The built-in plan's resources carry their structure: an https address, parts in both
languages, the topics they serve; certifications with their exam domains."""

from __future__ import annotations

from collections import Counter

import pytest

from skillpath.curriculum.importers.loader import read_plan
from skillpath.curriculum.services import builtin_package_path


@pytest.fixture(scope="module")
def doc():
    return read_plan(builtin_package_path()).doc


def test_every_resource_has_an_address_parts_and_topics(doc):
    assert len(doc.resources) == 14
    for resource in doc.resources:
        assert resource.url.startswith("https://"), resource.slug
        assert resource.parts, resource.slug
        assert resource.topics, resource.slug
        for part in resource.parts:
            assert part.title.ru and part.title.en, (resource.slug, part.slug)
        if resource.kind == "book":
            assert resource.authors, resource.slug


def test_the_books_have_their_chapters(doc):
    by_slug = {r.slug: r for r in doc.resources}
    clean_code = by_slug["clean-code"]
    ddia = by_slug["designing-data-intensive-applications"]

    assert len(clean_code.parts) == 17
    assert len(ddia.parts) == 12
    assert len({p.group.en for p in ddia.parts}) == 3
    assert all(p.pages for p in clean_code.parts + ddia.parts)


def test_certifications_have_domains_weighing_a_whole_exam(doc):
    certifications = {c.slug for r in doc.resources for c in r.certifications}
    weights: Counter[str] = Counter()
    for resource in doc.resources:
        for part in resource.parts:
            if part.kind == "domain":
                weights[part.certification] += part.weight or 0
                for certification in resource.certifications:
                    assert certification.url.startswith("https://")

    assert certifications == {
        "cka",
        "ckad",
        "aws-solutions-architect-associate",
        "gcp-professional-cloud-architect",
    }
    assert weights == dict.fromkeys(certifications, 100)
