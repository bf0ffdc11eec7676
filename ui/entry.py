"""Make sure every page runs inside app.py's navigation, even on a fresh server's first deep link."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def require_app_navigation() -> None:
    """Rerun through app.py when Streamlit ran this page on its own.

    With a ``pages/`` folder beside the entry point, Streamlit starts in its legacy mode until app.py has
    called ``st.navigation`` once; a shared link such as ``/analysis?g=12`` opened as the server's very
    first request would then run the page without app.py (no link restore, no page config, legacy menu).
    Leaving legacy mode and rerunning sends the same URL through app.py's navigation.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
