"""The roadmap in a real browser: Russian first, a topic, the switch to English that sticks,
htmx month navigation, and layouts that fit a phone. No console or page errors anywhere
(a Content-Security-Policy violation is a console error)."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

pytestmark = pytest.mark.browser


def expect(target):
    """Playwright's auto-waiting assertions (imported late: Playwright may be missing)."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def expect_no_errors(errors) -> None:
    assert list(errors) == [], "\n".join(errors)


def test_a_learner_reads_the_roadmap_in_russian_then_switches_to_english(new_page, errors, builtin):
    page = new_page(locale="ru-RU")
    page.goto("/")
    assert page.url.endswith("/c/backend/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text() == builtin.title_ru
    assert page.get_by_role("heading", name="Фундаментальные навыки").is_visible()

    # The timeline jumps to month 2 and opens its topics; a topic link leads to its page.
    page.locator('.sp-timeline a[href="#month-2"]').click()
    page.wait_for_url(re.compile(r"#month-2$"))
    month_2 = page.locator("#month-2")
    assert month_2.locator("details").get_attribute("open") is not None
    month_2.get_by_role("link", name="Классы и объекты").click()
    page.wait_for_url(re.compile(r"/c/backend/topics/klassy-i-obekty/$"))
    assert page.locator("h1").inner_text() == "Классы и объекты"
    assert "Инкапсуляция, наследование, полиморфизм" in page.locator("main").inner_text()
    with translation.override("ru"):
        breadcrumb = translation.gettext("Breadcrumb")
    expect(page.get_by_role("navigation", name=breadcrumb)).to_be_visible()

    # The navbar's EN button: the same topic, now in English.
    page.get_by_role("button", name="EN", exact=True).click()
    page.wait_for_url(re.compile(r"/c/backend/topics/klassy-i-obekty/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Classes and objects"
    assert page.get_by_role("button", name="EN", exact=True).get_attribute("aria-pressed") == "true"
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies["django_language"] == "en"

    # The choice sticks: the next topic and the roadmap are in English too.
    page.get_by_role("link", name=re.compile("Next topic")).click()
    page.wait_for_url(re.compile(r"/c/backend/topics/struktury-dannyh/$"))
    assert page.locator("h1").inner_text() == "Data structures"
    page.get_by_role("link", name="Roadmap", exact=True).first.click()
    page.wait_for_url(re.compile(r"/c/backend/$"))
    assert page.locator("h1").inner_text() == builtin.title_en
    assert page.get_by_role("heading", name="Foundational skills").is_visible()
    expect_no_errors(errors)


def test_months_change_in_place_with_htmx_and_the_language_follows(new_page, errors, builtin):
    page = new_page(locale="en-US")
    page.goto("/c/backend/months/2/")
    assert page.locator("h1").inner_text() == "Month 2: Going deeper into programming"
    page.evaluate("window.sp_marker = 'same document'")

    page.locator("a.sp-pager-next").click()
    page.wait_for_url(re.compile(r"/c/backend/months/3/$"))
    expect(page).to_have_title(re.compile(r"^Month 3: "))
    assert page.locator("h1").inner_text() == "Month 3: First web applications"
    assert page.evaluate("window.sp_marker") == "same document"  # no full page load
    assert page.locator("#month-detail").count() == 1
    assert page.evaluate("document.activeElement.tagName") == "H1"
    current = page.locator('.sp-month-jump a[aria-current="page"]')
    assert current.get_attribute("href") == "/c/backend/months/3/"

    # Back and forward reload the months htmx pushed (htmx keeps no stale copies).
    page.go_back()
    page.wait_for_url(re.compile(r"/c/backend/months/2/$"))
    expect(page).to_have_title(re.compile(r"^Month 2: "))
    assert page.locator("h1").inner_text() == "Month 2: Going deeper into programming"
    page.go_forward()
    page.wait_for_url(re.compile(r"/c/backend/months/3/$"))
    expect(page).to_have_title(re.compile(r"^Month 3: "))

    # Switching language now stays on month 3, the address htmx pushed.
    page.get_by_role("button", name="RU", exact=True).click()
    page.wait_for_url(re.compile(r"/c/backend/months/3/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    assert "Первые веб-приложения" in page.locator("h1").inner_text()
    expect_no_errors(errors)


def test_expand_all_and_collapse_all_open_every_month(new_page, errors, builtin):
    page = new_page(locale="en-US")
    page.goto("/c/backend/")
    details = page.locator("details.sp-topics")
    assert details.count() == 18
    page.get_by_role("button", name="Expand all").click()
    assert page.locator("details.sp-topics[open]").count() == 18
    assert page.get_by_role("link", name="Community").is_visible()
    page.get_by_role("button", name="Collapse all").click()
    assert page.locator("details.sp-topics[open]").count() == 0
    expect_no_errors(errors)


@pytest.mark.parametrize("locale", ["ru-RU", "en-US"])
def test_every_page_fits_a_phone_and_a_laptop(new_page, errors, builtin, locale):
    paths = [
        "/c/backend/",
        "/c/backend/months/14/",
        "/c/backend/topics/linux/",
        "/c/backend/projects/",
        "/c/backend/assessment/",
    ]
    for width in (375, 1280):
        page = new_page(locale=locale, width=width, height=800)
        for path in paths:
            page.goto(path)
            overflow = page.evaluate("document.documentElement.scrollWidth") - width
            assert overflow <= 0, f"{path} is {overflow}px wider than {width}px"
        # On a phone the language buttons stay visible; the sections fold into a menu.
        page.goto("/c/backend/")
        assert page.get_by_role("button", name="EN", exact=True).is_visible()
        menu = page.locator("button.navbar-toggler")
        assert menu.is_visible() == (width < 768)
        if width < 768:
            menu.click()
            projects = page.get_by_role("link", name=re.compile("^(Projects|Проекты)$"))
            projects.wait_for(state="visible")
    expect_no_errors(errors)


def test_the_not_found_page_is_in_the_site_style(new_page, errors, builtin):
    page = new_page(locale="en-US")
    response = page.goto("/c/backend/topics/no-such-topic/")
    assert response.status == 404
    assert page.get_by_role("heading", name="Page not found").is_visible()
    page.get_by_role("link", name="Go to the roadmap").click()
    page.wait_for_url(re.compile(r"/c/backend/$"))
    # The one error is the browser reporting the 404 status of the page itself.
    assert len(errors) == 1 and "404" in errors[0]


def test_a_topic_shows_what_to_study_in_russian_then_in_english(new_page, errors, builtin):
    from skillpath.curriculum.models import Topic

    git = Topic.objects.prefetch_related("points", "materials").get(curriculum=builtin, slug="git")
    first_objective, first_material = git.objectives[0], git.materials.all()[0]
    page = new_page(locale="ru-RU")
    page.goto("/c/backend/topics/git/")

    study = page.get_by_role("region", name="Как изучать")
    expect(study.get_by_role("heading", name="После этой темы вы сможете")).to_be_visible()
    expect(study.get_by_role("list", name="После этой темы вы сможете")).to_contain_text(
        first_objective.text_ru
    )
    expect(
        study.get_by_role("list", name="Ключевые понятия").get_by_role("listitem")
    ).to_have_count(len(git.concepts))
    assert git.exercise_ru in study.inner_text()
    link = study.get_by_role("link", name=first_material.title_ru)
    assert link.get_attribute("href") == first_material.url
    assert link.get_attribute("rel") == "noopener noreferrer"

    page.get_by_role("button", name="EN", exact=True).click()
    page.wait_for_url(re.compile(r"/c/backend/topics/git/$"))
    study = page.get_by_role("region", name="Study it")
    expect(study.get_by_role("list", name="After this topic you can")).to_contain_text(
        first_objective.text_en
    )
    expect(study.get_by_role("link", name=first_material.title_en)).to_be_visible()
    expect_no_errors(errors)
