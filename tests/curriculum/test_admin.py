"""The admin lists and edits curriculum items for a staff author; others are sent to log in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from skillpath.curriculum import models as m

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(django_user_model):
    return django_user_model.objects.create_superuser("author", "a@example.com", "author-pass-1")


@pytest.mark.parametrize(
    "model",
    [
        m.Curriculum,
        m.Phase,
        m.Month,
        m.Block,
        m.Topic,
        m.Practice,
        m.Milestone,
        m.Project,
        m.Resource,
        m.KpiTarget,
    ],
)
def test_every_list_opens_for_an_author(client, author, builtin, model):
    client.force_login(author)

    response = client.get(reverse(f"admin:curriculum_{model._meta.model_name}_changelist"))

    assert response.status_code == 200


def _change_form(client, url):
    """The data the admin's change page would post back unchanged: the item's fields and
    every inline row as shown (objectives, materials, chapters...)."""

    def shown(form):  # a field's value as the page writes it (a JSON list as JSON text)
        return {
            name: form.fields[name].prepare_value(value)
            for name, value in form.initial.items()
            if value is not None and name in form.fields
        }

    page = client.get(url).context
    data = shown(page["adminform"].form)
    for inline in page["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
        for sub in formset.forms:
            data.update({sub.add_prefix(k): v for k, v in shown(sub).items()})
            data[sub.add_prefix("id")] = sub.instance.pk
    return data


def _saved(response) -> None:
    assert response.status_code == 302, [
        response.context["adminform"].form.errors,
        *(i.formset.errors for i in response.context["inline_admin_formsets"]),
    ]


def test_an_author_fixes_a_translation(client, author, builtin):
    client.force_login(author)
    topic = m.Topic.objects.get(curriculum=builtin, slug="linux")
    url = reverse("admin:curriculum_topic_change", args=[topic.pk])
    data = _change_form(client, url)
    data.update(slug=topic.slug, position=topic.position, title_en="Linux basics")

    _saved(client.post(url, data))

    topic.refresh_from_db()
    assert topic.title_en == "Linux basics"


def test_an_author_fixes_a_chapter_title_of_a_book(client, author, builtin):
    client.force_login(author)
    book = m.Resource.objects.get(curriculum=builtin, slug="designing-data-intensive-applications")
    url = reverse("admin:curriculum_resource_change", args=[book.pk])
    data = _change_form(client, url)
    data.update(slug=book.slug, position=book.position)
    first = book.parts.order_by("position").first()
    [key] = [k for k, v in data.items() if k.endswith("-id") and v == first.pk and "part" in k]
    data[key.replace("-id", "-title_en")] = "Reliable, Scalable, and Maintainable Applications!"

    _saved(client.post(url, data))

    first.refresh_from_db()
    assert first.title_en.endswith("Applications!")


def test_a_learner_without_staff_rights_is_sent_to_log_in(client, alice, builtin):
    client.force_login(alice)

    response = client.get(reverse("admin:curriculum_topic_changelist"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
