"""The live levers' components recombine to the model's own projection, headline and goal seek (issue 15).

Lever states are drawn on the sliders' grids and advanced assumptions (realisation share, elasticities, phase-in,
build lag, programme end, launched projects, the target…) anywhere on their registry grids: if an equation ever
stops being separable in the three levers, these tests fail.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model import Model, load_model
from model.live import (
    LEVERS,
    grid_index,
    growth_goal_seek,
    headline,
    lever_grid,
    live_components,
    recombine,
)
from model.projection import TURNOVER_YEARS, project_turnover
from model.registry import SECTOR_MIX_KEYS

MODEL = load_model()  # module level: hypothesis draws many examples per test, the model is immutable
TOLERANCE_USD_BN = 1e-9


GRIDS = {p.key: lever_grid(p).tolist() for p in MODEL.registry.parameters}
ASSUMPTION_KEYS = tuple(p.key for p in MODEL.registry.parameters if p.key not in LEVERS)


def _indices(keys: tuple[str, ...]) -> st.SearchStrategy[tuple[int, ...]]:
    # One integer per key in a flat tuple: a composite of mapped draws cost Hypothesis ~15 ms an example.
    return st.tuples(*(st.integers(0, len(GRIDS[key]) - 1) for key in keys))


def _scenario(indices: tuple[int, ...]) -> dict[str, float]:
    """A complete scenario whose every non-lever value is the drawn point of its registry grid."""
    return {**MODEL.values(), **{key: GRIDS[key][i] for key, i in zip(ASSUMPTION_KEYS, indices, strict=True)}}


ASSUMPTIONS = _indices(ASSUMPTION_KEYS).map(_scenario).filter(
    lambda values: any(values[key] > 0 for key in SECTOR_MIX_KEYS))  # the registry forbids all three at zero
LEVER_STATE = _indices(LEVERS).map(lambda indices: tuple(GRIDS[key][i] for key, i in zip(LEVERS, indices,
                                                                                           strict=True)))


def _with_levers(values: dict[str, float], state: tuple[float, float, float]) -> dict[str, float]:
    return {**values, **dict(zip(LEVERS, state, strict=True))}


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ASSUMPTIONS, st.lists(LEVER_STATE, min_size=4, max_size=4))
def test_recombination_equals_the_projection(values: dict[str, float],
                                             states: list[tuple[float, float, float]]) -> None:
    """1,000 lever states over 250 drawn assumption sets: trend·F + I·Tᴵ(1) + Tᴵ(launched) = eq. 5's total."""
    components = live_components(values, MODEL.baseline, MODEL.registry)
    assert components.exact  # the run-time check agrees
    for state in states:
        expected = project_turnover(_with_levers(values, state), MODEL.baseline).total
        assert np.max(np.abs(recombine(components, *state) - expected)) <= TOLERANCE_USD_BN, state


def _close(left: float, right: float) -> bool:
    if math.isinf(left) or math.isinf(right):
        return left == right
    return abs(left - right) <= TOLERANCE_USD_BN * max(1.0, abs(right))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ASSUMPTIONS, LEVER_STATE)
def test_headline_and_goal_seek_equal_the_models(values: dict[str, float], state: tuple[float, float, float]) -> None:
    """Target year (first and fractional), turnover in the goal year, BAU's year and the growth needed."""
    scenario = _with_levers(values, state)
    result = MODEL.run_values(scenario)
    shown = headline(live_components(values, MODEL.baseline, MODEL.registry), *state)
    crossing = result.scenario.crossing
    assert shown.first_year == (int(crossing.first_year) if bool(crossing.reached) else None)
    if shown.fractional is None:
        assert np.isnan(crossing.fractional)
    else:
        assert abs(shown.fractional - float(crossing.fractional)) <= TOLERANCE_USD_BN
    assert (shown.already, shown.falls_back) == (bool(crossing.already), bool(crossing.falls_back))
    assert abs(shown.turnover_at_goal - result.turnover_at_goal) <= TOLERANCE_USD_BN
    assert abs(shown.gap_at_goal - result.gap_at_goal) <= TOLERANCE_USD_BN
    bau = result.bau.crossing
    assert shown.bau_first_year == (int(bau.first_year) if bool(bau.reached) else None)
    model_answer = MODEL.goal_seek("trade_growth", scenario)
    assert _close(shown.required_growth_pct, model_answer.unclamped)


@pytest.mark.parametrize(("overrides", "state", "kind"), [
    ({"target_usd_bn": 3.0}, (7.0, 1.0, 0.0), "already"),  # T₂₀₂₅ is above a 3 USD bn target
    ({"realisation_share": 1.0, "programme_end": 2030, "depreciation": 10.0, "target_usd_bn": 6.0}, (-10.0, 3.0, 0.0),
     "falls_back"),  # the programme ends, the stock depreciates, the trend falls
    ({"target_usd_bn": 50.0}, (-10.0, 0.0, 0.0), "never"),
    ({"target_usd_bn": 5.0, "launched_projects": 5.0, "realisation_share": 1.0}, (0.0, 6.0, 15.0), "not_needed"),
])
def test_headline_edge_cases_equal_the_models(overrides: dict[str, float], state: tuple[float, float, float],
                                              kind: str) -> None:
    """Already reached, reached then falling back, never reached, growth not needed: each as the model says."""
    values = MODEL.values(overrides)
    shown = headline(live_components(values, MODEL.baseline, MODEL.registry), *state)
    crossing = MODEL.run_values(_with_levers(values, state)).scenario.crossing
    needed = MODEL.goal_seek("trade_growth", _with_levers(values, state)).unclamped
    observed = {"already": shown.already, "falls_back": shown.falls_back, "never": shown.first_year is None,
                "not_needed": shown.required_growth_pct == -math.inf}
    assert observed[kind], shown
    assert (shown.already, shown.falls_back, shown.first_year is None) == (
        bool(crossing.already), bool(crossing.falls_back), not bool(crossing.reached))
    assert shown.required_growth_pct == needed if math.isinf(needed) else _close(shown.required_growth_pct, needed)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ASSUMPTIONS, LEVER_STATE)
def test_growth_goal_seek_from_components_equals_goal_seek(values: dict[str, float],
                                                           state: tuple[float, float, float]) -> None:
    """Status and value of the trade-growth goal seek, including 'not needed' (−inf) and out-of-range answers."""
    _, inflow, cut = state
    answer = growth_goal_seek(live_components(values, MODEL.baseline, MODEL.registry), inflow, cut)
    expected = MODEL.goal_seek("trade_growth", _with_levers(values, state))
    assert answer.status == expected.status
    assert _close(answer.unclamped, expected.unclamped)
    assert answer.reachable == expected.reachable
    if answer.reachable:
        assert _close(answer.value, expected.value)


def test_payload_shapes_units_and_json(model: Model) -> None:
    """The payload is JSON without NaN/inf, one row per grid value, and carries the scenario's own target."""
    values = model.values({"target_usd_bn": 12.5, "target_year": 2032})
    payload = live_components(values, model.baseline, model.registry).to_payload()
    text = json.dumps(payload, allow_nan=False)  # raises on NaN or infinity
    assert json.loads(text) == payload
    years = len(TURNOVER_YEARS)
    assert payload["years"] == TURNOVER_YEARS.tolist()
    assert (payload["goal"], payload["goal_year"]) == (12.5, 2032)
    for grid, rows, key in (("growth_grid", "trend", "trade_growth"), ("cut_grid", "factor", "trade_cost_cut")):
        param = model.registry.by_key[key]
        assert payload[grid][0] == param.min and payload[grid][-1] == param.max
        assert len(payload[rows]) == len(payload[grid]) and {len(row) for row in payload[rows]} == {years}
    inflow = model.registry.by_key["investment_inflow"]
    assert payload["inflow_grid"][0] == inflow.min and payload["inflow_grid"][-1] == inflow.max
    assert payload["growth_step"] == model.registry.by_key["trade_growth"].step
    assert 7.3 in payload["growth_grid"]  # grid values print as typed, not 7.300000000000001
    # No cut: F is exactly 1 (eq. 2 with τ = 0), so the trend passes through unchanged.
    assert payload["factor"][0] == [1.0] * years
    assert payload["per_inflow"][0] == 0.0 and payload["launched"][0] == 0.0  # nothing is invested before 2026


def test_recombine_rejects_values_off_the_grid(model: Model) -> None:
    components = live_components(model.values(), model.baseline, model.registry)
    with pytest.raises(ValueError, match="grid"):
        recombine(components, 7.05, 1.0, 0.0)
    with pytest.raises(ValueError, match="grid"):
        recombine(components, 7.0, 1.0, 15.5)
    assert grid_index(components.growth_grid, 7.3) == round((7.3 + 10) / 0.1)


def test_run_time_check_flags_a_model_that_stops_being_separable(model: Model,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A cross term between growth and inflow (not in the model) makes the payload say it is not exact."""
    values = model.values()
    assert live_components(values, model.baseline, model.registry).to_payload()["exact"] is True
    import model.live as live

    def coupled(params, baseline, years=TURNOVER_YEARS):  # eq. 5 plus 0.1 % of g·I: no longer separable
        path = project_turnover(params, baseline, years)
        coupling = 1e-3 * np.asarray(params["trade_growth"])[..., None] * np.asarray(params["investment_inflow"])[
            ..., None]
        return replace(path, investment_by_exporter=path.investment_by_exporter + coupling[..., None, :] / 2)

    monkeypatch.setattr(live, "project_turnover", coupled)
    components = live_components(values, model.baseline, model.registry)
    assert components.exact is False and components.to_payload()["exact"] is False
