"""WCAG 2.2 AA on every page, held by axe-core (vendored, pinned: tests/e2e/vendor/) in
Chromium: each page of the web app's URL conf, in Russian and English, for three people — a
visitor of a server, a new learner, and a learner with weeks of history (sessions, a check
run, a quiz, reviews due). Any serious or critical violation fails, naming the rule, the
page and the element. A page added later is covered without editing this file.

The pages do not depend on the database engine, so this runs on the SQLite pass only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.pages import every_page, history_for

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}


def violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line per element."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        f"{rule['id']} ({rule['impact']}): {' '.join(node['target'])} — {node['failureSummary']}"
        for rule in result["violations"]
        if rule["impact"] in BLOCKING
        for node in rule["nodes"]
    ]


def check_every_page(open_page, samples: dict[str, object], person: str) -> int:
    problems, checked = [], 0
    for view in every_page(open_page, samples):
        checked += 1
        problems += [f"{person} {view.language} {view.where}: {v}" for v in violations(view.page)]
    assert problems == [], "\n".join(problems)
    print(f"axe: {person}: {checked} page views, 0 serious or critical")  # shown with -s
    return checked


def test_a_visitor_of_a_server_meets_no_serious_violation(open_page, builtin, settings):
    settings.LOCAL_MODE = False
    assert check_every_page(open_page, {}, "visitor") >= 2 * 15


def test_a_new_learner_meets_no_serious_violation(open_page, builtin):
    assert check_every_page(open_page, {}, "new learner") >= 2 * 15


def test_a_learner_with_history_meets_no_serious_violation(open_page, builtin):
    from skillpath.people.services import ensure_local_user

    samples = history_for(ensure_local_user())
    assert check_every_page(open_page, samples, "learner with history") >= 2 * 20
