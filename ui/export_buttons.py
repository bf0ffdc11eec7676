"""Download buttons for charts (PNG at 2×, SVG), the slide deck and the offline brief; files are made on click."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import altair as alt
import streamlit as st

from model.scenario import Scenario
from presentation.charts import SpecChart
from presentation.export import chart_png, chart_svg
from presentation.i18n import Translator
from presentation.identity import file_stem
from ui.state import current_model, identity

Chart = SpecChart | alt.TopLevelMixin


def _svg_bytes(chart: Chart) -> bytes:
    return chart_svg(chart).encode("utf-8")


def chart_downloads(charts: Sequence[tuple[str, str, Chart]], t: Translator) -> None:
    """One PNG and one SVG button per (file stem, label, chart), generated on click."""
    for stem, label, chart in charts:
        png, svg = st.columns(2)
        png.download_button(f"{t('export.png')}: {label}", partial(chart_png, chart), f"{stem}.png",
                            mime="image/png", key=f"png_{stem}", on_click="ignore", width="stretch")
        svg.download_button(f"{t('export.svg')}: {label}", partial(_svg_bytes, chart), f"{stem}.svg",
                            mime="image/svg+xml", key=f"svg_{stem}", on_click="ignore", width="stretch")


def _deck_bytes(scenario: Scenario, lang: str, share_url: str) -> bytes:
    from presentation.deck import build_deck  # python-pptx loads only when a deck is asked for

    return build_deck(current_model(), scenario, lang, share_url)


def deck_download(scenario: Scenario, share_url: str, t: Translator) -> None:
    """The .pptx in the session's language, built on click (it runs a 10,000-draw simulation)."""
    make: Callable[[], bytes] = partial(_deck_bytes, scenario, t.lang, share_url)
    stem = file_stem(identity(scenario, t))
    st.download_button(t("export.deck"), make, f"{stem}.pptx", key="deck_download", on_click="ignore",
                       help=t("export.deck_help"), type="primary", width="stretch",
                       mime="application/vnd.openxmlformats-officedocument.presentationml.presentation")


def _brief_bytes(scenario: Scenario, lang: str, share_url: str) -> bytes:
    from presentation.brief import build_brief, component_block  # vl-convert and the browser code, on click only

    return build_brief(current_model(), scenario, lang, share_url, component_block).encode("utf-8")


def brief_download(scenario: Scenario, share_url: str, t: Translator, key: str = "brief_download") -> None:
    """The offline brief (one HTML file, live levers inside) in the session's language, built on click."""
    make: Callable[[], bytes] = partial(_brief_bytes, scenario, t.lang, share_url)
    stem = file_stem(identity(scenario, t))
    st.download_button(t("brief.download"), make, f"{stem}-brief-{t.lang}.html", key=key, on_click="ignore",
                       help=t("brief.download_help"), width="stretch", mime="text/html")
