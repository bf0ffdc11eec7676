"""The deployment values the local cluster must copy, read from what ships: ``deploy/k8s`` and ``deploy/Dockerfile``.

The local cluster (``cluster.py``) builds its HAProxy configuration, its replicas' command and environment
from :func:`shipped`, never from numbers of its own, so a fault proven locally is proven for the manifests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
ENTRYPOINT = ROOT / "deploy" / "docker-entrypoint.sh"
NGINX = "nginx.ingress.kubernetes.io/"
FILE_SUFFIX = "_FILE"


@dataclass(frozen=True)
class Shipped:
    """What the Ingress, Deployment and Dockerfile say about routing, health and the replicas' settings.

    Attributes
    ----------
    cookie_name, cookie_path, cookie_samesite : str
        The affinity cookie (ingress-nginx ``session-cookie-*``).
    cookie_secure : bool
        Whether the affinity cookie is marked ``Secure`` (TLS ends at the ingress).
    cookie_max_age_s : int
        Lifetime of the affinity cookie, seconds.
    repin_on_failure : bool
        ``session-cookie-change-on-failure``: a dead pod's browsers are sent to another one.
    read_timeout_s, send_timeout_s : int
        Idle time allowed on an upgraded (WebSocket) connection, seconds.
    body_limit_bytes : int
        Largest request body (``proxy-body-size``).
    health_path : str
        The readiness probe's HTTP path.
    check_period_s, check_timeout_s, check_failures : int
        The readiness probe: every ``period`` s, ``timeout`` s each, out of rotation after ``failures`` misses.
    secret_files : dict of str to str
        Environment variable (e.g. ``HAMKORLIK_LIBRARY_URL_FILE``) → key of the Secret whose file it names.
    secret_file_paths : dict of str to str
        The same variables → the file path in the pod (``/run/secrets/hamkorlik/KEY``).
    command : list of str
        The image's ``CMD`` (``streamlit run app.py --server.port 8501 …``).
    port : int
        The container port the command listens on.
    """

    cookie_name: str
    cookie_path: str
    cookie_samesite: str
    cookie_secure: bool
    cookie_max_age_s: int
    repin_on_failure: bool
    read_timeout_s: int
    send_timeout_s: int
    body_limit_bytes: int
    health_path: str
    check_period_s: int
    check_timeout_s: int
    check_failures: int
    secret_files: dict[str, str]
    secret_file_paths: dict[str, str]
    command: list[str]
    port: int


def _documents() -> list[dict[str, Any]]:
    return [doc for path in sorted(K8S.glob("*.yaml"))
            for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def _one(kind: str) -> dict[str, Any]:
    found = [doc for doc in _documents() if doc.get("kind") == kind]
    if len(found) != 1:
        raise ValueError(f"deploy/k8s holds {len(found)} {kind} documents, expected one")
    return found[0]


def _size_bytes(text: str) -> int:
    """An nginx size (``4m``, ``512k``, ``1g`` or bytes) in bytes."""
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    text = text.strip().lower()
    return int(text[:-1]) * units[text[-1]] if text[-1] in units else int(text)


def _cmd() -> list[str]:
    lines = [line.strip() for line in DOCKERFILE.read_text(encoding="utf-8").splitlines()]
    # A CMD instruction, not the CMD of a HEALTHCHECK continued from the line before.
    commands = [line.removeprefix("CMD").strip() for before, line in zip(["", *lines], lines, strict=False)
                if line.startswith("CMD ") and not before.endswith("\\")]
    if len(commands) != 1:
        raise ValueError(f"deploy/Dockerfile has {len(commands)} CMD lines, expected one (JSON form)")
    command = json.loads(commands[0])
    if not (isinstance(command, list) and all(isinstance(word, str) for word in command)):
        raise ValueError("deploy/Dockerfile's CMD is not in JSON form")
    return command


def _secret_files(container: dict[str, Any], pod: dict[str, Any]) -> dict[str, str]:
    """Environment variables naming a file of a mounted Secret → that file's path in the pod."""
    mounts = {m["name"]: m["mountPath"].rstrip("/") for m in container.get("volumeMounts", [])}
    secret_dirs = {mounts[v["name"]]: v["secret"] for v in pod.get("volumes", [])
                   if "secret" in v and v["name"] in mounts}
    files: dict[str, str] = {}
    for item in container.get("env", []):
        value = str(item.get("value", ""))
        folder, _, key = value.rpartition("/")
        if item["name"].endswith(FILE_SUFFIX) and folder in secret_dirs and key:
            files[item["name"]] = value
    return files


def shipped() -> Shipped:
    """The values of ``deploy/k8s`` (Ingress, Deployment) and ``deploy/Dockerfile`` the cluster copies.

    Returns
    -------
    Shipped
        The routing, health-check and replica settings.

    Raises
    ------
    ValueError, KeyError
        A manifest lacks a value the local cluster needs (the message or key names it).
    """
    notes = _one("Ingress")["metadata"]["annotations"]
    pod = _one("Deployment")["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    readiness = container["readinessProbe"]
    ports = {p["name"]: int(p["containerPort"]) for p in container["ports"]}
    return Shipped(
        cookie_name=notes[NGINX + "session-cookie-name"],
        cookie_path=notes.get(NGINX + "session-cookie-path", "/"),
        cookie_samesite=notes[NGINX + "session-cookie-samesite"],
        cookie_secure=notes.get(NGINX + "session-cookie-secure") == "true",
        cookie_max_age_s=int(notes[NGINX + "session-cookie-max-age"]),
        repin_on_failure=notes.get(NGINX + "session-cookie-change-on-failure") == "true",
        read_timeout_s=int(notes[NGINX + "proxy-read-timeout"]),
        send_timeout_s=int(notes[NGINX + "proxy-send-timeout"]),
        body_limit_bytes=_size_bytes(notes[NGINX + "proxy-body-size"]),
        health_path=readiness["httpGet"]["path"],
        check_period_s=int(readiness.get("periodSeconds", 10)),
        check_timeout_s=int(readiness.get("timeoutSeconds", 1)),
        check_failures=int(readiness.get("failureThreshold", 3)),
        secret_files={name: path.rsplit("/", 1)[1] for name, path in _secret_files(container, pod).items()},
        secret_file_paths=_secret_files(container, pod),
        command=_cmd(),
        port=ports[readiness["httpGet"]["port"]] if isinstance(readiness["httpGet"]["port"], str)
        else int(readiness["httpGet"]["port"]),
    )
