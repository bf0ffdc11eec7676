"""Hamkorlik entry point: page config and navigation; every view lives in pages/."""

import streamlit as st

from ui.state import translator

st.set_page_config(page_title="Hamkorlik", page_icon="🤝", layout="wide", initial_sidebar_state="expanded")

t = translator()
navigation = st.navigation([
    st.Page("pages/explorer.py", title=t("nav.explorer"), icon="📈", default=True),
])
navigation.run()
