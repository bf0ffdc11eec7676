"""Explorer: move the levers, see when the target is reached and how GDP shifts."""

import streamlit as st

from model.api import Model
from model.data import COUNTRIES
from model.plausibility import plausibility_warnings
from model.run import ScenarioResult
from presentation import checks_view, figures
from presentation.i18n import Translator
from ui.entry import require_app_navigation
from ui.export_buttons import brief_download, chart_downloads, deck_download
from ui.links_sync import mirror_to_link
from ui.live_levers import live_levers
from ui.panels import plausibility_box, scenario_line, summary_box, tracker_line
from ui.presentation import exit_presentation_button, presentation_view
from ui.render import chart_libraries, lazy_tabs, show
from ui.scenario_files import share_url
from ui.scenario_panel import preset_picker
from ui.state import (
    current_model,
    data_yardsticks,
    data_ytd_figure,
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
    presentation_view(model, model.run_values(scenario.levers), t)
    mirror_to_link()  # a fragment rerun skips app.py, so the share link is kept in step here


@st.fragment
def explorer_body(t: Translator) -> None:
    """Everything a lever changes, the levers included (they write into the sidebar from here).

    A lever moved reruns only this fragment: not the navigation, the language and display controls or the
    page title, so the server sends and the browser redraws only what the scenario changes.
    """
    model = current_model()
    sync_scenario_from_widgets(model.registry, t)  # fold in the slider just moved before anything reads it
    with st.sidebar:
        preset_picker(t)
    lever_sidebar(t)
    scenario = get_scenario()
    result = model.run_values(scenario.levers)
    required = model.goal_seek("trade_growth", scenario.levers)
    scenario_line(identity(scenario, t), t)
    live_levers(model, result, required.unclamped, t)
    st.caption(t("headline.mirror_note"))
    plausibility_box(plausibility_warnings(result, data_yardsticks()), t)
    summary_box(result, t)
    tracker_line(data_ytd_figure(), result, t)
    trade_column, gdp_column = st.columns(2, gap="large")
    with trade_column:
        trade_panel(model, result, t)
    with gdp_column:
        gdp_panel(result, t)
    growth_panel(model, result, t)
    tables_and_downloads(model, result, t)
    mirror_to_link()


def trade_panel(model: Model, result: ScenarioResult, t: Translator) -> None:
    """Where the turnover comes from (the turnover itself is drawn live above, with the levers)."""
    st.header(t("explorer.trade_heading"))
    show(figures.decomposition_figure(result, t), key="explorer_parts")
    st.caption(t("explorer.parts_caveat"))


def gdp_panel(result: ScenarioResult, t: Translator) -> None:
    """GDP per head, or one country's sector-share shifts, against BAU."""
    st.header(t("explorer.gdp_heading"))
    # Two tabs and a country switch inside the second: three tabs named after the countries overflowed a
    # half-width column in Uzbek and Russian (and on a phone in English), cutting off Kazakhstan's.
    per_head_tab, sectors_tab = lazy_tabs("explorer_gdp_view", [t("explorer.tab_per_head"),
                                                                t("explorer.tab_sectors")], t)
    if per_head_tab.open:
        with per_head_tab:
            show(figures.per_head_figure(result, t), key="explorer_per_head")
            if note := figures.per_head_note(result, t):
                st.caption(note)
    if sectors_tab.open:
        with sectors_tab:
            country = st.segmented_control(t("explorer.sector_country"), COUNTRIES, default=COUNTRIES[0],
                                           required=True, format_func=lambda code: t(f"countries.{code}"),
                                           key="explorer_sector_country", label_visibility="collapsed")
            show(figures.sector_figure(result, country or COUNTRIES[0], t), key="explorer_sectors")
    st.caption(t("explorer.gdp_note"))


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
st.title(translate("explorer.title"))
st.markdown(translate("explorer.intro"))
explorer_body(translate)
