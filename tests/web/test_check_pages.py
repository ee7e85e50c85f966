"""The practice check pages: the list of suites, one suite (spec, stages, latest result,
history), one run, the interface download, and the check links on the projects and month
pages. Runs are recorded through the real service; the suites are whatever exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.html import escape

from skillpath.checks.suite import Suite
from skillpath.checks.suites import all_suites
from skillpath.people.models import Profile
from skillpath.web.check_views import spec_html
from tests.checks.runs import EXIT_3, EXIT_3_HINT, real_failed_run, record_run
from tests.conftest import need
from tests.web.conftest import in_language
from tests.web.learner import body, hides, html_lang, shows

FAILURE = "GET of a task that does not exist must answer 404 <b>now</b>"
# Session + user + the navbar's timer; the current enrolment (curriculum), the time zone.
FRAME = 5


def expected_queries(page: str) -> int:
    # The subjects: one query per kind of curriculum item the suites check (practices,
    # projects), so the count follows which suites exist, never the number of runs.
    kinds = len({suite.subject[0] for suite in all_suites()})
    if page == "list":
        return FRAME + kinds + 2  # + the statuses (totals, latest runs)
    return FRAME + 1 + 2 + 1  # + the subject, + status (totals, latest), + history


@pytest.fixture
def suite() -> Suite:
    suites = all_suites()
    need(suites, "no check suite is written yet")
    return suites[0]


def record(learner, suite: Suite, **options):
    return record_run(learner, suite, **options)


def failed_run(learner, suite: Suite, **extra):
    details = {
        "message": FAILURE,
        "request": "GET http://127.0.0.1:8080/tasks/999999",
        "expected": "status 404",
        "actual": "status 200, body: <script>alert(1)</script>",
        "hint": "Look the task up and answer 404 when there is none.",
        "output": "Traceback <stderr> & more",
    }
    return record(learner, suite, failing=min(2, len(suite.stages)), **{**details, **extra})


# --- The list ----------------------------------------------------------------------------


def test_the_list_shows_every_suite_with_its_subject_and_stages(as_alice, suite):
    page = body(as_alice.get("/checks/"))
    for each in all_suites():
        assert f'href="/checks/{each.slug}/"' in page
        assert escape(str(each.title)) in page
    kind, slug = suite.subject
    if kind == "practice":
        number = int(slug.rsplit("-", 1)[1])
        assert f'href="/c/backend/months/{number}/"' in page
        shows(as_alice.get("/checks/"), f"Month {number} practice")
    else:
        assert 'href="/c/backend/projects/#project-' in page
    shows(as_alice.get("/checks/"), f"{len(suite.stages)} stages", "Not run")


def test_the_list_shows_alices_status_and_last_run(as_alice, alice, suite):
    failed_run(alice, suite)
    page = body(as_alice.get("/checks/"))
    assert "Not passed yet" in page
    run = record(alice, suite)
    page = body(as_alice.get("/checks/"))
    assert "Passed" in page
    assert f'href="/checks/{suite.slug}/runs/{run.pk}/"' in page
    assert f"{len(suite.stages)} of {len(suite.stages)} stages" in page


def test_the_list_in_russian(client, enrolled, alice, suite):
    client.force_login(alice)
    failed_run(alice, suite)
    response = in_language(client, "ru").get("/checks/")
    # The new texts read in Russian once the catalogue is compiled; the frame already does.
    assert html_lang(response) == "ru"
    shows(response, "Проекты")
    assert f'href="/checks/{suite.slug}/"' in body(response)


def test_a_visitor_sees_the_suites_but_no_results(client, builtin, server_mode, suite):
    page = in_language(client, "en").get("/checks/")
    shows(page, "Practice checks", str(suite.title), "Sign in to see your results")
    hides(page, "Not run", "Last run:")


# --- One suite ---------------------------------------------------------------------------


def test_a_suite_without_runs(as_alice, suite):
    response = as_alice.get(f"/checks/{suite.slug}/")
    shows(response, str(suite.title), "Stages", "You have not run this check yet.", "Not run")
    page = body(response)
    for stage in suite.stages:
        assert escape(str(stage.title)) in page
        assert f'<code class="small text-secondary">{stage.slug}</code>' in page
    flag = "--url http://127.0.0.1:8080" if suite.kind == "http" else "--cmd &quot;python"
    assert f"skillpath check {suite.slug} {flag}" in page


def test_a_suite_shows_the_latest_failure_in_detail_and_escaped(as_alice, alice, suite):
    record(alice, suite, seed=7)
    run = failed_run(alice, suite, seed=1234)
    page = body(as_alice.get(f"/checks/{suite.slug}/"))

    latest = page[page.index('id="latest"') : page.index('id="history"')]
    assert escape(FAILURE) in latest and "<b>now</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in latest and "<script>alert" not in page
    assert "Traceback &lt;stderr&gt; &amp; more" in latest
    assert "Look the task up and answer 404 when there is none." in latest
    assert "GET http://127.0.0.1:8080/tasks/999999" in latest
    # One run passed every stage: the check stays passed after a later failure.
    assert "Passed" in page and "Not passed yet" not in page
    # The history: both runs, newest first, with seed and link.
    history = page[page.index('id="history"') :]
    assert history.index("1234") < history.index(">7<")
    assert f'href="/checks/{suite.slug}/runs/{run.pk}/"' in history
    assert f"1 / {len(suite.stages)}" in history or f"0 / {len(suite.stages)}" in history


def test_a_suite_page_in_russian(client, enrolled, alice, suite):
    client.force_login(alice)
    failed_run(alice, suite)
    response = in_language(client, "ru").get(f"/checks/{suite.slug}/")
    assert html_lang(response) == "ru"
    shows(response, "Проекты", FAILURE)
    # The run was recorded in English; its stages are titled in the page's language.
    with translation.override("ru"):
        russian = str(suite.stages[0].title)
    with translation.override("en"):
        assert russian != str(suite.stages[0].title)
    shows(response, russian)


def test_dates_are_in_the_learners_time_zone(as_alice, alice, suite):
    Profile.objects.update_or_create(user=alice, defaults={"time_zone": "Asia/Tokyo"})
    run = failed_run(alice, suite)
    run.created_at = run.created_at.replace(year=2026, month=11, day=27, hour=23, minute=30)
    run.save()
    page = body(as_alice.get(f"/checks/{suite.slug}/"))
    # 23:30 UTC is 08:30 on the next day in Tokyo.
    assert "Nov. 28, 2026, 8:30 a.m." in page


def test_a_visitor_sees_the_spec_and_stages_but_no_results(client, builtin, server_mode, suite):
    response = in_language(client, "en").get(f"/checks/{suite.slug}/")
    shows(response, str(suite.title), "Stages", "to see your results of this check.")
    hides(response, "Your latest result", "History of runs")


def test_an_unknown_suite_is_a_404(as_alice, builtin):
    assert as_alice.get("/checks/no-such-check/").status_code == 404
    assert as_alice.get("/checks/no-such-check/interface/").status_code == 404
    assert as_alice.get("/checks/no-such-check/runs/1/").status_code == 404


def test_the_interface_file_is_a_download_of_that_suite_only(as_alice, suite):
    path = suite.interface_path()
    response = as_alice.get(f"/checks/{suite.slug}/interface/")
    if path is None:
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == path.read_bytes()
        assert "attachment" in response["Content-Disposition"]
    # The path comes from the suite, never from the request.
    assert as_alice.get(f"/checks/{suite.slug}/interface/../../settings.py").status_code == 404
    assert as_alice.get("/checks/..%2F..%2Fsrc/interface/").status_code == 404


# --- The spec ----------------------------------------------------------------------------


class SpecInFolder(Suite):
    """A suite whose folder is a temporary directory (to test the spec rendering)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(slug="demo", kind="http", title="Demo", subject=("practice", "x"))
        self._folder = folder

    @property
    def folder(self) -> Path:
        return self._folder


def test_the_spec_is_rendered_from_markdown_with_raw_html_escaped(tmp_path):
    (tmp_path / "spec.en.md").write_text(
        "# Todo\n\nA <script>alert(1)</script> **service**.\n\n<div onclick=x>raw</div>\n\n"
        "[link](javascript:alert(1))\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        encoding="utf-8",
    )
    (tmp_path / "spec.ru.md").write_text("# Задачи\n", encoding="utf-8")
    from django.utils import translation

    with translation.override("en"):
        html, language = spec_html(SpecInFolder(tmp_path))
    assert language == "en"
    assert "<h1>Todo</h1>" in html and "<strong>service</strong>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "&lt;div onclick=x&gt;" in html and "<div" not in html
    assert 'href="javascript' not in html
    assert "<table>" in html and "<td>2</td>" in html
    with translation.override("ru"):
        assert spec_html(SpecInFolder(tmp_path))[0] == "<h1>Задачи</h1>\n"


def test_a_missing_spec_falls_back_to_the_other_language_or_says_so(tmp_path):
    from django.utils import translation

    with translation.override("ru"):
        assert spec_html(SpecInFolder(tmp_path)) == (None, "ru")
        (tmp_path / "spec.en.md").write_text("Only English.\n", encoding="utf-8")
        assert spec_html(SpecInFolder(tmp_path)) == ("<p>Only English.</p>\n", "en")


def test_the_suite_page_shows_its_spec_when_written(en, suite):
    page = body(en.get(f"/checks/{suite.slug}/"))
    if suite.spec_path("en").is_file() or suite.spec_path("ru").is_file():
        assert '<article class="sp-spec"' in page
    else:
        assert "The spec of this check is not written yet." in page


# --- One run -----------------------------------------------------------------------------


def test_alices_run_in_detail(as_alice, alice, suite):
    run = failed_run(alice, suite, seed=991)
    response = as_alice.get(f"/checks/{suite.slug}/runs/{run.pk}/")
    shows(response, FAILURE, "Replay this run", "failed")
    # The same target and seed as the run itself.
    assert f"skillpath check {suite.slug} --url http://127.0.0.1:8080 --seed 991" in body(response)


@pytest.mark.parametrize(("made_in", "read_in"), [("en", "ru"), ("ru", "en")])
def test_a_run_reads_in_the_readers_language_whatever_it_was_made_in(
    as_alice, alice, made_in, read_in
):
    run = real_failed_run(alice, language=made_in)
    response = in_language(as_alice, read_in).get(f"/checks/text-cli/runs/{run.pk}/")
    shows(response, EXIT_3[read_in], EXIT_3_HINT[read_in])
    hides(response, EXIT_3[made_in], EXIT_3_HINT[made_in])
    latest = in_language(as_alice, read_in).get("/checks/text-cli/")
    shows(latest, EXIT_3[read_in])


def test_a_run_recorded_before_runs_kept_both_languages_reads_as_written(as_alice, alice, suite):
    run = failed_run(alice, suite)
    run.result.pop("language")
    for test in run.result["tests"]:
        test.pop("translations")
    run.save()
    response = in_language(as_alice, "ru").get(f"/checks/{suite.slug}/runs/{run.pk}/")
    shows(response, FAILURE)


def test_charlie_gets_a_404_on_alices_run(as_charlie, alice, enrolled, suite):
    run = failed_run(alice, suite)
    assert as_charlie.get(f"/checks/{suite.slug}/runs/{run.pk}/").status_code == 404
    page = body(as_charlie.get(f"/checks/{suite.slug}/"))
    assert FAILURE not in page and escape(FAILURE) not in page
    assert "You have not run this check yet." in page


def test_a_run_under_another_suites_address_is_a_404(as_alice, alice, suite):
    run = failed_run(alice, suite)
    others = [s for s in all_suites() if s.slug != suite.slug]
    if others:
        assert as_alice.get(f"/checks/{others[0].slug}/runs/{run.pk}/").status_code == 404
    assert as_alice.get(f"/checks/{suite.slug}/runs/{2**63}/").status_code == 404


def test_a_visitor_is_sent_to_sign_in_for_a_run(client, alice, builtin, server_mode, suite):
    run = failed_run(alice, suite)
    response = client.get(f"/checks/{suite.slug}/runs/{run.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- Links from the curriculum pages -----------------------------------------------------


def test_the_subject_page_links_its_check_with_alices_status(as_alice, alice, suite):
    kind, slug = suite.subject
    url = (
        f"/c/backend/months/{int(slug.rsplit('-', 1)[1])}/"
        if kind == "practice"
        else "/c/backend/projects/"
    )
    assert f'href="/checks/{suite.slug}/"' in body(as_alice.get(url))
    shows(as_alice.get(url), "Not run")
    record(alice, suite)
    shows(as_alice.get(url), "Passed")


def test_the_navbar_links_the_checks(as_alice, builtin):
    page = body(as_alice.get("/checks/"))
    assert re.search(r'class="nav-link active" aria-current="page" href="/checks/"', page)


# --- Query counts ------------------------------------------------------------------------


@pytest.mark.parametrize("runs", [1, 30])
def test_the_check_pages_query_counts_are_fixed(
    as_alice, alice, suite, runs, django_assert_num_queries
):
    for n in range(runs):
        failed_run(alice, suite, seed=n) if n % 2 else record(alice, suite, seed=n)
    for other in all_suites()[1:]:
        record(alice, other)
    with django_assert_num_queries(expected_queries("list")):
        as_alice.get("/checks/")
    with django_assert_num_queries(expected_queries("detail")):
        as_alice.get(f"/checks/{suite.slug}/")


def test_the_check_page_shows_the_skillpath_that_works_here(client, builtin, monkeypatch, tmp_path):
    import sys

    installed = Path(sys.executable).parent / "skillpath"
    need(installed.is_file(), "skillpath is not installed beside this Python")
    monkeypatch.setenv("PATH", str(tmp_path))  # not on the PATH, as after `make run`
    monkeypatch.chdir(installed.parents[2])
    page = body(in_language(client, "en").get("/checks/text-cli/"))
    # The whole path: the learner pastes it into a terminal in their program's folder.
    command = f"{installed} check text-cli --cmd"
    assert escape(command) in page or command in page
    # The list of checks said `skillpath check …` whatever was on the PATH.
    listing = body(in_language(client, "en").get("/checks/"))
    assert f"{installed} check list" in listing
    assert '<code class="sp-command mb-2">skillpath check' not in listing
