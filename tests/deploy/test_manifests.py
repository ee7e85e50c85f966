"""deploy/k8s/, validated without a cluster: every manifest against Kubernetes' own schemas
(kubernetes-validate's bundled copies, strict: an unknown or misspelt field is an error), the
restricted Pod Security Standard, the references between the objects, and the environment
they give Skillpath, which Django's deployment check must pass."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.deploy import files

kubernetes_validate = pytest.importorskip("kubernetes_validate")

# The oldest Kubernetes the manifests are meant for (autoscaling/v2 and policy/v1 are GA,
# the Pod Security labels enforced), and the newest kubernetes-validate knows.
VERSIONS = ["1.30", kubernetes_validate.latest_version()]

DOCUMENTS = [
    pytest.param(document, id=f"{path.name}:{document['kind']}/{document['metadata']['name']}")
    for path, document in files.manifests()
]


def validate(document: dict[str, Any], version: str) -> None:
    # SchemaNotFoundError (an unknown kind or apiVersion) is raised too: the command-line
    # tool would only warn about it.
    kubernetes_validate.validate(document, version, strict=True)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_manifest_is_valid_against_the_kubernetes_schema(document, version):
    validate(document, version)


def test_the_manifests_hold_every_kind_the_issue_asks_for():
    kinds = {document["kind"] for _, document in files.manifests()}
    assert {
        "Deployment",
        "Service",
        "Ingress",
        "HorizontalPodAutoscaler",
        "ConfigMap",
        "Secret",
        "Job",
    } <= kinds
    names = {document["metadata"]["name"] for _, document in files.manifests()}
    assert {"skillpath-web", "skillpath-worker", "skillpath-beat", "skillpath-setup"} <= names


def test_the_validator_refuses_a_misspelt_field_and_an_unknown_kind():
    """The check above cannot pass by accident."""
    deployment = files.find("Deployment", "skillpath-web")
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    container["securityContext"]["readOnlyRootFileSystem"] = True  # the field has a lower s
    with pytest.raises(kubernetes_validate.ValidationError):
        validate(deployment, VERSIONS[-1])
    with pytest.raises(kubernetes_validate.SchemaNotFoundError):
        validate({"apiVersion": "v1", "kind": "Deploymnet", "metadata": {"name": "x"}}, "1.30")


def test_every_manifest_is_in_the_namespace_of_skillpath():
    for path, document in files.manifests():
        if document["kind"] != "Namespace":
            assert document["metadata"].get("namespace") == "skillpath", path.name
    namespace = files.find("Namespace")
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"


WORKLOADS = [pytest.param(spec, id=name) for name, spec in files.workloads()]


@pytest.mark.parametrize("spec", WORKLOADS)
def test_every_pod_meets_the_restricted_pod_security_standard(spec):
    pod = spec["securityContext"]
    assert pod["runAsNonRoot"] is True and pod["runAsUser"] != 0
    assert pod["seccompProfile"]["type"] == "RuntimeDefault"
    assert spec["automountServiceAccountToken"] is False
    for container in spec.get("initContainers", []) + spec["containers"]:
        security = container["securityContext"]
        assert security["allowPrivilegeEscalation"] is False
        assert security["capabilities"]["drop"] == ["ALL"]
        assert security["readOnlyRootFilesystem"] is True
        # Read-only root: every folder the process writes to is a volume of its own.
        mounts = {mount["mountPath"] for mount in container["volumeMounts"]}
        assert {"/var/lib/skillpath", "/tmp"} <= mounts
        assert files.image_environment()["SKILLPATH_DATA_DIR"] == "/var/lib/skillpath"


@pytest.mark.parametrize("spec", WORKLOADS)
def test_every_container_asks_for_resources_and_has_a_memory_limit(spec):
    for container in spec.get("initContainers", []) + spec["containers"]:
        resources = container["resources"]
        assert {"cpu", "memory"} <= set(resources["requests"])
        assert "memory" in resources["limits"]


def quantity(value: str) -> float:
    units = {"m": 1e-3, "Mi": 2**20, "Gi": 2**30}
    for unit, factor in units.items():
        if value.endswith(unit):
            return float(value[: -len(unit)]) * factor
    return float(value)


def web_container() -> dict[str, Any]:
    deployment = files.find("Deployment", "skillpath-web")
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    return container


@pytest.mark.parametrize(
    ("deployment", "option"),
    [("skillpath-web", "--workers"), ("skillpath-worker", "--concurrency")],
)
def test_web_and_worker_start_as_many_processes_as_their_cpu_limit(deployment, option):
    """os.cpu_count() in a pod is the node's cores, not the pod's share: the count is given."""
    (container,) = files.find("Deployment", deployment)["spec"]["template"]["spec"]["containers"]
    arguments = container["args"]
    processes = int(arguments[arguments.index(option) + 1])
    assert processes == quantity(container["resources"]["limits"]["cpu"])
    for resource in ("cpu", "memory"):
        requested = quantity(container["resources"]["requests"][resource])
        assert requested <= quantity(container["resources"]["limits"][resource])


def allowed_hosts() -> list[str]:
    return files.find("ConfigMap", "skillpath")["data"]["SKILLPATH_ALLOWED_HOSTS"].split(",")


def test_the_probes_ask_for_the_health_endpoints_with_a_host_django_allows():
    container = web_container()
    assert container["livenessProbe"]["httpGet"]["path"] == "/health/live"
    assert container["startupProbe"]["httpGet"]["path"] == "/health/live"
    assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        check = container[probe]["httpGet"]
        assert check["port"] in ports
        headers = {h["name"]: h["value"] for h in check["httpHeaders"]}
        assert headers["Host"] in allowed_hosts(), probe
    assert container["args"][container["args"].index("--port") + 1] == str(ports["http"])


def test_the_ingress_serves_the_allowed_hosts_over_tls_through_the_web_service():
    ingress = files.find("Ingress", "skillpath")
    origins = files.find("ConfigMap", "skillpath")["data"]["SKILLPATH_CSRF_TRUSTED_ORIGINS"]
    service = files.find("Service", "skillpath-web")
    for rule in ingress["spec"]["rules"]:
        assert rule["host"] in allowed_hosts()
        assert f"https://{rule['host']}" in origins.split(",")
        assert rule["host"] in [h for tls in ingress["spec"]["tls"] for h in tls["hosts"]]
        for path in rule["http"]["paths"]:
            backend = path["backend"]["service"]
            assert backend["name"] == service["metadata"]["name"]
            assert backend["port"]["name"] in [port["name"] for port in service["spec"]["ports"]]


def test_selectors_find_their_pods_and_the_autoscaler_its_deployment():
    for _, document in files.manifests():
        if document["kind"] == "Deployment":
            labels = document["spec"]["template"]["metadata"]["labels"]
            assert document["spec"]["selector"]["matchLabels"].items() <= labels.items()
    web_labels = files.find("Deployment", "skillpath-web")["spec"]["template"]["metadata"]
    service = files.find("Service", "skillpath-web")
    assert service["spec"]["selector"].items() <= web_labels["labels"].items()
    assert service["spec"]["ports"][0]["targetPort"] == web_container()["ports"][0]["name"]
    budget = files.find("PodDisruptionBudget", "skillpath-web")
    assert budget["spec"]["selector"]["matchLabels"].items() <= web_labels["labels"].items()
    target = files.find("HorizontalPodAutoscaler", "skillpath-web")["spec"]["scaleTargetRef"]
    assert files.find(target["kind"], target["name"])["apiVersion"] == target["apiVersion"]


def test_setup_runs_as_a_job_and_exactly_one_beat_runs():
    job = files.find("Job", "skillpath-setup")
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == ["setup"]
    beat = files.find("Deployment", "skillpath-beat")
    assert beat["spec"]["replicas"] == 1 and beat["spec"]["strategy"]["type"] == "Recreate"
    assert "HorizontalPodAutoscaler" not in [
        d["kind"] for _, d in files.manifests() if d["metadata"]["name"] == "skillpath-beat"
    ]


def test_the_configuration_is_the_server_profile_with_the_same_names_and_values():
    environment = (
        files.find("ConfigMap", "skillpath")["data"]
        | (files.find("Secret", "skillpath")["stringData"])
    )
    profile = files.env_file(files.SERVER_ENV)
    assert set(profile) <= set(environment)
    # Same values, except where the cluster differs: the database server's address.
    differing = {name for name in profile if profile[name] != environment[name]}
    assert differing == {"DATABASE_URL"}
    assert all(isinstance(value, str) for value in environment.values())


def test_the_secrets_example_values_are_marked_change():
    secret = files.find("Secret", "skillpath")["stringData"]
    for name in ("SKILLPATH_SECRET_KEY", "DATABASE_URL", "SKILLPATH_METRICS_TOKEN"):
        assert "CHANGE-ME" in secret[name], name


CHECK = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]


def deployment_check(tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess:
    """Django's deployment check with the environment the web pods get (and no other)."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SKILLPATH_") and k != "DATABASE_URL"
    }
    environment |= files.k8s_environment(web_container())
    # Loopback addresses only: the check connects to nothing, and no test reaches outside.
    environment |= {
        "REDIS_URL": "redis://127.0.0.1:6379/7",
        "SKILLPATH_BROKER_URL": "redis://127.0.0.1:6379/7",
        "SKILLPATH_DATA_DIR": str(tmp_path),
    }
    environment |= overrides
    return subprocess.run(
        [sys.executable, *CHECK],
        cwd=files.ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_deployment_check_is_clean_with_the_clusters_configuration(tmp_path):
    done = deployment_check(
        tmp_path,
        SKILLPATH_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="postgres://skillpath:s3cret@127.0.0.1:5432/skillpath",
        SKILLPATH_METRICS_TOKEN=secrets.token_urlsafe(32),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_the_deployment_check_refuses_the_secrets_example_values(tmp_path):
    done = deployment_check(
        tmp_path, DATABASE_URL="postgres://skillpath:CHANGE-ME@127.0.0.1:5432/skillpath"
    )
    assert done.returncode != 0
    assert "SKILLPATH_SECRET_KEY still holds the example value" in done.stderr
    assert "DATABASE_URL still holds the example value" in done.stderr
