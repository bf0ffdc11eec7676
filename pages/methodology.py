"""Methodology: the equations, every lever and why, the simplifications, the back-test, the GE check, other outlooks."""

import streamlit as st

from model.armington import WORLD_GDP_USD_BN, build_matrix, largest_bilateral_share
from model.checks_report import model_backtest
from model.montecarlo import HEADLINE_DRAWS, HEADLINE_SEED
from presentation import checks_view as checks
from presentation import methodology_view as view
from presentation.odds_text import stress_terms
from ui.entry import require_app_navigation
from ui.state import current_model, get_scenario, translator

require_app_navigation()

t = translator()
model = current_model()
st.title(t("method.title"))
st.markdown(t("method.intro"))

st.header(t("method.equations_heading"))
for number in range(1, len(view.EQUATIONS) + 1):
    st.markdown(f"**{number}.** {t(f'method.eq{number}')}")
    st.latex(view.equation(number, t))

st.header(t("method.dynamics_heading"))
cases = view.elasticity_cases(model.registry)
st.markdown(t("method.dynamics_text", short=t.number(cases["short"], 2), long=t.number(cases["long"], 2),
              years=t.count("years", cases["years"]), low=t.number(cases["low"], 2), high=t.number(cases["high"], 2)))
st.dataframe(view.elasticity_table(model.registry, t), hide_index=True)
st.markdown(t("method.level_text", year=model.baseline.trade_cost_year, long=t.number(cases["long"], 2),
              level=t.percent(view.default_trade_cost_pct(model), 0)))
st.markdown(t("method.days_text"))
st.dataframe(view.trade_cost_table(model, t), hide_index=True)

st.header(t("method.levers_heading"))
st.caption(t("method.levers_note"))
st.dataframe(view.parameter_table(model.registry, t), hide_index=True, width="stretch")
st.markdown(t("method.shock", sigma=t.number(model.registry.trend_shock_sd, 2), draws=t.number(HEADLINE_DRAWS, 0),
              seed=HEADLINE_SEED))
st.markdown(t("method.stress", **stress_terms(model.registry, t)))

st.header(t("method.judgements_heading"))
st.markdown(t("method.judgements", **view.judgement_values(model, t)))

st.header(t("method.simplifications_heading"))
st.markdown(t("method.simplifications"))

st.header(t("method.live_heading"))
st.markdown(t("method.live_text"))

st.header(t("method.income_heading"))
st.markdown(t("method.income_text"))
result = model.run_values(get_scenario().levers)
st.dataframe(view.income_readings(result, t), hide_index=True)

st.header(t("method.validation_heading"))
backtest = model_backtest(model)
st.markdown(t("method.validation_text", years=", ".join(t.year(y) for y in backtest.years),
              window=t.count("years", backtest.window),
              inflation=t.percent(model.registry.defaults()["usd_inflation"], 1)))
st.dataframe(checks.backtest_table(backtest, t), hide_index=True, width="stretch")
st.markdown(checks.backtest_verdict(backtest, t))

st.header(t("method.ge_heading"))
matrix = build_matrix(model.tables)
st.markdown(t("method.ge_text", year=t.year(matrix.year), world=t.number(WORLD_GDP_USD_BN / 1000, 2),
              epsilon=t.percent(100 * largest_bilateral_share(matrix), 1)))

st.header(t("method.outlooks_heading"))
st.caption(t("method.outlooks_note"))
st.dataframe(checks.outlooks_table(model, result, t), hide_index=True, width="stretch")

st.header(t("method.tracker_heading"))
st.markdown(view.tracker_reading(model.tables, model.registry, t))

st.header(t("method.changes_heading"))
st.markdown(t("method.changes"))
