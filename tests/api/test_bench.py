"""`make bench` still measures what it says: its functions, run with tiny repetitions."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from skillpath.curriculum.models import Curriculum

MEASURE = Path(__file__).resolve().parents[2] / "bench" / "measure.py"


def load_measure():
    spec = importlib.util.spec_from_file_location("bench_measure", MEASURE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@contextmanager
def emptied_curricula() -> Iterator[None]:
    """The test database cannot be swapped for a fresh file; emptying it is the stand-in."""
    Curriculum.objects.all().delete()
    yield


@pytest.mark.django_db
def test_the_bench_reports_every_figure_with_sane_values():
    measure = load_measure()

    result = measure.collect(
        measure.Repeats(parses=1, imports=1, renders=1, warmups=1), emptied_curricula
    )

    json.dumps(result)
    sections = {"machine", "seed", "seed_parse", "seed_import", "roadmap", "roadmap_3x", "targets"}
    assert sections <= set(result)
    assert result["machine"]["cpu_count"] >= 1
    assert all(f["median_ms"] > 0 for f in result["seed_parse"].values())
    imported = result["seed_import"]
    assert imported["into_empty_db"]["topics_written"] == 144
    assert imported["into_empty_db"]["median_ms"] > 0
    assert imported["reimport_unchanged"]["changed"] is False
    for page in (result["roadmap"], result["roadmap_3x"]):
        assert isinstance(page["queries"], int)
        assert 0 < page["queries"] <= 10
        assert 0 < page["p50_ms"] <= page["p90_ms"]
    assert result["roadmap_3x"]["topics"] == 3 * result["roadmap"]["topics"] == 3 * 144
    assert result["roadmap_3x"]["queries"] == result["roadmap"]["queries"]
    assert all(isinstance(target["met"], bool) for target in result["targets"].values())
