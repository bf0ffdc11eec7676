"""Put a chart on the page, whether it is an Altair chart or a templated Vega-Lite spec."""

from __future__ import annotations

import altair as alt
import streamlit as st

from ui.charts import SpecChart


def show(chart: SpecChart | alt.TopLevelMixin) -> None:
    """Render full width; a templated spec goes straight to Vega-Lite with its finding above it.

    The finding (the title) changes with the data; kept out of the spec, the spec stays identical between
    reruns and the browser only swaps the data instead of redrawing the chart. Exports keep the title inside.
    """
    if not isinstance(chart, SpecChart):
        st.altair_chart(chart, width="stretch")
        return
    spec = dict(chart.spec)
    title = dict(spec.get("title", {}))
    if title.get("text"):
        st.markdown(f"**{title['text']}**")
        spec["title"] = {**title, "text": " "}
    st.vega_lite_chart(spec=spec, width="stretch")
