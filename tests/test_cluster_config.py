"""The local cluster runs what ships: its HAProxy, replicas and secrets carry the values of deploy/k8s.

The first tests read the manifests here, independently of deploy/local/shipped_config.py, and compare them
with the generated HAProxy configuration and replica command. The live tests start the cluster (marker
``cluster``) and check what the running parts do: every replica up behind HAProxy, the affinity cookie,
the WebSocket through the load balancer, one cookie secret in every replica, and a clean stop.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml
from cluster import SECRETS, Cluster, free_port
from haproxy_config import Backend, render
from shipped_config import shipped
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

ROOT = Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "k8s"
NGINX = "nginx.ingress.kubernetes.io/"


def manifest(kind: str) -> dict[str, Any]:
    docs = [doc for path in sorted(K8S.glob("*.yaml")) for doc in yaml.safe_load_all(path.read_text()) if doc]
    (doc,) = [doc for doc in docs if doc["kind"] == kind]
    return doc


def annotations() -> dict[str, str]:
    return manifest("Ingress")["metadata"]["annotations"]


def container() -> dict[str, Any]:
    (found,) = manifest("Deployment")["spec"]["template"]["spec"]["containers"]
    return found


def haproxy_cfg(tmp_path: Path) -> str:
    return render(shipped(), 8080, [Backend("r1", 9001), Backend("r2", 9002)], tmp_path / "admin.sock")


def directive(config: str, name: str) -> list[str]:
    """The arguments of every line of ``config`` starting with ``name``."""
    return [line.strip()[len(name):].strip() for line in config.splitlines() if line.strip().startswith(name + " ")]


def test_haproxy_pins_browsers_with_the_ingress_cookie(tmp_path: Path) -> None:
    notes, config = annotations(), haproxy_cfg(tmp_path)
    (cookie,) = directive(config, "cookie")
    words = cookie.split()
    assert words[0] == notes[NGINX + "session-cookie-name"]
    assert notes[NGINX + "affinity"] == "cookie" and "insert" in words  # the balancer sets it, as ingress-nginx does
    assert f'"Max-Age={notes[NGINX + "session-cookie-max-age"]}"' in words
    assert f'"SameSite={notes[NGINX + "session-cookie-samesite"]}"' in words
    assert ("secure" in words) == (notes[NGINX + "session-cookie-secure"] == "true")
    assert notes.get(NGINX + "session-cookie-path", "/") == "/"  # HAProxy's inserted cookie has path=/
    repin = notes[NGINX + "session-cookie-change-on-failure"] == "true"
    assert ("option redispatch" in config) == repin and repin


def test_haproxy_keeps_websockets_open_as_long_as_the_ingress(tmp_path: Path) -> None:
    notes, config = annotations(), haproxy_cfg(tmp_path)
    read, send = int(notes[NGINX + "proxy-read-timeout"]), int(notes[NGINX + "proxy-send-timeout"])
    timeouts = {args.split()[0]: args.split()[1] for args in directive(config, "timeout")}
    assert timeouts["server"] == f"{read}s" and timeouts["tunnel"] == f"{read}s"
    assert timeouts["client"] == f"{send}s"
    assert notes[NGINX + "proxy-body-size"] == "4m"
    assert f"gt {4 * 1024 * 1024} }}" in config


def test_haproxy_checks_health_as_the_readiness_probe(tmp_path: Path) -> None:
    probe, config = container()["readinessProbe"], haproxy_cfg(tmp_path)
    assert directive(config, "option httpchk") == [f"GET {probe['httpGet']['path']}"]
    assert probe["httpGet"]["path"] == "/_stcore/health"
    (defaults,) = directive(config, "default-server")
    assert defaults == f"inter {probe['periodSeconds']}s fall {probe['failureThreshold']} rise 1"
    assert directive(config, "timeout check") == [f"{probe['timeoutSeconds']}s"]
    servers = directive(config, "server")
    assert servers == ["r1 127.0.0.1:9001 check cookie r1", "r2 127.0.0.1:9002 check cookie r2"]


def test_replicas_run_the_image_command_through_its_entrypoint(tmp_path: Path) -> None:
    (cmd,) = [line.removeprefix("CMD ") for line in (ROOT / "deploy" / "Dockerfile").read_text().splitlines()
              if line.startswith("CMD ")]
    image = json.loads(cmd)
    local = Cluster(tmp_path).replica_command(shipped(), 9001)
    assert local[:4] == ["sh", str(ROOT / "deploy" / "docker-entrypoint.sh"), sys.executable, "-m"]
    expected = list(image)
    expected[expected.index("--server.port") + 1] = "9001"
    expected[expected.index("--server.address") + 1] = "127.0.0.1"  # loopback: only HAProxy reaches it
    assert local[4:] == expected


def test_replicas_get_the_secrets_as_files_named_like_the_deployment(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    env = {item["name"]: item for item in container()["env"]}
    file_vars = {name for name in env if name.endswith("_FILE")}
    assert file_vars == {name + "_FILE" for name in SECRETS}
    cluster = Cluster(tmp_path, postgres_port=5999, postgres_password="pw")
    written = cluster._write_secrets(shipped())
    assert set(written) == file_vars
    for variable, path in written.items():
        assert Path(path).name == Path(env[variable]["value"]).name  # the Secret key, as Kubernetes names the file
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert Path(written["HAMKORLIK_LIBRARY_URL_FILE"]).read_text() == cluster.postgres.url
    assert len(Path(written["STREAMLIT_SERVER_COOKIE_SECRET_FILE"]).read_text()) >= 32
    monkeypatch.setenv("HAMKORLIK_LIBRARY_URL", "sqlite:////tmp/elsewhere.sqlite3")
    monkeypatch.setenv("STREAMLIT_SERVER_COOKIE_SECRET", "x" * 40)
    replica_env = cluster.replica_environment(written)
    assert not set(SECRETS) & set(replica_env), "a secret of the caller's environment would reach the replicas"
    assert {k: replica_env[k] for k in written} == written


# --- the running cluster -------------------------------------------------------------------------------------


def streamlit_pids(cluster: Cluster) -> dict[str, int]:
    """The Streamlit process of each replica: the entrypoint shell exec's into it (the replica's pid), or,
    for a replica run from the image, a child of buildah."""
    import psutil

    found = {}
    for replica in cluster.replicas:
        process = psutil.Process(replica.pid)
        candidates = [process, *process.children(recursive=True)]
        (streamlit,) = [p for p in candidates if "streamlit" in " ".join(p.cmdline()) and "buildah" not in p.name()
                        and p.name() not in ("sh", "buildah-chroot-exec")]
        found[replica.name] = streamlit.pid
    return found


@pytest.mark.cluster
def test_the_cluster_serves_through_haproxy_with_sticky_cookie_and_websocket(cluster: Cluster) -> None:
    assert cluster.haproxy_states() == {r.name: "UP" for r in cluster.replicas}
    with urllib.request.urlopen(cluster.url + "/") as response:
        cookie = response.headers["Set-Cookie"]
    route = re.match(r"hamkorlik_route=(r\d);", cookie)
    assert route, cookie
    assert "Secure" in cookie and "SameSite=Lax" in cookie and "Max-Age=43200" in cookie
    # With the cookie, every request goes to that replica (HAProxy sets no new cookie).
    request = urllib.request.Request(cluster.url + "/", headers={"Cookie": f"hamkorlik_route={route[1]}"})
    with urllib.request.urlopen(request) as response:
        assert "hamkorlik_route" not in (response.headers["Set-Cookie"] or "")
    # The WebSocket upgrade passes the load balancer and a script run comes back.
    origin = cluster.url
    with connect(cluster.url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"],
                 additional_headers={"Origin": origin, "Cookie": f"hamkorlik_route={route[1]}"},
                 max_size=2**24, open_timeout=30) as socket:
        message = BackMsg()
        message.rerun_script.query_string = ""
        socket.send(message.SerializeToString())
        kinds = set()
        while "script_finished" not in kinds:
            kinds.add(ForwardMsg.FromString(socket.recv(timeout=60)).WhichOneof("type"))
    assert "new_session" in kinds


@pytest.mark.cluster
def test_every_replica_has_the_one_cookie_secret_and_the_postgres_library(cluster: Cluster) -> None:
    seen = {}
    for name, pid in streamlit_pids(cluster).items():
        raw = Path(f"/proc/{pid}/environ").read_text().split("\0")
        environ = dict(item.split("=", 1) for item in raw if "=" in item)
        assert "streamlit" in Path(f"/proc/{pid}/cmdline").read_text(), "the entrypoint did not exec Streamlit"
        seen[name] = (environ["STREAMLIT_SERVER_COOKIE_SECRET"], environ["HAMKORLIK_LIBRARY_URL"])
    secrets, urls = {s for s, _ in seen.values()}, {u for _, u in seen.values()}
    assert len(seen) == 3 and len(secrets) == 1 and len(urls) == 1
    assert len(secrets.pop()) >= 32
    assert urls.pop().startswith("postgresql+psycopg://hamkorlik:")


@pytest.mark.cluster
def test_make_cluster_starts_and_cluster_stop_stops_everything(tmp_path: Path) -> None:
    folder = Path("/tmp") / f"hamkorlik-cluster-cli-{free_port()}"
    script = str(ROOT / "deploy" / "local" / "cluster.py")
    started = subprocess.run([sys.executable, script, "start", "--dir", str(folder), "--replicas", "2"],
                             capture_output=True, text=True, timeout=300, check=False)
    try:
        assert started.returncode == 0, started.stderr
        state = json.loads((folder / "cluster.json").read_text())
        pids = [state["haproxy_pid"], *(r["pid"] for r in state["replicas"])]
        assert all(Path(f"/proc/{pid}").exists() for pid in pids)
        with urllib.request.urlopen(f"http://127.0.0.1:{state['lb_port']}/_stcore/health") as response:
            assert response.status == 200
    finally:
        stopped = subprocess.run([sys.executable, script, "stop", "--dir", str(folder)], capture_output=True,
                                 text=True, timeout=120, check=False)
    assert stopped.returncode == 0, stopped.stderr
    assert not folder.exists()
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        assert not status.exists() or "zombie" in status.read_text(), f"process {pid} still runs"
    postmaster = [line for line in subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
                  .splitlines() if str(folder) in line]
    assert postmaster == [], postmaster


# --- the image and the bare-process cluster install the same things --------------------------------------------


def dockerfile_requirements() -> list[Path]:
    """The requirement files the Dockerfile copies and installs (by their repository paths)."""
    text = (ROOT / "deploy" / "Dockerfile").read_text()
    (copy,) = [line for line in text.splitlines() if line.startswith("COPY ") and "requirements" in line]
    sources = copy.split()[1:-1]
    installed = re.findall(r"-r /tmp/requirements/(\S+)", text)
    assert sorted(Path(s).name for s in sources) == sorted(installed), "a copied requirements file is not installed"
    return [ROOT / source for source in sources]


def pins(path: Path) -> dict[str, str]:
    found = {}
    for raw in path.read_text().splitlines():
        line = raw.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, version = line.split("==")
            found[re.sub(r"\[.*\]", "", name).lower()] = version
    return found


def test_the_replicas_python_has_exactly_the_image_pins() -> None:
    from importlib.metadata import version

    files = dockerfile_requirements()
    assert {f.name for f in files} == {"requirements.txt", "requirements-postgres.txt"}
    wanted = {name: v for f in files for name, v in pins(f).items()}
    assert len(wanted) >= 15 and "streamlit" in wanted and "psycopg" in wanted
    installed = {name: version(name) for name in wanted}
    assert installed == wanted, "the cluster's replicas would run other versions than the image installs"


def test_the_replicas_read_the_config_the_image_bakes_in() -> None:
    text = (ROOT / "deploy" / "Dockerfile").read_text()
    assert "COPY .streamlit/ .streamlit/" in text and "WORKDIR /app" in text
    # The replicas start in the repository root, as the image's command starts in /app: the same config.toml.
    from cluster import ROOT as cluster_root

    assert cluster_root == ROOT and (ROOT / ".streamlit" / "config.toml").is_file()
