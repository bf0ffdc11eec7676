"""The saved-scenario library on the Scenarios page: save, list, load, rename, delete."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model.library import LibraryError
from ui.i18n import Translator
from ui.library_access import library_or_none
from ui.state import SCENARIO_KEY, current_model, get_scenario, set_scenario

MESSAGE_KEY = "library_message"


def _report(kind: str, text: str) -> None:
    st.session_state[MESSAGE_KEY] = (kind, text)


def _save(t: Translator) -> None:
    library = library_or_none()
    name = str(st.session_state.get("library_save_name", "")).strip()
    if library is None:
        return
    try:
        saved = library.save(get_scenario().model_copy(update={"name": name}), name,
                             overwrite=bool(st.session_state.get("library_overwrite")))
    except LibraryError as error:
        _report("error", t("library.save_failed", reason=str(error)))
        return
    st.session_state[SCENARIO_KEY] = get_scenario().model_copy(update={"name": saved})
    _report("success", t("library.saved", name=saved))


def _load(t: Translator) -> None:
    library, name = library_or_none(), st.session_state.get("library_pick")
    if library is None or not name:
        return
    try:
        scenario, notes = library.load(name, current_model().registry)
    except LibraryError as error:
        _report("error", str(error))
        return
    set_scenario(scenario)
    _report("success", t("library.loaded", name=name) + "".join(f"\n- {n}" for n in notes))


def _rename(t: Translator) -> None:
    library, name = library_or_none(), st.session_state.get("library_pick")
    new_name = str(st.session_state.get("library_new_name", "")).strip()
    if library is None or not name:
        return
    try:
        library.rename(name, new_name)
    except LibraryError as error:
        _report("error", str(error))
        return
    _report("success", t("library.renamed", old=name, new=new_name))


def _delete(t: Translator) -> None:
    library, name = library_or_none(), st.session_state.get("library_pick")
    if library is None or not name:
        return
    try:
        library.delete(name)
    except LibraryError as error:
        _report("error", str(error))
        return
    _report("success", t("library.deleted", name=name))


def _save_form(t: Translator) -> None:
    st.text_input(t("library.save_name"), value=get_scenario().name, key="library_save_name", max_chars=80)
    st.checkbox(t("library.overwrite"), key="library_overwrite")
    st.button(t("library.save"), on_click=_save, args=(t,), type="primary")


def _entries_table(entries: list, t: Translator) -> None:
    frame = pd.DataFrame([{t("library.col_name"): e.name, t("library.col_note"): e.note,
                           t("library.col_updated"): e.updated_at} for e in entries])
    st.dataframe(frame, hide_index=True, width="stretch")


def _manage(entries: list, t: Translator) -> None:
    st.selectbox(t("library.pick"), [e.name for e in entries], key="library_pick")
    load, rename, delete = st.columns(3)
    load.button(t("library.load"), on_click=_load, args=(t,), width="stretch")
    with rename:
        st.text_input(t("library.new_name"), key="library_new_name", max_chars=80)
        st.button(t("library.rename"), on_click=_rename, args=(t,), width="stretch")
    delete.button(t("library.delete"), on_click=_delete, args=(t,), width="stretch")


def library_panel(t: Translator) -> None:
    """Everything the library offers, with a plain message when its database is unavailable."""
    st.header(t("library.heading"))
    library = library_or_none()
    if library is None:
        st.error(t("library.unavailable", reason=st.session_state.get("library_error", "")))
        return
    if message := st.session_state.pop(MESSAGE_KEY, None):
        kind, text = message
        (st.error if kind == "error" else st.success)(text)
    save_column, list_column = st.columns([1, 2])
    with save_column:
        _save_form(t)
    with list_column:
        entries = library.list()
        if not entries:
            st.info(t("library.empty"))
            return
        _entries_table(entries, t)
        _manage(entries, t)
