"""Browser fixtures: the app served by a real ``streamlit run``, and Debian's Chromium driven by Playwright.

The server runs once per test session in its own process group (killed at teardown); every test gets a
fresh browser context, so a fresh Streamlit session. A missing Chromium fails the tests, never skips them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from streamlit_page import open_app, watch_websocket
from streamlit_server import running_app

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
VIEWPORT = {"width": 1920, "height": 1080}


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app, served by ``streamlit run app.py`` on a free port for the whole session."""
    folder = tmp_path_factory.mktemp("streamlit")
    # The saved-scenario library goes to a throwaway SQLite file, never the user's own library.
    environment = {**os.environ, "HAMKORLIK_LIBRARY_URL": f"sqlite:///{folder / 'library.sqlite3'}"}
    with running_app(folder, environment, "--browser.gatherUsageStats", "false") as port:
        yield f"http://127.0.0.1:{port}"


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
