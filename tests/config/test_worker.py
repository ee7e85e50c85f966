"""A real Celery worker (`skillpath worker`, a process of its own) against a real broker —
Redis and RabbitMQ, both on this machine — on an installation of its own (SQLite in a temp
data directory, prepared by `skillpath setup`). Every task runs through it; a task sent
twice has its effect once; a worker process killed (SIGKILL) in the middle of a task runs it
again, and its effect still happens once (acks_late + reject_on_worker_lost).

Each broker run uses a queue of its own, so other workers on this machine never see it."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.assessment.repos import Repo, have_git
from tests.conftest import RABBITMQ_TEST_URL, REDIS_BROKER_TEST_URL, ROOT, need

SKILLPATH = Path(sys.executable).parent / "skillpath"
BROKERS = {"redis": REDIS_BROKER_TEST_URL, "rabbitmq": RABBITMQ_TEST_URL}
WAIT_SECONDS = 60


def _environment(data_dir: Path) -> dict[str, str]:
    environment = {
        **os.environ,
        "SKILLPATH_DATA_DIR": str(data_dir),
        "SKILLPATH_LANGUAGE": "en",
        "SKILLPATH_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "SKILLPATH_EMAIL_FILE_PATH": str(data_dir / "sent"),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    for name in ("DATABASE_URL", "REDIS_URL", "SKILLPATH_BROKER_URL", "DJANGO_SETTINGS_MODULE"):
        environment.pop(name, None)
    return environment


class Site:
    """The installation: its data directory, its database, the e-mails its worker sent."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.environment = _environment(data_dir)

    def run(self, *args: str, broker: str | None = None, queue: str = "") -> dict:
        """`worker_site COMMAND ARGS` in a Django process of this installation."""
        environment = dict(self.environment)
        if broker:
            environment |= {"SKILLPATH_BROKER_URL": broker, "SKILLPATH_CELERY_QUEUE": queue}
        done = subprocess.run(
            [sys.executable, "-m", "tests.config.worker_site", *args],
            capture_output=True,
            text=True,
            env=environment,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def query(self, sql: str, *params: object) -> list[tuple]:
        with sqlite3.connect(self.data_dir / "skillpath.sqlite3") as connection:
            return connection.execute(sql, params).fetchall()

    def sent(self, subject: str) -> int:
        """How many e-mails with this subject the worker sent (the file backend's files)."""
        folder = self.data_dir / "sent"
        if not folder.exists():
            return 0
        return sum(
            f.read_text(encoding="utf-8").count(f"Subject: {subject}\n") for f in folder.iterdir()
        )


class Worker:
    """`skillpath worker` on `broker`, one task process, its log in a file."""

    def __init__(self, site: Site, broker: str, name: str) -> None:
        self.site = site
        self.broker = broker
        self.queue = f"skillpath-test-{name}-{uuid.uuid4().hex[:8]}"
        self.log_path = site.data_dir / f"worker-{name}.log"
        environment = site.environment | {
            "SKILLPATH_BROKER_URL": broker,
            "SKILLPATH_CELERY_QUEUE": self.queue,
            # A message a dead worker held goes back to Redis' queue after this long.
            "SKILLPATH_CELERY_VISIBILITY_TIMEOUT": "10",
        }
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [str(SKILLPATH), "worker", "--concurrency", "1", "--loglevel", "info"],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=environment,
            cwd=site.data_dir,
        )
        self.wait_for(lambda: "ready." in self.log(), "the worker to be ready")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, condition, what: str, seconds: float = WAIT_SECONDS) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():
                return
            assert self.process.poll() is None, f"the worker ended:\n{self.log()}"
            time.sleep(0.1)
        pytest.fail(f"waited {seconds} s for {what}; the worker's log:\n{self.log()}")

    def succeeded(self, task: str) -> int:
        return len(re.findall(rf"Task {re.escape(task)}\[[^\]]+\] succeeded", self.log()))

    def received(self, task: str) -> int:
        return len(re.findall(rf"Task {re.escape(task)}\[[^\]]+\] received", self.log()))

    def send(self, task: str, *args: object, command: str = "enqueue") -> None:
        """Enqueue `task` (its module path) from a Django process of the site, on commit."""
        self.site.run(command, task, *map(str, args), broker=self.broker, queue=self.queue)

    def run(self, task: str, *args: object, times: int = 1) -> None:
        """Send `task` `times` times and wait until the worker finished them all."""
        name = task
        before = self.succeeded(name)
        for _ in range(times):
            self.send(task, *args)
        self.wait_for(lambda: self.succeeded(name) >= before + times, f"{times} × {name}")

    def children(self) -> list[int]:
        """The worker's task processes (prefork children)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return found

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
        self._delete_queue()

    def _delete_queue(self) -> None:
        """Leave no queue of ours behind on the broker (Celery declares them durable)."""
        from kombu import Connection, Exchange, Queue

        with Connection(self.broker, connect_timeout=5) as connection:
            channel = connection.channel()
            Queue(self.queue, Exchange(self.queue), self.queue, channel=channel).delete()
            Exchange(self.queue, channel=channel).delete()
        if self.broker.startswith("redis"):
            import redis

            # Kombu keeps the bindings of an exchange beside it, and keeps them after it.
            raw = redis.Redis.from_url(self.broker)
            for key in raw.scan_iter(f"_kombu.binding*.{self.queue}"):
                raw.delete(key)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    need(SKILLPATH.is_file(), "skillpath is not installed beside this Python")
    site = Site(tmp_path_factory.mktemp("worker-site"))
    done = subprocess.run(
        [str(SKILLPATH), "setup", "--quiet"],
        capture_output=True,
        text=True,
        env=site.environment,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return site


@pytest.fixture(
    scope="module",
    params=[
        pytest.param("redis", marks=pytest.mark.redis),
        pytest.param("rabbitmq", marks=pytest.mark.rabbitmq),
    ],
)
def worker(request, site: Site) -> Iterator[Worker]:
    running = Worker(site, BROKERS[request.param], request.param)
    yield running
    running.stop()


def unique(word: str) -> str:
    return f"{word}-{uuid.uuid4().hex[:8]}"


# --- Every task through the worker -------------------------------------------------------


def test_the_nightly_replan_runs_through_the_worker(worker: Worker, site: Site):
    learner = site.run("slipped", unique("slipped"))
    enrolment = learner["enrolment"]
    [(before,)] = site.query("SELECT planned_at FROM planning_enrolment WHERE id = ?", enrolment)

    worker.run("skillpath.planning.tasks.replan_slipped_plans_task")
    worker.wait_for(
        lambda: (
            site.query("SELECT planned_at FROM planning_enrolment WHERE id = ?", enrolment)
            != [(before,)]
        ),
        "the replan",
    )

    today = date.today().isoformat()
    [(first_start,)] = site.query(
        "SELECT MIN(start_on) FROM planning_planentry WHERE enrolment_id = ?", enrolment
    )
    assert first_start >= today  # nothing was done: everything is laid out from today


def test_the_weekly_record_runs_through_the_worker(worker: Worker, site: Site):
    learner = site.run("slipped", unique("weekly"))

    worker.run(
        "skillpath.tracking.tasks.record_finished_week_task",
        learner["enrolment"],
        learner["week_on"],
    )

    rows = site.query(
        "SELECT report FROM tracking_weekrecord WHERE enrolment_id = ? AND week_on = ?",
        learner["enrolment"],
        learner["week_on"],
    )
    assert len(rows) == 1
    assert json.loads(rows[0][0])["tense"] == "past"
    worker.run("skillpath.tracking.tasks.record_finished_weeks_task")


def test_the_kpi_scan_runs_through_the_worker(worker: Worker, site: Site, tmp_path: Path):
    need(have_git(), "the git binary is not installed")
    repository = Repo.create(tmp_path / "project")
    repository.commit({"app.py": "print('hello')\n"}, email="kpi@example.com")
    learner = site.run("kpi-learner", unique("kpi"), str(repository.path), "kpi@example.com")

    worker.run("skillpath.assessment.tasks.scan_kpis_task", learner["learner"])

    counted = site.query(
        "SELECT COUNT(*) FROM assessment_countedcommit WHERE learner_id = ?", learner["learner"]
    )
    assert counted == [(1,)]
    worker.run("skillpath.assessment.tasks.scan_all_kpis_task")
    assert site.query(
        "SELECT COUNT(*) FROM assessment_countedcommit WHERE learner_id = ?", learner["learner"]
    ) == [(1,)]


def test_fsrs_optimisation_without_the_extra_is_a_logged_no_op(worker: Worker, site: Site):
    learner = site.run("slipped", unique("fsrs"))

    worker.run("skillpath.knowledge.tasks.optimize_parameters_task", learner["learner"])
    worker.run("skillpath.knowledge.tasks.optimize_all_parameters_task")

    assert f"FSRS parameters of learner {learner['learner']} kept" in worker.log()
    assert "FSRS optimisation skipped: the optimizer extra is not installed" in worker.log()


def test_send_mail_is_sent_by_the_worker_after_commit(worker: Worker, site: Site):
    subject = unique("welcome")
    task = "skillpath.people.tasks.deliver_email_task"
    before = worker.succeeded(task)

    assert site.run("send-mail", subject, broker=worker.broker, queue=worker.queue)["sent"] == 1

    worker.wait_for(lambda: worker.succeeded(task) > before, "the e-mail task")
    assert site.sent(subject) == 1
    assert site.query(
        "SELECT sent_at IS NOT NULL FROM people_outgoingemail WHERE subject = ?", subject
    ) == [(1,)]
    worker.run("skillpath.people.tasks.deliver_waiting_emails_task")


# --- Safe to run twice -------------------------------------------------------------------


def test_an_e_mail_task_sent_twice_sends_the_message_once(worker: Worker, site: Site):
    subject = unique("twice")
    email = site.run("email-row", subject)["email"]

    worker.run("skillpath.people.tasks.deliver_email_task", email, times=2)

    assert site.sent(subject) == 1
    assert site.query("SELECT attempts FROM people_outgoingemail WHERE id = ?", email) == [(1,)]


def test_a_replan_sent_twice_replans_once(worker: Worker, site: Site):
    enrolment = site.run("slipped", unique("replan-twice"))["enrolment"]
    [(first_id, entries)] = site.query(
        "SELECT MAX(id), COUNT(*) FROM planning_planentry WHERE enrolment_id = ?", enrolment
    )

    worker.run("skillpath.planning.tasks.replan_if_slipped_task", enrolment, times=2)

    # A replan rewrites every row of the plan: one replan made exactly `entries` new ids.
    [(last_id, after)] = site.query(
        "SELECT MAX(id), COUNT(*) FROM planning_planentry WHERE enrolment_id = ?", enrolment
    )
    [(newest,)] = site.query("SELECT MAX(id) FROM planning_planentry")
    assert after == entries
    assert last_id == newest
    assert site.query(
        "SELECT COUNT(*) FROM planning_planentry WHERE enrolment_id = ? AND id > ?",
        enrolment,
        first_id,
    ) == [(entries,)]
    assert worker.log().count("succeeded") >= 2
    assert re.search(r"replan_if_slipped_task\[[^\]]+\] succeeded in [\d.]+s: False", worker.log())


def test_a_weekly_record_sent_twice_is_written_once(worker: Worker, site: Site):
    learner = site.run("slipped", unique("week-twice"))
    task = "skillpath.tracking.tasks.record_finished_week_task"

    worker.run(task, learner["enrolment"], learner["week_on"], times=2)

    assert site.query(
        "SELECT COUNT(*) FROM tracking_weekrecord WHERE enrolment_id = ?", learner["enrolment"]
    ) == [(1,)]


# --- A worker killed in the middle of a task ---------------------------------------------


def test_a_task_whose_worker_is_killed_runs_again_and_has_its_effect_once(
    worker: Worker, site: Site
):
    subject = unique("killed")
    email = site.run("email-row", subject)["email"]
    task = "skillpath.people.tasks.deliver_email_task"
    received, succeeded = worker.received(task), worker.succeeded(task)
    [child] = worker.children()

    # The test holds SQLite's write lock: the task, once it has the message, waits for it in
    # its transaction — in the middle of its work — and is killed there.
    lock = sqlite3.connect(site.data_dir / "skillpath.sqlite3", isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    try:
        worker.send(task, email, command="enqueue-now")
        worker.wait_for(lambda: worker.received(task) > received, "the task to start")
        time.sleep(1)
        os.kill(child, signal.SIGKILL)
        worker.wait_for(
            lambda: "WorkerLostError" in worker.log() or "signal 9" in worker.log(),
            "the worker to notice",
        )
    finally:
        lock.execute("ROLLBACK")
        lock.close()

    worker.wait_for(lambda: worker.succeeded(task) > succeeded, "the task to run again")
    assert worker.received(task) >= received + 1
    assert child not in worker.children()
    assert site.sent(subject) == 1
    assert site.query(
        "SELECT attempts, sent_at IS NOT NULL FROM people_outgoingemail WHERE id = ?", email
    ) == [(1, 1)]
