"""The live levers on the page: the three main levers, the headline and the turnover chart in one component.

One ``st.components.v2`` component (no iframe) whose numbers follow the hand in the browser while a slider
moves and are confirmed by the server on release.

The component reads its values from the session's scenario on every run, so presets, JSON import, share links
and "apply to my scenario" set it as they set the scenario. On release it sends the three values back; the
callback reads them like a share link (:func:`exchange.live_values.read_released`) into the scenario before the
fragment reruns, so every other panel follows.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from exchange.live_values import LIVE_LEVERS, read_released
from model.api import Model
from model.live import live_components
from model.run import ScenarioResult
from presentation.frontend_assets import live_levers_css, live_levers_js, live_payload_js
from presentation.i18n import Translator
from presentation.live_data import PARTS, live_data, payload_message
from ui.links_sync import address_query
from ui.render import element_data
from ui.state import SCENARIO_KEY, current_model, get_scenario, translator, values_key
from ui.widgets import cut_in_border_days

COMPONENT_KEY = "live_levers"
NOTICE_KEY = "live_levers_notice"  # the notes on the last values sent back, shown until the next release
SEQ_KEY = "live_levers_seq"  # the last release the server has answered

_live_payload = st.components.v2.component("hamkorlik_live_payload", js=live_payload_js())
_live_levers = st.components.v2.component("hamkorlik_live_levers", js=live_levers_js(), css=live_levers_css())


def _on_release(key: str) -> None:
    """Fold the released values into the scenario (checked like a share link) before the fragment reruns."""
    state = st.session_state.get(key) or {}
    raw = state.get("release") if hasattr(state, "get") else None
    if raw is None:
        return
    scenario = get_scenario()
    released = read_released(raw, scenario.levers, current_model().registry)
    t = translator()
    notes = [t(f"link.{note.code}", key=t(f"params.{note.key}.label"), raw=note.raw, applied=note.applied)
             for note in released.notes]
    st.session_state[NOTICE_KEY] = (t("live.notice") + " " + " ".join(notes)) if notes else ""
    st.session_state[SEQ_KEY] = max(int(st.session_state.get(SEQ_KEY, 0)), released.seq)
    if released.levers != {key: scenario.levers[key] for key in released.levers}:
        st.session_state[SCENARIO_KEY] = scenario.with_levers({**scenario.levers, **released.levers})


# A resource, not data: the ~250 kB message is only read, and copying it out of a data cache cost ~3 ms a release.
@st.cache_resource(max_entries=64, show_spinner=False)
def _payload(assumptions_key: str, model_key: str, _assumptions: dict[str, float],
             _model: Model) -> dict[str, str]:
    # The three levers' values are ignored by the components; the defaults only complete the scenario.
    values = {**_model.registry.defaults(), **_assumptions}
    return payload_message(live_components(values, _model.baseline, _model.registry).to_payload())


def components_message(model: Model, values: dict[str, float]) -> dict[str, str]:
    """The components for ``values``' advanced assumptions (the three levers left out), made once per set."""
    assumptions = {key: value for key, value in values.items() if key not in LIVE_LEVERS}
    return _payload(values_key(assumptions), model.tables.origin, assumptions, model)


def live_payload(model: Model, values: dict[str, float]) -> str:
    """Put the components for ``values``' advanced assumptions on the page; returns their key.

    Unchanged between releases, the element's message travels as a short reference after the first time. A
    page whose lever fragment cannot change the advanced assumptions draws it outside the fragment, so that a
    release neither serialises nor re-renders its ~260 kB (:func:`live_levers`' ``payload_key``).
    """
    components = components_message(model, values)
    _live_payload(key="hamkorlik_live_payload", data=components, height=0)
    return components["key"]


def live_levers(model: Model, result: ScenarioResult, required_growth_pct: float, t: Translator, *,
                presentation: bool = False, parts: tuple[str, ...] = PARTS, server_note: str = "",
                payload_key: str | None = None, scenario_line: str = "") -> None:
    """Draw the component for the session's scenario (``result``) in ``t``'s language.

    ``presentation``: large type for 1920×1080; ``parts``: which of levers, headline and chart to show;
    ``server_note``: a line under the headline that only the server computes (faded while a slider moves);
    ``payload_key``: the key :func:`live_payload` returned for the components already on the page (drawn
    outside this fragment); without it they are drawn here. A key that no longer matches the scenario's
    assumptions reruns the whole page, which draws them anew. ``scenario_line``: HTML of the line above the
    levers naming the scenario (:func:`ui.panels.scenario_line`).
    """
    if payload_key is None:
        payload_key = live_payload(model, dict(result.scenario.values))
    elif components_message(model, dict(result.scenario.values))["key"] != payload_key:
        st.rerun(scope="app")
    key = f"{COMPONENT_KEY}_present" if presentation else COMPONENT_KEY
    data: dict[str, Any] = live_data(
        model, result, required_growth_pct, t, presentation=presentation, parts=parts,
        cut_caption=cut_in_border_days(t), notice=st.session_state.get(NOTICE_KEY, ""), server_note=server_note,
        seq=int(st.session_state.get(SEQ_KEY, 0)), payload_key=payload_key, address_query=address_query(),
        scenario_line=scenario_line)
    _live_levers(key=key, data=element_data(data), on_release_change=lambda: _on_release(key))
