"""The KPIs page /kpis/: every KPI against its target, entries added and deleted, another
learner's entry a 404, bad input a 400 with the field named (never a 500)."""

from datetime import date

import pytest

from skillpath.assessment import kpi_services
from skillpath.assessment.models import KpiEntry


def _entry(learner, curriculum, **changes):
    return kpi_services.add_kpi_entry(
        learner=learner,
        curriculum=curriculum,
        kpi="certification-achievements",
        title=changes.pop("title", "AWS Solutions Architect"),
        happened_on=date(2026, 1, 20),
        today=date.today(),
        **changes,
    )


def test_the_page_shows_every_kpi_the_scan_command_and_the_form(as_alice, enrolled):
    page = as_alice.get("/kpis/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Lines of code written" in page and "50,000+" in page
    assert "Counted when reviews land" in page
    assert "kpi scan PATH --author EMAIL" in page
    assert 'id="kpi-chart"' in page and 'id="sp-dashboard-data"' in page
    assert '<option value="certification-achievements"' in page
    assert '<option value="lines-of-code-written"' not in page


def test_adding_an_entry_counts_it(as_alice, enrolled, alice):
    response = as_alice.post(
        "/kpis/",
        {
            "kpi": "certification-achievements",
            "title": "CKA",
            "amount": "2",
            "happened_on": "2026-01-20",
            "evidence_url": "https://example.com/cka",
        },
    )
    assert response.status_code == 302
    entry = KpiEntry.objects.get(learner=alice)
    assert (entry.amount, entry.evidence_url) == (2, "https://example.com/cka")
    page = as_alice.get("/kpis/").content.decode()
    assert 'href="https://example.com/cka"' in page and f"/kpis/entries/{entry.pk}/delete/" in page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kpi", "lines-of-code-written"),
        ("amount", "0"),
        ("amount", "x"),
        ("happened_on", "2026-02-30"),
        ("happened_on", "9999-01-01"),
        ("evidence_url", "javascript:alert(1)"),
        ("title", ""),
        ("title", "x" * 500),
    ],
)
def test_bad_input_is_a_400_naming_the_field(as_alice, enrolled, field, value):
    data = {
        "kpi": "certification-achievements",
        "title": "CKA",
        "amount": "1",
        "happened_on": "2026-01-20",
        field: value,
    }
    response = as_alice.post("/kpis/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not KpiEntry.objects.exists()


def test_deleting_an_entry(as_alice, enrolled, alice):
    entry = _entry(alice, enrolled.curriculum)
    assert as_alice.get(f"/kpis/entries/{entry.pk}/delete/").status_code == 405
    assert as_alice.post(f"/kpis/entries/{entry.pk}/delete/").status_code == 302
    assert not KpiEntry.objects.exists()


def test_another_learners_entry_is_a_404(as_alice, enrolled, charlie):
    entry = _entry(charlie, enrolled.curriculum)
    assert as_alice.post(f"/kpis/entries/{entry.pk}/delete/").status_code == 404
    assert KpiEntry.objects.filter(pk=entry.pk).exists()
    assert "AWS Solutions Architect" not in as_alice.get("/kpis/").content.decode()


def test_the_page_costs_a_fixed_number_of_queries(
    as_alice, enrolled, alice, django_assert_max_num_queries
):
    as_alice.get("/kpis/")
    for n in range(5):
        _entry(alice, enrolled.curriculum, title=f"cert {n}")
    with django_assert_max_num_queries(20) as counted:
        as_alice.get("/kpis/")
    first = len(counted.captured_queries)
    _entry(alice, enrolled.curriculum, title="one more")
    with django_assert_max_num_queries(first):
        as_alice.get("/kpis/")


def test_the_assessment_page_links_to_the_kpis(as_alice, enrolled):
    page = as_alice.get(f"/c/{enrolled.curriculum.slug}/assessment/").content.decode()
    assert 'href="/kpis/"' in page
