"""Put a chart on the page, whether it is an Altair chart or a templated Vega-Lite spec."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pyarrow as pa
import streamlit as st

from presentation.chart_text import source_as_title, wrap_axis_titles
from presentation.charts import SpecChart
from presentation.i18n import Translator


def show(chart: SpecChart | alt.TopLevelMixin, share: float = 1.0) -> None:
    """Render full width; a templated spec goes straight to Vega-Lite with its finding above it.

    The finding (the title) changes with the data; kept out of the spec, the spec stays identical between
    reruns and the browser only swaps the data instead of redrawing the chart. Exports keep the title inside.
    ``share``: the part of a wide screen's width the chart gets (0.5 beside another chart), so its source
    line is broken where it would be clipped.
    """
    if not isinstance(chart, SpecChart):
        st.altair_chart(chart, width="stretch")
        return
    spec = dict(chart.spec)
    datasets = spec.pop("datasets", {})
    title = dict(spec.get("title", {}))
    if title.get("text"):
        st.markdown(f"**{title['text']}**")
        spec["title"] = source_as_title(title, share)
    spec = wrap_axis_titles(spec)
    spec["datasets"] = {name: arrow_bytes(rows) for name, rows in datasets.items()}
    st.vega_lite_chart(spec=spec, width="stretch")


def arrow_bytes(rows: list[dict[str, Any]]) -> bytes:
    """Records as Arrow IPC bytes, straight from pyarrow.

    Streamlit would turn the records into a pandas frame and then into Arrow, about 2 ms a dataset; a
    slider step sends a dozen datasets, so this keeps the rerun's hot path on the model and the charts.
    """
    table = pa.Table.from_pylist(rows)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def lazy_tabs(key: str, labels: list[str], t: Translator) -> Sequence[Any]:
    """Tabs whose hidden panels are not run: each tab's ``.open`` says whether to draw it.

    The key carries the language because the labels do; after a language switch the first tab shows.
    """
    return st.tabs(labels, key=f"{key}_{t.lang}", on_change="rerun")
