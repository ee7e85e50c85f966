"""The KPI scanner against repositories with a known history (tests/assessment/repos.py):
exact counts, a fork holding the same commits, incremental and idempotent scans, and a
rewritten history."""

from __future__ import annotations

import time

import pytest

from skillpath.assessment import selectors, services
from skillpath.assessment.models import CountedCommit, Repository
from tests.assessment.repos import ALICE, ALICE_WORK, BOB, EXPECTED, Repo, build_history, have_git
from tests.conftest import need

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(tmp_path):
    need(have_git(), "the git binary is not installed")
    return build_history(tmp_path / "project")


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice")


def kpis(learner) -> dict:
    document = selectors.kpi_document(learner=learner)
    return {key: document[key] for key in ("commits", "lines_of_code", "docs_pages")}


def scan(learner, *paths, emails=(ALICE, ALICE_WORK)):
    return services.scan_kpis(learner=learner, paths=[str(p) for p in paths], emails=emails)


def test_it_counts_exactly_what_the_rules_say(history, alice):
    repo, shas = history

    (result,) = scan(alice, repo.path)

    assert kpis(alice) == EXPECTED
    assert (result.counted, result.is_from_scratch, result.head) == (4, True, shas["c5"])
    counted = set(CountedCommit.objects.values_list("sha", flat=True))
    assert counted == {shas["c1"], shas["c3"], shas["c4"], shas["c5"]}
    c1 = CountedCommit.objects.get(sha=shas["c1"])
    assert (c1.lines, c1.test_lines, c1.docs_pages) == (5, 2, 1)
    assert c1.lines_by_language == {"Python": 5}
    assert c1.authored_at.isoformat() == "2026-01-01T11:00:00+00:00"


def test_only_the_learners_addresses_count(history, alice, django_user_model):
    repo, shas = history
    bob = django_user_model.objects.create_user("bob")

    scan(alice, repo.path, emails=[ALICE])
    scan(bob, repo.path, emails=[BOB])

    assert kpis(alice)["commits"] == 3  # without c4, written as Alice@Work.Example
    assert kpis(alice)["lines_of_code"]["by_language"] == {"Python": 6, "JavaScript": 4}
    assert kpis(bob)["commits"] == 1
    assert kpis(bob)["lines_of_code"]["by_language"] == {"Python": 5}
    assert CountedCommit.objects.get(learner=bob).sha == shas["c2"]


def test_a_fork_holding_the_same_commits_counts_them_once(history, alice, tmp_path):
    repo, _shas = history
    fork = Repo.clone(repo, tmp_path / "fork")
    fork.commit({"app/fork.py": "a = 1\n\nb = 2\n"})

    scans = scan(alice, repo.path, fork.path)

    assert [s.counted for s in scans] == [4, 1]
    totals = kpis(alice)
    assert totals["commits"] == EXPECTED["commits"] + 1
    assert totals["lines_of_code"]["by_language"]["Python"] == 8 + 2
    rows = {row.path: row.commits for row in selectors.kpi_repositories(learner=alice)}
    assert rows == {str(repo.path): 4, str(fork.path): 5}


def test_a_rescan_with_nothing_new_adds_nothing_and_is_fast(
    history, alice, django_assert_max_num_queries
):
    repo, _shas = history
    scan(alice, repo.path)

    started = time.perf_counter()
    with django_assert_max_num_queries(8):
        (result,) = services.scan_kpis(learner=alice)
    seconds = time.perf_counter() - started

    assert (result.counted, result.is_from_scratch) == (0, False)
    assert kpis(alice) == EXPECTED
    assert seconds < 1.0


def test_new_commits_add_only_themselves(history, alice):
    repo, _shas = history
    scan(alice, repo.path)
    new = repo.commit({"app/more.py": "a = 1\nb = 2\n", "CHANGELOG.md": "# Changes\n"})

    (result,) = services.scan_kpis(learner=alice)

    assert (result.counted, result.is_from_scratch, result.head) == (1, False, new)
    totals = kpis(alice)
    assert totals["commits"] == EXPECTED["commits"] + 1
    assert totals["lines_of_code"]["total"] == EXPECTED["lines_of_code"]["total"] + 2
    assert totals["docs_pages"] == EXPECTED["docs_pages"] + 1


def test_scanning_twice_gives_the_same_totals(history, alice):
    repo, _shas = history
    scan(alice, repo.path)
    first = kpis(alice)
    Repository.objects.update(last_commit="")  # forget where the scan stopped

    (again,) = scan(alice, repo.path)

    assert again.is_from_scratch and again.counted == 0
    assert kpis(alice) == first == EXPECTED
    assert CountedCommit.objects.count() == 4


def test_a_rewritten_history_rescans_from_scratch_and_drops_what_is_gone(history, alice):
    repo, shas = history
    scan(alice, repo.path)
    # "git commit --amend" of c5 and a force-push: c5 is gone, c5' replaces it.
    repo.git("reset", "--quiet", "--hard", "HEAD~1")
    amended = repo.commit({"app/main.py": (repo.path / "app/main.py").read_text() + "w = 4\n"})
    repo.git("reflog", "expire", "--expire=now", "--all")
    repo.git("gc", "--quiet", "--prune=now")

    (result,) = services.scan_kpis(learner=alice)

    assert (result.is_from_scratch, result.counted, result.head) == (True, 1, amended)
    shas_now = set(CountedCommit.objects.values_list("sha", flat=True))
    assert shas["c5"] not in shas_now and amended in shas_now
    assert kpis(alice) == EXPECTED  # c5' adds one line of Python, as c5 did


def test_a_commit_still_held_by_a_fork_keeps_counting(history, alice, tmp_path):
    repo, shas = history
    fork = Repo.clone(repo, tmp_path / "fork")
    scan(alice, repo.path, fork.path)
    repo.git("reset", "--quiet", "--hard", "HEAD~1")  # c5 leaves the first repository

    (result,) = services.scan_kpis(learner=alice, paths=[str(repo.path)])

    assert result.is_from_scratch
    assert CountedCommit.objects.filter(sha=shas["c5"]).exists()
    assert kpis(alice) == EXPECTED


def test_a_new_address_rescans_from_scratch(history, alice):
    repo, shas = history
    scan(alice, repo.path, emails=[ALICE])

    (result,) = services.scan_kpis(learner=alice, emails=[ALICE_WORK.lower()])

    assert (result.is_from_scratch, result.counted) == (True, 1)
    assert CountedCommit.objects.filter(sha=shas["c4"]).exists()
    assert kpis(alice) == EXPECTED


def test_an_empty_repository_counts_nothing(tmp_path, alice):
    need(have_git(), "the git binary is not installed")
    empty = Repo.create(tmp_path / "empty")

    (result,) = scan(alice, empty.path)

    assert (result.head, result.counted) == (None, 0)
    assert kpis(alice)["commits"] == 0


def test_a_registered_repository_that_vanished_is_reported_not_fatal(history, alice, tmp_path):
    repo, _shas = history
    other = Repo.create(tmp_path / "other")
    other.commit({"x.py": "x = 1\n"})
    scan(alice, repo.path, other.path)
    import shutil

    shutil.rmtree(other.path)

    results = services.scan_kpis(learner=alice)

    problems = {r.path: r.problem for r in results}
    assert problems[str(repo.path)] is None
    assert "no longer a git repository" in problems[str(other.path)]
    assert kpis(alice)["commits"] == EXPECTED["commits"] + 1


@pytest.mark.parametrize(
    ("paths", "emails", "message"),
    [
        (["missing"], [ALICE], "no such folder: "),
        (["plain"], [ALICE], "not a git repository: "),
        (["project"], ["not-an-address"], "not an e-mail address: not-an-address"),
    ],
)
def test_bad_input_stores_nothing(history, alice, tmp_path, paths, emails, message):
    (tmp_path / "plain").mkdir()
    good = [str(tmp_path / "project")]

    with pytest.raises(services.KpiInputError, match=message):
        services.scan_kpis(
            learner=alice, paths=good + [str(tmp_path / p) for p in paths], emails=emails
        )

    assert Repository.objects.count() == 0
    assert alice.kpi_addresses.count() == 0


def test_a_scan_needs_an_address(history, alice):
    repo, _shas = history

    with pytest.raises(services.NoAuthorError):
        services.scan_kpis(learner=alice, paths=[str(repo.path)])


def test_the_background_function_scans_every_registered_repository(history, alice):
    from skillpath.assessment.tasks import scan_kpis_task

    repo, _shas = history
    services.register_repository(learner=alice, path=str(repo.path / "app"))
    services.register_author(learner=alice, email=ALICE)
    services.register_author(learner=alice, email=ALICE_WORK)

    assert scan_kpis_task(alice.pk) == 4
    assert scan_kpis_task(alice.pk) == 0
    assert Repository.objects.get().path == str(repo.path)
