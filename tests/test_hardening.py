"""Deployment files and production hardening.

First the files under ``deploy/`` (Dockerfile, compose, Kubernetes manifests, entrypoint) and ``.dockerignore``,
checked syntactically without Docker or a cluster. Then ``.streamlit/config.toml``: every option is one
Streamlit knows, and a real ``streamlit run`` server honours it: odd and traversing paths never return a file,
a foreign origin gets no CORS grant and no websocket, and uploads need the XSRF cookie and header.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from streamlit_server import HEALTH, running_app
from websockets.exceptions import InvalidHandshake, InvalidStatus
from websockets.sync.client import connect

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
DOCKERFILE = DEPLOY / "Dockerfile"
ENTRYPOINT = DEPLOY / "docker-entrypoint.sh"
CONFIG = ROOT / ".streamlit" / "config.toml"
APP_PORT = 8501
APP_UID = 10001
SECRET_ENV = ("HAMKORLIK_LIBRARY_URL", "STREAMLIT_SERVER_COOKIE_SECRET")
PLACEHOLDER = "CHANGE-ME"
NAMESPACE = "hamkorlik"
EVIL_ORIGIN = "http://evil.example"


# --- helpers: YAML, Dockerfile, .dockerignore --------------------------------------------------------------


def yaml_files() -> list[Path]:
    return sorted([*DEPLOY.rglob("*.yaml"), *DEPLOY.rglob("*.yml")])


def load_docs(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc is not None]


def k8s_docs() -> list[dict[str, Any]]:
    return [doc for path in sorted(K8S.glob("*.yaml")) for doc in load_docs(path)]


def k8s_doc(kind: str) -> dict[str, Any]:
    found = [doc for doc in k8s_docs() if doc.get("kind") == kind]
    assert len(found) == 1, f"expected one {kind} under deploy/k8s, found {len(found)}"
    return found[0]


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs: comments dropped, backslash continuations joined."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, rest = (pending + line).partition(" ")
        instructions.append((keyword.upper(), rest.strip()))
        pending = ""
    assert not pending, "the Dockerfile ends inside a line continuation"
    return instructions


def instruction_args(keyword: str) -> list[str]:
    return [args for key, args in dockerfile_instructions() if key == keyword]


def copy_sources() -> list[str]:
    """The build-context paths the Dockerfile's COPY/ADD instructions take (not COPY --from=stage)."""
    sources: list[str] = []
    for key, args in dockerfile_instructions():
        if key not in ("COPY", "ADD"):
            continue
        words = args.split()
        if any(word.startswith("--from") for word in words):
            continue
        sources += [word for word in words[:-1] if not word.startswith("--")]
    return sources


def dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """Docker's .dockerignore globbing: ``**`` any depth, ``*`` and ``?`` within one path element."""
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out)


def dockerignored(path: str) -> bool:
    """Whether ``path`` (relative to the repository root) stays out of the build context.

    The last pattern matching the path or one of its parent folders decides; ``!pattern`` re-includes.
    """
    parts = path.strip("/").split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    excluded = False
    for pattern in dockerignore_patterns():
        negate = pattern.startswith("!")
        regex = _glob_regex(pattern.removeprefix("!").strip("/").removeprefix("./"))
        if any(regex.fullmatch(prefix) for prefix in prefixes):
            excluded = not negate
    return excluded


# --- every YAML file ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", yaml_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_under_deploy_parses(path: Path) -> None:
    docs = load_docs(path)
    assert docs, f"{path} holds no YAML document"
    assert all(isinstance(doc, dict) for doc in docs)


def test_deploy_folder_has_the_expected_files() -> None:
    for name in ("Dockerfile", "docker-compose.yml", "docker-entrypoint.sh", "requirements-postgres.txt",
                 "README.md", "k8s/deployment.yaml", "k8s/service.yaml", "k8s/ingress.yaml",
                 "k8s/secret.example.yaml", "k8s/kustomization.yaml"):
        assert (DEPLOY / name).is_file(), f"deploy/{name} is missing"


def test_every_kubernetes_document_has_api_version_kind_and_metadata() -> None:
    docs = k8s_docs()
    assert len(docs) >= 5
    for doc in docs:
        assert isinstance(doc.get("apiVersion"), str) and doc["apiVersion"], doc
        assert isinstance(doc.get("kind"), str) and doc["kind"], doc
        assert isinstance(doc.get("metadata"), dict) and doc["metadata"].get("name"), doc
        if doc["kind"] == "Namespace":
            assert doc["metadata"]["name"] == NAMESPACE
        elif doc["kind"] == "Kustomization":
            assert doc["namespace"] == NAMESPACE
        else:
            assert doc["metadata"].get("namespace") == NAMESPACE, f"{doc['kind']} is not in the {NAMESPACE} namespace"


# --- Kubernetes --------------------------------------------------------------------------------------------


def app_container() -> dict[str, Any]:
    containers = k8s_doc("Deployment")["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    container: dict[str, Any] = containers[0]
    return container


def resolved_port(container: dict[str, Any], port: int | str) -> int:
    if isinstance(port, int):
        return port
    named = {p["name"]: p["containerPort"] for p in container["ports"]}
    return int(named[port])


def test_deployment_probes_the_health_endpoint() -> None:
    container = app_container()
    for probe in ("readinessProbe", "livenessProbe"):
        check = container[probe]["httpGet"]
        assert check["path"] == HEALTH, probe
        assert resolved_port(container, check["port"]) == APP_PORT, probe
    assert {p["containerPort"] for p in container["ports"]} == {APP_PORT}


def test_deployment_runs_as_non_root_on_a_read_only_filesystem() -> None:
    deployment = k8s_doc("Deployment")
    pod = deployment["spec"]["template"]["spec"]
    container = app_container()
    assert deployment["spec"]["replicas"] == 2
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == APP_UID
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert "/tmp" in mounts and "emptyDir" in volumes[mounts["/tmp"]]
    resources = container["resources"]
    assert set(resources) == {"requests", "limits"}
    assert {"cpu", "memory"} <= set(resources["requests"]) and {"cpu", "memory"} <= set(resources["limits"])


def test_deployment_takes_both_secrets_as_files_of_one_secret() -> None:
    container, pod = app_container(), k8s_doc("Deployment")["spec"]["template"]["spec"]
    env = {item["name"]: item for item in container["env"]}
    secret = k8s_doc("Secret")
    mounts = {m["name"]: m for m in container["volumeMounts"]}
    (volume,) = [v for v in pod["volumes"] if "secret" in v]
    assert volume["secret"]["secretName"] == secret["metadata"]["name"]
    mount = mounts[volume["name"]]
    assert mount.get("readOnly") is True
    for name in SECRET_ENV:
        assert name not in env, f"{name} is an environment value in the pod spec; mount it as a file instead"
        path = env[name + "_FILE"]["value"]
        folder, _, key = path.rpartition("/")
        assert folder == mount["mountPath"] and key in secret["stringData"], path


def test_secret_example_holds_placeholders_only_and_is_not_applied() -> None:
    secret = k8s_doc("Secret")
    assert set(secret["stringData"]) == set(SECRET_ENV)
    for key, value in secret["stringData"].items():
        assert PLACEHOLDER in value, f"{key} in secret.example.yaml looks like a real value"
    kustomization = load_docs(K8S / "kustomization.yaml")[0]
    assert "secret.example.yaml" not in kustomization["resources"]
    for resource in kustomization["resources"]:
        assert (K8S / resource).is_file(), resource
    listed = set(kustomization["resources"]) | {"secret.example.yaml", "kustomization.yaml"}
    assert {p.name for p in K8S.glob("*.yaml")} == listed, "a manifest under deploy/k8s is not in the kustomization"


def test_service_and_ingress_reach_the_pods() -> None:
    deployment, service, ingress = k8s_doc("Deployment"), k8s_doc("Service"), k8s_doc("Ingress")
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["type"] == "ClusterIP"
    assert service["spec"]["selector"].items() <= pod_labels.items()
    assert deployment["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
    (port,) = service["spec"]["ports"]
    assert port["port"] == APP_PORT
    assert resolved_port(app_container(), port["targetPort"]) == APP_PORT
    backends = [path["backend"]["service"] for rule in ingress["spec"]["rules"] for path in rule["http"]["paths"]]
    assert backends
    for backend in backends:
        assert backend["name"] == service["metadata"]["name"]
        assert backend["port"].get("name") == port["name"] or backend["port"].get("number") == APP_PORT
    assert ingress["spec"]["tls"], "TLS ends at the ingress"


def test_ingress_pins_sessions_with_a_cookie_and_keeps_websockets_open() -> None:
    annotations = k8s_doc("Ingress")["metadata"]["annotations"]
    prefix = "nginx.ingress.kubernetes.io/"
    assert annotations[prefix + "affinity"] == "cookie"
    assert annotations[prefix + "affinity-mode"] == "persistent"
    assert annotations[prefix + "session-cookie-name"]
    for timeout in ("proxy-read-timeout", "proxy-send-timeout"):
        assert int(annotations[prefix + timeout]) >= 3600, timeout
    assert all(isinstance(value, str) for value in annotations.values()), "annotation values must be strings"


def test_autoscaler_targets_the_deployment() -> None:
    hpa = k8s_doc("HorizontalPodAutoscaler")
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", k8s_doc("Deployment")["metadata"]["name"])
    assert hpa["spec"]["minReplicas"] >= 2


# --- Dockerfile, .dockerignore, entrypoint ----------------------------------------------------------------


def test_dockerfile_base_user_port_and_command() -> None:
    assert instruction_args("FROM") == ["python:3.11-slim"]
    users = instruction_args("USER")
    assert users, "the Dockerfile has no USER line: the app would run as root"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0")
    assert user == str(APP_UID)
    assert instruction_args("EXPOSE") == [str(APP_PORT)]
    (command,) = instruction_args("CMD")
    assert json.loads(command) == ["streamlit", "run", "app.py", "--server.port", str(APP_PORT),
                                   "--server.address", "0.0.0.0"]


def test_dockerfile_health_check_calls_the_health_endpoint() -> None:
    (check,) = instruction_args("HEALTHCHECK")
    assert "CMD" in check.split()
    assert f"http://127.0.0.1:{APP_PORT}{HEALTH}" in check


def test_dockerfile_installs_the_runtime_requirements_without_a_cache() -> None:
    runs = " ".join(instruction_args("RUN"))
    assert re.search(r"pip install --no-cache-dir -r \S*requirements\.txt", runs)
    assert "requirements-dev" not in DOCKERFILE.read_text(encoding="utf-8")
    assert "requirements-postgres.txt" in runs


def test_dockerfile_copies_the_app_only() -> None:
    sources = copy_sources()
    # every package the project installs (pyproject's list of layers), so a new layer cannot miss the image
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    assert {"model", "exchange", "presentation", "ui", "cli"} <= set(packages)
    for needed in ("app.py", "pages/", *(f"{package}/" for package in packages), "data/", ".streamlit/"):
        assert needed in sources, f"the image lacks {needed}"
    for source in sources:
        clean = source.strip("/")
        assert clean not in (".", ""), "COPY . would take the whole repository, .venv and tests included"
        assert not clean.startswith((".venv", "tests", ".git")), f"the image must not contain {source}"
        assert (ROOT / clean).exists(), f"COPY {source}: no such path in the repository"
        assert not dockerignored(clean), f"COPY {source}: .dockerignore keeps it out of the build context"


def test_dockerfile_bakes_no_secret() -> None:
    for keyword in ("ENV", "ARG", "LABEL"):
        for args in instruction_args(keyword):
            for name in (*SECRET_ENV, "POSTGRES_PASSWORD", "PASSWORD", "SECRET"):
                assert name not in args.upper(), f"{keyword} {args} puts a secret into the image"


def test_dockerignore_keeps_out_venv_tests_git_caches_and_databases() -> None:
    for path in (".venv/bin/python", "tests/test_model.py", ".git/HEAD", ".pytest_cache/v/x", "model/__pycache__/a.pyc",
                 ".mypy_cache/x", ".ruff_cache/x", "library.sqlite3", "data/library.sqlite3",
                 ".streamlit/secrets.toml", "deploy/.env", "deploy/k8s/secret.example.yaml"):
        assert dockerignored(path), f"{path} would be sent into the build context"
    for path in ("app.py", "requirements.txt", "model/registry.py", "data/assumptions.yaml", ".streamlit/config.toml",
                 "deploy/requirements-postgres.txt", "deploy/docker-entrypoint.sh"):
        assert not dockerignored(path), f"{path} is needed by the build but ignored"


def test_postgres_driver_pin_matches_the_tested_one() -> None:
    def pins(path: Path) -> set[str]:
        lines = path.read_text(encoding="utf-8").splitlines()
        return {line.split("#")[0].strip() for line in lines if line.strip().lower().startswith("psycopg")}

    deploy_pins = pins(DEPLOY / "requirements-postgres.txt")
    assert deploy_pins == {"psycopg[binary]==3.3.9"}
    assert deploy_pins <= pins(ROOT / "requirements-dev.txt"), "the image's driver differs from the tested one"


def run_entrypoint(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", str(ENTRYPOINT), "sh", "-c", "echo started"], capture_output=True, text=True,
                          timeout=30, check=False, env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env})


GOOD_URL = "postgresql+psycopg://hamkorlik:0123456789abcdef@db:5432/hamkorlik"
GOOD_SECRET = "0123456789abcdef" * 4


@pytest.mark.parametrize(("env", "says"), [
    ({}, "HAMKORLIK_LIBRARY_URL is not set"),
    ({"HAMKORLIK_LIBRARY_URL": GOOD_URL}, "STREAMLIT_SERVER_COOKIE_SECRET is not set"),
    ({"HAMKORLIK_LIBRARY_URL": GOOD_URL, "STREAMLIT_SERVER_COOKIE_SECRET": "short"}, "has 5 characters"),
    ({"HAMKORLIK_LIBRARY_URL": GOOD_URL, "STREAMLIT_SERVER_COOKIE_SECRET": "CHANGE-ME-" + GOOD_SECRET}, "placeholder"),
    ({"HAMKORLIK_LIBRARY_URL": "postgresql+psycopg://h:CHANGE-ME@db/h", "STREAMLIT_SERVER_COOKIE_SECRET": GOOD_SECRET},
     "placeholder"),
], ids=["nothing", "no-secret", "short-secret", "placeholder-secret", "placeholder-url"])
def test_entrypoint_refuses_missing_or_placeholder_secrets(env: dict[str, str], says: str) -> None:
    done = run_entrypoint(env)
    assert done.returncode == 78, done
    assert says in done.stderr
    assert "started" not in done.stdout


def test_entrypoint_starts_the_command_with_real_secrets() -> None:
    done = run_entrypoint({"HAMKORLIK_LIBRARY_URL": GOOD_URL, "STREAMLIT_SERVER_COOKIE_SECRET": GOOD_SECRET})
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "started", "")


def test_entrypoint_reads_secrets_from_the_files_the_deployment_mounts(tmp_path: Path) -> None:
    (tmp_path / "url").write_text(GOOD_URL + "\n")
    (tmp_path / "secret").write_text(GOOD_SECRET)
    files = {"HAMKORLIK_LIBRARY_URL_FILE": str(tmp_path / "url"),
             "STREAMLIT_SERVER_COOKIE_SECRET_FILE": str(tmp_path / "secret")}
    show = 'echo "$HAMKORLIK_LIBRARY_URL|$STREAMLIT_SERVER_COOKIE_SECRET"'
    done = subprocess.run(["sh", str(ENTRYPOINT), "sh", "-c", show], capture_output=True, text=True, timeout=30,
                          check=False, env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **files})
    assert (done.returncode, done.stdout.strip()) == (0, f"{GOOD_URL}|{GOOD_SECRET}"), done.stderr
    missing = run_entrypoint({**files, "HAMKORLIK_LIBRARY_URL_FILE": str(tmp_path / "absent")})
    assert missing.returncode == 78 and "cannot be read" in missing.stderr


def test_example_secrets_are_placeholders_the_entrypoint_refuses() -> None:
    secret = k8s_doc("Secret")["stringData"]
    assert run_entrypoint(secret).returncode == 78
    env_example = dict(line.split("=", 1) for line in (DEPLOY / ".env.example").read_text(encoding="utf-8").splitlines()
                       if line.strip() and not line.startswith("#"))
    assert all(PLACEHOLDER in env_example[key] for key in ("POSTGRES_PASSWORD", "STREAMLIT_SERVER_COOKIE_SECRET"))


# --- docker compose ----------------------------------------------------------------------------------------


def compose() -> dict[str, Any]:
    (doc,) = load_docs(DEPLOY / "docker-compose.yml")
    return doc


def test_compose_has_app_and_db_with_health_checks() -> None:
    services = compose()["services"]
    assert set(services) == {"app", "db"}
    app, db = services["app"], services["db"]
    assert any(HEALTH in part for part in app["healthcheck"]["test"])
    assert any("pg_isready" in part for part in db["healthcheck"]["test"])
    assert app["depends_on"]["db"]["condition"] == "service_healthy"
    assert db["image"] == "postgres:16-alpine"
    assert "ports" not in db, "the database must not be published on the host"


def test_compose_builds_the_dockerfile_from_the_repository_root() -> None:
    build = compose()["services"]["app"]["build"]
    context = (DEPLOY / build["context"]).resolve()
    assert context == ROOT
    assert (context / build["dockerfile"]).resolve() == DOCKERFILE


def test_compose_takes_secrets_from_the_environment_and_persists_the_database() -> None:
    doc = compose()
    app, db = doc["services"]["app"], doc["services"]["db"]
    url = app["environment"]["HAMKORLIK_LIBRARY_URL"]
    assert url.startswith("postgresql+psycopg://hamkorlik:${POSTGRES_PASSWORD")
    assert url.endswith("@db:5432/hamkorlik")
    assert app["environment"]["STREAMLIT_SERVER_COOKIE_SECRET"].startswith("${STREAMLIT_SERVER_COOKIE_SECRET")
    assert db["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD")
    assert (db["environment"]["POSTGRES_USER"], db["environment"]["POSTGRES_DB"]) == ("hamkorlik", "hamkorlik")
    (volume,) = db["volumes"]
    name, mount = volume.split(":")[:2]
    assert mount == "/var/lib/postgresql/data" and name in doc["volumes"]


# --- .streamlit/config.toml --------------------------------------------------------------------------------

PRODUCTION = {
    "server.headless": "true",
    "server.runOnSave": "false",
    "server.fileWatcherType": '"none"',
    "server.enableXsrfProtection": "true",
    "server.enableCORS": "true",
    "server.maxUploadSize": "2",
    "server.enableStaticServing": "false",
    "client.toolbarMode": '"viewer"',
    "client.showErrorDetails": '"none"',
    "browser.gatherUsageStats": "false",
    "runner.magicEnabled": "false",
}


def clean_environment() -> dict[str, str]:
    """Our environment without STREAMLIT_* overrides, so the config file alone decides."""
    return {key: value for key, value in os.environ.items() if not key.startswith("STREAMLIT_")}


@pytest.fixture(scope="module")
def config_show() -> str:
    done = subprocess.run([sys.executable, "-m", "streamlit", "config", "show"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True, env=clean_environment())
    return done.stdout


def options_in(text: str) -> tuple[set[str], dict[str, tuple[str, str]]]:
    """Every option ``config show`` knows, and each set one's (value, where it was set)."""
    known: set[str] = set()
    values: dict[str, tuple[str, str]] = {}
    section, origin = "", ""
    for line in text.splitlines():
        if header := re.fullmatch(r"\[([\w.]+)\]", line.strip()):
            section = header[1]
        elif note := re.fullmatch(r"# The value below was set in (.+)", line.strip()):
            origin = note[1]
        elif option := re.fullmatch(r"(#\s*)?(\w+) =\s*(.*)", line.strip()):
            known.add(f"{section}.{option[2]}")
            if not option[1]:
                values[f"{section}.{option[2]}"] = (option[3].strip(), origin)
            origin = ""
    return known, values


def test_every_config_option_is_one_streamlit_knows(config_show: str) -> None:
    known, _ = options_in(config_show)
    assert len(known) > 50, "could not read `streamlit config show`"
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    written = {f"{section}.{key}" for section, options in config.items() for key in options}
    assert written, "the config file is empty"
    assert written <= known | set(HIDDEN), f"options Streamlit 1.67 does not know: {sorted(written - known)}"
    assert "server.cookieSecret" not in written, "the cookie secret belongs in the environment, not the repository"


# Options `config show` does not list (Streamlit marks them hidden) but that a server started here reads.
HIDDEN = {"runner.postScriptGC": "False"}  # no full GC between a slider's key press and its update


@pytest.mark.parametrize(("option", "expected"), HIDDEN.items())
def test_a_hidden_option_is_one_streamlit_reads_from_the_project_config(option: str, expected: str) -> None:
    code = "import sys, streamlit.config as config; print(config.get_option(sys.argv[1]))"
    done = subprocess.run([sys.executable, "-c", code, option], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env=clean_environment())
    assert done.returncode == 0, f"Streamlit does not know {option}: {done.stderr.strip()[-300:]}"
    assert done.stdout.strip() == expected


def test_production_settings_come_from_the_project_config(config_show: str) -> None:
    _, values = options_in(config_show)
    for option, expected in PRODUCTION.items():
        value, origin = values.get(option, ("(default)", ""))
        assert value == expected, f"{option} = {value}, expected {expected}"
        assert origin == str(CONFIG), f"{option} is not set by {CONFIG} but by {origin or 'the default'}"


# --- a real server -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A ``streamlit run app.py`` on a free port with nothing but the project's config (no overrides)."""
    folder = tmp_path_factory.mktemp("hardening")
    environment = {**clean_environment(), "HAMKORLIK_LIBRARY_URL": f"sqlite:///{folder / 'library.sqlite3'}"}
    with running_app(folder, environment) as port:
        yield port


def request(port: int, method: str, path: str, headers: dict[str, str] | None = None,
            body: bytes | None = None) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One raw request: the path goes out exactly as given (``..`` and ``%2e`` are not normalised)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


ODD_PATHS = [
    "/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/static/../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/app.py",
    "/app/static/../../app.py",
    "/_stcore/../app.py",
    "/_stcore/static/..%2f..%2fmodel/registry.py",
    "/component/..%2f..%2fetc/passwd",
    "/media/../../etc/passwd",
    "//etc/passwd",
    "/_stcore/health/../../../etc/passwd",
    "/app.py",
    "/data/assumptions.yaml",
    "/.streamlit/config.toml",
    "/_stcore/upload_file/../../etc/passwd",
    # and a few more of the same families
    "/app/static/app.py",
    "/component/x/../../app.py",
    "/media/..%2f..%2fapp.py",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/..%5c..%5capp.py",
    "/static/..%2f..%2f.streamlit/config.toml",
]
PROJECT_FILES = ["app.py", "model/registry.py", "data/assumptions.yaml", ".streamlit/config.toml"]


def fingerprints() -> dict[str, list[bytes]]:
    """For /etc/passwd and each project file, lines that would show its content leaked into a response."""
    prints = {"/etc/passwd": [b"root:x:0:0"]}
    for name in PROJECT_FILES:
        lines = [line.strip() for line in (ROOT / name).read_text(encoding="utf-8").splitlines()]
        distinctive = [line for line in lines if len(line) >= 20 and not line.startswith(("<", "{", "}"))]
        assert distinctive, name
        prints[name] = [line.encode("utf-8") for line in distinctive[:5]]
    return prints


@pytest.fixture(scope="module")
def index_html(port: int) -> bytes:
    status, _, body = request(port, "GET", "/")
    assert status == 200 and b'<div id="root">' in body
    return body


@pytest.mark.parametrize("path", ODD_PATHS)
def test_odd_paths_never_return_a_file(port: int, index_html: bytes, path: str) -> None:
    status, headers, body = request(port, "GET", path)
    assert status in (200, 400, 403, 404), f"{path}: {status}"
    for name, lines in fingerprints().items():
        for line in lines:
            assert line not in body, f"{path} returned the content of {name} (status {status})"
    if status == 200:  # only ever the app's page shell, which the browser fills in over the websocket
        assert body == index_html, f"{path}: 200 with something other than the app's index.html"
        assert headers.get_content_type() == "text/html"


def test_health_endpoint_answers_ok(port: int) -> None:
    status, _, body = request(port, "GET", HEALTH)
    assert (status, body) == (200, b"ok")


def test_a_foreign_origin_gets_no_cors_grant(port: int) -> None:
    for method, path in (("GET", HEALTH), ("OPTIONS", HEALTH), ("GET", "/"), ("GET", "/_stcore/host-config"),
                         ("OPTIONS", "/_stcore/upload_file/session/file")):
        status, headers, _ = request(port, method, path, {"Origin": EVIL_ORIGIN,
                                                          "Access-Control-Request-Method": "PUT"})
        assert status < 500, (method, path, status)
        granted = headers.get("Access-Control-Allow-Origin")
        assert granted not in (EVIL_ORIGIN, "*"), f"{method} {path} grants {granted!r} to {EVIL_ORIGIN}"
        if granted is not None:  # the upload preflight names the server's own address, never the caller's
            assert granted.startswith(("http://localhost", "http://127.0.0.1")), (method, path, granted)


def test_a_foreign_origin_cannot_open_the_websocket(port: int) -> None:
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    with connect(url, origin=f"http://127.0.0.1:{port}", subprotocols=["streamlit"], open_timeout=10):
        pass  # the same origin is let in, so the refusal below is about the origin
    with (pytest.raises((InvalidStatus, InvalidHandshake)) as refused,
          connect(url, origin=EVIL_ORIGIN, subprotocols=["streamlit"], open_timeout=10)):
        pass
    if isinstance(refused.value, InvalidStatus):
        assert refused.value.response.status_code == 403


def xsrf_token(port: int) -> str:
    """The XSRF token the server hands out in its cookie (SameSite=Lax)."""
    _, headers, _ = request(port, "GET", HEALTH)
    cookies = [value for key, value in headers.items() if key.lower() == "set-cookie"]
    xsrf = [c for c in cookies if c.startswith("_streamlit_xsrf=")]
    assert len(xsrf) == 1, f"the server sets no _streamlit_xsrf cookie (XSRF protection off?): {cookies}"
    cookie = xsrf[0]
    assert "samesite=lax" in cookie.lower().replace(" ", "")
    return cookie.split(";")[0].split("=", 1)[1]


UPLOAD = "/_stcore/upload_file/some-session/some-file"
BOUNDARY = "hardening-boundary"
FORM = (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="scenario.json"\r\n'
        f"Content-Type: application/json\r\n\r\n{{}}\r\n--{BOUNDARY}--\r\n").encode()
FORM_TYPE = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}


def test_uploads_without_the_xsrf_cookie_and_header_are_refused(port: int) -> None:
    token, other = xsrf_token(port), xsrf_token(port)
    refused = {
        "nothing": {},
        "foreign origin": {"Origin": EVIL_ORIGIN},
        "header only": {"X-Xsrftoken": token},
        "cookie only": {"Cookie": f"_streamlit_xsrf={token}"},
        "forged header": {"Cookie": f"_streamlit_xsrf={token}", "X-Xsrftoken": "2|00000000|" + "0" * 32 + "|0"},
        "another cookie's header": {"Cookie": f"_streamlit_xsrf={token}", "X-Xsrftoken": other},
    }
    for case, headers in refused.items():
        status, _, body = request(port, "PUT", UPLOAD, {**FORM_TYPE, **headers}, FORM)
        assert status == 403 and b"XSRF" in body, f"PUT with {case}: {status} {body[:80]!r}"
    status, _, body = request(port, "DELETE", UPLOAD)
    assert status == 403 and b"XSRF" in body, f"DELETE without a token: {status}"
    # With the cookie and the matching header the XSRF check passes and the request fails only later, on the
    # made-up session id: so the 403s above are the XSRF check and nothing else.
    status, _, body = request(port, "PUT", UPLOAD,
                              {**FORM_TYPE, "Cookie": f"_streamlit_xsrf={token}", "X-Xsrftoken": token}, FORM)
    assert status == 400 and b"session_id" in body, f"PUT with a matching token: {status} {body[:80]!r}"
