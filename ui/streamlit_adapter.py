"""The one place Hamkorlik touches a Streamlit internal; a test fails loudly on an upgrade that moves it.

Streamlit offers no public call for what is here. Every other module uses public Streamlit only
(tests/test_layers.py fails on a private import anywhere else).
"""

from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager


def leave_legacy_pages_mode() -> bool:
    """Switch the server out of its legacy ``pages/`` mode; ``True`` when it was in it (the caller then reruns).

    With a ``pages/`` folder beside the entry point, Streamlit starts in legacy mode until ``st.navigation`` has
    run once; a deep link opened as a fresh server's first request would otherwise run a page without app.py.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        return True
    return False
