"""A suite is an ordered list of stages with fixed slugs; a stage is a function of a context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from django.conf import settings
from django.utils.functional import Promise

from skillpath.checks.invocation import page_command

if TYPE_CHECKING:
    from skillpath.checks.context import Context

Kind = Literal["http", "cli"]
StageFunction = Callable[["Context"], None]
DEFAULT_TIMEOUT_SECONDS = 10.0
# The specs, reference solutions and broken variants of every suite, in a checkout (the
# proofs of the test suite run them from here; see projects_dir() for what the pages read).
PROJECTS_DIR = Path(__file__).resolve().parents[3] / "content" / "projects"


def projects_dir() -> Path:
    """content/projects/ under SKILLPATH_CONTENT_DIR. Installed from the wheel (the container
    image), the package is in site-packages, far from any checkout's content/: the pages must
    find the specs where the content was put, as the curriculum is found."""
    return Path(settings.CONTENT_DIR) / "projects"


@dataclass(frozen=True)
class Stage:
    slug: str
    title: str | Promise
    run: StageFunction
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    # It measures speed (a load test), so it needs the machine to itself to be fair.
    measures_speed: bool = False


@dataclass
class Suite:
    """One practice or project check: `kind` says what `--url`/`--cmd` mean for it."""

    slug: str
    kind: Kind
    title: str | Promise
    # The curriculum item it checks: ("practice", "practice-3") or ("project", "url-shortener").
    subject: tuple[str, str]
    stages: list[Stage] = field(default_factory=list)

    def stage(
        self,
        slug: str,
        title: str | Promise,
        *,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        measures_speed: bool = False,
    ) -> Callable[[StageFunction], StageFunction]:
        """Decorator: add the function as the next stage."""
        if any(existing.slug == slug for existing in self.stages):
            raise ValueError(f"{self.slug}: two stages named {slug!r}")

        def add(function: StageFunction) -> StageFunction:
            self.stages.append(Stage(slug, title, function, timeout, measures_speed))
            return function

        return add

    def example_commands(self) -> list[str]:
        """How to run the suite from a terminal, the usual way first, with the `skillpath`
        the pages show (checks.invocation.page_command)."""
        program = page_command()
        if self.kind == "cli":
            return [f'{program} check {self.slug} --cmd "python main.py"']
        return [
            f"{program} check {self.slug} --url http://127.0.0.1:8080",
            f'{program} check {self.slug} --cmd "python app.py"',
        ]

    @property
    def folder(self) -> Path:
        """Where its spec, reference solution and broken variants live."""
        return projects_dir() / self.slug

    def spec_path(self, language: str) -> Path:
        return self.folder / f"spec.{language}.md"

    def interface_path(self) -> Path | None:
        """The interface contract: openapi.yaml for a service, usage.txt for a program."""
        for name in ("openapi.yaml", "usage.txt"):
            if (self.folder / name).is_file():
                return self.folder / name
        return None
