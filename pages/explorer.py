"""Explorer: move the levers, see when the target is reached and how GDP shifts."""

import streamlit as st

from model.api import Model
from model.run import ScenarioResult
from model.scenario import Scenario
from presentation import checks_view, figures
from presentation.i18n import Translator
from ui.entry import require_app_navigation
from ui.export_buttons import brief_download, chart_downloads, deck_download
from ui.live_levers import live_levers, live_payload
from ui.page_header import page_header
from ui.panels import explorer_panels, scenario_line
from ui.presentation import exit_presentation_button, presentation_view
from ui.render import chart_libraries
from ui.scenario_files import share_url
from ui.scenario_panel import preset_picker
from ui.state import (
    current_model,
    get_scenario,
    identity,
    presentation_on,
    translator,
)
from ui.widgets import lever_sidebar, sync_scenario_from_widgets


@st.fragment
def presentation_body(t: Translator) -> None:
    """The presentation view; its levers rerun only this fragment."""
    model = current_model()
    scenario = sync_scenario_from_widgets(model.registry, t)
    presentation_view(model, model.run_values(scenario.levers), t)  # its live levers keep the address bar


DETAILS = ("expander_growth", "expander_shares", "expander_downloads")  # the expanders below the panels


@st.fragment
def explorer_body(model: Model, payload_key: str, drawn: Scenario, t: Translator) -> None:
    """Everything a lever release changes: the live levers (which also name the scenario and write the share
    link into the address bar), and the notes and panels under them.

    A release reruns only this fragment, not the navigation, the sidebar, the page title, the components'
    element or the expanders below, so the server sends and the browser redraws only what the scenario's three
    main levers change. The notes and the two panels are one element of our own
    (:func:`ui.panels.explorer_panels`): the browser re-renders each of Streamlit's elements on every rerun,
    and some thirty of them took longer than the run. ``drawn``: the scenario the page's last full run drew
    the expanders for; an open one would now show another scenario's numbers, so the whole page reruns.
    """
    scenario = get_scenario()
    if scenario != drawn and any(st.session_state.get(key) for key in DETAILS):
        st.rerun(scope="app")
    result = model.run_values(scenario.levers)
    required = model.goal_seek("trade_growth", scenario.levers)
    live_levers(model, result, required.unclamped, t, payload_key=payload_key,
                scenario_line=scenario_line(identity(scenario, t), t))
    explorer_panels(result, t)


def explorer_sidebar(t: Translator) -> None:
    """The preset, the goal and the advanced assumptions: outside the fragment, so a change reruns the page.

    They change the components the live levers recombine, which are drawn once per page run.
    """
    with st.sidebar:
        preset_picker(t)
    lever_sidebar(t)


def explorer_details(model: Model, t: Translator) -> None:
    """The expanders under the panels: outside the fragment, each made only while open (the fragment reruns
    the page when a release changes the scenario while one is open)."""
    result = model.run_values(get_scenario().levers)
    growth_panel(model, result, t)
    tables_and_downloads(model, result, t)


def growth_panel(model: Model, result: ScenarioResult, t: Translator) -> None:
    """Where the growth to the target has to come from (GDP vs integration), computed only while open."""
    growth = st.expander(t("growth.heading"), key="expander_growth", on_change="rerun")
    if growth.open:
        with growth:
            sentence, rows = checks_view.growth_block(model, result, t)
            st.markdown(sentence)
            st.dataframe(checks_view.rows_frame(rows), hide_index=True, width="stretch")
            st.caption(t("growth.note"))


def tables_and_downloads(model: Model, result: ScenarioResult, t: Translator) -> None:
    """The shares table and the downloads, each made only while its expander is open."""
    shares = st.expander(t("explorer.shares_table"), key="expander_shares", on_change="rerun")
    if shares.open:
        with shares:
            st.dataframe(figures.shares_table(result, t), hide_index=True, width="stretch")
    downloads = st.expander(t("explorer.downloads"), key="expander_downloads", on_change="rerun")
    if downloads.open:  # eleven buttons and five charts
        with downloads:
            deck_download(get_scenario(), share_url(), t)
            brief_download(get_scenario(), share_url(), t)
            chart_downloads([
                ("turnover", t("explorer.tab_turnover"), figures.turnover_figure(model, result, t)),
                ("turnover-parts", t("explorer.tab_parts"), figures.decomposition_figure(result, t)),
                ("sectors-uz", t("countries.UZ"), figures.sector_figure(result, "UZ", t)),
                ("sectors-kz", t("countries.KZ"), figures.sector_figure(result, "KZ", t)),
                ("gdp-per-head", t("present.views.per_head"), figures.per_head_figure(result, t))], t)


require_app_navigation()
chart_libraries()  # outside the fragments: drawn once per page load, not on every lever release
translate = translator()
if presentation_on():
    presentation_body(translate)
    exit_presentation_button(translate)  # outside the fragment: leaving presentation mode reruns the whole app
    st.stop()
page_header(translate("explorer.title"), translate("explorer.intro"))  # one element, not re-rendered per release
explorer_model = current_model()
sync_scenario_from_widgets(explorer_model.registry, translate)  # fold in a sidebar slider before anything reads it
explorer_sidebar(translate)
explorer_body(explorer_model, live_payload(explorer_model, dict(get_scenario().levers)), get_scenario(), translate)
explorer_details(explorer_model, translate)
