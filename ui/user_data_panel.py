"""Bring your own baseline: template download, upload with every problem listed, the session-only switch."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from exchange.uploads import MAX_BYTES, check_upload, template_csv
from model.api import model_from_tables
from presentation.i18n import Translator
from presentation.upload_text import problem_text, reading_text
from ui.state import USER_MODEL_KEY, shipped_model

UPLOAD_KEY = "baseline_upload"
RESULT_KEY = "baseline_upload_result"


def _read_upload() -> None:
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is None:
        return
    data = upload.getvalue()[: MAX_BYTES + 1]
    result = check_upload(upload.name, data, shipped_model().tables)
    if result.ok and result.tables is not None:
        st.session_state[USER_MODEL_KEY] = model_from_tables(result.tables)
        st.session_state["user_data_name"] = upload.name
    st.session_state[RESULT_KEY] = (upload.name, result.summary, result.problems, result.reading)


def _use_shipped() -> None:
    st.session_state.pop(USER_MODEL_KEY, None)
    st.session_state.pop(RESULT_KEY, None)


def _report(t: Translator) -> None:
    name, summary, problems, *more = st.session_state.get(RESULT_KEY, (None, None, []))
    reading = more[0] if more else None
    if name is None:
        return
    if reading is not None:
        st.caption(reading_text(reading, t))
    if problems:
        st.error(t("byod.rejected", name=name, n=len(problems)))
        rows = [(p.row, p.column, problem_text(p, t)) for p in problems]
        st.dataframe(pd.DataFrame(rows, columns=[t("byod.col_row"), t("byod.col_column"), t("byod.col_problem")]),
                     hide_index=True, width="stretch")
    else:
        st.success(t("byod.accepted", name=name) + (f"  \n{summary}" if summary else ""))


def user_data_panel(t: Translator) -> None:
    """The template, the uploader, the result, and the way back to the shipped data."""
    st.header(t("byod.heading"))
    st.markdown(t("byod.intro"))
    st.download_button(t("byod.template"), template_csv(shipped_model().tables), "hamkorlik-baseline-template.csv",
                       mime="text/csv")
    st.file_uploader(t("byod.upload"), type=["csv", "txt", "tsv", "xlsx", "xls"], key=UPLOAD_KEY,
                     on_change=_read_upload, help=t("byod.upload_help"))
    _report(t)
    if USER_MODEL_KEY in st.session_state:
        st.button(t("byod.reset"), on_click=_use_shipped)


def user_data_banner(t: Translator) -> None:
    """On every page while the session runs on uploaded data."""
    if USER_MODEL_KEY in st.session_state:
        st.warning(t("byod.banner", name=st.session_state.get("user_data_name", "")), icon="📄")
