"""Make sure every page runs inside app.py's navigation, even on a fresh server's first deep link."""

from __future__ import annotations

import streamlit as st

from ui.streamlit_adapter import leave_legacy_pages_mode


def require_app_navigation() -> None:
    """Rerun through app.py when Streamlit ran this page on its own.

    A shared link such as ``/analysis?g=12`` opened as the server's very first request would run the page
    without app.py (no link restore, no page config, legacy menu); rerunning sends the same URL through app.py's
    navigation.
    """
    if leave_legacy_pages_mode():
        st.rerun()
