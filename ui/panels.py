"""Reusable blocks of the Explorer: the scenario line, a link's notes, and the panels under the live levers."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from exchange.links import LinkNote
from model.plausibility import plausibility_warnings
from model.run import ScenarioResult
from presentation.explorer_panels import panels_data
from presentation.frontend_assets import panels_css, panels_js
from presentation.html_text import markdown_html
from presentation.i18n import Translator
from presentation.identity import ScenarioIdentity, for_markdown
from presentation.lever_text import lever_label
from ui.render import element_data
from ui.simulation_cache import headline_odds
from ui.state import current_model, data_yardsticks, data_ytd_figure

_panels = st.components.v2.component("hamkorlik_panels", js=panels_js(), css=panels_css())


def scenario_line(shown: ScenarioIdentity, t: Translator) -> str:
    """Which scenario the numbers below are for (its name, preset, and what was changed from the preset), as HTML.

    The live levers draw it above the levers: as a Streamlit element of its own it cost ~10 ms of a lever
    release in the browser (an A/B of 25 releases each), which re-renders every such element per message.
    """
    return markdown_html(t("scenario.headline", status=for_markdown(shown.full)))


def _setting_name(key: str, t: Translator) -> str:
    """A lever as its slider names it, with the name the link gives it: "Trade growth (trend) (%/yr) (g)"."""
    param = current_model().registry.by_key.get(key)
    return f"{lever_label(param, t)} ({param.short})" if param is not None else key


def link_notes_box(notes: list[LinkNote], t: Translator, on_dismiss: Callable[[], None]) -> None:
    """What a shared link contained that could not be used as is, said exactly, until dismissed."""
    if not notes:
        return
    lines = "\n".join(f"- {t(f'link.{note.code}', key=_setting_name(note.key, t), raw=note.raw, applied=note.applied)}"
                      for note in notes)
    with st.container(border=True):
        st.warning(t("link.intro") + "\n\n" + lines)
        st.button(t("link.dismiss"), on_click=on_dismiss)


def explorer_panels(result: ScenarioResult, t: Translator) -> None:
    """The notes under the headline (plausibility, summary, tracker) and the two panels, as one element.

    One element instead of some thirty of Streamlit's: on a lever release the browser re-renders it alone
    (issue 15's release time), and the GDP panel's tabs and country switch change views without a rerun.
    """
    data = panels_data(result, plausibility_warnings(result, data_yardsticks()), headline_odds(result.scenario.values),
                       data_ytd_figure(), t)
    _panels(key="explorer_panels", data=element_data(data))
