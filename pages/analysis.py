"""Analysis: how sure the target year is, what it would take, which assumptions matter most, and PE against GE."""

import streamlit as st

from model.montecarlo import HEADLINE_DRAWS
from presentation import checks_view as checks
from presentation.odds_text import stress_terms
from ui import analysis_view as view
from ui.entry import require_app_navigation
from ui.render import show
from ui.simulation_cache import headline_odds, simulation
from ui.state import current_model, get_scenario, translator

require_app_navigation()

t = translator()
model = current_model()
scenario = get_scenario()
levers = tuple(sorted(scenario.levers.items()))
result = model.run_values(scenario.levers)

st.title(t("analysis.title"))
st.markdown(t("analysis.intro"))
draws_column, stress_column = st.columns([2, 1])
draws = draws_column.segmented_control(t("analysis.draws"), view.DRAW_CHOICES, default=HEADLINE_DRAWS,
                                       key="mc_draws", format_func=lambda n: t.number(n, 0)) or HEADLINE_DRAWS
stress = stress_column.toggle(t("analysis.stress"), key="mc_stress",
                              help=t("analysis.stress_help", **stress_terms(model.registry, t)))
with st.spinner(t("analysis.running", draws=t.number(draws, 0))):
    mc = simulation(scenario.levers, draws, stress)
view.probability_metrics(headline_odds(scenario.levers), mc, t)
show(view.fan_figure(mc, result, t), key="analysis_fan")
with st.expander(t("analysis.distribution_heading")):
    show(view.distribution_figure(mc, t), key="analysis_distribution")

st.header(t("analysis.goal_heading"))
st.caption(t("analysis.goal_note", year=t.year(result.goal_year)))
view.goal_seek_panel(view.goal_answers(model, scenario.levers), t)

st.header(t("analysis.tornado_heading"))
st.caption(t("analysis.tornado_note"))
table = view.cached_tornado(levers, view.model_key(model), model)
year_chart, turnover_chart = view.tornado_figures(table, result, t)
show(year_chart, key="analysis_tornado_year")
show(turnover_chart, key="analysis_tornado_turnover")

st.header(t("analysis.ge_heading"))
st.caption(t("analysis.ge_note"))
scenario_check, reference_checks = checks.ge_checks(model, scenario.levers)
st.markdown(checks.ge_sentence(scenario_check, reference_checks, t))
st.dataframe(checks.ge_table([scenario_check, *reference_checks], t), hide_index=True, width="stretch")
