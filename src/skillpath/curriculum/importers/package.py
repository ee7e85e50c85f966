"""Read and write the curriculum package format: one YAML document holding every text in
both languages, the slugs, and the estimates (`content/curricula/<slug>/curriculum.yaml`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from skillpath.curriculum.importers.base import PlanError
from skillpath.curriculum.plan import CurriculumDoc

PACKAGE_FILE = "curriculum.yaml"
FORMAT_VERSION = 1
_ADAPTER = TypeAdapter(CurriculumDoc)
# libyaml's C loader and dumper are ten times faster than the pure-Python ones.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def doc_to_data(doc: CurriculumDoc) -> dict[str, Any]:
    data: dict[str, Any] = _ADAPTER.dump_python(
        doc, mode="json", exclude_defaults=True, exclude={"warnings"}
    )
    return {"format": FORMAT_VERSION, **data}


def dump_package(doc: CurriculumDoc) -> str:
    return yaml.dump(
        doc_to_data(doc),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )


def parse_package(text: str) -> CurriculumDoc:
    """Parse a package document; raise PlanError at the line of the first bad value."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise PlanError(f"expected valid YAML, found a syntax error: {problem}", line) from exc
    if not isinstance(data, dict):
        raise PlanError(
            f"expected a mapping with 'slug', 'title' and 'phases', found {type(data).__name__}"
        )
    fmt = data.pop("format", FORMAT_VERSION)
    if fmt != FORMAT_VERSION:
        raise PlanError(f"expected package format {FORMAT_VERSION}, found {fmt!r}")
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        root = yaml.compose(text, Loader=_Loader)
        raise PlanError(
            f"expected {first['msg'].lower()} at '{where}'", _line_of(root, first["loc"])
        ) from exc


def _line_of(node: Any, loc: tuple[Any, ...]) -> int:
    """The line of the YAML node at `loc`, or of the deepest node found on the way."""
    line = node.start_mark.line + 1 if node is not None else 1
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def package_file(path: Path) -> Path:
    return path / PACKAGE_FILE if path.is_dir() else path
