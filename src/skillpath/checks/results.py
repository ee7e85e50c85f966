"""The result document of a check run, in the shape of Exercism's results.json (v3)."""

from __future__ import annotations

import shlex
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

from skillpath.checks.invocation import skillpath_command

Status = Literal["pass", "fail", "error", "skip"]
RESULT_VERSION = 3
# What a stage says in words, kept in every language (`translations`); the rest is data.
TRANSLATED_FIELDS = ("message", "request", "expected", "actual", "hint")


@dataclass
class StageResult:
    slug: str
    name: str
    status: Status
    duration: float = 0.0
    message: str | None = None
    request: str | None = None
    expected: str | None = None
    actual: str | None = None
    hint: str | None = None
    output: str = ""
    # The TRANSLATED_FIELDS as they read in each other language, where they differ:
    # {"ru": {"message": ...}}. Runs recorded before it was kept have none.
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class CheckResult:
    suite: str
    seed: int
    target: dict[str, str | None]
    started_at: str
    stages_total: int
    duration: float = 0.0
    message: str | None = None
    tests: list[StageResult] = field(default_factory=list)
    # The language the stages' words are in; `translations` hold the others.
    language: str | None = None

    @property
    def status(self) -> Status:
        """error (a fault of ours) outranks fail (the program's); otherwise pass."""
        statuses = {stage.status for stage in self.tests}
        if "error" in statuses or self.message:
            return "error"
        return "fail" if "fail" in statuses else "pass"

    @property
    def is_complete_pass(self) -> bool:
        """Every stage of the suite ran and passed: the practice or project is done."""
        return len(self.tests) == self.stages_total and all(
            stage.status == "pass" for stage in self.tests
        )

    @property
    def stages_passed(self) -> int:
        return sum(stage.status == "pass" for stage in self.tests)

    @property
    def failed_stage(self) -> StageResult | None:
        return next((s for s in self.tests if s.status in ("fail", "error")), None)

    @classmethod
    def from_dict(cls, document: dict[str, Any]) -> CheckResult:
        """The result a document (as `as_dict` writes it, already validated) describes;
        `version` and `status` are left out, since the stages decide the status."""
        stage_fields = {f.name for f in fields(StageResult)}
        return cls(
            suite=document["suite"],
            seed=document["seed"],
            target=dict(document["target"]),
            started_at=document["started_at"],
            stages_total=document["stages_total"],
            duration=document.get("duration", 0.0),
            message=document.get("message"),
            language=document.get("language"),
            tests=[
                StageResult(**{k: v for k, v in test.items() if k in stage_fields})
                for test in document.get("tests", [])
            ],
        )

    def as_dict(self) -> dict[str, Any]:
        document = asdict(self)
        return {"version": RESULT_VERSION, "status": self.status, **document}


def in_language(document: dict[str, Any], language: str) -> dict[str, Any]:
    """The result document with each stage's words in `language` where the run kept them in
    it (a run made in another language, or recorded before runs kept translations, reads as
    it was written); `translations` are left out."""
    tests = []
    for test in document.get("tests", []):
        shown = {key: value for key, value in test.items() if key != "translations"}
        tests.append({**shown, **(test.get("translations") or {}).get(language, {})})
    written_in = language if document.get("language") else None
    return {**document, "language": written_in, "tests": tests}


def replay_command(
    *,
    suite: str,
    url: str | None,
    cmd: str | None,
    seed: int,
    stage: int | None = None,
    lang: str | None = None,
    program: str | None = None,
) -> str:
    """The command that runs exactly this check again (same target, same seed), with the
    `skillpath` that works here (checks.invocation) unless `program` says which."""
    parts = [program or skillpath_command(), "check", suite]
    parts += ["--url", url] if url else ["--cmd", cmd or ""]
    if stage:
        parts += ["--stage", str(stage)]
    if lang:
        parts += ["--lang", lang]
    return shlex.join([*parts, "--seed", str(seed)])


def exit_code(result: CheckResult) -> int:
    """0 every stage that ran passed, 1 one failed, 3 the checker failed (docs/checks.md)."""
    return {"pass": 0, "fail": 1}.get(result.status, 3)
