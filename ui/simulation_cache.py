"""Monte Carlo results cached per scenario, draw count, shock size and data origin."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from model.api import Model
from model.montecarlo import MonteCarloResult, TargetOdds, simulate, target_odds
from ui.state import current_model

SEED = 2025
SUMMARY_DRAWS = 1_000  # enough for a probability to the nearest few percent, cheap enough for every rerun


@st.cache_data(max_entries=128, show_spinner=False)
def _simulation(levers: tuple[tuple[str, float], ...], draws: int, stress: bool, model_key: str,
                _model: Model) -> MonteCarloResult:
    registry = _model.registry
    sigma = registry.trend_shock_sd_stress if stress else registry.trend_shock_sd
    return simulate(dict(levers), _model.baseline, registry, draws, SEED, sigma)


def simulation(levers: Mapping[str, float], draws: int, stress: bool = False) -> MonteCarloResult:
    """The seeded simulation of ``levers`` on the session's data, computed once per distinct input."""
    model = current_model()
    return _simulation(tuple(sorted(levers.items())), draws, stress, model.tables.origin, model)


@st.cache_data(max_entries=256, show_spinner=False)
def _odds(levers: tuple[tuple[str, float], ...], draws: int, model_key: str, _model: Model) -> TargetOdds:
    return target_odds(dict(levers), _model.baseline, _model.registry, draws, SEED)


def summary_odds(levers: Mapping[str, float], draws: int = SUMMARY_DRAWS) -> TargetOdds:
    """The probability of the target by the target year for the Explorer's summary (turnover block only).

    The same figure the Analysis page's simulation of ``draws`` draws gives; a fraction of its cost.
    """
    model = current_model()
    return _odds(tuple(sorted(levers.items())), draws, model.tables.origin, model)
