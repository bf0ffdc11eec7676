"""Hamkorlik as it ships, on one machine: app replicas behind HAProxy, one PostgreSQL library, one cookie secret.

    python deploy/local/cluster.py start [--replicas 3] [--dir DIR] [--image IMAGE]   (make cluster)
    python deploy/local/cluster.py status [--dir DIR]
    python deploy/local/cluster.py stop [--dir DIR]                   (make cluster-stop)

Each replica is the image's command (``deploy/Dockerfile`` CMD) run through the image's entrypoint on a free
loopback port; its two secrets are files named by the ``*_FILE`` variables of ``deploy/k8s/deployment.yaml``.
HAProxy (Debian's, ``make haproxy``) copies the Ingress's cookie stickiness, WebSocket timeouts, body limit
and the readiness probe (``haproxy_config.py``). PostgreSQL is Debian's, in a folder of its own
(``local_postgres.py``). Everything lives under ``--dir`` (default ``$HAMKORLIK_CLUSTER_DIR`` or
/tmp/hamkorlik-cluster): logs, secrets, the database and ``cluster.json``, which ``stop`` reads.

With ``--image`` (e.g. ``localhost/hamkorlik:1.0.0`` from ``make image``) each replica is the image itself: a
buildah working container run with chroot isolation as the image's user, the Secret's files mounted read-only
at the Deployment's path, the image's entrypoint and command (this machine forbids an OCI runtime; see
deploy/README.md "The image").
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

from haproxy_config import Backend, render  # noqa: E402
from local_postgres import LocalPostgres, PostgresError  # noqa: E402
from shipped_config import ENTRYPOINT, ROOT, Shipped, shipped  # noqa: E402

DEFAULT_DIR = Path(os.environ.get("HAMKORLIK_CLUSTER_DIR", "/tmp/hamkorlik-cluster"))
STATE_FILE = "cluster.json"
STARTUP_TIMEOUT_S = 120
HAPROXY = "/usr/sbin/haproxy"
SECRETS = ("HAMKORLIK_LIBRARY_URL", "STREAMLIT_SERVER_COOKIE_SECRET")


class ClusterError(RuntimeError):
    """The cluster cannot start, or a part of it is not as expected; the message says which and why."""


def free_port() -> int:
    """A loopback TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answers(url: str) -> bool:
    """Whether ``url`` answers 200 within 2 s."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _spawn(command: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    with log.open("ab") as output:
        return subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, env=env)


def _end(pid: int, grace_s: float = 10) -> None:
    """SIGTERM the process group ``pid`` leads, SIGKILL it if it lingers; reap it if it is our child."""
    for sig, wait in ((signal.SIGTERM, grace_s), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.1)
        if not _alive(pid):
            break
    _reap(pid)


def _alive(pid: int) -> bool:
    _reap(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


@dataclass
class Replica:
    """One app process: its name (HAProxy's server name and cookie value), port and process id."""

    name: str
    port: int
    pid: int = 0


@dataclass
class Cluster:
    """A running (or stopped) local cluster whose files live under ``folder``."""

    folder: Path
    lb_port: int = 0
    haproxy_pid: int = 0
    replicas: list[Replica] = field(default_factory=list)
    postgres_port: int = 0
    postgres_password: str = ""
    image: str = ""

    # --- places ---------------------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The load balancer's address (``localhost``: the browser keeps the ``Secure`` affinity cookie there)."""
        return f"http://localhost:{self.lb_port}"

    @property
    def postgres(self) -> LocalPostgres:
        """The cluster's PostgreSQL server (its folder, port and the app role's password)."""
        return LocalPostgres(self.folder / "postgres", self.postgres_port, self.postgres_password)

    @property
    def admin_socket(self) -> Path:
        """HAProxy's runtime API socket."""
        return self.folder / "haproxy.sock"

    def replica(self, name: str) -> Replica:
        """The replica called ``name`` (``r1``, ``r2``…)."""
        for replica in self.replicas:
            if replica.name == name:
                return replica
        raise ClusterError(f"no replica {name!r}; the cluster has {[r.name for r in self.replicas]}")

    # --- state file -----------------------------------------------------------------------------------------

    def save(self) -> None:
        """Write ``cluster.json`` (mode 0600: it holds the database password)."""
        state = asdict(self) | {"folder": str(self.folder)}
        path = self.folder / STATE_FILE
        path.write_text(json.dumps(state, indent=2), encoding="utf-8")
        os.chmod(path, 0o600)

    @classmethod
    def load(cls, folder: Path) -> Cluster:
        """The cluster described by ``folder/cluster.json``."""
        try:
            state = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ClusterError(f"no cluster state in {folder}: {error}") from None
        replicas = [Replica(**item) for item in state.pop("replicas")]
        return cls(**(state | {"folder": Path(state["folder"]), "replicas": replicas}))

    # --- starting -------------------------------------------------------------------------------------------

    def _write_secrets(self, config: Shipped) -> dict[str, str]:
        """The secrets as files (mode 0600) and the ``*_FILE`` variables naming them, as the Deployment does."""
        missing = set(SECRETS) - set(config.secret_files.values())
        if missing:
            raise ClusterError(f"deploy/k8s/deployment.yaml mounts no Secret file for {sorted(missing)}")
        folder = self.folder / "secrets"
        folder.mkdir(mode=0o755 if self.image else 0o700, exist_ok=True)  # the image's user 10001 reads them
        values = {"HAMKORLIK_LIBRARY_URL": self.postgres.url, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
        variables = {}
        for variable, key in config.secret_files.items():
            path = folder / key
            path.write_text(values[key], encoding="utf-8")
            os.chmod(path, 0o444 if self.image else 0o600)  # the Deployment's 0440 with fsGroup 10001
            variables[variable] = str(path)
        return variables

    def replica_command(self, config: Shipped, port: int, name: str = "") -> list[str]:
        """The image's CMD through its entrypoint, on ``port`` of loopback, with this machine's Python.

        With :attr:`image`, the image's own entrypoint and CMD in a buildah working container named after
        the replica, the secrets' folder mounted where the Deployment mounts the Secret.
        """
        command = list(config.command)
        if command[0] != "streamlit":
            raise ClusterError(f"the Dockerfile's CMD starts with {command[0]!r}, not streamlit")
        for option, value in (("--server.port", str(port)), ("--server.address", "127.0.0.1")):
            command[command.index(option) + 1] = value
        if not self.image:
            return ["sh", str(ENTRYPOINT), sys.executable, "-m", *command]
        mount = next(iter({v.rsplit("/", 1)[0] for v in config.secret_file_paths.values()}))
        environment = [f"--env={variable}={path}" for variable, path in config.secret_file_paths.items()]
        return ["buildah", "run", "--isolation", "chroot", "--user", "10001:10001",
                f"--volume={self.folder / 'secrets'}:{mount}:ro", *environment, self._container(name), "--",
                "/usr/local/bin/hamkorlik-entrypoint", *command]

    def _container(self, name: str) -> str:
        """A fresh buildah working container of :attr:`image` for replica ``name``."""
        container = f"hamkorlik-{self.folder.name}-{name}"
        subprocess.run(["buildah", "rm", container], capture_output=True, check=False)
        done = subprocess.run(["buildah", "from", "--pull-never", "--name", container, self.image],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise ClusterError(f"buildah from {self.image} failed: {done.stderr.strip()}")
        return container

    def replica_environment(self, secret_files: dict[str, str]) -> dict[str, str]:
        """Our environment without any library URL, cookie secret or PG* setting, plus the secret files."""
        dropped = {*SECRETS, *(name + "_FILE" for name in SECRETS)}
        base = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith("PG")}
        return base | secret_files

    def start(self, count: int = 3) -> None:
        """Start PostgreSQL, ``count`` replicas and HAProxy; wait until all answer. On failure stop what started."""
        if not os.access(HAPROXY, os.X_OK):
            raise ClusterError(f"{HAPROXY} not found: run `make haproxy` (Debian's haproxy package)")
        config = shipped()
        self.folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.folder, 0o755)  # the postgres user must reach its folder
        try:
            self.postgres_port = free_port()
            database = self.postgres
            database.init(self.postgres_port)
            self.postgres_password = database.password
            self.save()
            secret_files = self._write_secrets(config)
            environment = self.replica_environment(secret_files)
            for number in range(1, count + 1):
                replica = Replica(f"r{number}", free_port())
                self.replicas.append(replica)
                replica.pid = self._start_replica(config, replica, environment)
                self.save()
            for replica in self.replicas:  # before HAProxy, whose first health check would mark a slow one down
                self.wait_for_replica(replica)
            self.lb_port = free_port()
            (self.folder / "haproxy.cfg").write_text(
                render(config, self.lb_port, [Backend(r.name, r.port) for r in self.replicas], self.admin_socket),
                encoding="utf-8")
            self.haproxy_pid = _spawn([HAPROXY, "-db", "-f", str(self.folder / "haproxy.cfg")],
                                      self.folder / "haproxy.log", dict(os.environ)).pid
            self.save()
            self._wait(lambda: answers(f"http://127.0.0.1:{self.lb_port}{config.health_path}"), "HAProxy",
                       self.folder / "haproxy.log", self.haproxy_pid)
            self.wait_until_balanced()
        except BaseException:
            self.stop(remove=False)
            raise

    def _start_replica(self, config: Shipped, replica: Replica, environment: dict[str, str]) -> int:
        command = self.replica_command(config, replica.port, replica.name)
        return _spawn(command, self.folder / f"{replica.name}.log", environment).pid

    def restart_replica(self, name: str) -> None:
        """Start replica ``name`` again on its port (after :meth:`kill_replica`) and wait until it answers."""
        config, replica = shipped(), self.replica(name)
        secret_files = {variable: str(self.folder / "secrets" / key) for variable, key in config.secret_files.items()}
        replica.pid = self._start_replica(config, replica, self.replica_environment(secret_files))
        self.save()
        self.wait_for_replica(replica)

    def _wait(self, ready: object, what: str, log: Path, pid: int) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not ready():  # type: ignore[operator]
            if pid and not _alive(pid):
                raise ClusterError(f"{what} exited before it answered:\n{_tail(log)}")
            if time.monotonic() > deadline:
                raise ClusterError(f"{what} did not answer within {STARTUP_TIMEOUT_S} s:\n{_tail(log)}")
            time.sleep(0.25)

    def wait_for_replica(self, replica: Replica) -> None:
        """Wait until ``replica`` answers its health check (fail with its log if it exits or hangs)."""
        self._wait(lambda: answers(f"http://127.0.0.1:{replica.port}{shipped().health_path}"),
                   f"replica {replica.name}", self.folder / f"{replica.name}.log", replica.pid)

    # --- faults and status ----------------------------------------------------------------------------------

    def kill_replica(self, name: str) -> None:
        """SIGKILL replica ``name`` (its whole process group: entrypoint shell and Streamlit)."""
        replica = self.replica(name)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(replica.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while _alive(replica.pid) and time.monotonic() < deadline:
            time.sleep(0.05)

    def haproxy_states(self) -> dict[str, str]:
        """HAProxy's view of each replica (``UP``, ``DOWN``…), from its runtime API."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as admin:
            admin.settimeout(5)
            admin.connect(str(self.admin_socket))
            admin.sendall(b"show stat\n")
            raw = b""
            while chunk := admin.recv(65536):
                raw += chunk
        lines = raw.decode().lstrip("# ").splitlines()
        header = lines[0].split(",")
        rows = [dict(zip(header, line.split(","), strict=False)) for line in lines[1:] if line]
        return {row["svname"]: row["status"] for row in rows if row["pxname"] == "app"
                and row["svname"] not in ("FRONTEND", "BACKEND")}

    def wait_until_balanced(self) -> None:
        """Wait until HAProxy's health checks have found every replica up (at most two check periods)."""
        self._wait(lambda: set(self.haproxy_states().values()) == {"UP"}, "HAProxy's health checks",
                   self.folder / "haproxy.log", self.haproxy_pid)

    def status(self) -> dict[str, object]:
        """Which parts run: each replica's health, HAProxy's states, PostgreSQL."""
        health = shipped().health_path
        return {"url": self.url,
                "replicas": {r.name: answers(f"http://127.0.0.1:{r.port}{health}") for r in self.replicas},
                "haproxy": _alive(self.haproxy_pid) if self.haproxy_pid else False,
                "postgres": self.postgres.running()}

    # --- stopping -------------------------------------------------------------------------------------------

    def stop(self, remove: bool = True) -> None:
        """Stop HAProxy, the replicas and PostgreSQL; delete the folder when ``remove``."""
        for pid in [self.haproxy_pid, *(r.pid for r in self.replicas)]:
            if pid:
                _end(pid)
        database = self.postgres
        if database.running():
            try:
                database.stop("fast")
            except PostgresError:
                database.stop("immediate")
        for replica in self.replicas if self.image else []:
            subprocess.run(["buildah", "rm", f"hamkorlik-{self.folder.name}-{replica.name}"], capture_output=True,
                           check=False)
        if remove:
            shutil.rmtree(self.folder, ignore_errors=True)


def _tail(log: Path) -> str:
    try:
        return log.read_text(encoding="utf-8", errors="replace")[-3000:]
    except OSError:
        return "(no log)"


def main(argv: list[str] | None = None) -> int:
    """``start``, ``stop`` or ``status``; exit 1 with the reason on stderr when a part fails."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help=f"the cluster's folder (default {DEFAULT_DIR})")
    parser.add_argument("--replicas", type=int, default=3, help="app replicas (default 3)")
    parser.add_argument("--image", default="", help="run each replica from this image (buildah), e.g. "
                        "localhost/hamkorlik:1.0.0 from `make image`")
    args = parser.parse_args(argv)
    folder = args.dir.resolve()
    try:
        if args.action == "start":
            if (folder / STATE_FILE).exists():
                raise ClusterError(f"a cluster is already described in {folder}; run `make cluster-stop` first")
            cluster = Cluster(folder, image=args.image)
            cluster.start(args.replicas)
            print(f"Hamkorlik cluster up: {cluster.url}  ({len(cluster.replicas)} replicas on ports "
                  f"{', '.join(str(r.port) for r in cluster.replicas)}, PostgreSQL on {cluster.postgres_port}; "
                  f"files in {folder}). Stop it with `make cluster-stop`.")
        elif args.action == "stop":
            if not (folder / STATE_FILE).exists():
                print(f"no cluster in {folder}: nothing to stop")
                return 0
            Cluster.load(folder).stop()
            print(f"cluster in {folder} stopped and its folder removed")
        else:
            print(json.dumps(Cluster.load(folder).status(), indent=2))
    except (ClusterError, PostgresError) as error:
        print(f"cluster: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
