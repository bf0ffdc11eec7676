"""Agreements: the November 2025 summit documents, what each can move, and the scenario a chosen set builds."""

import streamlit as st

from ui import agreements_view
from ui.entry import require_app_navigation
from ui.state import current_model, translator

require_app_navigation()

t = translator()
model = current_model()
st.title(t("agreements.title"))
st.markdown(t("agreements.intro"))
st.caption(t("agreements.rules"))
agreements_view.agreement_list(model.registry, t)
agreements_view.build_button(t)
agreements_view.built_result(model, t)
