"""Explorer: move the levers, see when the target is reached and how GDP shifts."""

import streamlit as st

from model.plausibility import plausibility_warnings
from ui import figures
from ui.entry import require_app_navigation
from ui.panels import headline, plausibility_box, summary_box
from ui.presentation import presentation_view
from ui.render import show
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

turnover_tab, parts_tab = st.tabs([t("explorer.tab_turnover"), t("explorer.tab_parts")])
with turnover_tab:
    show(figures.turnover_figure(model, result, t))
with parts_tab:
    show(figures.decomposition_figure(result, t))
    st.caption(t("explorer.parts_caveat"))

st.subheader(t("explorer.gdp_heading"))
st.caption(t("explorer.gdp_note"))
uz_column, kz_column = st.columns(2)
with uz_column:
    show(figures.sector_figure(result, "UZ", t))
with kz_column:
    show(figures.sector_figure(result, "KZ", t))
show(figures.per_head_figure(result, t))
with st.expander(t("explorer.shares_table")):
    st.dataframe(figures.shares_table(result, t), hide_index=True, width="stretch")
