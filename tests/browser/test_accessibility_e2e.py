"""axe-core scan of every page (English, after it is drawn): no violation of impact serious or critical.

Every violation, whatever its impact, is printed with the element it is on (run with ``-s`` to read them).

Two kinds of exceptions, each a rule *and* an element, never a rule switched off globally:

* ``STREAMLIT_INTERNAL``: markup only Streamlit controls, that no code of ours can change. Ignored.
* ``REPORTED``: violations our code can fix, reported with the fix and waiting for it. While a page has
  only these left it is marked xfail (reason printed); once fixed the page passes, and any other serious or
  critical violation fails it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import new_tab
from playwright.sync_api import Browser, Page, expect
from streamlit_page import METRIC, exceptions, open_page

pytestmark = pytest.mark.browser

PAGES = {
    "explorer": "",
    "compare": "compare",
    "analysis": "analysis",
    "scenarios": "scenarios",
    "agreements": "agreements",
    "methodology": "methodology",
    "data_sources": "data_sources",
    "presentation": "?present=1",
}
BLOCKING = ("serious", "critical")
# Where a violating element sits: the data-testids of it and its ancestors, innermost first, and
# "(disabled)" when it belongs to a disabled widget.
WHERE = """(selector) => {
  const element = document.querySelector(selector);
  if (!element) return '';
  const ids = [];
  for (let node = element; node; node = node.parentElement) {
    const id = node.getAttribute('data-testid');
    if (id && ids[ids.length - 1] !== id) ids.push(id);
  }
  const widget = element.closest('[data-testid="stElementContainer"]');
  const disabled = widget && widget.querySelector('input:disabled, button:disabled, [aria-disabled="true"]');
  return ids.join(' < ') + (disabled ? ' (disabled)' : '');
}"""


@dataclass(frozen=True)
class Exemption:
    rule: str
    element: str  # in words, for the report
    matches: Callable[[dict[str, Any]], bool]  # on an axe node with our "where" added
    why: str


# Nothing so far is beyond our reach: every serious finding below has a fix in our code.
STREAMLIT_INTERNAL: tuple[Exemption, ...] = ()

REPORTED: tuple[Exemption, ...] = ()  # all five reported so far are fixed (see git log); new ones go here


@pytest.fixture(scope="module")
def tab(browser: Browser) -> Iterator[Page]:
    """One tab for all scans: each page is opened by its address (a new session), nothing carries over."""
    yield from new_tab(browser)


def scan(page: Page) -> list[dict[str, Any]]:
    """axe's violations, each node with ``where`` (its data-testid chain) added."""
    violations = Axe().run(page).response["violations"]
    for violation in violations:
        for node in violation["nodes"]:
            target = node["target"][0] if node["target"] and isinstance(node["target"][0], str) else ""
            node["where"] = page.evaluate(WHERE, target) if target else ""
    return violations


def report(name: str, violations: list[dict[str, Any]]) -> None:
    print(f"\naxe {name}: {len(violations)} violation(s)")
    for violation in violations:
        print(f"  {violation['id']} [{violation['impact']}] x{len(violation['nodes'])}: {violation['help']}")
        for node in violation["nodes"]:
            html = " ".join(node["html"].split())[:110]
            checks = [check.get("message", "") for check in node.get("any", []) if "contrast" in check.get("id", "")]
            print(f"    - {node['where'] or node['target']}: {html}", *checks[:1])


def exempted(rule: str, node: dict[str, Any], exemptions: tuple[Exemption, ...]) -> Exemption | None:
    return next((e for e in exemptions if e.rule == rule and e.matches(node)), None)


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_page_has_no_serious_or_critical_accessibility_violation(tab: Page, app_url: str, path: str) -> None:
    name = next(key for key, value in PAGES.items() if value == path)
    open_page(tab, f"{app_url}/{path}")
    expect(tab.locator(f"{METRIC}, h1").first).to_be_visible()
    assert exceptions(tab) == []
    violations = scan(tab)
    report(name, violations)
    blocking, known = [], set()
    for violation in violations:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"]:
            if exempted(violation["id"], node, STREAMLIT_INTERNAL):
                continue
            if reported := exempted(violation["id"], node, REPORTED):
                known.add(f"{reported.rule} on {reported.element}: {reported.why}")
                continue
            blocking.append(f"{violation['id']} [{violation['impact']}] {node['where']}: {node['html'][:160]}")
    assert blocking == [], "serious/critical accessibility violations:\n" + "\n".join(blocking)
    if known:
        pytest.xfail("reported, fix pending in app code: " + " | ".join(sorted(known)))
