"""Put a chart on the page, whether it is an Altair chart or a templated Vega-Lite spec."""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import streamlit as st

from presentation.chart_text import split_finding
from presentation.charts import SpecChart
from presentation.frontend_assets import chart_libraries_js, spec_chart_js
from presentation.identity import for_markdown

_chart_libraries = st.components.v2.component("hamkorlik_chart_libraries", js=chart_libraries_js())
_spec_chart = st.components.v2.component("hamkorlik_spec_chart", js=spec_chart_js(),
                                         css=".hk-spec-chart { width: 100%; }")


def element_data(data: dict[str, Any]) -> bytes:
    """``data`` as compact UTF-8 JSON for one of our ``st.components.v2`` elements (``src/element_data.js``).

    Streamlit passes bytes through as they are; a dict it scans for data frames key by key and encodes twice
    (once more, sorted, for the element's identity): ~2–4 ms of each lever release for each of the Explorer's
    two elements in the fragment, measured in the running server.

    Raises
    ------
    ValueError
        If ``data`` holds NaN or an infinity (JSON has no such numbers).
    """
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def chart_libraries() -> None:
    """Put the vendored chart libraries on the page: once per run, before any chart :func:`show` draws.

    A page with the live levers or a templated chart calls it at its top, outside any fragment: a lever's
    fragment rerun then neither re-sends nor re-renders the 830 kB element. Without it the live levers and the
    templated charts wait for the libraries and stay empty. Altair charts (the analysis and compare pages) are
    Streamlit's own and need nothing.
    """
    _chart_libraries(key="hamkorlik_chart_libraries", height=0)


def show(chart: SpecChart | alt.TopLevelMixin, *, key: str, share: float = 1.0) -> None:
    """Render full width with the chart's finding above it; a templated spec is drawn by the vendored libraries.

    The finding (the title) changes with the data; kept out of the spec, the spec's structure stays identical
    between reruns and the browser only swaps the rows instead of drawing the chart anew (``src/spec_chart.js``).
    Exports keep the title inside. ``key``: the chart's name on the page, stable between reruns (what keeps the
    drawn view); ``share``: the part of a wide screen's width the chart gets (0.5 beside another chart), so its
    source line is broken where it would be clipped.
    """
    if not isinstance(chart, SpecChart):
        # Streamlit's own chart (the Analysis and Compare pages), its finding above it too: Vega cuts a title at
        # the chart's width, and on a phone the fan chart's lost its probability ("Вероятность достижения 10…").
        finding, spec = split_finding(chart.to_dict(), share)
        if finding:
            st.markdown(f"**{for_markdown(finding)}**")
        st.vega_lite_chart(spec, width="stretch", key=key)
        return
    finding, spec = split_finding(chart.spec, share)
    if finding:
        st.markdown(f"**{finding}**")
    _spec_chart(key=f"chart_{key}", data={"spec": spec})
