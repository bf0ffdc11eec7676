"""A real ``streamlit run app.py`` for the tests: a free port, its own process group, stopped at the end.

Shared by the browser suite and the hardening tests; a server that exits or does not answer its health
check fails the test with the server's log, never skips it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEALTH = "/_stcore/health"
STARTUP_TIMEOUT_S = 90


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{HEALTH}", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def wait_until_healthy(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    """Poll the health endpoint; fail with the server log if it exits or does not answer in time."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not healthy(port):
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with code {server.returncode} before serving:\n{log.read_text()}")
        if time.monotonic() > deadline:
            pytest.fail(f"streamlit did not answer {HEALTH} within {STARTUP_TIMEOUT_S} s:\n{log.read_text()}")
        time.sleep(0.25)


def stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server's process group, SIGKILL it if it lingers."""
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


@contextlib.contextmanager
def running_app(folder: Path, environment: Mapping[str, str], *options: str) -> Iterator[int]:
    """Serve app.py from the project root until the block ends; yields the port. The log goes to ``folder``."""
    port = free_port()
    log = folder / "server.log"
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(port), *options]
    with log.open("wb") as output:
        server = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, start_new_session=True, env=dict(environment))
    try:
        wait_until_healthy(port, server, log)
        yield port
    finally:
        stop(server)
