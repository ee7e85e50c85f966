"""The pure helpers of the url-shortener suite: how it judges links, error answers and load
figures. The suite itself is proven against its reference and variants in test_suites.py."""

from __future__ import annotations

from pathlib import Path

import httpx

from skillpath.checks.context import Context
from skillpath.checks.load import LoadReport
from skillpath.checks.suites.url_shortener import suite as shortener
from skillpath.checks.suites.url_shortener.links import (
    GENERATED_CODE,
    invalid_urls,
    link_problem,
    names_field,
    new_code,
    new_url,
    parse_utc,
)
from skillpath.checks.suites.url_shortener.performance import (
    MAX_P99_MS,
    MIN_RPS,
    load_margin,
    load_problem,
)

LINK = {
    "code": "aZ3kP9q",
    "url": "https://example.com/a",
    "clicks": 0,
    "created_at": "2026-11-27T10:00:00.250Z",
    "expires_at": None,
}


def report(rps: float, p99: float) -> LoadReport:
    return LoadReport(
        users=20, requests=1000, failures=0, seconds=4.0, rps=rps, p50=1.0, p95=2.0, p99=p99
    )


def context(seed: int) -> Context:
    return Context(seed=seed, tmp=Path("."), lang="en")


def test_the_suite_checks_project_3_and_ends_with_the_load_stage():
    assert shortener.subject == ("project", "url-shortener")
    assert [stage.slug for stage in shortener.stages][:2] == ["health", "create"]
    assert shortener.stages[-1].slug == "load"


def test_a_well_formed_link_has_no_problem():
    assert link_problem(LINK) is None
    assert link_problem({**LINK, "expires_at": "2026-11-27T11:00:00+00:00"}) is None


def test_it_names_what_is_wrong_with_a_link():
    assert "clicks" in link_problem({key: value for key, value in LINK.items() if key != "clicks"})
    assert "clicks" in link_problem({**LINK, "clicks": "0"})
    assert "clicks" in link_problem({**LINK, "clicks": True})
    assert "created_at" in link_problem({**LINK, "created_at": "2026-11-27 10:00"})
    assert "expires_at" in link_problem({**LINK, "expires_at": "2026-11-27T13:00:00+03:00"})
    assert link_problem(["not", "a", "link"]) is not None


def test_only_utc_moments_parse():
    assert parse_utc("2026-11-27T10:00:00Z") is not None
    assert parse_utc("2026-11-27T10:00:00") is None  # no time zone
    assert parse_utc("2026-11-27") is None
    assert parse_utc(1764237600) is None


def test_an_error_names_its_field_in_our_shape_or_in_fastapis():
    ours = httpx.Response(400, json={"error": "bad", "field": "url"})
    fastapi = httpx.Response(422, json={"detail": [{"loc": ["body", "url"], "msg": "..."}]})
    other = httpx.Response(400, json={"error": "bad", "field": "code"})
    assert names_field(ours, "url")
    assert names_field(fastapi, "url")
    assert not names_field(other, "url")
    assert not names_field(httpx.Response(400, text="url is bad"), "url")


def test_the_load_thresholds_are_judged_in_order():
    assert load_problem(report(MIN_RPS, MAX_P99_MS)) is None
    assert load_problem(report(MIN_RPS - 1, 1.0)) == "rps"
    assert load_problem(report(MIN_RPS * 3, MAX_P99_MS + 1)) == "p99"
    assert load_margin(report(MIN_RPS * 2, MAX_P99_MS / 4)) == 2
    assert load_margin(report(MIN_RPS * 2, MAX_P99_MS * 2)) == 0.5


def test_generated_data_replays_for_a_seed_and_is_ascii():
    first, again = context(5), context(5)
    urls = [new_url(first) for _ in range(5)]
    assert urls == [new_url(again) for _ in range(5)]
    assert all(url.isascii() and url.startswith("https://") and " " not in url for url in urls)
    code = new_code(first)
    assert 3 <= len(code) <= 32 and code.isascii()
    assert not GENERATED_CODE.fullmatch("ab") and GENERATED_CODE.fullmatch("aZ3kP9q")


def test_every_invalid_url_case_has_a_description():
    cases = invalid_urls(context(1))
    assert len(cases) >= 8
    assert all(problem and isinstance(body, dict) for problem, body in cases)
