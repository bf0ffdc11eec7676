"""Shared fixtures: the model is loaded once per test session (it is immutable)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `pytest` (unlike `python -m pytest`) does not put the project root on the path
    sys.path.insert(0, str(ROOT))

from model import Model, load_model  # noqa: E402


@pytest.fixture(scope="session")
def model() -> Model:
    """The shipped data, registry and baseline."""
    return load_model()
