"""Sidebar widgets built from the registry: the levers, advanced assumptions and the reset button."""

from __future__ import annotations

import streamlit as st

from model.registry import InputError, Parameter, Registry
from model.scenario import Scenario
from ui.data_texts import data_text
from ui.i18n import Translator
from ui.state import SCENARIO_KEY, current_model, get_scenario, set_scenario, widget_key, widget_value

SLIDER_FORMATS = {0: "%d", 1: "%.1f", 2: "%.2f", 3: "%.3f"}


def _decimals(step: float) -> int:
    text = f"{step:g}"
    return len(text.split(".")[1]) if "." in text else 0


def lever_label(param: Parameter, t: Translator) -> str:
    """Slider label with its unit, e.g. ``Trade growth (trend), %/yr``."""
    return t("lever_label", label=t(f"params.{param.key}.label"), unit=t(f"units.{param.unit}"))


def lever_help(param: Parameter, t: Translator) -> str:
    """Help text: what the lever means, its default and its source."""
    return t("lever_help", description=t(f"params.{param.key}.description"),
             default=t.number(param.default, _decimals(param.step)), source=data_text(param.source, t))


def lever_slider(param: Parameter, t: Translator) -> None:
    """One slider for one registry entry; its value lives in session state under ``widget_key``."""
    key = widget_key(param.key)
    if key not in st.session_state:
        st.session_state[key] = widget_value(param.key, get_scenario().levers[param.key])
    cast = int if param.is_integer else float
    st.slider(lever_label(param, t), min_value=cast(param.min), max_value=cast(param.max), step=cast(param.step),
              key=key, help=lever_help(param, t),
              format=SLIDER_FORMATS.get(_decimals(param.step), "%.2f"))


def _reset_to_defaults() -> None:
    scenario = get_scenario()
    registry = current_model().registry
    set_scenario(scenario.model_copy(update={"levers": registry.defaults(), "preset": None}))


def lever_sidebar(t: Translator) -> None:
    """Main levers in the sidebar, the rest under "Advanced assumptions", then the goal and a reset button."""
    registry = current_model().registry
    with st.sidebar:
        st.subheader(t("sidebar.levers"))
        for param in registry.group("main"):
            lever_slider(param, t)
        # Collapsed expanders render nothing (on_change="rerun" + .open): 26 fewer sliders on every rerun.
        # A slider not rendered keeps its value in the scenario and is re-created from it when opened.
        for group in ("goal", "advanced"):
            expander = st.expander(t(f"sidebar.{group}"), key=f"expander_{group}", on_change="rerun")
            if expander.open:
                with expander:
                    for param in registry.group(group):
                        lever_slider(param, t)
        st.button(t("sidebar.reset"), on_click=_reset_to_defaults, width="stretch")


def sync_scenario_from_widgets(registry: Registry, t: Translator) -> Scenario:
    """Fold the sliders' values into the scenario; an invalid combination keeps the last valid scenario.

    Called at the top of a page: Streamlit has already stored the moved slider's value in session state.
    """
    scenario = get_scenario()
    levers = {key: float(st.session_state.get(widget_key(key), value)) for key, value in scenario.levers.items()}
    if levers == scenario.levers:
        return scenario
    try:
        registry.complete(levers)
    except InputError as error:
        st.sidebar.error(t("errors.invalid_levers", message=str(error)))
        return scenario
    updated = scenario.with_levers(levers)
    st.session_state[SCENARIO_KEY] = updated
    return updated
