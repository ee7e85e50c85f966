"""The resource pages: the checklist (htmx), the resources page with progress by phase,
certifications, a learner's own resources (another learner gets 404), the dashboard card
— with pinned query counts that do not grow with the data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from skillpath.curriculum.models import ResourcePart
from skillpath.tracking.models import CertificationGoal, LearnerResource, PartDone
from skillpath.tracking.resource_services import PartInput, add_own_resource, set_part_done
from skillpath.tracking.services import log_session
from tests.resources.conftest import DDIA, TODAY
from tests.web.conftest import in_language
from tests.web.learner import body, shows

pytestmark = pytest.mark.django_db

# Session, user, time zone; the enrolment and the resources page's board: phases,
# resources, parts, ticks, minutes, own resources, their parts; the certifications and
# the learner's goals; the topics of the add form; the navbar's timer.
RESOURCES_QUERIES = 3 + 1 + 7 + 2 + 1 + 1
# Session, user, time zone; the curriculum; the resource, its parts, ticks, minutes, topics,
# certifications, goals; enrolments with their days off (can the learner tick?); the
# navbar's timer.
RESOURCE_QUERIES = 3 + 1 + 7 + 2 + 1


def test_anyone_reads_a_resource_with_its_chapters(client, builtin):
    response = in_language(client, "en").get(f"/c/backend/resources/{DDIA}/")

    shows(response, "Martin Kleppmann", "Part II. Distributed Data", "Replication", "48 pages")
    assert "Mark done" not in body(response)


def test_the_resource_page_reads_in_russian(client, builtin):
    response = in_language(client, "ru").get(f"/c/backend/resources/{DDIA}/")

    shows(response, "Часть II. Распределённые данные", "Репликация")


def test_an_unknown_resource_is_a_404(client, builtin):
    assert client.get("/c/backend/resources/no-such-book/").status_code == 404


def test_a_learner_ticks_a_chapter_with_htmx(as_alice, alice, ddia_parts):
    response = as_alice.post(
        f"/c/backend/resources/{DDIA}/parts/chapter-5/", {"is_done": "1"}, HTTP_HX_REQUEST="true"
    )

    shows(response, "1 of 12 parts", "48 of 550 pages", "Marked “Replication” done.")
    assert "<html" not in body(response)
    assert PartDone.objects.get(learner=alice).part.slug == f"{DDIA}--chapter-5"
    as_alice.post(f"/c/backend/resources/{DDIA}/parts/chapter-5/", {"is_done": "0"})
    assert not PartDone.objects.exists()


def test_an_unknown_part_is_a_404(as_alice, ddia):
    response = as_alice.post(f"/c/backend/resources/{DDIA}/parts/chapter-99/", {"is_done": "1"})
    assert response.status_code == 404


def test_a_learner_not_enrolled_cannot_tick(as_charlie, ddia):
    response = as_charlie.post(f"/c/backend/resources/{DDIA}/parts/chapter-1/", {"is_done": "1"})
    assert response.status_code == 404
    assert not PartDone.objects.exists()


def test_a_certification_is_planned_and_earned_from_its_page(as_alice, alice, cka):
    url = "/c/backend/certifications/cka/"
    as_alice.post(url, {"target_on": "2026-09-01"})
    assert CertificationGoal.objects.get(learner=alice).target_on.isoformat() == "2026-09-01"

    refused = as_alice.post(url, {"earned_on": TODAY.isoformat()}, follow=True)
    shows(refused, "Give a link to the evidence")
    assert not CertificationGoal.objects.get(learner=alice).is_earned

    as_alice.post(
        url, {"earned_on": TODAY.isoformat(), "evidence_url": "https://www.credly.com/badges/x"}
    )
    page = as_alice.get("/c/backend/resources/cka-ckad-sertifikatsii/")
    shows(page, "earned", "Cluster Architecture, Installation &amp; Configuration"[:20])


def test_the_resources_page_shows_progress_by_phase(as_alice, alice, ddia, ddia_parts):
    for part in ddia_parts[:4]:
        set_part_done(learner=alice, part=part, is_done=True, today=TODAY)
    log_session(learner=alice, kind="theory", now=timezone.now(), minutes=90, resource=ddia)

    response = as_alice.get("/resources/")

    shows(response, "Designing Data-Intensive Applications", "4 of 12 parts", "148 of 550 pages")
    shows(response, "1 h 30 min logged", "Certified Kubernetes Administrator (CKA)")


def test_a_learner_adds_a_resource_of_their_own_from_the_page(as_alice, alice):
    response = as_alice.post(
        "/resources/",
        {
            "title": "Pro Git",
            "kind": "book",
            "url": "https://git-scm.com/book/en/v2",
            "topic": "",
            "part_kind": "chapter",
            "parts": "Getting Started | 30\nGit Basics | 40",
        },
    )

    resource = LearnerResource.objects.get(learner=alice)
    assert response.status_code == 302 and response["Location"] == f"/resources/mine/{resource.pk}/"
    page = as_alice.get(f"/resources/mine/{resource.pk}/")
    shows(page, "Pro Git", "Getting Started", "0 of 70 pages")
    ticked = as_alice.post(
        f"/resources/mine/{resource.pk}/parts/part-2/", {"is_done": "1"}, HTTP_HX_REQUEST="true"
    )
    shows(ticked, "1 of 2 parts", "40 of 70 pages")


def test_a_bad_parts_list_is_refused_naming_the_line(as_alice):
    response = as_alice.post(
        "/resources/",
        {"title": "x", "kind": "book", "part_kind": "chapter", "parts": "One\nTwo | many"},
    )

    shows(response, "Line 2: after “|” give the number of pages")
    assert not LearnerResource.objects.exists()


def test_another_learner_gets_404_for_an_own_resource(as_charlie, alice, builtin):
    resource = add_own_resource(
        learner=alice, curriculum=builtin, title="Mine", kind="course", parts=[PartInput("x")]
    )

    for path in (
        f"/resources/mine/{resource.pk}/",
        f"/resources/mine/{resource.pk}/delete/",
    ):
        assert as_charlie.get(path).status_code == 404
        assert as_charlie.post(path, {"title": "stolen", "kind": "book"}).status_code == 404
    tick = as_charlie.post(f"/resources/mine/{resource.pk}/parts/part-1/", {"is_done": "1"})
    assert tick.status_code == 404
    assert LearnerResource.objects.get().title == "Mine"


def test_the_owner_deletes_an_own_resource(as_alice, alice, builtin):
    resource = add_own_resource(learner=alice, curriculum=builtin, title="Mine", kind="course")

    shows(as_alice.get(f"/resources/mine/{resource.pk}/delete/"), "Delete the resource?")
    as_alice.post(f"/resources/mine/{resource.pk}/delete/")

    assert not LearnerResource.objects.exists()


def test_a_session_is_logged_against_a_resource_from_the_form(as_alice, alice, ddia):
    response = as_alice.post(
        "/sessions/",
        {
            "on": timezone.localdate().isoformat(),
            "duration": "45m",
            "kind": "theory",
            "resource": DDIA,
            "note": "",
        },
    )

    assert response.status_code == 302
    assert alice.study_sessions.get().resource == ddia


def _lots_of_progress(alice, builtin):
    for part in ResourcePart.objects.filter(curriculum=builtin):
        set_part_done(learner=alice, part=part, is_done=True, today=TODAY)
    for n in range(3):
        add_own_resource(
            learner=alice,
            curriculum=builtin,
            title=f"Course {n}",
            kind="course",
            parts=[PartInput(f"Module {i}") for i in range(5)],
        )
    now = timezone.now()
    for n, resource in enumerate(list(builtin.resource_set.all())[:5]):
        log_session(
            learner=alice,
            kind="theory",
            now=now - timedelta(hours=n),
            minutes=30,
            resource=resource,
        )


def test_the_resources_page_query_count_does_not_grow(
    as_alice, alice, builtin, django_assert_num_queries
):
    as_alice.get("/resources/")
    with django_assert_num_queries(RESOURCES_QUERIES):
        body(as_alice.get("/resources/"))
    _lots_of_progress(alice, builtin)
    with django_assert_num_queries(RESOURCES_QUERIES):
        shows(as_alice.get("/resources/"), "Course 2")


def test_the_resource_page_query_count_does_not_grow(
    as_alice, alice, builtin, django_assert_num_queries
):
    path = "/c/backend/resources/cka-ckad-sertifikatsii/"
    with django_assert_num_queries(RESOURCE_QUERIES):
        body(as_alice.get(path))
    _lots_of_progress(alice, builtin)
    with django_assert_num_queries(RESOURCE_QUERIES):
        shows(as_alice.get(path), "10 of 10 parts")


def test_the_dashboard_shows_resources_by_phase(as_alice, alice, ddia, ddia_parts):
    set_part_done(learner=alice, part=ddia_parts[0], is_done=True, today=TODAY)

    response = as_alice.get("/dashboard/")

    shows(response, "Reading now", "Designing Data-Intensive Applications", "1 of 12 parts")
