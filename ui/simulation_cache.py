"""Monte Carlo results cached per scenario, draw count, stress case and data origin.

The chance of the target that the Explorer, Analysis, presentation mode and the deck show is one figure:
:data:`~model.montecarlo.HEADLINE_DRAWS` draws with :data:`~model.montecarlo.HEADLINE_SEED`, base case
(:func:`headline_odds`). Other draw counts and the stress case exist only on Analysis, labelled as such.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from model.api import Model
from model.montecarlo import HEADLINE_DRAWS, HEADLINE_SEED, MonteCarloResult, TargetOdds, simulate, target_odds
from ui.state import current_model, values_key


@st.cache_data(max_entries=128, show_spinner=False)
def _simulation(levers_key: str, draws: int, stress: bool, model_key: str, _levers: Mapping[str, float],
                _model: Model) -> MonteCarloResult:
    return simulate(_levers, _model.baseline, _model.registry, draws, HEADLINE_SEED, stress=stress)


def simulation(levers: Mapping[str, float], draws: int = HEADLINE_DRAWS, stress: bool = False) -> MonteCarloResult:
    """The seeded simulation of ``levers`` on the session's data, computed once per distinct input."""
    model = current_model()
    return _simulation(values_key(levers), draws, stress, model.tables.origin, dict(levers), model)


@st.cache_data(max_entries=256, show_spinner=False)
def _odds(levers_key: str, model_key: str, _levers: Mapping[str, float], _model: Model) -> TargetOdds:
    return target_odds(_levers, _model.baseline, _model.registry, HEADLINE_DRAWS, HEADLINE_SEED)


def headline_odds(levers: Mapping[str, float]) -> TargetOdds:
    """The chance of the target by the target year that every page shows (turnover block only, cached).

    Exactly the probability of :func:`simulation` at the headline draw count, base case; a fraction of its cost.
    """
    model = current_model()
    return _odds(values_key(levers), model.tables.origin, dict(levers), model)
