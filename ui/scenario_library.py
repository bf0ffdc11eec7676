"""The saved-scenario library on the Scenarios page: save under the scenario's one name, list, load, rename, delete."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from exchange.library import LibraryError
from presentation.i18n import Translator
from presentation.identity import for_markdown
from ui.library_access import library_or_none
from ui.scenario_files import NAME_WIDGET
from ui.state import SCENARIO_KEY, current_model, get_scenario, set_scenario

MESSAGE_KEY = "library_message"
SAVE_MESSAGE_KEY = "library_save_message"


def _report(kind: str, text: str, key: str = MESSAGE_KEY) -> None:
    st.session_state[key] = (kind, text)


def _show_message(key: str) -> None:
    if message := st.session_state.pop(key, None):
        kind, text = message
        (st.error if kind == "error" else st.success)(text)


def _problem(t: Translator, error: LibraryError) -> str:
    """What went wrong, in the user's language: the catalogue's text for the error's kind."""
    if error.kind == "taken":
        return t("library.name_taken", name=for_markdown(error.name), overwrite=t("library.overwrite"))
    if error.kind == "unreachable":
        return t("library.unreachable")
    if error.kind == "invalid":
        reason = t(f"library.errors.{error.code}", **error.values) if error.code else str(error)
        return t("library.save_failed", reason=reason)
    if error.kind in ("unknown", "unreadable", "failed"):
        return t(f"library.errors.{error.kind}", name=for_markdown(error.name))
    return str(error)


def _unavailable_reason(t: Translator, error: Exception | None) -> str:
    """Why the library cannot be opened, in the user's language where the error carries a worded code."""
    if isinstance(error, LibraryError) and error.code and t.has(f"library.errors.{error.code}"):
        return t(f"library.errors.{error.code}", **error.values)
    return "" if error is None else str(error)


def _save(t: Translator) -> None:
    """Save under the name typed in the page's one name field (read from the field: its edit may be this run's)."""
    library = library_or_none()
    if library is None:
        return
    name = str(st.session_state.get(NAME_WIDGET, get_scenario().name)).strip()
    overwrite = bool(st.session_state.get("library_overwrite"))
    if not name:
        _report("error", t("library.name_missing", field=t("scenarios.name")), SAVE_MESSAGE_KEY)
        return
    try:
        if not overwrite and library.exists(name):
            _report("error", t("library.name_taken", name=for_markdown(name), overwrite=t("library.overwrite")),
                    SAVE_MESSAGE_KEY)
            return
        saved = library.save(get_scenario().model_copy(update={"name": name}), name, overwrite=overwrite)
    except LibraryError as error:  # taken meanwhile by another session, or the database is away
        _report("error", _problem(t, error), SAVE_MESSAGE_KEY)
        return
    st.session_state[SCENARIO_KEY] = get_scenario().model_copy(update={"name": saved})
    _report("success", t("library.saved", name=for_markdown(saved)), SAVE_MESSAGE_KEY)


def _load(t: Translator) -> None:
    library, name = library_or_none(), st.session_state.get("library_pick")
    if library is None or not name:
        return
    try:
        scenario, notes = library.load(name, current_model().registry)
    except LibraryError as error:
        _report("error", _problem(t, error))
        return
    set_scenario(scenario)
    _report("success", t("library.loaded", name=for_markdown(name)) + "".join(f"\n- {n}" for n in notes))


def _rename(t: Translator) -> None:
    library, name = library_or_none(), st.session_state.get("library_pick")
    new_name = str(st.session_state.get("library_new_name", "")).strip()
    if library is None or not name:
        return
    try:
        library.rename(name, new_name)
    except LibraryError as error:
        _report("error", _problem(t, error))
        return
    _report("success", t("library.renamed", old=name, new=new_name))


def _delete(t: Translator) -> None:
    library, name = library_or_none(), st.session_state.get("library_pick")
    if library is None or not name:
        return
    try:
        library.delete(name)
    except LibraryError as error:
        _report("error", _problem(t, error))
        return
    _report("success", t("library.deleted", name=for_markdown(name)))


def save_controls(t: Translator) -> None:
    """Save the scenario to the library under the name typed above (no second name field), or say why not."""
    if library_or_none() is None:
        return  # the library panel below says why it is unavailable
    save, overwrite = st.columns([1, 3], vertical_alignment="center")
    save.button(t("library.save"), on_click=_save, args=(t,), type="primary", key="library_save", width="stretch")
    overwrite.checkbox(t("library.overwrite"), key="library_overwrite")
    _show_message(SAVE_MESSAGE_KEY)


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
        st.error(t("library.unavailable", reason=_unavailable_reason(t, st.session_state.get("library_error"))))
        return
    _show_message(MESSAGE_KEY)
    try:
        entries = library.list()
    except LibraryError as error:
        st.error(t("library.list_unreachable") if error.kind == "unreachable" else _problem(t, error))
        return
    if not entries:
        st.info(t("library.empty"))
        return
    _entries_table(entries, t)
    _manage(entries, t)
