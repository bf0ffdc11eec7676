"""Hamkorlik entry point: page config, navigation, shared controls, and the share link kept in step."""

import streamlit as st

from ui.display_controls import display_controls
from ui.links_sync import dismiss_link_notes, link_notes, mirror_to_link, restore_from_link
from ui.page_nav import page_nav
from ui.panels import link_notes_box
from ui.presentation import apply_presentation_theme
from ui.reconnect import rerun_after_reconnect
from ui.state import presentation_on, translator
from ui.user_data_panel import user_data_banner

restore_from_link()
present = presentation_on()
st.set_page_config(page_title="Hamkorlik", page_icon="🤝", layout="wide",
                   # "auto": open on a wide screen, closed on a phone, where it would cover most of the page.
                   initial_sidebar_state="collapsed" if present else "auto")
t = translator()
pages = [
    st.Page("pages/explorer.py", title=t("nav.explorer"), icon=":material/show_chart:", default=True),
    st.Page("pages/compare.py", title=t("nav.compare"), icon=":material/compare_arrows:"),
    st.Page("pages/analysis.py", title=t("nav.analysis"), icon=":material/target:"),
    st.Page("pages/scenarios.py", title=t("nav.scenarios"), icon=":material/bookmarks:"),
    st.Page("pages/agreements.py", title=t("nav.agreements"), icon=":material/handshake:"),
    st.Page("pages/methodology.py", title=t("nav.methodology"), icon=":material/functions:"),
    st.Page("pages/data_sources.py", title=t("nav.data"), icon=":material/dataset:"),
]
navigation = st.navigation(pages, position="hidden")  # routes the addresses; the links are ui.page_nav's
if present:
    apply_presentation_theme()  # no sidebar controls: hidden, they would still be Tab stops before the levers
else:
    page_nav(pages, navigation, t)
    display_controls(t)
user_data_banner(t)
link_notes_box(link_notes(), t, dismiss_link_notes)
navigation.run()
mirror_to_link()
rerun_after_reconnect()  # last: its (empty) element must not push the page down
