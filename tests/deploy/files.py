"""Readers for the files of deploy/: the Dockerfile's instructions, the compose file as
compose sees it (variables interpolated), the Kubernetes manifests, and what each of them
runs and sets for Skillpath's own processes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
DOCKERFILE = DEPLOY / "Dockerfile"
COMPOSE = DEPLOY / "compose.yaml"
COMPOSE_ENV_EXAMPLE = DEPLOY / "compose.env.example"
SERVER_ENV = DEPLOY / "server.env"
K8S = DEPLOY / "k8s"
# The image the manifests run: the one deploy/Dockerfile builds, in the school's registry.
K8S_IMAGE = "registry.example.org/skillpath:"


def env_file(path: Path) -> dict[str, str]:
    """NAME=value lines, as compose's env_file and systemd's EnvironmentFile read them."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


# --- Dockerfile ------------------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    stage: str
    keyword: str
    arguments: str


def dockerfile_instructions(text: str | None = None) -> list[Instruction]:
    """Each instruction with its stage's name, continuation lines joined, comments dropped."""
    text = DOCKERFILE.read_text(encoding="utf-8") if text is None else text
    logical: list[str] = []
    current = ""
    for line in text.splitlines():
        if line.lstrip().startswith("#") or not line.strip():
            continue
        if line.rstrip().endswith("\\"):
            current += line.rstrip()[:-1] + " "
            continue
        logical.append(current + line)
        current = ""
    instructions = []
    stage = ""
    for line in logical:
        keyword, _, arguments = line.strip().partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            stage = arguments.split(" AS ")[-1].strip() if " AS " in arguments else arguments
        instructions.append(Instruction(stage, keyword, arguments.strip()))
    return instructions


def final_stage() -> list[Instruction]:
    instructions = dockerfile_instructions()
    last = instructions[-1].stage
    return [i for i in instructions if i.stage == last]


def exec_form(instruction: Instruction) -> list[str]:
    """ENTRYPOINT/CMD/HEALTHCHECK CMD in JSON (exec) form: no shell between Docker and us."""
    arguments = instruction.arguments
    if instruction.keyword == "HEALTHCHECK":
        arguments = arguments.split(" CMD ", 1)[1]
    value = json.loads(arguments)
    assert isinstance(value, list) and all(isinstance(v, str) for v in value), arguments
    return value


def image_environment() -> dict[str, str]:
    """The ENV of the runtime stage (NAME=value pairs; the legacy `ENV NAME value` form is
    not used)."""
    environment = {}
    for instruction in final_stage():
        if instruction.keyword == "ENV":
            for pair in instruction.arguments.split():
                name, _, value = pair.partition("=")
                environment[name] = value
    return environment


def image_command() -> list[str]:
    """ENTRYPOINT + CMD of the runtime stage: what `docker run IMAGE` runs."""
    found = {i.keyword: exec_form(i) for i in final_stage() if i.keyword in ("ENTRYPOINT", "CMD")}
    return found["ENTRYPOINT"] + found.get("CMD", [])


def image_entrypoint() -> list[str]:
    return next(exec_form(i) for i in final_stage() if i.keyword == "ENTRYPOINT")


# --- compose ---------------------------------------------------------------------------

_VARIABLE = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


class MissingVariable(Exception):
    pass


def interpolate(value: Any, variables: dict[str, str]) -> Any:
    """Compose's interpolation of ${NAME}, ${NAME:-default} and ${NAME:?error} in every
    string of the file, as `docker compose config` does before it validates."""
    if isinstance(value, dict):
        return {k: interpolate(v, variables) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, variables) for v in value]
    if not isinstance(value, str):
        return value

    def replace(match: re.Match[str]) -> str:
        name, op, arg = match["name"], match["op"], match["arg"]
        given = variables.get(name)
        if op in (":-", "-"):
            return given if given or (op == "-" and given is not None) else arg
        if op in (":?", "?") and not given:
            raise MissingVariable(f"{name}: {arg}")
        return given or ""

    return _VARIABLE.sub(replace, value)


def compose_raw() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def compose(variables: dict[str, str] | None = None) -> dict[str, Any]:
    """The compose file with the example .env's values (or `variables`) interpolated."""
    given = env_file(COMPOSE_ENV_EXAMPLE) if variables is None else variables
    return interpolate(compose_raw(), given)


def skillpath_services(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The services that run our image (built from deploy/Dockerfile)."""
    return {
        name: service
        for name, service in document["services"].items()
        if isinstance(service.get("build"), dict)
        and service["build"].get("dockerfile") == "deploy/Dockerfile"
    }


def compose_environment(service: dict[str, Any]) -> dict[str, str]:
    """What a service's processes see: its env_file(s), then `environment` over them."""
    environment: dict[str, str] = {}
    for name in service.get("env_file", []):
        environment |= env_file(DEPLOY / name)
    environment |= {k: str(v) for k, v in (service.get("environment") or {}).items()}
    return environment


# --- Kubernetes ------------------------------------------------------------------------


def manifest_files() -> list[Path]:
    return sorted(K8S.glob("*.yaml"))


def manifests() -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in manifest_files():
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if document:
                yield path, document


def pod_spec(document: dict[str, Any]) -> dict[str, Any] | None:
    if document["kind"] in ("Deployment", "Job", "StatefulSet", "DaemonSet"):
        return document["spec"]["template"]["spec"]
    return None


def workloads() -> Iterator[tuple[str, dict[str, Any]]]:
    """(kind/name, pod spec) of every workload."""
    for _, document in manifests():
        spec = pod_spec(document)
        if spec is not None:
            yield f"{document['kind']}/{document['metadata']['name']}", spec


def skillpath_containers() -> Iterator[tuple[str, dict[str, Any]]]:
    for workload, spec in workloads():
        for container in spec.get("initContainers", []) + spec["containers"]:
            if container["image"].startswith(K8S_IMAGE):
                yield f"{workload}/{container['name']}", container


def find(kind: str, name: str | None = None) -> dict[str, Any]:
    found = [
        d
        for _, d in manifests()
        if d["kind"] == kind and (name is None or d["metadata"]["name"] == name)
    ]
    assert len(found) == 1, (kind, name, len(found))
    return found[0]


def k8s_environment(container: dict[str, Any]) -> dict[str, str]:
    """What a container's process sees: its envFrom ConfigMaps and Secrets, then `env`."""
    environment: dict[str, str] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            environment |= find("ConfigMap", source["configMapRef"]["name"])["data"]
        if "secretRef" in source:
            environment |= find("Secret", source["secretRef"]["name"])["stringData"]
    for variable in container.get("env", []):
        environment[variable["name"]] = variable.get("value", "")
    return environment


# --- what every process of ours runs and sees --------------------------------------------


def invocations() -> list[tuple[str, list[str]]]:
    """(where, arguments of `skillpath`) of every process the image and the manifests start."""
    entrypoint = image_entrypoint()
    assert entrypoint == ["skillpath"], entrypoint
    found = [("Dockerfile CMD", image_command()[1:])]
    for name, service in skillpath_services(compose_raw()).items():
        assert "entrypoint" not in service, name
        found.append((f"compose {name}", list(service["command"])))
    for where, container in skillpath_containers():
        assert "command" not in container, where  # the image's entry point, `skillpath`
        found.append((f"k8s {where}", list(container["args"])))
    return found


def environments() -> list[tuple[str, dict[str, str]]]:
    """(where, variables) of every process of ours, each as its orchestrator gives them."""
    found = [("Dockerfile ENV", image_environment())]
    document = compose()
    for name, service in skillpath_services(document).items():
        found.append((f"compose {name}", compose_environment(service)))
    for where, container in skillpath_containers():
        found.append((f"k8s {where}", k8s_environment(container)))
    return found
