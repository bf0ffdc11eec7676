"""The browser code of the live levers as Streamlit's components v2 take it: one inline ES module each.

Seven modules, read once per process from ``presentation/frontend``:

- the chart libraries (the vendored vega, vega-lite and vega-embed builds, which set their globals), about
  830 kB that never change: Streamlit caches an element's message by content, so after the first page load
  only a reference to it travels;
- the components the live levers recombine (``src/payloads.js``): a tiny module whose element carries them,
  about 280 kB of JSON that change only with the advanced assumptions, so they too travel once;
- the server-computed charts' element (``src/spec_chart.js``): every chart the pages draw from a spec, with the
  same libraries, so a page loads one chart library and a rerun swaps rows instead of drawing anew;
- the Explorer's panels under the live levers (``src/panels.js``): the notes and the two charted panels in
  one element, so a release re-renders one element instead of some thirty of Streamlit's;
- the page links at the top of the sidebar (``src/page_nav.js``), which replace Streamlit's own navigation;
- a page's title and introduction (``src/page_header.js``), which change only with the language;
- the component itself: the ES modules under ``presentation/frontend/src`` joined in dependency order, their
  ``import`` lines dropped and ``export`` keywords removed (each file is linted and tested by node as a
  module; in the browser they share one module scope, so their top-level names must not clash, which
  ``tests/test_live_levers_js.py`` checks by parsing the joined module with node).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

FRONTEND_DIR = Path(__file__).resolve().parent / "frontend"
SOURCE_ORDER = ("element_data.js", "format.js", "recombine.js", "texts.js", "chart_data.js", "payloads.js", "frame.js",
                "levers.js", "chart.js", "main.js")
PAYLOAD_ORDER = ("payloads.js", "payload_component.js")
SPEC_CHART_ORDER = ("chart.js", "spec_chart.js")
PANELS_ORDER = ("element_data.js", "chart.js", "panels_view.js", "panels.js")
PAGE_NAV_ORDER = ("page_nav_links.js", "page_nav.js")
PAGE_HEADER_ORDER = ("element_data.js", "page_header.js")
_IMPORT = re.compile(r"^import .* from \"\./[\w.]+\";\n", re.MULTILINE)
_EXPORT = re.compile(r"^export (?!default)", re.MULTILINE)


@cache
def chart_libraries_js() -> str:
    """The vendored chart libraries in load order, as one module with an empty default export.

    Returns
    -------
    str
        The builds listed in ``vendor/manifest.json`` (vega, then vega-lite, then vega-embed: each reads the
        globals of the ones before it), each on its own lines.
    """
    manifest = json.loads((FRONTEND_DIR / "vendor" / "manifest.json").read_text(encoding="utf-8"))
    builds = [(FRONTEND_DIR / "vendor" / entry["file"]).read_text(encoding="utf-8") for entry in manifest["libraries"]]
    return "\n;\n".join(builds) + "\nexport default function chartLibraries() {}\n"


def _joined(names: tuple[str, ...]) -> str:
    parts = []
    for name in names:
        source = (FRONTEND_DIR / "src" / name).read_text(encoding="utf-8")
        parts.append(f"// --- {name}\n" + _EXPORT.sub("", _IMPORT.sub("", source)))
    return "\n".join(parts)


@cache
def live_levers_js() -> str:
    """The component's source modules joined into one ES module whose default export is the component."""
    return _joined(SOURCE_ORDER)


@cache
def live_payload_js() -> str:
    """The element that keeps the live levers' components in the page (``src/payloads.js``), as one ES module."""
    return _joined(PAYLOAD_ORDER)


@cache
def spec_chart_js() -> str:
    """The element that draws a server-computed chart with the vendored libraries (``src/spec_chart.js``)."""
    return _joined(SPEC_CHART_ORDER)


@cache
def panels_js() -> str:
    """The Explorer's panels under the live levers (``src/panels.js``): notes and two charted panels, one module."""
    return _joined(PANELS_ORDER)


@cache
def panels_css() -> str:
    """The panels' stylesheet (``src/panels.css``)."""
    return (FRONTEND_DIR / "src" / "panels.css").read_text(encoding="utf-8")


@cache
def page_nav_js() -> str:
    """The page links at the top of the sidebar (``src/page_nav.js``), one module."""
    return _joined(PAGE_NAV_ORDER)


@cache
def page_nav_css() -> str:
    """The page links' stylesheet (``src/page_nav.css``)."""
    return (FRONTEND_DIR / "src" / "page_nav.css").read_text(encoding="utf-8")


@cache
def page_header_js() -> str:
    """A page's title and introduction (``src/page_header.js``), one module."""
    return _joined(PAGE_HEADER_ORDER)


@cache
def page_header_css() -> str:
    """The page header's stylesheet (``src/page_header.css``)."""
    return (FRONTEND_DIR / "src" / "page_header.css").read_text(encoding="utf-8")


@cache
def live_levers_css() -> str:
    """The component's stylesheet."""
    return (FRONTEND_DIR / "src" / "style.css").read_text(encoding="utf-8")
