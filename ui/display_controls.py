"""Sidebar controls every page shares: the language and presentation mode."""

from __future__ import annotations

import streamlit as st

from presentation.i18n import LANGUAGE_NAMES, LANGUAGES, Translator
from ui.state import LANG_KEY, PRESENT_KEY


def _choose_language() -> None:
    st.session_state[LANG_KEY] = st.session_state["lang_choice"]


def _toggle_presentation() -> None:
    st.session_state[PRESENT_KEY] = st.session_state["present_choice"]


def display_controls(t: Translator) -> None:
    """Language selector (names in their own language) and the presentation-mode toggle."""
    st.session_state["lang_choice"] = st.session_state.get(LANG_KEY, "en")
    st.session_state["present_choice"] = bool(st.session_state.get(PRESENT_KEY, False))
    with st.sidebar:
        st.selectbox(t("display.language"), LANGUAGES, key="lang_choice", on_change=_choose_language,
                     format_func=LANGUAGE_NAMES.__getitem__)
        st.toggle(t("display.presentation"), key="present_choice", on_change=_toggle_presentation,
                  help=t("display.presentation_help"))
