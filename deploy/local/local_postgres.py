"""Debian's PostgreSQL in a folder of its own, for the local cluster: init, start, stop, start again.

The server keeps its data between a stop and a start (the fault tests stop it mid-session and bring it back).
It listens on loopback only and asks for a password (SCRAM), like a managed database; the app connects as the
role ``hamkorlik`` to the database ``hamkorlik``. PostgreSQL refuses to run as root, so as root it runs as
Debian's ``postgres`` system user (``make postgres`` installs it).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import re
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_S = 120
SYSTEM_USER = "postgres"
ROLE = DATABASE = "hamkorlik"


class PostgresError(RuntimeError):
    """The server cannot be set up, started or stopped; the message has the command and the server log."""


def bin_dir() -> Path:
    """The ``bin`` folder of the newest PostgreSQL under /usr/lib/postgresql."""

    def version(path: str) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", Path(path).parent.name))

    found = [d for d in glob.glob("/usr/lib/postgresql/*/bin") if os.access(Path(d) / "pg_ctl", os.X_OK)]
    if not found:
        raise PostgresError("no PostgreSQL under /usr/lib/postgresql/*/bin: run `make postgres`")
    return Path(max(found, key=version))


@dataclass
class LocalPostgres:
    """A server whose data, socket and log live under ``folder``; ``port`` is fixed at :meth:`init`."""

    folder: Path
    port: int = 0
    password: str = ""

    @property
    def data(self) -> Path:
        """The data directory."""
        return self.folder / "data"

    @property
    def log(self) -> Path:
        """The server log."""
        return self.folder / "server.log"

    @property
    def url(self) -> str:
        """The app's library URL (``postgresql+psycopg://hamkorlik:PASSWORD@127.0.0.1:PORT/hamkorlik``)."""
        return f"postgresql+psycopg://{ROLE}:{self.password}@127.0.0.1:{self.port}/{DATABASE}"

    def _prefix(self) -> list[str]:
        if os.geteuid() != 0:
            return []
        try:
            pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            raise PostgresError(f"running as root, and there is no {SYSTEM_USER!r} user to run PostgreSQL as "
                                "(`make postgres`)") from None
        return ["runuser", "-u", SYSTEM_USER, "--"]

    def _run(self, *command: str) -> str:
        full = [*self._prefix(), *command]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")} | {"LC_ALL": "C"}
        try:
            done = subprocess.run(full, cwd=self.folder, capture_output=True, text=True, timeout=TIMEOUT_S,
                                  check=False, env=env)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PostgresError(f"`{' '.join(full)}` could not run: {error}\n{self.log_tail()}") from error
        if done.returncode != 0:
            raise PostgresError(f"`{' '.join(full)}` exited with {done.returncode}:\n{done.stdout}{done.stderr}\n"
                                f"{self.log_tail()}")
        return done.stdout

    def log_tail(self) -> str:
        """The end of the server log, for error messages."""
        try:
            return "--- server log ---\n" + self.log.read_text(encoding="utf-8", errors="replace")[-3000:]
        except OSError:
            return "(no server log)"

    def init(self, port: int) -> None:
        """Create the cluster (superuser ``postgres`` and role ``hamkorlik`` with random passwords), then start it."""
        self.port, self.password = port, secrets.token_hex(16)
        self.folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.folder, 0o755)
        (self.folder / "sockets").mkdir(exist_ok=True)
        superuser_password = self.folder / "superuser.pw"
        superuser_password.write_text(secrets.token_hex(16), encoding="utf-8")
        if os.geteuid() == 0:
            user = pwd.getpwnam(SYSTEM_USER)
            for path in (self.folder, self.folder / "sockets", superuser_password):
                os.chown(path, user.pw_uid, user.pw_gid)
        self._run(str(bin_dir() / "initdb"), "-D", str(self.data), "-U", "postgres", "-E", "UTF8", "--locale=C",
                  "--no-sync", "--auth-local=peer", "--auth-host=scram-sha-256", f"--pwfile={superuser_password}")
        self.start()
        psql = [str(bin_dir() / "psql"), "-h", str(self.folder / "sockets"), "-p", str(self.port), "-U", "postgres",
                "-v", "ON_ERROR_STOP=1", "-q"]
        self._run(*psql, "-d", "postgres", "-c", f"CREATE ROLE {ROLE} LOGIN PASSWORD '{self.password}'")
        self._run(*psql, "-d", "postgres", "-c", f"CREATE DATABASE {DATABASE} OWNER {ROLE}")

    def start(self) -> None:
        """Start the server on its port and wait until it accepts connections."""
        options = (f"-p {self.port} -k {self.folder / 'sockets'} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=on")
        self._run(str(bin_dir() / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log), "-w",
                  "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``fast``: roll back open transactions and close every connection)."""
        self._run(str(bin_dir() / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def running(self) -> bool:
        """Whether the server's postmaster is up."""
        return (self.data / "postmaster.pid").exists()

    def remove(self) -> None:
        """Stop the server if it runs and delete its folder."""
        if self.running():
            with contextlib.suppress(PostgresError):
                self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)
