"""Scenarios: name and note, share link, JSON import/export, table downloads, and the saved library."""

import streamlit as st

from ui import scenario_files, scenario_library
from ui.entry import require_app_navigation
from ui.state import translator

require_app_navigation()

t = translator()
st.title(t("scenarios.title"))
scenario_files.name_and_note(t)
scenario_library.save_controls(t)
scenario_files.share_panel(t)
export_column, import_column = st.columns(2)
with export_column:
    scenario_files.downloads(t)
with import_column:
    scenario_files.upload(t)
scenario_library.library_panel(t)
