"""The Content Security Policy holds on the pages that carry their own scripts — the admin
and the API docs (Swagger UI) — in a real browser: they work under it, with no violation
(a violation is a console error), and an inline script is refused."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_user(django_user_model, builtin, settings):
    settings.LOCAL_MODE = False
    return django_user_model.objects.create_superuser("root", "root@example.com", "root-pass-123")


def test_the_admin_works_under_the_policy(new_page, errors, admin_user):
    page = new_page(locale="en-US")
    page.goto("/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "root-pass-123")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")

    for path in [
        "/admin/auth/user/",
        f"/admin/auth/user/{admin_user.pk}/change/",
        "/admin/auth/user/add/",
        "/admin/curriculum/curriculum/",
    ]:
        page.goto(path)
        assert page.locator("#content").is_visible()
    # The change form's scripts ran: the collapsible and filter widgets are built by them.
    page.goto(f"/admin/auth/user/{admin_user.pk}/change/")
    assert page.locator(".selector").count() > 0

    assert list(errors) == [], "\n".join(errors)


def test_the_api_docs_work_under_the_policy_and_inline_scripts_do_not(new_page, errors, builtin):
    page = new_page(locale="en-US")
    page.goto("/api/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() > 10
    assert list(errors) == [], "\n".join(errors)

    with pytest.raises(Exception, match="Content Security Policy"):
        page.add_script_tag(content="window.injected = true")
    assert page.evaluate("window.injected") is None
