"""Keep the address bar and the scenario in step: restore from a shared link once, then mirror every change."""

from __future__ import annotations

import streamlit as st

from model.links import VERSION_KEY, LinkNote, decode, encode
from model.scenario import Scenario
from ui.state import current_model, get_scenario, set_scenario

RESTORED_KEY = "link_restored"
NOTES_KEY = "link_notes"


def _query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def restore_from_link() -> None:
    """On a session's first run, read the link's levers (if any) into the scenario and keep the notes."""
    if st.session_state.get(RESTORED_KEY):
        return
    st.session_state[RESTORED_KEY] = True
    query = _query()
    if not any(key not in (VERSION_KEY, "lang", "present") for key in query):
        return
    reading = decode(query, current_model().registry)
    set_scenario(Scenario(levers=reading.levers, preset=reading.preset, name=reading.name))
    st.session_state[NOTES_KEY] = reading.notes


def link_notes() -> list[LinkNote]:
    """What the link reader changed, until the user dismisses it."""
    return list(st.session_state.get(NOTES_KEY, []))


def dismiss_link_notes() -> None:
    """Forget the link notes."""
    st.session_state[NOTES_KEY] = []


def mirror_to_link() -> None:
    """Write the scenario into the query parameters, keeping the app's own keys (language, presentation)."""
    scenario = get_scenario()
    desired = encode(scenario.levers, current_model().registry, scenario.preset, scenario.name)
    current = _query()
    for key in ("lang", "present"):
        if key in current:
            desired[key] = current[key][0]
    if {k: [v] for k, v in desired.items()} != current:
        st.query_params.from_dict(desired)
