"""The scenario block at the top of the sidebar: preset chooser, what the scenario is called, pin for comparison."""

from __future__ import annotations

import streamlit as st

from model.presets import find_preset
from presentation.data_texts import data_text
from presentation.i18n import Translator
from presentation.identity import for_markdown
from ui.state import apply_preset, get_scenario, identity, pin, presets

CUSTOM = ""


def preset_widget_key(lang: str) -> str:
    """The preset box's key, one per language.

    The browser keeps a select box's shown text: after a language switch the same box went on showing the
    preset's name in the language before.
    """
    return f"preset_choice_{lang}"


def _on_preset_change(key: str) -> None:
    choice = st.session_state.get(key)
    if choice:
        apply_preset(choice)


def pin_current(t: Translator) -> tuple[bool, str]:
    """Pin the session's scenario for comparison: whether it was pinned, and the message saying so.

    The scenario is pinned as it is: Compare names it through its identity, in the language shown then.
    """
    if not pin(get_scenario()):
        return False, t("compare.full")
    return True, t("compare.pinned", name=for_markdown(identity(t=t).title))


def _pin_from_sidebar(t: Translator) -> None:
    st.session_state["pin_message"] = pin_current(t)[1]


def preset_picker(t: Translator) -> None:
    """Preset selectbox (applies on change), why the preset's values were chosen, and a pin button."""
    options = [CUSTOM, *(p.id for p in presets())]
    current = identity(t=t)
    shown = current.preset_id if current.preset_id in options else CUSTOM
    key = preset_widget_key(t.lang)
    # Written in every run that draws it: after presentation mode (no sidebar) Streamlit kept the key but the
    # browser showed "— custom —" beside a scenario line naming the preset (as the sliders in ui/widgets.py).
    st.session_state[key] = shown
    st.selectbox(t("scenario.preset"), options, key=key, on_change=_on_preset_change, args=(key,),
                 format_func=lambda i: t(f"presets.{i}.name") if i else t("scenario.choose"),
                 help=t("scenario.preset_help"))
    # No status line here: the page's scenario line says it, and the sidebar is not rerun on a lever release.
    preset = find_preset(presets(), current.preset_id)
    if preset is not None:
        with st.popover(t("scenario.why"), width="stretch"):
            st.markdown(t(f"presets.{preset.id}.rationale"))
            st.markdown("\n".join(f"- {data_text(source, t)}" for source in preset.sources))
    st.button(t("scenario.pin"), on_click=_pin_from_sidebar, args=(t,), width="stretch",
              help=t("scenario.pin_help"))
    if message := st.session_state.pop("pin_message", None):
        st.caption(message)
