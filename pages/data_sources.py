"""Data & sources: every series the app uses, with source and status, mirror statistics and downloads."""

import streamlit as st

from exchange.exports import csv_bytes
from presentation import data_view as view
from ui.entry import require_app_navigation
from ui.state import current_model, translator
from ui.user_data_panel import user_data_panel

require_app_navigation()

t = translator()
model = current_model()
st.title(t("data.title"))
st.markdown(t("data.intro"))

user_data_panel(t)

st.header(t("data.mirror_heading"))
st.markdown(t("data.mirror_text"))
st.dataframe(view.mirror_table(t), hide_index=True, width="stretch")

st.header(t("data.revisions_heading"))
st.markdown(t("data.revisions_text"))
st.dataframe(view.revisions_table(t), hide_index=True, width="stretch")

st.header(t("data.series_heading"))
for series in view.series_views(model.tables):
    with st.expander(t(f"data.series.{series.key}")):
        chart_column, table_column = st.columns([2, 3])
        chart_column.altair_chart(view.small_chart(series, t), width="stretch")
        table_column.dataframe(view.shown_frame(series, t), hide_index=True, width="stretch")
        table_column.download_button(t("data.download"), csv_bytes(series.frame), f"{series.key}.csv",
                                     mime="text/csv", key=f"download_{series.key}")

st.header(t("data.reference_heading"))
st.caption(t("data.reference_note"))
for reference in view.REFERENCE_TABLES:
    st.dataframe(view.reference_table(reference, t), hide_index=True, width="stretch")
icor = {key: t.number(value, 1) for key, value in view.icor_values(model).items()}
st.markdown(t("data.icor_note", **icor))
st.header(t("data.notes_heading"))
st.markdown(t("data.notes"))
