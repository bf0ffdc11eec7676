"""Bring your own baseline: template download, upload, preview, confirm; the session-only switch and its banner.

An upload is read and checked at once (:func:`exchange.preview.prepare`) but only shown: the preview of every
figure, the rows left out and the problems. The session's data change when the user confirms, never before;
the shipped data never change, and the scenario (the levers) is kept whatever happens to the upload.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from exchange.preview import prepare
from exchange.uploads import MAX_BYTES, template_csv
from model.api import model_from_tables
from presentation.i18n import Translator
from presentation.identity import for_markdown
from presentation.upload_text import left_out_frame, preview_frame, problems_frame, reading_text, summary_text
from ui.mapping_step import mapping_step, show_mapping
from ui.state import USER_MODEL_KEY, shipped_model
from ui.upload_state import PENDING_KEY, Pending, read_again, remembered_mapping

UPLOAD_KEY = "baseline_upload"
RESULT_KEY = "baseline_upload_result"  # (name, summary) of the upload applied; worded in the language at display


def _read_upload() -> None:
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is None:
        st.session_state.pop(PENDING_KEY, None)
        return
    data = upload.getvalue()[: MAX_BYTES + 1]
    pending = Pending(upload.name, data, prepare(upload.name, data, shipped_model().tables))
    remembered = remembered_mapping(pending.prepared.records)
    if remembered is not None:
        pending = replace(read_again(pending, remembered), remembered=True)
        show_mapping(remembered)
    st.session_state[PENDING_KEY] = pending


def _confirm() -> None:
    pending: Pending | None = st.session_state.get(PENDING_KEY)
    if pending is None or not pending.prepared.ok or pending.prepared.tables is None:
        return
    st.session_state[USER_MODEL_KEY] = model_from_tables(pending.prepared.tables)
    st.session_state["user_data_name"] = pending.name
    st.session_state[RESULT_KEY] = (pending.name, pending.prepared.summary)
    st.session_state.pop(PENDING_KEY, None)


def _discard() -> None:
    st.session_state.pop(PENDING_KEY, None)


def _use_shipped() -> None:
    st.session_state.pop(USER_MODEL_KEY, None)
    st.session_state.pop(RESULT_KEY, None)


def _pending_view(pending: Pending, t: Translator) -> None:
    prepared = pending.prepared
    if prepared.reading is not None:
        st.caption(reading_text(prepared.reading, t))
    if prepared.records is not None:
        if pending.remembered:
            st.info(t("byod.map.remembered"))
        mapping_step(pending, t)
        if prepared.mapping is None:
            return
    if prepared.problems:
        n = len(prepared.problems)
        st.error(t.plural("byod.rejected", n, name=pending.name, n=n))
        st.dataframe(problems_frame(prepared.problems, t), hide_index=True, width="stretch")
    if prepared.preview:
        with st.container(key="byod_preview"):
            st.subheader(t("byod.preview.heading"))
            st.dataframe(preview_frame(prepared, t), hide_index=True, width="stretch")
    if prepared.left_out:
        with st.expander(t("byod.preview.left_heading", n=len(prepared.left_out))):
            st.dataframe(left_out_frame(prepared, t), hide_index=True, width="stretch")
    if prepared.ok:
        st.info(t("byod.preview.ready", name=pending.name, n=len(prepared.preview)))
        confirm, discard = st.columns(2)
        confirm.button(t("byod.preview.confirm"), type="primary", on_click=_confirm, key="byod_confirm")
        discard.button(t("byod.preview.discard"), on_click=_discard, key="byod_discard")


def _report(t: Translator) -> None:
    pending: Pending | None = st.session_state.get(PENDING_KEY)
    if pending is not None:
        _pending_view(pending, t)
        return
    applied = st.session_state.get(RESULT_KEY)
    if applied is not None and USER_MODEL_KEY in st.session_state:
        name, summary = applied
        st.success(t("byod.accepted", name=for_markdown(name)) + (f"  \n{summary_text(summary, t)}" if summary else ""))


def user_data_panel(t: Translator) -> None:
    """The template, the uploader, the preview (or the mapping step), and the way back to the shipped data."""
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
        st.warning(t("byod.banner", name=st.session_state.get("user_data_name", "")), icon=":material/description:")
