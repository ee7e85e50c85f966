"""Practice check endpoints: the suites with the learner's status, one suite with its latest
run, the history of runs, one run's whole result document, and recording a run made by a
remote `skillpath check` (the same service the local CLI calls)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import BeforeValidator, ValidationInfo, field_validator, model_validator

from skillpath.api.common import (
    PAGE_QUERY,
    READ_ERRORS,
    SLUG,
    WRITE_ERRORS,
    ErrorOut,
    Input,
    Moment,
    Slug,
    id_param,
    integer,
    learner,
    page_size_query,
    text,
)
from skillpath.api.curriculum import LANGUAGE_HEADER
from skillpath.checks import selectors, services
from skillpath.checks.models import CheckRun
from skillpath.checks.results import CheckResult
from skillpath.checks.suite import Suite
from skillpath.checks.suites import suite_by_slug

router = Router()

SUITE_SLUG = Path(
    ...,
    pattern=SLUG,
    max_length=100,
    description="A check's slug, from `GET /api/checks`.",
    examples=["todo-api"],
)
RUN_ID = id_param("The run's id, from `GET /api/checks/{suite}/runs`.")
PAGE_SIZE_QUERY = page_size_query("Runs")
# The runner keeps a few KB of a program's output; a document is refused well above that.
CAPTURED_CHARS = 20_000
MAX_STAGES = 100
MAX_SEED = 2**31 - 1  # the column is a PositiveIntegerField
MAX_SECONDS = 24 * 3600


# --- Schemas -----------------------------------------------------------------------------

SuiteLabel = Literal["passed", "failing", "not_run"]
RunStatusValue = Literal["pass", "fail", "error"]
StageStatusValue = Literal["pass", "fail", "error", "skip"]


def _without_nul(value: Any) -> Any:
    # A program may print NUL bytes; PostgreSQL cannot store them in JSON, so they go.
    return value.replace("\x00", "") if isinstance(value, str) else value


Captured = Annotated[str, BeforeValidator(_without_nul), Field(max_length=CAPTURED_CHARS)]
Seconds = Annotated[float, Field(ge=0, le=MAX_SECONDS, allow_inf_nan=False)]


class SubjectOut(Schema):
    kind: Literal["practice", "project"]
    slug: str = Field(description="The practice's or project's slug in the curriculum.")


class StageOut(Schema):
    number: int
    slug: str
    title: str
    timeout_seconds: float


class RunSummaryOut(Schema):
    id: int
    suite: str
    status: RunStatusValue
    is_complete_pass: bool = Field(description="Every stage ran and passed.")
    stages_passed: int
    stages_total: int
    seed: int
    target: str = Field(description="The base URL or command the run checked.")
    duration_seconds: float
    created_at: datetime


class StageResultOut(Schema):
    slug: str
    name: str
    status: StageStatusValue
    duration: float
    message: str | None = None
    request: str | None = None
    expected: str | None = None
    actual: str | None = None
    hint: str | None = None
    output: str = ""


class ResultOut(Schema):
    """The result document, as `skillpath check --json` prints it (see docs/checks.md), with
    each stage's words in the request's language (without `translations`)."""

    version: int
    suite: str
    status: RunStatusValue
    message: str | None
    language: str | None = Field(
        None,
        description="The language of the stages' words; null for a run recorded before "
        "runs kept every language (its words read as they were written).",
    )
    seed: int
    target: dict[str, str | None]
    started_at: str
    duration: float
    stages_total: int
    tests: list[StageResultOut]


class RunOut(RunSummaryOut):
    result: ResultOut = Field(description="The whole result document.")

    @staticmethod
    def resolve_result(run: CheckRun) -> dict[str, Any]:
        return selectors.result_document(run)


class SuiteOut(Schema):
    slug: str
    kind: Literal["http", "cli"] = Field(description="`http`: a service; `cli`: a program.")
    title: str
    subject: SubjectOut = Field(description="The curriculum item it checks.")
    stages: list[StageOut]
    status: SuiteLabel = Field(description="`passed` once one run passed every stage.")
    runs: int
    latest: RunSummaryOut | None


class SuiteDetailOut(SuiteOut):
    commands: list[str] = Field(description="How to run it from a terminal.")
    page_url: str = Field(description="Its web page, with the spec.")
    interface_url: str | None = Field(description="Its openapi.yaml or usage.txt.")
    latest: RunOut | None  # type: ignore[assignment]


class RunPageOut(Schema):
    items: list[RunSummaryOut] = Field(description="Newest first.")
    page: int
    page_size: int
    has_next: bool = Field(description="Whether `page + 1` holds more runs.")


class TargetIn(Input):
    url: str | None = text(500, default=None)
    cmd: str | None = text(500, default=None)


class StageTextsIn(Input):
    """A stage's words in another language."""

    message: Captured | None = None
    request: Captured | None = None
    expected: Captured | None = None
    actual: Captured | None = None
    hint: Captured | None = None


Language = Literal["ru", "en"]


class StageResultIn(Input):
    slug: Slug
    name: str = text(300)
    status: StageStatusValue
    duration: Seconds = 0.0
    message: Captured | None = None
    request: Captured | None = None
    expected: Captured | None = None
    actual: Captured | None = None
    hint: Captured | None = None
    output: Captured = ""
    translations: dict[Language, StageTextsIn] = Field(
        default_factory=dict, description="The words above in each other language."
    )


class CheckResultIn(Input):
    """A result document, as `skillpath check --json` prints it; `tests` holds every stage
    of the suite in order (those not run are `skip`)."""

    version: Literal[3] = 3
    suite: Slug = Field(description="A check's slug, from `GET /api/checks`.")
    status: RunStatusValue = Field(description="Must agree with the stages.")
    message: Captured | None = Field(None, description="Set when the checker itself failed.")
    seed: integer(ge=0, le=MAX_SEED)  # type: ignore[valid-type]
    target: TargetIn
    started_at: Moment
    duration: Seconds = 0.0
    stages_total: integer(ge=1, le=MAX_STAGES)  # type: ignore[valid-type]
    tests: list[StageResultIn] = Field(max_length=MAX_STAGES)
    language: Language | None = Field(None, description="The language of the stages' words.")

    @field_validator("suite")
    @classmethod
    def _a_known_suite(cls, value: str) -> str:
        if suite_by_slug(value) is None:
            raise ValueError(f"there is no check named {value!r}; GET /api/checks lists them")
        return value

    @field_validator("stages_total")
    @classmethod
    def _the_suites_stages(cls, value: int, info: ValidationInfo) -> int:
        suite = suite_by_slug(info.data.get("suite", ""))
        if suite is not None and value != len(suite.stages):
            raise ValueError(
                f"the check {suite.slug!r} has {len(suite.stages)} stages, not {value}"
            )
        return value

    @field_validator("tests")
    @classmethod
    def _every_stage_in_order(cls, value: list[StageResultIn], info: ValidationInfo) -> Any:
        suite = suite_by_slug(info.data.get("suite", ""))
        if suite is not None:
            expected = [stage.slug for stage in suite.stages]
            if [test.slug for test in value] != expected:
                raise ValueError(f"must hold the stages {', '.join(expected)}, in this order")
        return value

    @model_validator(mode="after")
    def _status_agrees_with_the_stages(self) -> CheckResultIn:
        stages = {test.status for test in self.tests}
        status = "fail" if "fail" in stages else "pass"
        if "error" in stages or self.message:
            status = "error"
        if self.status != status:
            raise ValueError(f"`status` is {self.status!r} but the stages make it {status!r}")
        return self


# --- Shaping -----------------------------------------------------------------------------


def _suite_or_404(slug: str) -> Suite:
    suite = suite_by_slug(slug)
    if suite is None:
        raise HttpError(404, _("There is no check named “%(slug)s”.") % {"slug": slug})
    return suite


def _run_or_404(user: AbstractBaseUser, run_id: int) -> CheckRun:
    run = selectors.check_run_for(learner=user, run_id=run_id)
    if run is None:
        raise HttpError(404, _("You have no check run with the id %s.") % run_id)
    return run


def _suite_out(status: selectors.SuiteStatus) -> dict[str, Any]:
    suite = status.suite
    return {
        "slug": suite.slug,
        "kind": suite.kind,
        "title": str(suite.title),
        "subject": {"kind": suite.subject[0], "slug": suite.subject[1]},
        "stages": [
            {
                "number": number,
                "slug": stage.slug,
                "title": str(stage.title),
                "timeout_seconds": stage.timeout,
            }
            for number, stage in enumerate(suite.stages, start=1)
        ],
        "status": status.label,
        "runs": status.runs,
        "latest": status.latest,
    }


# --- Endpoints ---------------------------------------------------------------------------


@router.get(
    "/checks",
    response={200: list[SuiteOut], **READ_ERRORS},
    summary="Practice checks and my status",
    description="Every check suite in the plan's order, with its stages, my number of runs, "
    "whether one passed every stage, and my latest run.",
    openapi_extra=LANGUAGE_HEADER,
)
def list_checks(request: HttpRequest) -> list[dict[str, Any]]:
    return [_suite_out(status) for status in selectors.suite_statuses(learner=learner(request))]


@router.get(
    "/checks/{suite}",
    response={200: SuiteDetailOut, 404: ErrorOut, **READ_ERRORS},
    summary="One practice check with my latest run",
    openapi_extra=LANGUAGE_HEADER,
)
def get_check(request: HttpRequest, suite: str = SUITE_SLUG) -> dict[str, Any]:
    found = _suite_or_404(suite)
    status = selectors.suite_status(learner=learner(request), slug=found.slug)
    assert status is not None  # the suite exists
    interface = found.interface_path()
    return {
        **_suite_out(status),
        "commands": found.example_commands(),
        "page_url": reverse("web:check", args=[found.slug]),
        "interface_url": reverse("web:check_interface", args=[found.slug]) if interface else None,
    }


@router.get(
    "/checks/{suite}/runs",
    response={200: RunPageOut, 404: ErrorOut, **READ_ERRORS},
    summary="My runs of a practice check",
    description="Newest first, a page at a time (without the result documents).",
)
def list_check_runs(
    request: HttpRequest,
    suite: str = SUITE_SLUG,
    page: int = PAGE_QUERY,
    page_size: int = PAGE_SIZE_QUERY,
) -> dict[str, Any]:
    found = _suite_or_404(suite)
    offset = (page - 1) * page_size
    # One row past the page says whether there is a next one, without counting them all.
    rows = selectors.check_runs(
        learner=learner(request), slug=found.slug, limit=page_size + 1, offset=offset
    )
    return {
        "items": rows[:page_size],
        "page": page,
        "page_size": page_size,
        "has_next": len(rows) > page_size,
    }


@router.get(
    "/check-runs/{run_id}",
    response={200: RunOut, 404: ErrorOut, **READ_ERRORS},
    summary="One of my check runs, with its whole result document",
    description="The stages' words come in the request's language.",
    openapi_extra=LANGUAGE_HEADER,
)
def get_check_run(request: HttpRequest, run_id: int = RUN_ID) -> CheckRun:
    return _run_or_404(learner(request), run_id)


@router.post(
    "/check-runs",
    response={201: RunOut, **WRITE_ERRORS},
    summary="Record a check run",
    description="The result document of a run made elsewhere (`skillpath check --json`), "
    "recorded in my progress. It must name a known check and hold each of its stages in "
    "order; a document that does not fit is a 422 naming the field.",
)
def record_check_run(request: HttpRequest, payload: CheckResultIn) -> Status[Any]:
    document = payload.model_dump(mode="json")
    for test in document["tests"]:
        # A word not given in another language is not there, rather than null.
        test["translations"] = {
            language: {name: text for name, text in texts.items() if text is not None}
            for language, texts in test["translations"].items()
        }
    # As the runner writes it ("+00:00", not "Z"), so a document round-trips unchanged.
    document["started_at"] = payload.started_at.isoformat()
    result = CheckResult.from_dict(document)
    run = services.record_check_run(learner=learner(request), result=result)
    return Status(201, run)
