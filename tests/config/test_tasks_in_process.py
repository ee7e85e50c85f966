"""Without a broker (as on a laptop, and in these tests) every task runs in-process when it
is enqueued — CELERY_TASK_ALWAYS_EAGER, the one switch — after the transaction commits. Each
task is safe to run twice; e-mail goes through the outbox; `skillpath worker` and `beat`
say in one line that there is nothing for them to do."""

from __future__ import annotations

import logging
import socket
from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from typer.testing import CliRunner

from skillpath.cli.main import app as cli
from skillpath.config import celery as celery_config
from skillpath.core.tasks import enqueue_on_commit
from skillpath.people.models import OutgoingEmail
from skillpath.people.tasks import deliver_email_task, deliver_waiting_emails_task
from skillpath.planning import selectors as planning_selectors
from skillpath.planning.models import Enrolment
from skillpath.planning.tasks import replan_if_slipped_task, replan_slipped_plans_task
from skillpath.tracking.models import WeekRecord
from tests.conftest import need

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox(settings):
    """Django's send_mail() as the server runs it: kept, then sent by a task (to the
    test's mailbox, `mail.outbox`)."""
    settings.EMAIL_BACKEND = "skillpath.people.mail.QueuedEmailBackend"
    settings.SKILLPATH_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return mail.outbox


def test_without_a_broker_tasks_run_in_process(settings):
    assert settings.BROKER_URL is None
    assert celery_config.broker_url() is None
    assert celery_config.app.conf.task_always_eager is True
    assert celery_config.app.conf.task_acks_late is True
    assert celery_config.app.conf.task_reject_on_worker_lost is True


def test_every_beat_entry_names_a_registered_task():
    celery_config.app.loader.import_default_modules()
    for entry in celery_config.app.conf.beat_schedule.values():
        assert entry["task"] in celery_config.app.tasks, entry


def test_a_task_enqueued_in_a_transaction_waits_for_the_commit(
    enrolled, django_capture_on_commit_callbacks
):
    enrolled.planned_at = timezone.now() - timedelta(days=2)
    enrolled.save(update_fields=["planned_at"])

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        enqueue_on_commit(replan_if_slipped_task, enrolled.pk)
        enrolled.refresh_from_db()
        assert enrolled.planned_at < timezone.now() - timedelta(days=1)  # not yet

    assert len(callbacks) == 1
    enrolled.refresh_from_db()
    assert enrolled.planned_at > timezone.now() - timedelta(minutes=1)


# --- The nightly replan ------------------------------------------------------------------


def test_a_slipped_plan_is_replanned_from_today_once(enrolled):
    # alice enrolled on 2026-01-05 and has done nothing since; the plan was made that day.
    Enrolment.objects.filter(pk=enrolled.pk).update(planned_at=timezone.now() - timedelta(days=2))
    today = timezone.now().date()
    assert enrolled.entries.filter(end_on__lt=today).exists()

    assert replan_if_slipped_task.delay(enrolled.pk).get() is True
    assert replan_if_slipped_task.delay(enrolled.pk).get() is False

    assert not enrolled.entries.filter(end_on__lt=today).exists()
    assert enrolled.entries.order_by("position").first().start_on >= today


def test_a_plan_replanned_today_is_left_alone(enrolled):
    Enrolment.objects.filter(pk=enrolled.pk).update(planned_at=timezone.now())
    before = list(enrolled.entries.values_list("pk", flat=True))

    assert replan_if_slipped_task.delay(enrolled.pk).get() is False
    assert list(enrolled.entries.values_list("pk", flat=True)) == before


def test_a_plan_on_time_is_not_a_candidate(enrolled):
    start = enrolled.entries.order_by("start_on").first().start_on

    assert planning_selectors.slipped_enrolment_ids(before=start) == []
    assert planning_selectors.slipped_enrolment_ids(before=date(2030, 1, 1)) == [enrolled.pk]


def test_the_beat_entry_replans_every_slipped_plan(enrolled):
    Enrolment.objects.filter(pk=enrolled.pk).update(planned_at=timezone.now() - timedelta(days=2))

    assert replan_slipped_plans_task.delay().get() == 1

    enrolled.refresh_from_db()
    assert enrolled.planned_at > timezone.now() - timedelta(minutes=1)


def test_another_learners_enrolment_id_only_replans_that_enrolment(enrolled, charlie):
    # Tasks take ids, not requests: there is no "other learner" to refuse, only the row named.
    assert replan_if_slipped_task.delay(10**9).get() is False


# --- The weekly record -------------------------------------------------------------------


def test_a_finished_week_is_recorded_once(enrolled):
    from skillpath.tracking.tasks import record_finished_week_task

    week_on = date(2026, 1, 5)

    assert record_finished_week_task.delay(enrolled.pk, week_on.isoformat()).get() is True
    assert record_finished_week_task.delay(enrolled.pk, week_on.isoformat()).get() is False

    [record] = WeekRecord.objects.filter(enrolment=enrolled)
    assert record.week_on == week_on
    assert record.report["tense"] == "past"
    assert record.report["planned_minutes"] > 0


def test_the_week_not_over_yet_is_not_recorded(enrolled):
    from skillpath.core.dates import week_start
    from skillpath.tracking.tasks import record_finished_week_task

    this_week = week_start(timezone.now().date())

    assert record_finished_week_task.delay(enrolled.pk, this_week.isoformat()).get() is False
    assert not WeekRecord.objects.exists()


def test_the_beat_entry_records_last_week_for_each_enrolment(enrolled):
    from skillpath.tracking.tasks import record_finished_weeks_task

    assert record_finished_weeks_task.delay().get() == 1
    assert WeekRecord.objects.filter(enrolment=enrolled).count() == 1
    assert record_finished_weeks_task.delay().get() == 0


# --- KPI scans, FSRS optimisation --------------------------------------------------------


def test_the_kpi_scan_task_counts_new_commits_once(alice, tmp_path):
    from tests.assessment.repos import ALICE, Repo, have_git

    need(have_git(), "the git binary is not installed")
    from skillpath.assessment.services import register_author, register_repository
    from skillpath.assessment.tasks import scan_all_kpis_task, scan_kpis_task

    repository = Repo.create(tmp_path / "project")
    repository.commit({"app.py": "print('hello')\n"})
    register_author(learner=alice, email=ALICE)
    register_repository(learner=alice, path=str(repository.path))

    assert scan_kpis_task.delay(alice.pk).get() == 1
    assert scan_kpis_task.delay(alice.pk).get() == 0
    assert scan_all_kpis_task.delay().get() == 1


def test_fsrs_optimisation_without_the_optimizer_is_a_logged_no_op(alice, caplog):
    from skillpath.knowledge.tasks import (
        optimize_all_parameters_task,
        optimize_parameters_task,
        optimizer_installed,
    )

    if optimizer_installed():
        pytest.skip("the optimizer extra is installed here")
    with caplog.at_level(logging.INFO, logger="skillpath.knowledge"):
        assert optimize_all_parameters_task.delay().get() == 0
        assert optimize_parameters_task.delay(alice.pk).get() is False

    assert "the optimizer extra is not installed" in caplog.text
    assert "kept" in caplog.text


# --- E-mail through the outbox -----------------------------------------------------------


def test_send_mail_keeps_the_message_and_sends_it_after_commit(
    outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        mail.send_mail("Welcome", "Hello.", None, ["a@example.com"], html_message="<p>Hi</p>")
        assert outbox == []  # nothing leaves before the commit

    [sent] = outbox
    assert sent.subject == "Welcome"
    assert sent.alternatives[0][1] == "text/html"
    row = OutgoingEmail.objects.get()
    assert row.sent_at is not None and row.attempts == 1


def test_a_message_is_sent_once_however_often_its_task_runs(outbox):
    row = OutgoingEmail.objects.create(subject="Once", body="b", from_email="f@x", to=["a@x.org"])

    assert deliver_email_task.delay(row.pk).get() is True
    assert deliver_email_task.delay(row.pk).get() is False
    assert len(outbox) == 1


def test_a_mail_server_that_refuses_leaves_the_message_for_the_sweep(outbox, settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.SKILLPATH_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    row = OutgoingEmail.objects.create(subject="Later", body="b", from_email="f@x", to=["a@x.org"])

    assert deliver_email_task.delay(row.pk).get() is False

    row.refresh_from_db()
    assert row.sent_at is None and row.attempts == 1 and row.last_error
    # The server is back: the five-minute sweep sends what waited.
    settings.SKILLPATH_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingEmail.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert deliver_waiting_emails_task.delay().get() == 1
    assert [m.subject for m in outbox] == ["Later"]


# --- The request id in task headers ------------------------------------------------------


def test_a_request_id_set_while_enqueueing_goes_into_the_task_headers():
    from celery.exceptions import AlwaysEagerIgnored
    from celery.signals import before_task_publish

    from skillpath.ops.request_id import TASK_HEADER, request_id_scope

    seen: list[dict] = []

    def record(headers=None, **_kwargs):  # type: ignore[no-untyped-def]
        seen.append(dict(headers or {}))

    before_task_publish.connect(record, weak=False)
    try:
        with (
            request_id_scope("req-123"),
            # The in-memory broker of the eager settings: a real publish, no server.
            pytest.warns(AlwaysEagerIgnored),  # send_task always publishes: what we want
        ):
            celery_config.app.send_task("skillpath.nothing", queue="skillpath-test-headers")
    finally:
        before_task_publish.disconnect(record)

    assert seen[-1][TASK_HEADER] == "req-123"


def test_a_task_runs_under_the_request_id_it_was_sent_with():
    from skillpath.ops.request_id import TASK_HEADER, current_request_id

    @celery_config.app.task(name="skillpath.tests.which_request", bind=True)
    def which_request(self):  # type: ignore[no-untyped-def]
        return current_request_id()

    sent_with = which_request.apply(headers={TASK_HEADER: "req-456"}).get()
    without = which_request.apply().get()

    assert sent_with == "req-456"
    assert without is not None and without != "req-456"  # a fresh id of its own
    assert current_request_id() is None  # and none left behind


# --- The CLI without a broker ------------------------------------------------------------


@pytest.mark.parametrize("command", ["worker", "beat"])
def test_worker_and_beat_without_a_broker_say_so_in_one_line(command):
    done = CliRunner().invoke(cli, [command])

    assert done.exit_code == 2
    lines = [line for line in done.output.splitlines() if line.strip()]
    assert len(lines) == 1
    assert lines[0].startswith("error: no broker is configured")
