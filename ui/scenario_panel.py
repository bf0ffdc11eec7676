"""The scenario block at the top of the sidebar: preset chooser, "modified from …", pin for comparison."""

from __future__ import annotations

import streamlit as st

from model.presets import find_preset, is_modified
from ui.data_texts import data_text
from ui.i18n import Translator
from ui.state import apply_preset, current_model, get_scenario, pin, presets

PRESET_WIDGET = "preset_choice"
CUSTOM = ""


def _on_preset_change() -> None:
    choice = st.session_state.get(PRESET_WIDGET)
    if choice:
        apply_preset(choice)


def scenario_status(t: Translator) -> str:
    """``Agreements implemented``, ``modified from Agreements implemented`` or ``custom scenario``."""
    scenario = get_scenario()
    preset = find_preset(presets(), scenario.preset)
    if preset is None:
        return t("scenario.custom")
    name = t(f"presets.{preset.id}.name")
    if is_modified(scenario, presets(), current_model().registry):
        return t("scenario.modified_from", name=name)
    return name


def _pin_current(t: Translator) -> None:
    scenario = get_scenario()
    label = scenario.name or scenario_status(t)
    if not pin(scenario.model_copy(update={"name": label})):
        st.session_state["pin_message"] = t("compare.full")
    else:
        st.session_state["pin_message"] = t("compare.pinned", name=label)


def preset_picker(t: Translator) -> None:
    """Preset selectbox (applies on change) with the current scenario's status and a pin button."""
    options = [CUSTOM, *(p.id for p in presets())]
    current = get_scenario().preset
    shown = current if current in options else CUSTOM
    if st.session_state.get(PRESET_WIDGET) != shown:
        st.session_state[PRESET_WIDGET] = shown
    st.selectbox(t("scenario.preset"), options, key=PRESET_WIDGET, on_change=_on_preset_change,
                 format_func=lambda i: t(f"presets.{i}.name") if i else t("scenario.choose"),
                 help=t("scenario.preset_help"))
    st.caption(t("scenario.status", status=scenario_status(t)))
    preset = find_preset(presets(), current)
    if preset is not None:
        with st.popover(t("scenario.why"), width="stretch"):
            st.markdown(t(f"presets.{preset.id}.rationale"))
            st.markdown("\n".join(f"- {data_text(source, t)}" for source in preset.sources))
    st.button(t("scenario.pin"), on_click=_pin_current, args=(t,), width="stretch",
              help=t("scenario.pin_help"))
    if message := st.session_state.pop("pin_message", None):
        st.caption(message)
