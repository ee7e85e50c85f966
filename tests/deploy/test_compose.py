"""deploy/compose.yaml, validated without Docker: against the Compose Specification's JSON
schema (the copy check-jsonschema ships, Apache-2.0, from github.com/compose-spec/compose-spec:
no network at run time), after compose's own interpolation of the example .env; its order of
start-up; and the environment it gives Skillpath, which Django's deployment check must pass."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.deploy import files

jsonschema = pytest.importorskip("jsonschema")
pytest.importorskip("check_jsonschema")


def compose_schema() -> dict[str, Any]:
    vendor = package_files("check_jsonschema.builtin_schemas.vendor")
    return json.loads(vendor.joinpath("compose-spec.json").read_text(encoding="utf-8"))


def schema_errors(document: dict[str, Any]) -> list[str]:
    schema = compose_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


def test_the_schema_is_the_compose_specifications():
    schema = compose_schema()
    assert schema["title"] == "Compose Specification"
    assert "services" in schema["properties"]


def test_the_compose_file_is_valid_against_the_compose_specification():
    assert schema_errors(files.compose()) == []


def test_the_file_as_written_is_valid_too():
    """Before interpolation, as an editor's schema check sees it."""
    assert schema_errors(files.compose_raw()) == []


def test_the_schema_refuses_a_wrong_condition_and_an_unknown_key():
    """The check above cannot pass by accident."""
    document = files.compose()
    document["services"]["web"]["depends_on"]["db"]["condition"] = "service_ready"
    document["services"]["worker"]["helthcheck"] = {"disable": True}
    errors = schema_errors(document)
    assert any("service_ready" in error for error in errors), errors
    assert any("helthcheck" in error for error in errors), errors


def test_compose_refuses_to_start_without_the_values_marked_change():
    for missing in (
        "SKILLPATH_SECRET_KEY",
        "SKILLPATH_ALLOWED_HOSTS",
        "SKILLPATH_CSRF_TRUSTED_ORIGINS",
        "POSTGRES_PASSWORD",
    ):
        variables = files.env_file(files.COMPOSE_ENV_EXAMPLE)
        del variables[missing]
        with pytest.raises(files.MissingVariable, match=missing):
            files.compose(variables)


def test_the_example_env_marks_what_must_change():
    example = files.env_file(files.COMPOSE_ENV_EXAMPLE)
    assert "CHANGE-ME" in example["SKILLPATH_SECRET_KEY"]
    assert "CHANGE-ME" in example["POSTGRES_PASSWORD"]
    text = files.COMPOSE_ENV_EXAMPLE.read_text(encoding="utf-8")
    assert text.count("# CHANGE") == 3


def test_it_runs_web_worker_beat_postgresql_and_redis_with_volumes():
    document = files.compose()
    services = document["services"]
    assert set(services) == {"setup", "web", "worker", "beat", "db", "redis"}
    assert set(files.skillpath_services(document)) == {"setup", "web", "worker", "beat"}
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    declared = set(document["volumes"])
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            assert source in declared, (name, source)
    assert {"skillpath-data", "postgres-data", "redis-data"} == declared


def test_processes_start_in_order_on_healthy_services():
    services = files.compose()["services"]
    assert services["setup"]["command"] == ["setup"]
    assert services["setup"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"] == {
            "setup": {"condition": "service_completed_successfully"},
            "db": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
        }, name
    for service in services.values():
        for needed, condition in service.get("depends_on", {}).items():
            if condition["condition"] == "service_healthy":
                health = services[needed]["healthcheck"]
                assert not health.get("disable") and health["test"][0] == "CMD", needed


def test_the_web_health_check_is_the_images():
    services = files.compose()["services"]
    instruction = next(i for i in files.final_stage() if i.keyword == "HEALTHCHECK")
    assert services["web"]["healthcheck"]["test"] == ["CMD", *files.exec_form(instruction)]
    # Worker, beat and setup serve no HTTP: the image's check would mark them unhealthy.
    for name in ("setup", "worker", "beat"):
        assert services[name]["healthcheck"] == {"disable": True}


def test_the_urls_point_at_the_services_of_the_file():
    services = files.compose()["services"]
    environment = files.compose_environment(services["web"])
    database = urlsplit(environment["DATABASE_URL"])
    postgres = services["db"]["environment"]
    assert database.hostname == "db" and database.username == postgres["POSTGRES_USER"]
    assert database.password == postgres["POSTGRES_PASSWORD"]
    assert database.path == f"/{postgres['POSTGRES_DB']}"
    assert urlsplit(environment["REDIS_URL"]).hostname == "redis"
    assert urlsplit(environment["SKILLPATH_BROKER_URL"]).hostname == "redis"
    assert environment["REDIS_URL"] != environment["SKILLPATH_BROKER_URL"]


def test_every_process_but_the_data_volume_and_tmp_is_read_only_and_unprivileged():
    for name, service in files.skillpath_services(files.compose()).items():
        assert service["read_only"] is True, name
        assert "/tmp" in service["tmpfs"], name
        assert service["cap_drop"] == ["ALL"], name
        assert "no-new-privileges:true" in service["security_opt"], name
        assert service["volumes"] == ["skillpath-data:/var/lib/skillpath"], name


CHECK = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]


def deployment_check(tmp_path: Path, variables: dict[str, str]) -> subprocess.CompletedProcess:
    """Django's deployment check with the environment of compose's web service."""
    web = files.compose(variables)["services"]["web"]
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SKILLPATH_") and k != "DATABASE_URL"
    }
    environment |= files.compose_environment(web)
    # The service names resolve only inside compose's network; the check connects to neither.
    environment |= {
        "DATABASE_URL": environment["DATABASE_URL"].replace("@db:", "@127.0.0.1:"),
        "REDIS_URL": "redis://127.0.0.1:6379/7",
        "SKILLPATH_BROKER_URL": "redis://127.0.0.1:6379/7",
        "SKILLPATH_DATA_DIR": str(tmp_path),
    }
    return subprocess.run(
        [sys.executable, *CHECK],
        cwd=files.ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_deployment_check_is_clean_with_composes_environment(tmp_path):
    variables = files.env_file(files.COMPOSE_ENV_EXAMPLE) | {
        "SKILLPATH_SECRET_KEY": secrets.token_urlsafe(50),
        "POSTGRES_PASSWORD": secrets.token_urlsafe(16),
    }
    done = deployment_check(tmp_path, variables)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_the_deployment_check_refuses_the_example_envs_values(tmp_path):
    done = deployment_check(tmp_path, files.env_file(files.COMPOSE_ENV_EXAMPLE))
    assert done.returncode != 0
    assert "SKILLPATH_SECRET_KEY still holds the example value" in done.stderr
    assert "DATABASE_URL still holds the example value" in done.stderr
