"""The curriculum pages: what they show in each language, their 404s, their query counts,
the language switch and the htmx month partial.

Local mode (on by default) signs in the browser on this machine, which the test client is
here (`local_browser`); that is expected for these public curriculum pages. Query counts
are taken after a first request, once the local user and its session exist: three of the
counted queries are the session, the user and the navbar's look for a running timer.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise

import pytest
from django.conf import settings
from django.utils.html import escape

from skillpath.curriculum import models as m
from tests.conftest import need
from tests.web.conftest import in_language

ROADMAP = "/c/backend/"


@pytest.fixture(autouse=True)
def on_this_machine(local_browser):
    """Every page here is read by the local learner's browser (see the docstring)."""


# Session + user + the navbar's running timer, then the page's own reads (see each view's
# selector).
FRAME = 3
QUERIES = {
    # curriculum; phases, months (+practice), blocks, topics, milestones, projects; the
    # learner's mastery (questions per topic, their review cards)
    "roadmap": FRAME + 9,
    # curriculum; month (+phase, practice), blocks, topics, milestones, months; the signed-in
    # learner's practice-check statuses; mastery (questions per topic, review cards)
    "month": FRAME + 9,
    # curriculum; topic (+block, month, phase, practice), its objectives and concepts, its
    # materials, siblings, previous, next; the learner's enrolments (to know whether to show
    # their progress); mastery (2)
    "topic": FRAME + 10,
    # curriculum; phases, projects, resources, resources without a phase; the signed-in
    # learner's practice-check statuses
    "projects": FRAME + 6,
    "assessment": FRAME + 12,  # curriculum; one per policy table, KPIs/roles/skills prefetched
}


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def shows(response, *texts: str) -> bool:
    body = text(response)
    missing = [t for t in texts if escape(t) not in body]
    assert not missing, f"missing from the page: {missing}"
    return True


def hides(response, *texts: str) -> bool:
    body = text(response)
    present = [t for t in texts if escape(t) in body]
    assert not present, f"should not be on the page: {present}"
    return True


def html_lang(response) -> str:
    match = re.search(r'<html lang="([a-z-]+)"', text(response))
    assert match
    return match.group(1)


# --- Home ------------------------------------------------------------------------------


def test_home_redirects_to_the_default_curriculum(client, builtin):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == ROADMAP


@pytest.mark.django_db
def test_home_explains_how_to_import_a_plan_when_there_is_none(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "web/empty.html" in [t.name for t in response.templates]
    shows(response, "skillpath curriculum import PATH", "skillpath setup")


@pytest.mark.django_db
def test_the_import_hint_is_a_command_that_works_after_make_run(client, monkeypatch, tmp_path):
    import sys
    from pathlib import Path

    installed = Path(sys.executable).parent / "skillpath"
    need(installed.is_file(), "skillpath is not installed beside this Python")
    monkeypatch.setenv("PATH", str(tmp_path))  # not on the PATH, as after `make run`
    shows(client.get("/"), f"{installed} curriculum import PATH", f"{installed} setup")


# --- Roadmap ---------------------------------------------------------------------------


def test_the_roadmap_reads_in_russian(ru, builtin):
    response = ru.get(ROADMAP)
    assert html_lang(response) == "ru"
    shows(
        response,
        builtin.title_ru,
        builtin.subtitle_ru,
        builtin.goal_ru,
        "Фундаментальные навыки",
        "Классы и объекты",
        "HTTP протокол",
        "Архитектура enterprise-уровня системы",
        "Готовность к Junior позиции, понимание основ",
    )
    hides(response, builtin.title_en, "Foundational skills", "Classes and objects")


def test_the_roadmap_reads_in_english(en, builtin):
    response = en.get(ROADMAP)
    assert html_lang(response) == "en"
    shows(
        response,
        builtin.title_en,
        builtin.subtitle_en,
        builtin.goal_en,
        "Foundational skills",
        "Classes and objects",
        "HTTP protocol",
        "Architecture of an enterprise-grade system",
        "Ready for a Junior position, solid grasp of the fundamentals",
        "Month 3",
        "Phase 2",
        "Weeks 9–12",
        "Capstone project",
    )
    hides(response, builtin.title_ru, "Фундаментальные навыки")


def test_the_roadmap_header_gives_the_key_figures(en, builtin):
    response = en.get(ROADMAP)
    shows(
        response,
        "18–24 months",
        "15–25 h/week",
        "70% practice / 30% theory",
        "Senior Backend Engineer",
        "4 phases",
        "18 months",
        "36 two-week blocks",
        "144 topics",
        "12 projects",
    )


def test_the_roadmap_links_every_month_and_every_topic(en, builtin):
    body = text(en.get(ROADMAP))
    for topic in m.Topic.objects.filter(curriculum=builtin):
        assert f'href="/c/backend/topics/{topic.slug}/"' in body
    assert len(re.findall(r'href="/c/backend/topics/[^"]+/"', body)) == 144
    for number in range(1, 19):
        assert f'href="/c/backend/months/{number}/"' in body
        assert f'id="month-{number}"' in body


def test_the_timeline_is_proportional_and_marks_milestones_and_the_capstone(en, builtin):
    body = text(en.get(ROADMAP))
    timeline = body[body.index('class="sp-timeline"') : body.index('class="sp-legend"')]
    # Phases span 3, 5, 6 and 4 months of the 18.
    phases = re.findall(r'class="sp-tl-phase sp-phase-(\d) sp-grow-(\d+)"', timeline)
    assert phases == [("1", "3"), ("2", "5"), ("3", "6"), ("4", "4")]
    months = re.findall(
        r'<li class="sp-tl-month([^"]*)">\s*<a class="sp-tl-month-link" '
        r'href="#month-(\d+)"',
        timeline,
    )
    assert [int(n) for _, n in months] == list(range(1, 19))
    marked = {int(n): classes.split() for classes, n in months if classes}
    assert marked == {
        3: ["has-milestone"],
        8: ["has-milestone"],
        14: ["has-milestone"],
        18: ["has-milestone", "is-capstone"],
    }
    for level in ("Junior", "Middle", "Senior", "Tech lead"):
        assert level in timeline


def test_milestones_and_projects_sit_in_place(en, builtin):
    body = text(en.get(ROADMAP))

    def at(marker: str) -> int:
        assert marker in body, marker
        return body.index(marker)

    for number, month in ((1, 3), (2, 8), (3, 14), (4, 18)):
        assert at(f'id="month-{month}"') < at(f'id="milestone-{number}"')
        if month < 18:
            assert at(f'id="milestone-{number}"') < at(f'id="month-{month + 1}"')
    # Each phase's projects close that phase, before the next phase begins.
    assert at('id="month-3"') < at("CLI Task Manager") < at('id="phase-2"')
    assert at('id="month-18"') < at("Enterprise Integration Platform")


def test_the_capstone_is_highlighted_once(en, builtin):
    body = text(en.get(ROADMAP))
    assert body.count("sp-month-capstone") == 1
    assert body.count("sp-practice is-capstone") == 1
    capstone = body[body.index("sp-practice is-capstone") :]
    assert "Architecture of an enterprise-grade system" in capstone[:600]


def test_the_roadmap_query_count_is_fixed(en, builtin, django_assert_num_queries):
    en.get(ROADMAP)
    with django_assert_num_queries(QUERIES["roadmap"]):
        en.get(ROADMAP)
    assert QUERIES["roadmap"] <= 12


def test_the_roadmap_query_count_does_not_grow_with_the_curriculum(
    en, big_curriculum, django_assert_num_queries
):
    assert m.Topic.objects.filter(curriculum=big_curriculum).count() == 540
    en.get("/c/big/")
    with django_assert_num_queries(QUERIES["roadmap"]):
        response = en.get("/c/big/")
    shows(
        response,
        "Topic 30.3.6 (en)",
        "Milestone 6 (en)",
        "Project 18 (en)",
        "30 months",
        "540 topics",
    )
    body = text(response)
    assert re.findall(r'class="sp-tl-phase sp-phase-\d sp-grow-(\d+)"', body) == ["5"] * 6


# --- Month -----------------------------------------------------------------------------


def test_a_month_page_in_russian(ru, builtin):
    response = ru.get("/c/backend/months/3/")
    shows(
        response,
        "Первые веб-приложения",
        "Создать первое веб-приложение с базой данных",
        "HTTP протокол",
        "Методы, заголовки, статус коды",
        "REST API для управления задачами (TODO приложение)",
        "Готовность к Junior позиции, понимание основ",
    )
    hides(response, "First web applications")


def test_a_month_page_in_english(en, builtin):
    response = en.get("/c/backend/months/3/")
    shows(
        response,
        "Month 3: First web applications",
        "Build your first database-backed web application",
        "HTTP protocol",
        "Methods, headers, status codes",
        "A REST API for task management (a TODO app)",
        "Milestone 1 · after month 3",
        "Weeks 9–10",
        "Weeks 11–12",
    )
    body = text(response)
    assert 'href="/c/backend/topics/http-protokol/"' in body
    # Breadcrumbs, then the links to the months around it.
    assert '<ol class="breadcrumb">' in body
    assert re.search(r'href="/c/backend/months/2/" rel="prev"', body)
    assert re.search(r'href="/c/backend/months/4/" rel="next"', body)


def test_the_first_and_last_months_link_one_way(en, builtin):
    first = text(en.get("/c/backend/months/1/"))
    assert 'rel="prev"' not in first and 'href="/c/backend/months/2/" rel="next"' in first
    last = en.get("/c/backend/months/18/")
    body = text(last)
    assert 'rel="next"' not in body and 'href="/c/backend/months/17/" rel="prev"' in body
    shows(
        last,
        "Capstone project",
        "Architecture of an enterprise-grade system",
        "Tech Lead / Principal Engineer readiness",
    )


def test_htmx_gets_only_the_month_partial(en, builtin):
    response = en.get("/c/backend/months/4/", headers={"HX-Request": "true"})
    body = text(response)
    assert "<html" not in body and '<nav class="navbar' not in body
    assert body.count('id="month-detail"') == 1
    assert "<title>Month 4: Application architecture · Skillpath</title>" in body
    # The language form must follow the address htmx pushes.
    assert re.search(
        r'<input type="hidden" name="next" value="/c/backend/months/4/" '
        r'id="language-next" hx-swap-oob="true">',
        body,
    )
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_month_page(en, builtin):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    body = text(en.get("/c/backend/months/4/", headers=headers))
    assert "<html" in body and 'id="month-detail"' in body


def test_month_links_load_the_next_month_with_htmx(en, builtin):
    body = text(en.get("/c/backend/months/4/"))
    assert re.search(
        r'href="/c/backend/months/5/" rel="next"\s+hx-get="/c/backend/months/5/" '
        r'hx-target="#month-detail"',
        body,
    )
    assert 'hx-push-url="true"' in body


def test_the_month_query_count_is_fixed(en, big_curriculum, django_assert_num_queries):
    en.get("/c/big/months/7/")
    with django_assert_num_queries(QUERIES["month"]):
        en.get("/c/big/months/7/")
    with django_assert_num_queries(QUERIES["month"]):
        en.get("/c/backend/months/7/")


# --- Topic -----------------------------------------------------------------------------


def test_a_topic_page_in_both_languages(client, builtin):
    topic = m.Topic.objects.get(curriculum=builtin, slug="http-protokol")
    ru = in_language(client, "ru").get("/c/backend/topics/http-protokol/")
    shows(ru, topic.title_ru, topic.description_ru, "Первые веб-приложения")
    hides(ru, "HTTP protocol", "First web applications")
    en = in_language(client, "en").get("/c/backend/topics/http-protokol/")
    shows(
        en,
        topic.title_en,
        topic.description_en,
        "Month 3: First web applications",
        "Phase 1",
        "9–10",
        "HTTP and web fundamentals",
        "In this block",
        "A REST API for task management (a TODO app)",
    )
    hides(en, "HTTP протокол")
    assert html_lang(en) == "en"


def test_a_topic_links_its_neighbours_across_blocks(en, builtin):
    body = text(en.get("/c/backend/topics/http-protokol/"))
    # The first topic of month 3 follows the last of month 2.
    previous = m.Topic.objects.filter(curriculum=builtin, block__month__number=2).last()
    assert f'href="/c/backend/topics/{previous.slug}/" rel="prev"' in body
    assert 'href="/c/backend/topics/rest-api/" rel="next"' in body
    assert '<ol class="breadcrumb">' in body
    assert 'href="/c/backend/months/3/"' in body


def test_the_first_and_last_topics_link_one_way(en, builtin):
    first = text(en.get("/c/backend/topics/linux/"))
    assert 'rel="prev"' not in first and 'href="/c/backend/topics/git/" rel="next"' in first
    last = m.Topic.objects.filter(curriculum=builtin).last()
    body = text(en.get(f"/c/backend/topics/{last.slug}/"))
    assert 'rel="next"' not in body and 'rel="prev"' in body


def test_a_topic_shows_its_estimated_hours_only_when_it_has_them(en, builtin):
    topics = m.Topic.objects.filter(curriculum=builtin, slug="git")
    topics.update(estimated_hours=None)
    hides(en.get("/c/backend/topics/git/"), "Estimated time")
    topics.update(estimated_hours=Decimal("6.5"))
    shows(en.get("/c/backend/topics/git/"), "Estimated time", "6 h 30 min")


def test_months_and_the_roadmap_add_up_the_estimated_hours(en, builtin):
    topics = m.Topic.objects.filter(curriculum=builtin)
    topics.update(estimated_hours=Decimal("2.5"))
    topics.filter(block__month__number=1).update(estimated_hours=Decimal("10"))
    shows(en.get("/c/backend/months/1/"), "Estimated time", "80 h", "10 h")
    shows(en.get("/c/backend/months/2/"), "20 h", "2 h 30 min")
    # 8 topics x 10 h in month 1, 136 x 2.5 h in the others.
    shows(en.get(ROADMAP), "≈ 80 h", "≈ 20 h", "≈ 420 h of study")
    topics.update(estimated_hours=None)
    hides(en.get(ROADMAP), "h of study", "≈")
    hides(en.get("/c/backend/months/1/"), "Estimated time")


def test_the_topic_query_count_is_fixed(en, big_curriculum, django_assert_num_queries):
    en.get("/c/big/topics/topic-12-2-3/")
    with django_assert_num_queries(QUERIES["topic"]):
        response = en.get("/c/big/topics/topic-12-2-3/")
    shows(response, "3 h 30 min")
    with django_assert_num_queries(QUERIES["topic"]):
        en.get("/c/backend/topics/git/")


# --- Projects --------------------------------------------------------------------------


def test_the_projects_page_lists_projects_by_phase_and_resources(client, builtin):
    ru = in_language(client, "ru").get("/c/backend/projects/")
    shows(
        ru,
        "Консольный менеджер задач с файловым хранением",
        "Системный дизайн",
        "LeetCode (алгоритмы), HackerRank (общее программирование)",
    )
    en = in_language(client, "en").get("/c/backend/projects/")
    shows(
        en,
        "A console task manager with file-based storage",
        "System design",
        "Grokking the System Design Interview",
        "Clean Code",
        "High Performance MySQL",
        "Online courses",
        "Practice platforms",
        "Books by phase",
    )
    body = text(en)
    numbers = re.findall(r'id="project-(\d+)"', body)
    assert numbers == [str(n) for n in range(1, 13)]
    # Projects 1–3 belong to phase 1, 10–12 to phase 4.
    assert (
        body.index('id="projects-phase-1"')
        < body.index('id="project-1"')
        < body.index('id="projects-phase-2"')
    )
    assert body.index('id="projects-phase-4"') < body.index('id="project-10"')


def test_the_projects_query_count_is_fixed(en, big_curriculum, django_assert_num_queries):
    en.get("/c/big/projects/")
    with django_assert_num_queries(QUERIES["projects"]):
        en.get("/c/big/projects/")
    with django_assert_num_queries(QUERIES["projects"]):
        en.get("/c/backend/projects/")


# --- Assessment ------------------------------------------------------------------------


def test_the_assessment_page_shows_both_time_splits_and_says_which_is_which(en, builtin):
    response = en.get("/c/backend/assessment/")
    shows(
        response,
        "Weekly time targets",
        "Learning approach",
        "Theory 30%",
        "Practice 50%",
        "Research 20%",
        "Practice 70%",
        "The plan states both splits",
    )
    body = text(response)
    weekly = body[body.index('id="weekly-title"') : body.index('id="approach-title"')]
    assert re.findall(r'class="sp-kind-(\w+) sp-grow-(\d+)"', weekly) == [
        ("theory", "30"),
        ("practice", "50"),
        ("research", "20"),
    ]
    approach = body[body.index('id="approach-title"') : body.index('id="activities"')]
    assert re.findall(r'class="sp-kind-(\w+) sp-grow-(\d+)"', approach) == [
        ("practice", "70"),
        ("theory", "30"),
    ]


def test_the_assessment_page_pairs_level_checks_with_milestones(en, builtin):
    body = text(en.get("/c/backend/assessment/"))
    checks = re.findall(
        r'<span class="sp-check-label">(Q\d)</span></h3>\s*'
        r'<span class="badge sp-level sp-level-(\w+)">',
        body,
    )
    assert checks == [("Q1", "junior"), ("Q2", "middle"), ("Q3", "senior"), ("Q4", "tech_lead")]
    for number, month in ((1, 3), (2, 8), (3, 14), (4, 18)):
        assert f"Milestone {number} · after month {month}" in body


def test_the_assessment_page_in_russian(ru, builtin):
    shows(
        ru.get("/c/backend/assessment/"),
        "времени на изучение концепций",
        "Code review практических проектов",
        "Junior Backend Developer готовность",
        "Технические KPI",
        "50,000+",
        "Management Track",
        "Staff Engineer",
        "Лидерские",
        "Проектирование distributed systems",
        "позициям в топовых компаниях",
    )


def test_the_assessment_page_in_english(en, builtin):
    shows(
        en.get("/c/backend/assessment/"),
        "of your time on learning concepts",
        "Code review of practice projects",
        "Mock interview to assess your current level",
        "Junior Backend Developer readiness",
        "Technical KPIs",
        "Lines of code written",
        "50,000+",
        "3-5 professional certifications",
        "Specialized Track",
        "Data Engineer",
        "Leadership",
        "Designing distributed systems",
        "Next steps",
        "After completing this program, you will be ready for:",
        "positions at top companies",
    )


def test_the_assessment_query_count_is_fixed(en, builtin, django_assert_num_queries):
    en.get("/c/backend/assessment/")
    with django_assert_num_queries(QUERIES["assessment"]):
        en.get("/c/backend/assessment/")


# --- A sparse plan ---------------------------------------------------------------------


def test_a_plan_with_little_in_it_still_renders_every_page(client, db):
    """A month without blocks or practice, no milestones, projects, policy or figures."""
    from skillpath.curriculum.importers.base import ParsedPlan
    from skillpath.curriculum.plan import CurriculumDoc, MonthDoc, PhaseDoc, Text
    from skillpath.curriculum.services import import_curriculum

    month = MonthDoc("month-1", 1, Text(en="Getting started"))
    doc = CurriculumDoc(
        slug="tiny",
        title=Text(en="A tiny plan"),
        phases=(PhaseDoc("p", 1, Text(en="Only"), (month,)),),
    )
    import_curriculum(parsed=ParsedPlan(doc=doc, source_format="yaml", language="en"))
    in_language(client, "ru")  # no Russian texts: every text falls back to English
    shows(client.get("/c/tiny/"), "A tiny plan", "Getting started")
    shows(client.get("/c/tiny/months/1/"), "Getting started")
    shows(client.get("/c/tiny/projects/"), "A tiny plan")
    body = text(client.get("/c/tiny/assessment/"))
    assert 'id="kpis"' not in body and 'id="levels"' not in body


# --- Not found -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/c/nope/",
        "/c/nope/months/1/",
        "/c/nope/topics/linux/",
        "/c/nope/projects/",
        "/c/nope/assessment/",
        "/c/backend/months/0/",
        "/c/backend/months/19/",
        "/c/backend/topics/no-such-topic/",
        "/no/such/page/",
    ],
)
def test_unknown_pages_are_a_friendly_404(en, builtin, path):
    response = en.get(path)
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body and 'href="/"' in body
    assert "sp-navbar" in body  # in the site's own frame, not Django's bare page


def test_a_topic_of_another_curriculum_is_not_found_here(en, builtin, big_curriculum):
    assert en.get("/c/big/topics/topic-1-1-1/").status_code == 200
    assert en.get("/c/backend/topics/topic-1-1-1/").status_code == 404


# --- Language --------------------------------------------------------------------------


def test_the_language_switch_sets_the_cookie_and_the_next_page_follows_it(client, builtin):
    in_language(client, "ru")
    shows(client.get(ROADMAP), "Фундаментальные навыки")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/c/backend/months/2/"})
    assert response.status_code == 302
    assert response["Location"] == "/c/backend/months/2/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en" and int(cookie["max-age"]) >= 30 * 24 * 3600
    month = client.get("/c/backend/months/2/")
    assert html_lang(month) == "en"
    shows(month, "Going deeper into programming")
    shows(client.get("/c/backend/projects/"), "A console task manager with file-based storage")

    response = client.post("/i18n/setlang/", {"language": "ru", "next": ROADMAP})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    shows(client.get(ROADMAP), "Фундаментальные навыки")


def test_every_page_offers_both_languages_and_marks_the_current_one(en, builtin):
    for path in (
        ROADMAP,
        "/c/backend/months/1/",
        "/c/backend/topics/git/",
        "/c/backend/projects/",
        "/c/backend/assessment/",
    ):
        body = text(en.get(path))
        assert '<form action="/i18n/setlang/" method="post" id="language-form">' in body
        assert f'<input type="hidden" name="next" value="{path}" id="language-next">' in body
        assert re.search(r'value="en"[^>]*\s+class="btn btn-light"\s+aria-pressed="true"', body)
        assert re.search(
            r'value="ru"[^>]*\s+class="btn btn-outline-light"\s+'
            r'aria-pressed="false"',
            body,
        )


# --- Page frame ------------------------------------------------------------------------

PAGES = [
    ROADMAP,
    "/c/backend/months/5/",
    "/c/backend/topics/git/",
    "/c/backend/projects/",
    "/c/backend/assessment/",
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_obey_the_content_security_policy(en, builtin, path):
    """No inline script or style: the policy would block them in the browser."""
    response = en.get(path)
    body = text(response)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert " style=" not in body and "<style" not in body
    for tag in re.findall(r"<script[^>]*>", body):
        assert ' src="/static/' in tag, tag
    assert re.search(r' on[a-z]+="', body) is None  # no inline event handlers


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_landmarks_one_h1_and_headings_in_order(en, builtin, path):
    body = text(en.get(path))
    for landmark in ("<header", "<nav", '<main id="content"', "<footer"):
        assert landmark in body
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", body)]
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in pairwise(levels):
        assert after <= before + 1, f"heading h{after} follows h{before}"
    assert 'href="#content"' in body  # skip link


@pytest.mark.parametrize("path", PAGES)
def test_the_current_section_is_marked_in_the_navbar(en, builtin, path):
    body = text(en.get(path))
    active = re.findall(r'<a class="nav-link active" aria-current="(\w+)" href="([^"]+)"', body)
    section = "/c/backend/" + (
        "projects/" if "projects" in path else "assessment/" if "assessment" in path else ""
    )
    # "page" on the section's own page, "true" on a page inside it (a month, a topic).
    assert active == [("page" if path == section else "true", section)]


def test_a_signed_in_learner_s_language_choice_is_kept_for_the_cli(client, builtin, alice):
    from skillpath.people.selectors import language_of

    client.force_login(alice)
    assert language_of(alice) is None
    client.post("/i18n/setlang/", {"language": "ru", "next": ROADMAP})
    assert language_of(alice) == "ru"
    # A language the installation does not ship changes nothing.
    client.post("/i18n/setlang/", {"language": "de", "next": ROADMAP})
    assert language_of(alice) == "ru"


def test_a_visitor_s_language_choice_stores_nothing(client, builtin, server_mode):
    from skillpath.people.models import Profile

    response = client.post("/i18n/setlang/", {"language": "ru", "next": ROADMAP})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert not Profile.objects.exists()
