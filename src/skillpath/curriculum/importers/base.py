"""What every importer shares: the error a user sees, and the result it hands back."""

from __future__ import annotations

from dataclasses import dataclass

from skillpath.curriculum.encoding import DecodedText
from skillpath.curriculum.plan import CurriculumDoc


class PlanError(ValueError):
    """A plan that cannot be imported; printed as `PATH:LINE: error: MESSAGE`."""

    def __init__(self, message: str, line: int = 1, path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.path = path

    def located(self, path: str) -> PlanError:
        return PlanError(self.message, self.line, path)

    def __str__(self) -> str:
        return f"{self.path or '<plan>'}:{self.line}: error: {self.message}"


@dataclass(frozen=True)
class ParsedPlan:
    doc: CurriculumDoc
    source_format: str  # "markdown" or "yaml"
    language: str  # the language the plan's texts are in ("ru", "en", or "ru+en")
    decoded: DecodedText | None = None
