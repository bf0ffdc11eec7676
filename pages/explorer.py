"""Explorer: move the levers, see when the target is reached and how GDP shifts."""

import streamlit as st

from model.plausibility import plausibility_warnings
from ui import figures
from ui.entry import require_app_navigation
from ui.export_buttons import chart_downloads, deck_download
from ui.panels import headline, plausibility_box, summary_box
from ui.presentation import presentation_view
from ui.render import show
from ui.scenario_files import share_url
from ui.scenario_panel import preset_picker
from ui.state import current_model, data_yardsticks, get_scenario, presentation_on, translator
from ui.widgets import lever_sidebar, sync_scenario_from_widgets

require_app_navigation()

t = translator()
model = current_model()
sync_scenario_from_widgets(model.registry, t)  # fold in the slider just moved before anything reads the scenario
if presentation_on():
    scenario = get_scenario()
    presentation_view(model, model.run_values(scenario.levers), t)
    st.stop()
with st.sidebar:
    preset_picker(t)
lever_sidebar(t)
scenario = get_scenario()
result = model.run_values(scenario.levers)
required = model.goal_seek("trade_growth", scenario.levers)

st.title(t("explorer.title"))
st.markdown(t("explorer.intro"))
headline(result, required.unclamped, t)
plausibility_box(plausibility_warnings(result, data_yardsticks()), t)
summary_box(result, t)

turnover_chart, parts_chart = figures.turnover_figure(model, result, t), figures.decomposition_figure(result, t)
turnover_tab, parts_tab = st.tabs([t("explorer.tab_turnover"), t("explorer.tab_parts")])
with turnover_tab:
    show(turnover_chart)
with parts_tab:
    show(parts_chart)
    st.caption(t("explorer.parts_caveat"))

st.subheader(t("explorer.gdp_heading"))
st.caption(t("explorer.gdp_note"))
uz_chart, kz_chart = figures.sector_figure(result, "UZ", t), figures.sector_figure(result, "KZ", t)
uz_column, kz_column = st.columns(2)
with uz_column:
    show(uz_chart)
with kz_column:
    show(kz_chart)
per_head_chart = figures.per_head_figure(result, t)
show(per_head_chart)
with st.expander(t("explorer.shares_table")):
    st.dataframe(figures.shares_table(result, t), hide_index=True, width="stretch")
downloads = st.expander(t("explorer.downloads"), key="expander_downloads", on_change="rerun")
if downloads.open:  # eleven buttons, rendered only when asked for
    with downloads:
        deck_download(scenario, share_url(), t)
        chart_downloads([("turnover", t("explorer.tab_turnover"), turnover_chart),
                         ("turnover-parts", t("explorer.tab_parts"), parts_chart),
                         ("sectors-uz", t("countries.UZ"), uz_chart), ("sectors-kz", t("countries.KZ"), kz_chart),
                         ("gdp-per-head", t("present.views.per_head"), per_head_chart)], t)
