"""Session state: the model (cached once per process) and the one scenario object every page reads."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from model.api import Model, load_model
from model.compare import MAX_PINNED
from model.plausibility import Yardsticks, yardsticks
from model.presets import Preset, find_preset, load_presets, matching_preset
from model.scenario import Scenario, default_scenario
from model.tracker import YtdFigure, latest_figure
from presentation.i18n import DEFAULT_LANGUAGE, Translator
from presentation.identity import ScenarioIdentity, scenario_identity

SCENARIO_KEY = "scenario"
LANG_KEY = "lang"
PRESENT_KEY = "present"
USER_MODEL_KEY = "user_model"
WIDGET_PREFIX = "lever."


@st.cache_resource(show_spinner=False)
def shipped_model() -> Model:
    """Data, registry and baseline, read and validated once per server process."""
    return load_model()


def current_model() -> Model:
    """The model this session uses (the shipped data, unless the user uploaded their own)."""
    return st.session_state.get(USER_MODEL_KEY) or shipped_model()


def values_key(values: Mapping[str, float]) -> str:
    """A cache key for a scenario's values: their text, sorted by name (``repr`` writes each float exactly).

    Streamlit hashes a tuple item by item: 0.77 ms for the 32 values of a scenario against 0.14 ms for this
    text (measured on the 2-core VM), paid on every lever release by the chance of the target and the live
    levers' components. Two keys are equal only when every name and value is.
    """
    return repr(sorted(values.items()))


@st.cache_resource(show_spinner=False)
def _yardsticks(origin: str, _model: Model) -> Yardsticks:
    return yardsticks(_model.tables)


def data_yardsticks() -> Yardsticks:
    """The historical records for plausibility warnings, computed once per data set."""
    model = current_model()
    return _yardsticks(model.tables.origin, model)


@st.cache_resource(show_spinner=False)
def _ytd_figure(origin: str, _model: Model) -> YtdFigure | None:
    return latest_figure(_model.tables.ytd, _model.tables.bilateral)


def data_ytd_figure() -> YtdFigure | None:
    """The latest year-to-date turnover of the session's data (shipped or uploaded), found once per data set."""
    model = current_model()
    return _ytd_figure(model.tables.origin, model)


def translator() -> Translator:
    """The translator for the session's language."""
    return Translator(st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE))


def presentation_on() -> bool:
    """True in presentation mode (the toggle, or ``present=1`` in the link)."""
    return bool(st.session_state.get(PRESENT_KEY, False))


def get_scenario() -> Scenario:
    """The session's scenario, created from the registry defaults on first use."""
    if SCENARIO_KEY not in st.session_state:
        st.session_state[SCENARIO_KEY] = starting_scenario()
    scenario: Scenario = st.session_state[SCENARIO_KEY]
    return scenario


def starting_scenario() -> Scenario:
    """Every lever at its default, carrying the preset those defaults are ("Programme as announced")."""
    registry = current_model().registry
    preset = matching_preset(registry.defaults(), presets(), registry)
    return default_scenario(registry, preset=preset.id if preset else None)


def identity(scenario: Scenario | None = None, t: Translator | None = None) -> ScenarioIdentity:
    """How ``scenario`` (default: the session's) is named, in ``t``'s language (default: the session's)."""
    return scenario_identity(scenario or get_scenario(), presets(), current_model().registry, t or translator())


def set_scenario(scenario: Scenario) -> None:
    """Replace the session's scenario; the sliders take its values when they are next drawn.

    The sliders' own values are dropped rather than overwritten: a value written for a slider that is not on
    the page (Analysis' "Apply", the Scenarios page's file import) reached the browser as no value at all,
    and the slider came back at its minimum (trend growth −10 %/yr) while the headline used the new value.
    :func:`ui.widgets.lever_slider` sets each slider from the scenario in the run that draws it.
    """
    st.session_state[SCENARIO_KEY] = scenario
    for key in scenario.levers:
        st.session_state.pop(widget_key(key), None)


def widget_key(parameter_key: str) -> str:
    """Session-state key of a lever's slider."""
    return WIDGET_PREFIX + parameter_key


def widget_value(parameter_key: str, value: float) -> float | int:
    """A lever value as its slider holds it (whole numbers for years)."""
    param = current_model().registry.by_key[parameter_key]
    return int(round(value)) if param.is_integer else float(value)


# --- presets and pinned scenarios -----------------------------------------------------------------------

PINNED_KEY = "pinned"


@st.cache_resource(show_spinner=False)
def presets() -> tuple[Preset, ...]:
    """The ready-made scenarios, read once per process."""
    return load_presets()


def apply_preset(preset_id: str) -> None:
    """Start the scenario from a preset (sliders move to it)."""
    preset = find_preset(presets(), preset_id)
    if preset is not None:
        set_scenario(preset.scenario(current_model().registry))


def pinned() -> list[Scenario]:
    """Scenarios pinned for comparison (at most ``MAX_PINNED``)."""
    return list(st.session_state.get(PINNED_KEY, []))


def pin(scenario: Scenario) -> bool:
    """Pin a scenario for comparison; False when the list is full."""
    current = pinned()
    if len(current) >= MAX_PINNED:
        return False
    st.session_state[PINNED_KEY] = [*current, scenario]
    return True


def unpin(index: int) -> None:
    """Remove the pinned scenario at ``index``."""
    current = pinned()
    if 0 <= index < len(current):
        del current[index]
        st.session_state[PINNED_KEY] = current
