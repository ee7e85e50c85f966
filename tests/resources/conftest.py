"""Fixtures for the resource tests: the built-in curriculum's resources and parts."""

from __future__ import annotations

from datetime import date

import pytest

from skillpath.curriculum.models import Certification, Resource, ResourcePart
from tests.web.conftest import as_alice, as_charlie  # noqa: F401  (the page fixtures)

TODAY = date(2026, 3, 2)
DDIA = "designing-data-intensive-applications"


@pytest.fixture
def ddia(builtin):
    return Resource.objects.get(curriculum=builtin, slug=DDIA)


@pytest.fixture
def ddia_parts(ddia):
    return list(ResourcePart.objects.filter(resource=ddia))


@pytest.fixture
def cka(builtin):
    return Certification.objects.get(curriculum=builtin, slug="cka")
