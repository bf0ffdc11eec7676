"""Compare: up to four pinned scenarios side by side, against business as usual."""

import streamlit as st

from model.compare import MAX_PINNED
from presentation import compare_view
from ui.compare_controls import pin_controls, pinned_list
from ui.entry import require_app_navigation
from ui.render import show
from ui.state import current_model, pinned, presets, translator

require_app_navigation()

t = translator()
model = current_model()
st.title(t("compare.title"))
st.markdown(t("compare.intro", n=MAX_PINNED))
pin_controls(t)
scenarios = pinned()
if not scenarios:
    st.info(t("compare.empty"))
    st.stop()
names = compare_view.pinned_names(scenarios, presets(), model.registry, t)
pinned_list(names, t)
results = compare_view.run_pinned(model, scenarios, names)
show(compare_view.overlay_figure(results, t), key="compare_overlay")
st.header(t("compare.headline_heading"))
st.caption(t("compare.headline_note"))
# Static tables: their long row and column labels wrap instead of being cut off at the cell edge.
st.table(compare_view.headline_frame(results, t))
st.header(t("compare.levers_heading"))
named = dict(zip(results, scenarios, strict=True))
st.table(compare_view.levers_styler(model, named, t))
