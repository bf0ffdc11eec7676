"""Browser fixtures: the app served by a real ``streamlit run``, and Debian's Chromium driven by Playwright.

The server runs once per test session in its own process group (killed at teardown); every test gets a
fresh browser context, so a fresh Streamlit session. A missing Chromium fails the tests, never skips them.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from streamlit_page import open_app, watch_websocket

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
VIEWPORT = {"width": 1920, "height": 1080}
STARTUP_TIMEOUT_S = 90


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def streamlit_command(port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
            "--server.port", str(port), "--browser.gatherUsageStats", "false"]


def is_healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def wait_until_healthy(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    """Poll the health endpoint; fail with the server log if it exits or does not answer in time."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with code {server.returncode} before serving:\n{log.read_text()}")
        if is_healthy(url):
            return
        time.sleep(0.25)
    pytest.fail(f"streamlit did not answer {url}/_stcore/health within {STARTUP_TIMEOUT_S} s:\n{log.read_text()}")


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


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app, served by ``streamlit run app.py`` on a free port for the whole session."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with log.open("wb") as output:
        # The saved-scenario library goes to a throwaway SQLite file, never the user's own library.
        library = tmp_path_factory.mktemp("library") / "library.sqlite3"
        environment = {**os.environ, "HAMKORLIK_LIBRARY_URL": f"sqlite:///{library}"}
        server = subprocess.Popen(streamlit_command(port), cwd=ROOT, stdout=output, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, start_new_session=True, env=environment)
    try:
        wait_until_healthy(url, server, log)
        yield url
    finally:
        stop(server)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium; fails (does not skip) when it is not installed."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"{CHROMIUM} not found: the browser tests need Debian's Chromium. "
                    "Run `make chromium` (or `apt-get install chromium`).", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def new_tab(browser: Browser) -> Iterator[Page]:
    """A 1920×1080 tab in its own context (cookies and storage), closed when the generator ends."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(30_000)
    watch_websocket(context)
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh tab for one test: a new Streamlit session the test may change."""
    yield from new_tab(browser)


@pytest.fixture
def explorer(page: Page, app_url: str) -> Page:
    """The explorer (the app's default page), loaded and idle, for a test that moves its widgets."""
    return open_app(page, app_url)


@pytest.fixture(scope="module")
def shared_explorer(browser: Browser, app_url: str) -> Iterator[Page]:
    """One explorer tab shared by a module's read-only tests (one page load instead of one per test)."""
    for tab in new_tab(browser):
        yield open_app(tab, app_url)
