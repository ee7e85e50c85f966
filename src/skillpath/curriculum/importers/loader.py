"""Read a plan from a path, whatever its format: a package folder, a YAML file, or Markdown."""

from __future__ import annotations

from pathlib import Path

from skillpath.curriculum.encoding import UnreadableError, decode_plan
from skillpath.curriculum.importers.base import ParsedPlan, PlanError
from skillpath.curriculum.importers.markdown import MarkdownPlanParser
from skillpath.curriculum.importers.package import package_file, parse_package
from skillpath.curriculum.slugs import slugify
from skillpath.curriculum.validation import validate_doc

YAML_SUFFIXES = (".yaml", ".yml")


def read_plan(path: Path) -> ParsedPlan:
    """Parse the plan at `path`; every problem is a PlanError located at `path:line`."""
    path = Path(path)
    try:
        source = package_file(path)
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise PlanError(f"expected a readable file, found: {exc.strerror or exc}") from exc
        return parse_plan_bytes(data, is_package=source.suffix.lower() in YAML_SUFFIXES)
    except PlanError as exc:
        raise exc.located(str(path)) from exc


def parse_plan_bytes(data: bytes, *, is_package: bool = False) -> ParsedPlan:
    try:
        decoded = decode_plan(data)
    except UnreadableError as exc:
        raise PlanError(str(exc), exc.line) from exc
    if is_package:
        doc = parse_package(decoded.text)
        validate_doc(doc)
        return ParsedPlan(doc, "yaml", "ru+en", decoded)
    parser = MarkdownPlanParser(decoded.text)
    parser.parse()
    doc = parser.build(slugify(parser.title, fallback="curriculum"))
    validate_doc(doc)
    return ParsedPlan(doc, "markdown", parser.lang, decoded)
