"""Sidebar widgets built from the registry: the levers, advanced assumptions and the reset button."""

from __future__ import annotations

import streamlit as st

from model.projection import trade_cost_level
from model.registry import InputError, Parameter, Registry
from model.scenario import Scenario
from model.tradecost import border_days_as_cut, cut_as_border_days
from presentation.i18n import DEFAULT_LANGUAGE, Translator
from presentation.lever_text import lever_help, lever_label
from ui.state import (
    SCENARIO_KEY,
    current_model,
    get_scenario,
    set_scenario,
    starting_scenario,
    widget_key,
    widget_value,
)

SLIDER_FORMATS = {0: "%d", 1: "%.1f", 2: "%.2f", 3: "%.3f"}


def _decimals(step: float) -> int:
    text = f"{step:g}"
    return len(text.split(".")[1]) if "." in text else 0


def lever_slider(param: Parameter, t: Translator) -> None:
    """One slider for one registry entry; its value lives in session state under ``widget_key``."""
    key = widget_key(param.key)
    decimals = _decimals(param.step)
    select = bool(decimals) and t.lang != DEFAULT_LANGUAGE
    # Set from the scenario in every run that draws the slider, not only when its key is missing. Streamlit
    # (1.67) keeps a slider's key while the slider is off the page (presentation mode, a closed expander) but
    # the browser forgets the value: unless the run that draws it again writes the value, the slider comes
    # back at its minimum while the scenario keeps its own value. The write also covers a switch between
    # English and Uzbek/Russian, where the slider becomes a select slider, i.e. a new widget. The scenario has
    # already folded in a moved slider (sync_scenario_from_widgets), so this never undoes a move.
    st.session_state[key] = widget_value(param.key, get_scenario().levers[param.key])
    if select:
        # st.slider prints its value, its ends and its aria-valuetext with a printf format (sprintf.js), which
        # knows only the decimal point ("localized" follows the browser's locale, not the language chosen
        # here). st.select_slider shows format_func's text in all three places, so Uzbek and Russian read
        # 1,34 on the lever as in the headline. English keeps st.slider: printf already writes its numbers,
        # and no list of options has to travel with every rerun.
        st.select_slider(lever_label(param, t), options=slider_options(param, st.session_state[key]), key=key,
                         help=lever_help(param, t), format_func=lambda value: t.number(value, decimals))
        return
    cast = int if param.is_integer else float
    st.slider(lever_label(param, t), min_value=cast(param.min), max_value=cast(param.max), step=cast(param.step),
              key=key, help=lever_help(param, t), format=SLIDER_FORMATS.get(decimals, "%.2f"))


def slider_options(param: Parameter, current: float) -> list[float]:
    """The lever's grid from min to max in steps, rounded to the step's decimals, plus ``current`` if off-grid.

    A value from a shared link or a derived default need not lie on the grid; the select slider must offer it.
    """
    decimals = _decimals(param.step)
    count = round((param.max - param.min) / param.step)
    grid = {round(param.min + i * param.step, decimals) for i in range(count + 1)}
    return sorted(grid | {float(current)})


def cut_in_border_days(t: Translator) -> str:
    """The trade-cost cut on the slider as days saved at the border (Hummels & Schaur 2013), or one day as a cut."""
    model = current_model()
    levers = get_scenario().levers
    theta = float(st.session_state.get(widget_key("trade_elasticity"), levers["trade_elasticity"]))
    level = float(trade_cost_level({"trade_elasticity": theta}, model.baseline))
    cut = float(st.session_state.get(widget_key("trade_cost_cut"), levers["trade_cost_cut"]))
    if cut > 0:
        fewest, most = cut_as_border_days(cut, level)
        days = t.count("days", round(most), f"{t.number(fewest, 0)}–{t.number(most, 0)}")
        return t("sidebar.cut_in_days", days=days,
                 level=t.percent(100 * level, 0))
    smallest, largest = border_days_as_cut(1.0, level)
    return t("sidebar.day_as_cut", low=t.number(smallest, 2), high=t.number(largest, 2),
             level=t.percent(100 * level, 0))


def _reset_to_defaults() -> None:
    start = starting_scenario()
    set_scenario(get_scenario().model_copy(update={"levers": start.levers, "preset": start.preset}))


def lever_sidebar(t: Translator) -> None:
    """The goal and the advanced assumptions in the sidebar, then a reset button.

    The three main levers are not here: they live in the page's live levers component (:mod:`ui.live_levers`).
    """
    registry = current_model().registry
    with st.sidebar:
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
