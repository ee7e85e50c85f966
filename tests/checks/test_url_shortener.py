"""The pure helpers of the url-shortener suite: how it judges links, error answers and load
figures. The suite itself is proven against its reference and variants in test_suites.py."""

from __future__ import annotations

from pathlib import Path

import httpx
from django.utils import translation

from skillpath.checks.context import Context
from skillpath.checks.load import LoadReport
from skillpath.checks.suites.url_shortener import suite as shortener
from skillpath.checks.suites.url_shortener.links import (
    GENERATED_CODE,
    MAX_URL_LENGTH,
    alike_codes,
    clicks_hint,
    invalid_fields,
    invalid_urls,
    is_error_body,
    link_problem,
    long_url,
    names_field,
    new_code,
    new_url,
    parse_utc,
)
from skillpath.checks.suites.url_shortener.performance import (
    MAX_P99_MS,
    MIN_RPS,
    LoadRuns,
    load_figures,
    load_margin,
    load_problem,
    runs_figures,
)

GENERATED_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
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


def problem_text(link: object) -> str:
    problem = link_problem(link)
    assert problem is not None
    return problem.message


def test_a_well_formed_link_has_no_problem_and_may_have_more_fields():
    assert link_problem(LINK) is None
    assert link_problem({**LINK, "expires_at": "2026-11-27T11:00:00+00:00"}) is None
    assert link_problem({**LINK, "short_url": "http://127.0.0.1/aZ3kP9q"}) is None


def test_it_names_what_is_wrong_with_a_link():
    assert "clicks" in problem_text({key: value for key, value in LINK.items() if key != "clicks"})
    assert "clicks" in problem_text({**LINK, "clicks": "0"})
    assert "clicks" in problem_text({**LINK, "clicks": True})
    assert "created_at" in problem_text({**LINK, "created_at": "2026-11-27 10:00"})
    assert "expires_at" in problem_text({**LINK, "expires_at": "2026-11-27T13:00:00+03:00"})
    assert link_problem(["not", "a", "link"]) is not None


def test_the_hint_for_a_wrong_time_names_the_field_and_its_format():
    problem = link_problem({**LINK, "created_at": "2026-11-27T10:00:00"})
    assert problem is not None
    assert '"created_at"' in problem.hint and "2026-11-27T10:00:00Z" in problem.hint
    assert "exactly the fields" not in problem.hint


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


def test_an_error_answer_is_a_json_object_with_error_or_fastapis_detail():
    assert is_error_body(httpx.Response(404, json={"error": "no link with code 'abc'"}))
    assert is_error_body(httpx.Response(404, json={"detail": "Not Found"}))
    assert not is_error_body(httpx.Response(404, text="Not Found"))
    assert not is_error_body(httpx.Response(410, html="<h1>Gone</h1>"))
    assert not is_error_body(httpx.Response(404, json=["error"]))


def test_codes_from_a_counter_are_too_much_alike_and_random_ones_are_not():
    assert alike_codes(["c000001", "c000002", "c000003"]) == ("c000001", "c000002")
    assert alike_codes(["000001a", "000002a"]) is not None  # counting at the front
    assert alike_codes(["aZ3kP9q", "7GqT2xW", "Qm4Rt0b"]) is None
    assert alike_codes(["aZ3kP9", "aZ3kP9qx"]) is None  # different lengths
    # Random codes of 6 letters and digits are almost never alike.
    for seed in range(200):
        ctx = context(seed)
        codes = ["".join(ctx.random.choice(GENERATED_ALPHABET) for _ in range(6)) for _ in range(9)]
        assert alike_codes(codes) is None, codes


def test_the_clicks_hint_says_which_way_the_count_is_wrong():
    assert "must not count" in clicks_hint(counted=5, clicks=4)
    assert "memory" in clicks_hint(counted=3, clicks=4)


def test_the_load_thresholds_are_judged_in_order():
    assert load_problem(report(MIN_RPS, MAX_P99_MS)) is None
    assert load_problem(report(MIN_RPS - 1, 1.0)) == "rps"
    assert load_problem(report(MIN_RPS * 3, MAX_P99_MS + 1)) == "p99"
    assert load_margin(report(MIN_RPS * 2, MAX_P99_MS / 4)) == 2
    assert load_margin(report(MIN_RPS * 2, MAX_P99_MS * 2)) == 0.5


def test_the_figures_say_when_a_second_try_ran_and_give_both():
    first, second = report(500, 40.0), report(650, 35.0)
    once = LoadRuns(first)
    assert once.counted == first and runs_figures(once) == load_figures(first)
    twice = LoadRuns(first, second)
    assert twice.counted == second
    shown = runs_figures(twice)
    assert load_figures(first) in shown and load_figures(second) in shown
    assert "second try" in shown
    assert LoadRuns(report(500, 40.0), report(400, 40.0)).counted.rps == 500


def test_the_figures_are_written_as_the_learners_language_writes_numbers():
    figures = report(1234.5, 56.78)
    with translation.override("ru"):
        shown = load_figures(figures)
    assert "56,8" in shown and "4,0" in shown
    with translation.override("en"):
        assert "56.8" in load_figures(figures)


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
    urls = [body.get("url") for _problem, body in cases]
    assert any(isinstance(url, str) and not url.isascii() for url in urls)
    assert any(isinstance(url, str) and len(url) == MAX_URL_LENGTH + 1 for url in urls)


def test_the_longest_allowed_url_has_exactly_that_many_characters():
    url = long_url(context(2), MAX_URL_LENGTH)
    assert len(url) == MAX_URL_LENGTH and url.isascii() and url.startswith("https://")


def test_invalid_fields_refuse_what_a_lax_parser_would_turn_into_a_number():
    values = [body.get("expires_in") for _p, field, body in invalid_fields(context(3))]
    assert {1.5, "3600"} <= {value for value in values if not isinstance(value, bool)}
    assert any(value is True for value in values)
    codes = [body.get("code") for _p, field, body in invalid_fields(context(3))]
    assert "abc\n" in codes
