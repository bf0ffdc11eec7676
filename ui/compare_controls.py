"""Widgets that fill and empty the compare page's pin list."""

from __future__ import annotations

import streamlit as st

from exchange.library import LibraryError
from model.compare import MAX_PINNED
from presentation.i18n import Translator
from presentation.identity import for_markdown
from ui.library_access import library_or_none
from ui.scenario_panel import pin_current
from ui.state import current_model, find_preset, pin, pinned, presets, unpin


def _pin_presets(t: Translator) -> None:
    registry = current_model().registry
    for preset_id in st.session_state.get("compare_presets", []):
        preset = find_preset(presets(), preset_id)
        if preset is not None and not pin(preset.scenario(registry)):
            st.session_state["compare_message"] = t("compare.full")
    st.session_state["compare_presets"] = []


def _pin_saved(t: Translator) -> None:
    library = library_or_none()
    name = st.session_state.get("compare_saved")
    if library is None or not name:
        return
    try:
        scenario, _notes = library.load(name, current_model().registry)
    except LibraryError as error:  # the database went away, or the entry was deleted by another session
        st.session_state["compare_message"] = t("library.list_unreachable") if error.kind == "unreachable" \
            else str(error)
        return
    if not pin(scenario.model_copy(update={"name": name})):
        st.session_state["compare_message"] = t("compare.full")


def _pin_current(t: Translator) -> None:
    pinned_now, message = pin_current(t)
    if not pinned_now:
        st.session_state["compare_message"] = message


def _saved_names(t: Translator) -> list[str]:
    """Names in the library; none (and the reason as the page's message) when its database does not answer."""
    library = library_or_none()
    try:
        return [entry.name for entry in library.list()] if library is not None else []
    except LibraryError as error:
        st.session_state.setdefault("compare_message", t("library.list_unreachable") if error.kind == "unreachable"
                                    else str(error))
        return []


def pin_controls(t: Translator) -> None:
    """Pin the current scenario, presets, or saved scenarios."""
    full = len(pinned()) >= MAX_PINNED
    current, from_presets, from_library = st.columns(3)
    current.button(t("scenario.pin"), on_click=_pin_current, args=(t,), disabled=full, width="stretch")
    with from_presets:
        # Streamlit's own placeholder and "Select all" are English whatever the page's language: ours, and none.
        st.multiselect(t("compare.add_presets"), [p.id for p in presets()], key="compare_presets",
                       format_func=lambda i: t(f"presets.{i}.name"), disabled=full,
                       placeholder=t("compare.presets_placeholder"), select_all=False)
        st.button(t("compare.add"), on_click=_pin_presets, args=(t,), disabled=full, key="add_presets")
    with from_library:
        names = _saved_names(t)
        st.selectbox(t("compare.add_saved"), names, key="compare_saved", index=None,
                     placeholder=t("compare.saved_placeholder") if names else t("compare.no_saved"),
                     disabled=full)  # not disabled when empty: Streamlit fades a disabled label below AA contrast
        st.button(t("compare.add"), on_click=_pin_saved, args=(t,), disabled=full or not names, key="add_saved")
    if message := st.session_state.pop("compare_message", None):
        st.warning(message)


def pinned_list(names: list[str], t: Translator) -> None:
    """The pinned scenarios (by their names on this page) as chips with a remove button each."""
    columns = st.columns(MAX_PINNED)
    for index, name in enumerate(names):
        with columns[index]:
            st.markdown(f"**{index + 1}. {for_markdown(name)}**")
            st.button(t("compare.remove"), key=f"unpin_{index}", on_click=unpin, args=(index,))
