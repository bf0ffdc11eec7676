"""A throwaway PostgreSQL server for the tests: ``initdb`` into a fresh folder, start it on a free local port, stop it.

``with running_postgres() as url:`` yields ``postgresql+psycopg://postgres@127.0.0.1:PORT/hamkorlik_test``
(trust authentication, fsync off) and always stops the server (``pg_ctl stop -m immediate``) and removes its
folder. PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` system user (created
by Debian's ``postgresql`` package, ``make postgres``). Anything that goes wrong raises
:class:`PostgresUnavailable` with the command, its output and the server log.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DATABASE = "hamkorlik_test"
SUPERUSER = "postgres"
SYSTEM_USER = "postgres"  # who runs the server when we are root
TIMEOUT_S = 120


class PostgresUnavailable(RuntimeError):
    """The test server cannot be installed, initialised, started or reached; the message says why."""


def find_binaries() -> tuple[str, str]:
    """``initdb`` and ``pg_ctl`` of the newest PostgreSQL under /usr/lib/postgresql, else from ``PATH``."""

    def version(bin_dir: str) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", Path(bin_dir).parent.name))

    bin_dirs = [d for d in glob.glob("/usr/lib/postgresql/*/bin") if os.access(Path(d) / "initdb", os.X_OK)
                and os.access(Path(d) / "pg_ctl", os.X_OK)]
    if bin_dirs:
        newest = max(bin_dirs, key=version)
        return str(Path(newest) / "initdb"), str(Path(newest) / "pg_ctl")
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return initdb, pg_ctl
    raise PostgresUnavailable("no initdb/pg_ctl under /usr/lib/postgresql/*/bin or on PATH "
                              "(install Debian's postgresql package: `make postgres`)")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user() -> tuple[list[str], int | None, int | None]:
    """The command prefix that runs a program as the server's user, and that user's uid and gid."""
    if os.geteuid() != 0:
        return [], None, None
    try:
        user = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        raise PostgresUnavailable(f"running as root, and PostgreSQL refuses to; but there is no {SYSTEM_USER!r} "
                                  "system user to run it as (install Debian's postgresql package: "
                                  "`make postgres`)") from None
    if runuser := shutil.which("runuser"):
        return [runuser, "-u", SYSTEM_USER, "--"], user.pw_uid, user.pw_gid
    raise PostgresUnavailable(f"running as root, and PostgreSQL refuses to; no `runuser` to run it as {SYSTEM_USER!r}")


def _log_of(log: Path) -> str:
    try:
        text = log.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return "(no server log)"
    return text[-4000:] if text else "(server log is empty)"


def _run(command: list[str], cwd: Path, log: Path) -> None:
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False,
                              env=_environment())
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PostgresUnavailable(f"`{' '.join(command)}` could not run: {error}\n"
                                  f"--- server log ---\n{_log_of(log)}") from error
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip() or "(no output)"
        raise PostgresUnavailable(f"`{' '.join(command)}` exited with {done.returncode}:\n{output}\n"
                                  f"--- server log ---\n{_log_of(log)}")


def _environment() -> dict[str, str]:
    """Our environment without PG* settings (a PGDATA or PGPORT of the caller must not steer the server)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("PG")} | {"LC_ALL": "C"}


def _create_database(port: int, log: Path) -> None:
    import psycopg

    try:
        with psycopg.connect(host="127.0.0.1", port=port, user=SUPERUSER, dbname="postgres", autocommit=True,
                             connect_timeout=10) as connection:
            connection.execute(f"CREATE DATABASE {DATABASE}")
    except psycopg.Error as error:
        raise PostgresUnavailable(f"CREATE DATABASE {DATABASE} on 127.0.0.1:{port} failed: {error}\n"
                                  f"--- server log ---\n{_log_of(log)}") from error


def _kill_leftover(data: Path) -> None:
    """If ``pg_ctl stop`` failed, end the postmaster we started (its pid is in ``postmaster.pid``)."""
    try:
        pid = int((data / "postmaster.pid").read_text(encoding="utf-8").split()[0])
        os.kill(pid, signal.SIGKILL)
    except (OSError, ValueError, IndexError):
        pass


@contextmanager
def running_postgres(tmp_dir: str | Path | None = None) -> Iterator[str]:
    """Start a fresh PostgreSQL server in a new folder under ``tmp_dir`` (default /tmp); yield its URL.

    The folder must be traversable by the ``postgres`` user when we are root, which pytest's ``tmp_path``
    (under /tmp/pytest-of-root, mode 0700) is not; hence a folder of our own.
    """
    initdb, pg_ctl = find_binaries()
    prefix, uid, gid = _as_server_user()
    base = Path(tempfile.mkdtemp(prefix="hamkorlik-pg-", dir=str(tmp_dir) if tmp_dir else "/tmp"))
    data, sockets, log = base / "data", base / "sockets", base / "server.log"
    started = False
    try:
        sockets.mkdir()
        os.chmod(base, 0o755)
        if uid is not None and gid is not None:
            for path in (base, sockets):
                os.chown(path, uid, gid)
        _run([*prefix, initdb, "-D", str(data), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8", "--locale=C",
              "--no-sync"], base, log)
        for attempt in range(3):  # the free port may be taken between our probe and the server's bind
            port = _free_port()
            options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
            try:
                started = True
                _run([*prefix, pg_ctl, "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60", "start"],
                     base, log)
                break
            except PostgresUnavailable:
                started = (data / "postmaster.pid").exists()
                if started or attempt == 2 or "could not bind" not in _log_of(log):
                    raise
        _create_database(port, log)
        yield f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/{DATABASE}"
    finally:
        try:
            if started:
                try:
                    _run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], base, log)
                except PostgresUnavailable:
                    _kill_leftover(data)
                    raise
        finally:
            shutil.rmtree(base, ignore_errors=True)
