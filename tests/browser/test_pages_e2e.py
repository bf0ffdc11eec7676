"""Every page in every language loads in real Chromium: no exception box, its own title, no console error.

One browser context per language (a module-scoped tab reused by that language's seven pages); every page is
opened with its own address, so each is a new Streamlit session that starts on that page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from conftest import VIEWPORT
from playwright.sync_api import Browser, ConsoleMessage, Page, expect
from streamlit_page import exceptions, open_page, watch_websocket

from presentation.i18n import LANGUAGES, Translator

pytestmark = pytest.mark.browser

PAGES = {  # url path → catalogue key of the page's title
    "": "explorer.title",
    "compare": "compare.title",
    "analysis": "analysis.title",
    "scenarios": "scenarios.title",
    "agreements": "agreements.title",
    "methodology": "method.title",
    "data_sources": "data.title",
}
# Known noise, never an app fault: on a deep link (/compare…) Streamlit's frontend first probes its server
# under the page's path (/compare/_stcore/health, …/host-config) and gets 404 before it tries the root;
# browsers ask for /favicon.ico on their own.
NOISE_URL = re.compile(r"/_stcore/(health|host-config)$|/favicon\.ico$")
NOT_FOUND = "the server responded with a status of 404"
VEGA_WARNING = re.compile(r"^WARN ")


def is_noise(message: ConsoleMessage) -> bool:
    url = (message.location or {}).get("url", "")
    return (NOT_FOUND in message.text and bool(NOISE_URL.search(url))) or bool(VEGA_WARNING.match(message.text))


class ConsoleLog:
    """Console messages of one tab since the last :meth:`clear`."""

    def __init__(self, page: Page) -> None:
        self.messages: list[ConsoleMessage] = []
        page.on("console", self._record)

    def _record(self, message: ConsoleMessage) -> None:
        self.messages.append(message)

    def clear(self) -> None:
        self.messages.clear()

    def errors(self) -> tuple[list[str], list[str]]:
        """(errors, filtered noise) as printable lines."""
        def line(message: ConsoleMessage) -> str:
            return f"[{message.type}] {message.text} ({(message.location or {}).get('url', '')})"
        errors = [line(m) for m in self.messages if m.type == "error" and not is_noise(m)]
        noise = [line(m) for m in self.messages if m.type in ("error", "warning") and is_noise(m)]
        return errors, noise


@pytest.fixture(scope="module")
def tabs(browser: Browser) -> Iterator[dict[str, tuple[Page, ConsoleLog]]]:
    """One tab (own context) per language, created on first use and shared by that language's pages."""
    contexts = []

    class Tabs(dict):
        def __missing__(self, lang: str) -> tuple[Page, ConsoleLog]:
            context = browser.new_context(viewport=VIEWPORT)
            context.set_default_timeout(30_000)
            watch_websocket(context)
            contexts.append(context)
            page = context.new_page()
            self[lang] = (page, ConsoleLog(page))
            return self[lang]

    yield Tabs()
    for context in contexts:
        context.close()


@pytest.mark.parametrize("path", list(PAGES), ids=[path or "explorer" for path in PAGES])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_loads_with_its_title_and_no_errors(tabs, app_url: str, lang: str, path: str) -> None:
    page, console = tabs[lang]
    console.clear()
    open_page(page, f"{app_url}/{path}?lang={lang}")
    title = Translator(lang)(PAGES[path])
    expect(page.locator("h1").first).to_have_text(title)
    assert exceptions(page) == []
    errors, noise = console.errors()
    if noise:
        print(f"\n{lang}/{path or 'explorer'}: filtered {len(noise)} known console message(s):", *noise, sep="\n  ")
    assert errors == []
