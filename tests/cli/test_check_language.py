"""`skillpath check` speaks the learner's language when it knows the learner (issue 16,
item 2): the language they chose on the pages, or the one they enrolled in on the web when
they never chose — with --no-record too; else the terminal's."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from skillpath.checks.process import free_port
from skillpath.cli.main import app
from skillpath.people.selectors import language_of
from skillpath.people.services import ensure_local_user, remember_language
from tests.web.conftest import in_language
from tests.web.test_enrol import VALID

pytestmark = pytest.mark.django_db
runner = CliRunner()
DOWN_EN = "could not reach the service"
DOWN_RU = "не удалось связаться"


@pytest.fixture
def english_terminal(monkeypatch):
    monkeypatch.delenv("SKILLPATH_LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def check(*extra: str) -> str:
    url = f"http://127.0.0.1:{free_port()}"
    result = runner.invoke(app, ["check", "todo-api", "--url", url, *extra])
    assert result.exit_code == 1, result.output
    return result.output


def enrol_on_the_web(client, user, builtin, language: str) -> None:
    client.force_login(user)
    response = in_language(client, language).post("/start/", {**VALID, "curriculum": builtin.pk})
    assert response.status_code == 302


def test_a_learner_who_enrolled_in_russian_gets_russian_in_an_english_terminal(
    client, builtin, english_terminal
):
    learner = ensure_local_user()
    assert DOWN_EN in check()

    enrol_on_the_web(client, learner, builtin, "ru")

    assert language_of(learner) == "ru"
    assert DOWN_RU in check()


def test_enrolling_in_one_language_keeps_the_one_chosen_on_the_switch(
    client, builtin, english_terminal
):
    learner = ensure_local_user()
    remember_language(user=learner, language="en")

    enrol_on_the_web(client, learner, builtin, "ru")

    assert language_of(learner) == "en"
    assert DOWN_EN in check()


def test_a_run_kept_out_of_the_progress_still_speaks_the_learners_language(english_terminal):
    remember_language(user=ensure_local_user(), language="ru")

    assert DOWN_RU in check("--no-record")


def test_without_a_learner_a_run_not_recorded_speaks_the_terminals_language(
    english_terminal, monkeypatch
):
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert DOWN_RU in check("--no-record")
    assert not get_user_model().objects.filter(username=settings.LOCAL_USERNAME).exists()
