"""Methodology: the equations, every lever and why, the simplifications, and how well the model hindcasts."""

import streamlit as st

from model.hindcast import START_YEAR
from ui import methodology_view as view
from ui.entry import require_app_navigation
from ui.render import show
from ui.state import current_model, get_scenario, translator

require_app_navigation()

t = translator()
model = current_model()
st.title(t("method.title"))
st.markdown(t("method.intro"))

st.header(t("method.equations_heading"))
for number, equation in enumerate(view.EQUATIONS, start=1):
    st.markdown(f"**{number}.** {t(f'method.eq{number}')}")
    st.latex(equation)

st.header(t("method.levers_heading"))
st.caption(t("method.levers_note"))
st.dataframe(view.parameter_table(model.registry, t), hide_index=True, width="stretch")
st.markdown(t("method.shock", sigma=t.number(model.registry.trend_shock_sd, 2),
              stress=t.number(model.registry.trend_shock_sd_stress, 2)))

st.header(t("method.simplifications_heading"))
st.markdown(t("method.simplifications"))

st.header(t("method.income_heading"))
st.markdown(t("method.income_text"))
st.dataframe(view.income_readings(model.run_values(get_scenario().levers), t), hide_index=True)

st.header(t("method.validation_heading"))
chart, errors = view.hindcast_figure(model, t)
st.markdown(t("method.validation_text", start=START_YEAR, mape=t.number(errors["mape_pct"], 1),
              bias=t.number(errors["bias_pct"], 1), rmse=t.number(errors["rmse_usd_bn"], 2)))
show(chart)

st.header(t("method.changes_heading"))
st.markdown(t("method.changes"))
