"""The whole app under Streamlit's AppTest, opened with a query string and each run checked to be clean."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def ran(at: AppTest) -> AppTest:
    """Run the script once more; the run must not raise."""
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def app(query: dict[str, str] | None = None) -> AppTest:
    """A fresh session opened as from a link carrying ``query``, after its first clean run."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return ran(at)
