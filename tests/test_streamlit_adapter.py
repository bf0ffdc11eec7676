"""The Streamlit internal the adapter relies on is still there, and means what it did (fails loudly on an upgrade)."""

from __future__ import annotations

import streamlit
from streamlit.runtime.pages_manager import PagesManager

from ui.streamlit_adapter import leave_legacy_pages_mode


def test_pages_manager_still_has_the_legacy_switch() -> None:
    assert isinstance(PagesManager.__dict__.get("uses_pages_directory"), (bool, type(None))), (
        f"Streamlit {streamlit.__version__} moved PagesManager.uses_pages_directory: update ui/streamlit_adapter.py")


def test_leaving_legacy_mode_switches_once() -> None:
    before = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = True
        assert leave_legacy_pages_mode() is True
        assert PagesManager.uses_pages_directory is False
        assert leave_legacy_pages_mode() is False
    finally:
        PagesManager.uses_pages_directory = before

