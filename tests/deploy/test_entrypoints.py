"""Every process the image and the manifests start is a `skillpath` command that exists, with
options it accepts, and every environment variable they give it is one that something in it
reads: a renamed command or setting fails here, not on a school's server."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest
import typer.main

from skillpath.cli.main import app
from tests.deploy import files

SOURCE = files.ROOT / "src" / "skillpath"

# Read by the operating system or the interpreter, not by our code.
NOT_OURS = {
    "PATH": "the shell and the kernel's exec, to find `skillpath`",
    "PYTHONDONTWRITEBYTECODE": "Python: write no .pyc (the root file system is read-only)",
    "PYTHONUNBUFFERED": "Python: unbuffered standard output and error, for the log",
}


ENV_HELPERS = {"env_str", "env_bool", "env_int", "env_list"}


def _string(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _is_environ(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ"


def variables_read(tree: ast.AST) -> Iterator[str]:
    """Names read through our env helpers, os.environ (get, [], setdefault) or os.getenv."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            function, name = node.func, _string(node.args[0])
            if name is None:
                continue
            if isinstance(function, ast.Name) and function.id in ENV_HELPERS:
                yield name
                yield f"{name}_FILE"  # every env helper reads NAME_FILE too (config/env.py)
            elif isinstance(function, ast.Attribute) and (
                (function.attr in ("get", "setdefault", "pop") and _is_environ(function.value))
                or function.attr == "getenv"
            ):
                yield name
        elif isinstance(node, ast.Subscript) and _is_environ(node.value):
            name = _string(node.slice)
            if name is not None:
                yield name


@cache
def read_by_the_code() -> frozenset[str]:
    names: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        names.update(variables_read(ast.parse(path.read_text(encoding="utf-8"), str(path))))
    return frozenset(names)


def resolve(arguments: list[str]) -> tuple[list[str], Any] | None:
    """Parse `skillpath ARGUMENTS` as the CLI would, without running it: the command's words
    and the command, or None when a word names no command. Bad options raise Typer's
    UsageError. (Typer carries its own copy of click: its classes are not click's.)"""
    command: Any = typer.main.get_command(app)
    context = command.make_context("skillpath", list(arguments), resilient_parsing=False)
    words: list[str] = []
    while hasattr(command, "commands"):  # a group
        rest = [*context._protected_args, *context.args]
        if not rest:
            break
        if command.get_command(context, rest[0]) is None:
            return None
        name, sub, rest = command.resolve_command(context, rest)
        assert name is not None and sub is not None
        words.append(name)
        command = sub
        context = command.make_context(name, rest, parent=context, resilient_parsing=False)
    return words, command


INVOCATIONS = files.invocations()


def test_the_invocations_are_found():
    assert {words[0] for _, words in INVOCATIONS} >= {"serve", "setup", "worker", "beat"}


@pytest.mark.parametrize(
    ("where", "arguments"), INVOCATIONS, ids=[where for where, _ in INVOCATIONS]
)
def test_every_process_of_the_image_is_a_skillpath_command_with_options_it_accepts(
    where, arguments
):
    found = resolve(arguments)
    assert found is not None, f"{where}: no command `skillpath {arguments[0]}`"
    words, command = found
    assert words == arguments[: len(words)]
    assert not hasattr(command, "commands"), f"{where}: {words} needs a subcommand"


def test_serving_on_all_interfaces_in_the_image_is_what_the_brief_says():
    assert files.image_command() == ["skillpath", "serve", "--host", "0.0.0.0", "--port", "8000"]


def test_an_unknown_option_is_refused_by_the_parser_used_above():
    """The check above cannot pass by accident: the parser refuses what the CLI refuses."""
    with pytest.raises(typer.BadParameter.__mro__[1], match="No such option"):  # UsageError
        resolve(["serve", "--hots", "0.0.0.0"])
    with pytest.raises(typer.BadParameter):
        resolve(["serve", "--port", "eighty"])
    assert resolve(["no-such-command"]) is None


ENVIRONMENTS = files.environments()


@pytest.mark.parametrize(
    ("where", "environment"), ENVIRONMENTS, ids=[where for where, _ in ENVIRONMENTS]
)
def test_every_variable_the_image_and_the_manifests_set_is_read_by_the_code(where, environment):
    read = read_by_the_code()
    unknown = []
    for name in sorted(environment):
        if name in read or name in NOT_OURS:
            continue
        unknown.append(name)
    assert unknown == [], f"{where} sets variables nothing reads"


def test_the_reader_of_variables_finds_the_known_ones():
    """So that the test above cannot pass by finding nothing, or everything."""
    read = read_by_the_code()
    assert {"SKILLPATH_DATA_DIR", "DATABASE_URL", "REDIS_URL", "SKILLPATH_LANGUAGE"} <= read
    assert "SKILLPATH_SECRET_KEY_FILE" in read
    assert "PROMETHEUS_MULTIPROC_DIR" in read  # serve sets it up (core/serving.py)
    assert "SKILLPATH_NO_SUCH_SETTING" not in read


def test_the_image_names_the_data_and_content_folders_the_settings_read():
    environment = files.image_environment()
    assert environment["SKILLPATH_LOCAL_MODE"] == "false"  # local mode refuses 0.0.0.0
    volumes = [i.arguments for i in files.final_stage() if i.keyword == "VOLUME"]
    assert volumes == [f'["{environment["SKILLPATH_DATA_DIR"]}"]']
    copies = [i.arguments.split() for i in files.final_stage() if i.keyword == "COPY"]
    assert ["content", environment["SKILLPATH_CONTENT_DIR"]] in copies


def test_the_probes_and_the_health_check_ask_for_paths_the_url_conf_serves():
    from django.urls import resolve as resolve_path

    paths = {"/health/live"}  # deploy/healthcheck.py's default
    for _, container in files.skillpath_containers():
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            if probe in container:
                paths.add(container[probe]["httpGet"]["path"])
    assert paths == {"/health/live", "/health/ready"}
    for path in paths:
        assert resolve_path(path).url_name in ("live", "ready"), path
