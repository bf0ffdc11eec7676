"""Put a chart on the page, whether it is an Altair chart or a templated Vega-Lite spec."""

from __future__ import annotations

import altair as alt
import streamlit as st

from ui.charts import SpecChart


def show(chart: SpecChart | alt.TopLevelMixin) -> None:
    """Render full width; templated specs go straight to Vega-Lite, skipping Altair's conversion."""
    if isinstance(chart, SpecChart):
        st.vega_lite_chart(spec=chart.spec, width="stretch")
    else:
        st.altair_chart(chart, width="stretch")
