"""The saved-scenario library for the app: opened once per process, its failures shown, never raised."""

from __future__ import annotations

import streamlit as st

from exchange.library import ScenarioLibrary


@st.cache_resource(show_spinner=False)
def _open_library() -> ScenarioLibrary:
    return ScenarioLibrary()


def library_or_none() -> ScenarioLibrary | None:
    """The library, or None (with the reason kept for the page) when its database cannot be opened."""
    try:
        return _open_library()
    except Exception as error:  # a broken or unreachable database must not take the app down
        st.session_state["library_error"] = error.with_traceback(None)  # worded by the page in its language
        return None
