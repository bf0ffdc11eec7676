"""The Monte Carlo (MODEL.md, Outputs/Uncertainty): seeding, ordering, collapse onto the deterministic path,
the draws against the registry, monotonicity, and the quantiles against numpy's.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import fields

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model import gdp as gdp_module
from model import load_model, montecarlo
from model.montecarlo import (
    HEADLINE_DRAWS,
    HEADLINE_SEED,
    QUANTILES,
    MonteCarloResult,
    draw_parameters,
    draw_quantiles,
    simulate,
    target_odds,
    target_year_distribution,
    trend_shocks,
)
from model.projection import GDP_YEARS, TURNOVER_YEARS
from model.run import run_scenario

DRAWS = 2_000  # enough for the properties below, quick enough to run many times


def simulated(model, overrides=None, **kwargs) -> MonteCarloResult:
    kwargs.setdefault("draws", DRAWS)
    return simulate(model.values(overrides or {}), model.baseline, model.registry, **kwargs)


def assert_same_result(first: MonteCarloResult, second: MonteCarloResult) -> None:
    for field in fields(MonteCarloResult):
        a, b = getattr(first, field.name), getattr(second, field.name)
        assert np.array_equal(np.asarray(a), np.asarray(b), equal_nan=True), field.name


def assert_ordered(quantiles: np.ndarray) -> None:
    """P10 ≤ P50 ≤ P90 along the first axis."""
    assert quantiles.shape[0] == len(QUANTILES)
    assert np.all(np.isfinite(quantiles))
    assert np.all(quantiles[0] <= quantiles[1]) and np.all(quantiles[1] <= quantiles[2])


# --- the Explorer's cheap probability ---------------------------------------------------------------------


@pytest.mark.parametrize(("overrides", "seed", "stress", "draws"), [
    ({}, 2025, False, 1_000),
    ({"trade_growth": 10.0, "investment_inflow": 2.0, "trade_cost_cut": 5.0}, 2025, False, 1_000),
    ({"trade_growth": 3.0}, 7, False, 1_000),
    ({"trade_growth": 15.0, "target_year": 2033}, 11, True, 1_000),
    ({"target_usd_bn": 12.0, "trade_growth": 9.0}, 2025, True, 1_000),
    ({"trade_growth": 6.0, "target_year": 2045, "target_usd_bn": 20.0}, 3, False, 1_000),
    ({"target_year": 2026, "target_usd_bn": 5.5, "trade_growth": 12.0}, 5, False, 1_000),
    ({"trade_cost_cut": 5.0}, HEADLINE_SEED, False, HEADLINE_DRAWS),
])
def test_target_odds_give_the_simulations_probability_exactly(model, overrides, seed, stress, draws):
    """Target years early and late: target_odds projects only up to the target year, simulate to 2050."""
    values = model.values(overrides)
    full = simulate(values, model.baseline, model.registry, draws, seed, stress=stress)
    odds = target_odds(values, model.baseline, model.registry, draws, seed, stress=stress)
    assert 0.0 < full.p_target_by_goal < 1.0  # a case where the draws disagree, so a mismatch would show
    assert odds.p_target_by_goal == full.p_target_by_goal
    assert (odds.draws, odds.seed, odds.goal_year, odds.stress) == (full.draws, full.seed, full.goal_year, stress)


def test_the_headline_run_is_ten_thousand_draws_with_seed_2025_by_default(model):
    values = model.values()
    odds = target_odds(values, model.baseline, model.registry)
    assert (odds.draws, odds.seed, odds.stress) == (HEADLINE_DRAWS, HEADLINE_SEED, False) == (10_000, 2025, False)
    assert simulate(values, model.baseline, model.registry).p_target_by_goal == odds.p_target_by_goal


# --- seeding ----------------------------------------------------------------------------------------------


def test_the_same_seed_gives_identical_results(model):
    assert_same_result(simulated(model, seed=7), simulated(model, seed=7))


def test_the_same_seed_gives_identical_results_at_ten_thousand_draws(model):
    assert_same_result(simulated(model, draws=10_000), simulated(model, draws=10_000))


def test_a_different_seed_gives_different_results(model):
    first, second = simulated(model, seed=1), simulated(model, seed=2)
    assert not np.array_equal(first.turnover, second.turnover)
    assert not np.array_equal(first.first_years, second.first_years)


def test_the_result_records_draws_seed_sigma_and_goal_year(model):
    result = simulated(model, {"target_year": 2032}, seed=11)
    assert (result.draws, result.seed, result.goal_year) == (DRAWS, 11, 2032)
    assert result.sigma == model.registry.trend_shock_sd
    assert result.turnover.shape == (3, len(TURNOVER_YEARS))
    assert result.gdp.shape == (3, 2, len(GDP_YEARS))
    assert result.shares.shape == (3, 2, 4, len(GDP_YEARS))
    assert result.first_years.shape == (DRAWS,)


# --- ordering ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("overrides", [
    pytest.param({}, id="default scenario"),
    pytest.param({"trade_cost_cut": 5, "trade_growth": 12}, id="cut and faster growth"),
    pytest.param({"investment_inflow": 0, "launched_projects": 0}, id="no programme"),
])
def test_quantiles_are_ordered_for_turnover_gdp_and_shares(model, overrides):
    result = simulated(model, overrides)
    assert_ordered(result.turnover)
    assert_ordered(result.gdp)
    assert_ordered(result.shares)


def target_years_ordered(years: np.ndarray) -> bool:
    """P10 ≤ P50 ≤ P90 with NaN ("after 2050") above every year."""
    as_years = np.where(np.isnan(years), np.inf, years)
    return bool(np.all(as_years[:-1] <= as_years[1:]))


@pytest.mark.parametrize(("overrides", "after_2050"), [
    pytest.param({}, [False, False, False], id="every quantile reached"),
    pytest.param({"trade_growth": 3}, [False, False, True], id="P90 after 2050"),
    pytest.param({"trade_growth": 0, "investment_inflow": 0, "launched_projects": 0, "target_usd_bn": 40},
                 [True, True, True], id="never reached"),
])
def test_target_year_quantiles_are_ordered_with_after_2050_last(model, overrides, after_2050):
    result = simulated(model, overrides)
    assert target_years_ordered(result.target_year)
    assert np.isnan(result.target_year).tolist() == after_2050
    finite = result.target_year[~np.isnan(result.target_year)]
    assert np.all((finite >= 2025) & (finite <= 2050))


# --- spread = 0: the fan collapses onto the deterministic path ------------------------------------------


@pytest.mark.parametrize(("overrides", "probability"), [
    pytest.param({"trade_growth": 20}, 1.0, id="reaches 10bn by 2030"),
    pytest.param({}, 0.0, id="default: reaches 10bn after 2030"),
    pytest.param({"trade_growth": 0, "investment_inflow": 0, "launched_projects": 0}, 0.0, id="never reaches"),
    pytest.param({"trade_growth": 15.5, "target_year": 2030}, 1.0, id="just reaches"),
    pytest.param({"trade_growth": 12, "target_year": 2033}, 1.0, id="another target year"),
])
def test_without_spread_the_fan_is_the_deterministic_path(model, overrides, probability):
    values = model.values(overrides)
    result = simulate(values, model.baseline, model.registry, draws=500, spread=0.0)
    deterministic = run_scenario(values, model.baseline, model.registry).scenario
    for row in range(len(QUANTILES)):
        np.testing.assert_allclose(result.turnover[row], deterministic.turnover.total, rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(result.gdp[row], deterministic.gdp.total, rtol=1e-9)
        np.testing.assert_allclose(result.shares[row], deterministic.gdp.shares_pct, rtol=1e-9)
    crossing = deterministic.crossing
    reaches = bool(crossing.reached) and int(crossing.first_year) <= values["target_year"]
    assert result.p_target_by_goal == (1.0 if reaches else 0.0) == probability
    expected_year = float(crossing.fractional)
    if math.isnan(expected_year):
        assert np.all(np.isnan(result.target_year))
    else:
        np.testing.assert_allclose(result.target_year, expected_year, rtol=0, atol=1e-9)
    assert result.sigma == 0.0


# --- the draws --------------------------------------------------------------------------------------------


def test_draws_stay_inside_the_registry_ranges(model):
    for overrides in ({}, {"realisation_share": 1.0, "capital_output_ratio_uz": 10, "export_value_added_kz": 1.0,
                           "build_lag": 5, "cross_border_share": 0.0, "trade_elasticity": 8}):
        drawn = draw_parameters(model.values(overrides), model.registry, 5_000, np.random.default_rng(3))
        for param in model.registry.parameters:
            values = np.asarray(drawn[param.key], dtype=float)
            assert np.all((values >= param.min) & (values <= param.max)), param.key
            if param.uncertainty is not None:
                assert values.shape == (5_000,), param.key


def test_build_lag_draws_are_one_two_or_three_years_at_the_default(model):
    drawn = draw_parameters(model.values(), model.registry, 3_000, np.random.default_rng(5))
    lags = np.asarray(drawn["build_lag"])
    assert set(np.unique(lags).tolist()) == {1.0, 2.0, 3.0}
    assert np.array_equal(lags, np.rint(lags))
    assert np.all(np.abs(np.bincount(lags.astype(int))[1:] / 3_000 - 1 / 3) < 0.05)


def test_parameters_without_an_uncertainty_spec_are_held_at_the_scenario_value(model):
    values = model.values({"trade_growth": 12.3})
    drawn = draw_parameters(values, model.registry, 100, np.random.default_rng(5))
    for param in model.registry.parameters:
        if param.uncertainty is None:
            assert drawn[param.key] == values[param.key], param.key


def test_a_parameter_moved_off_its_default_recentres_its_distribution(model):
    rng = np.random.default_rng(9)
    default = np.asarray(draw_parameters(model.values(), model.registry, 20_000, rng)["realisation_share"])
    moved = np.asarray(draw_parameters(model.values({"realisation_share": 1.0}), model.registry, 20_000,
                                       rng)["realisation_share"])
    # Triangular(0.05, 0.3, 0.55) has mean 0.3; shifted by +0.7 it is Triangular(0.75, 1.0, 1.25) capped at 1:
    # half the draws below 1 (conditional mean 0.75 + 2/3 · 0.25), the other half at 1, so the mean is ≈ 0.958.
    assert default.mean() == pytest.approx(0.3, abs=0.01)
    assert moved.mean() == pytest.approx(0.5 * (0.75 + 2 / 3 * 0.25) + 0.5 * 1.0, abs=0.01)
    assert moved.min() >= 0.75 - 1e-12 and moved.max() <= 1.0
    assert moved.mean() > default.mean()


def test_a_relative_spread_centres_on_the_scenario_value(model):
    drawn = draw_parameters(model.values({"capital_output_ratio_kz": 8}), model.registry, 20_000,
                            np.random.default_rng(4))
    ratios = np.asarray(drawn["capital_output_ratio_kz"])
    assert ratios.mean() == pytest.approx(8, rel=0.01)
    assert ratios.min() >= 8 * 0.7 - 1e-9 and ratios.max() <= 8 * 1.3 + 1e-9


def test_trend_shocks_are_zero_in_the_base_year_with_the_requested_spread():
    shocks = trend_shocks(0.09, 20_000, len(TURNOVER_YEARS), np.random.default_rng(1))
    assert shocks.shape == (20_000, len(TURNOVER_YEARS))
    assert np.all(shocks[:, 0] == 0)
    assert shocks[:, 1:].std() == pytest.approx(0.09, rel=0.01)
    assert abs(shocks[:, 1:].mean()) < 0.001


def test_trend_shocks_are_the_numbers_rng_normal_would_give_year_by_year():
    shocks = trend_shocks(0.17, 50, 6, np.random.default_rng(8))
    np.testing.assert_array_equal(shocks[:, 1:], np.random.default_rng(8).normal(0.0, 0.17, (5, 50)).T)


def test_fewer_years_of_trend_shocks_are_the_first_years_of_more():
    """What lets target_odds draw only the years up to the target year."""
    full = trend_shocks(0.09, 300, len(TURNOVER_YEARS), np.random.default_rng(5))
    np.testing.assert_array_equal(trend_shocks(0.09, 300, 4, np.random.default_rng(5)), full[:, :4])


# --- probabilities and distributions -----------------------------------------------------------------------


def test_the_probability_of_reaching_the_target_by_2030_rises_with_trade_growth(model):
    growth = [2.6, 5, 7.5, 10, 12.5, 15, 20, 25]
    probabilities = [simulated(model, {"trade_growth": g}, seed=2025).p_target_by_goal for g in growth]
    assert all(later >= earlier for earlier, later in zip(probabilities, probabilities[1:], strict=False))
    assert probabilities[0] < 0.1 and probabilities[-1] > 0.9


def test_the_probability_is_the_share_of_draws_reaching_by_the_goal_year(model):
    result = simulated(model, {"trade_growth": 12})
    reached = (result.first_years > 0) & (result.first_years <= result.goal_year)
    assert result.p_target_by_goal == pytest.approx(reached.mean(), abs=0)


@pytest.mark.parametrize("overrides", [
    pytest.param({}, id="default"),
    pytest.param({"trade_growth": 3}, id="partly after 2050"),
    pytest.param({"target_usd_bn": 4}, id="already reached"),
])
def test_the_target_year_distribution_sums_to_one(model, overrides):
    result = simulated(model, overrides)
    shares = target_year_distribution(result)
    assert sum(shares.values()) == pytest.approx(1.0, abs=1e-12)
    assert list(shares)[-1] == "after 2050"
    years = [int(key) for key in shares if key != "after 2050"]
    assert years == sorted(years) and all(2025 <= year <= 2050 for year in years)
    assert all(0 <= share <= 1 for share in shares.values())


# --- the stress case: an adverse shock on the same draws --------------------------------------------------


def test_the_stress_case_lowers_every_quantile_from_the_shock_year_and_keeps_the_spread_of_the_shocks(model):
    values = model.values({"trade_cost_cut": 5})
    base = simulate(values, model.baseline, model.registry, DRAWS, 3)
    stress = simulate(values, model.baseline, model.registry, DRAWS, 3, stress=True)
    assert stress.stress and not base.stress
    assert stress.sigma == base.sigma == model.registry.trend_shock_sd  # no wider volatility
    before = np.less(TURNOVER_YEARS, model.registry.stress_year)
    assert np.array_equal(stress.turnover[:, before], base.turnover[:, before])
    assert np.all(stress.turnover[:, ~before] < base.turnover[:, ~before])
    # draw by draw: the target is first reached no earlier, and never where the base case never reaches it
    assert np.all(stress.first_years[base.first_years == 0] == 0)
    reached = stress.first_years > 0
    assert np.all(stress.first_years[reached] >= base.first_years[reached])
    assert stress.p_target_by_goal < base.p_target_by_goal


def test_the_stress_shock_lowers_the_trend_level_by_its_size_from_its_year_on(model):
    """Hand-checkable: with no draw spread the stressed path is the deterministic trend times exp(−shock)."""
    values = model.values({"investment_inflow": 0, "launched_projects": 0})  # turnover = trend × facilitation
    base = simulate(values, model.baseline, model.registry, 200, 1, spread=0.0)
    stress = simulate(values, model.baseline, model.registry, 200, 1, spread=0.0, stress=True)
    after = np.greater_equal(TURNOVER_YEARS, model.registry.stress_year)
    ratio = stress.turnover[1, after] / base.turnover[1, after]
    assert ratio == pytest.approx(np.full(after.sum(), math.exp(-model.registry.stress_shock)), rel=1e-12)


LEVER_STATES = st.fixed_dictionaries({
    key: st.floats(param.min, param.max, allow_nan=False) for key, param in load_model().registry.by_key.items()
    if param.group in ("main", "goal") or key in ("realisation_share", "build_lag", "trade_elasticity")
})


@settings(max_examples=40, deadline=None, derandomize=True)
@given(levers=LEVER_STATES, seed=st.integers(0, 2**32 - 1))
def test_the_stress_probability_never_exceeds_the_base_probability(levers, seed):
    """For any lever state and seed, the stress case's chance of the target is at most the base case's."""
    model = load_model()
    steps = {key: model.registry.by_key[key].step for key in levers}  # values a slider or link can hold
    values = model.registry.complete({key: round(round(value / steps[key]) * steps[key], 6)
                                      for key, value in levers.items()})
    base = target_odds(values, model.baseline, model.registry, 500, seed)
    stress = target_odds(values, model.baseline, model.registry, 500, seed, stress=True)
    assert stress.p_target_by_goal <= base.p_target_by_goal


def test_the_monte_carlo_never_evaluates_the_real_income_gain(model, monkeypatch):
    evaluated: list[int] = []
    original = gdp_module.real_income_gain

    def counted(*args, **kwargs):
        evaluated.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(gdp_module, "real_income_gain", counted)
    simulated(model, draws=200)
    assert evaluated == [], "eq. 10 evaluated in the Monte Carlo"
    # the spy sees eq. 10 where it is evaluated: a single run that reads the income gain
    gain = run_scenario(model.values({}), model.baseline, model.registry).scenario.gdp.real_income_gain_pct
    assert evaluated and np.isfinite(gain).all()


# --- the quantiles ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 2, 3, 10, 11, 101, 1_000, 1_001, 9_999, 10_000])
@pytest.mark.parametrize("kind", ["normal", "ties", "infinite", "constant"])
def test_draw_quantiles_equal_numpy_quantile(count, kind):
    rng = np.random.default_rng(count)
    sample = rng.standard_normal((count, 3, 5))
    if kind == "ties":
        sample = np.round(sample)
    elif kind == "infinite":
        sample[rng.random(sample.shape) < 0.3] = np.inf
    elif kind == "constant":
        sample[:] = 2.5
    with np.errstate(invalid="ignore"):  # inf − inf inside numpy's interpolation, as in ours
        expected = np.quantile(sample, QUANTILES, axis=0)
        np.testing.assert_array_equal(draw_quantiles(sample), expected)


def test_draw_quantiles_leave_the_sample_untouched():
    sample = np.random.default_rng(0).standard_normal((500, 4))
    copy = sample.copy()
    draw_quantiles(sample)
    np.testing.assert_array_equal(sample, copy)


def test_the_monte_carlo_draws_the_elasticity_path_between_its_low_and_high_cases(model):
    # Long-run theta ~ triangular(1.75, 2.0, 5): mean (1.75 + 2 + 5)/3; years to the long run 7-10 (Boehm,
    # Levchenko & Pandalai-Nayar 2023); the first-year theta is held at its published 0.76.
    drawn = draw_parameters(model.values(), model.registry, 20_000, np.random.default_rng(7))
    theta = np.asarray(drawn["trade_elasticity"])
    assert theta.min() >= 1.75 and theta.max() <= 5
    assert theta.mean() == pytest.approx((1.75 + 2 + 5) / 3, abs=0.03)
    assert set(np.unique(drawn["elasticity_years"]).tolist()) == {7.0, 8.0, 9.0, 10.0}
    assert drawn["trade_elasticity_short"] == 0.76
    turnover = np.asarray(drawn["plant_sales_to_capital"])
    assert turnover.min() >= 0.8 and turnover.max() <= 1.65


@settings(max_examples=40, deadline=None)
@given(growth=st.floats(-10, 40), inflow=st.floats(0, 6), realisation=st.floats(0.05, 1.0),
       ratio_kz=st.floats(3.0, 10.0), spread=st.sampled_from([0.0, 0.5, 1.0]), stress=st.booleans(),
       years=st.integers(2, len(TURNOVER_YEARS)))
def test_the_reused_stream_gives_the_numbers_a_fresh_one_does(model, growth: float, inflow: float,
                                                              realisation: float, ratio_kz: float, spread: float,
                                                              stress: bool, years: int) -> None:
    """Issue 15: a release reuses the seeded stream's numbers; they must be those a freshly seeded generator draws.

    Bit for bit, for every kind of distribution (shifted, scaled to the value, whole steps), moved parameters,
    any spread, the stress case and any number of years.
    """
    values = model.values({"trade_growth": growth, "investment_inflow": inflow, "realisation_share": realisation,
                           "capital_output_ratio_kz": ratio_kz})
    drawn, shocks, sigma = montecarlo._draws(values, model.registry, 300, 11, None, spread, stress, years)
    rng = np.random.default_rng(11)
    fresh = draw_parameters(values, model.registry, 300, rng, spread)
    fresh_shocks = trend_shocks(model.registry.trend_shock_sd * spread, 300, years, rng)
    if stress:
        fresh_shocks = montecarlo.stress_shocks(fresh_shocks, model.registry)
    assert sigma == model.registry.trend_shock_sd * spread
    assert drawn.keys() == fresh.keys()
    for key, value in fresh.items():
        assert np.array_equal(np.asarray(drawn[key]), np.asarray(value)), key
    assert np.array_equal(shocks, fresh_shocks)


def test_the_reused_stream_cannot_be_changed_by_a_caller(model) -> None:
    drawn, shocks, _ = montecarlo._draws(model.values(), model.registry, 50, 3, None)
    shocks[:] = 0.0  # a caller's own array (the stress case writes into it)
    again, shocks_again, _ = montecarlo._draws(model.values(), model.registry, 50, 3, None)
    assert np.any(shocks_again != 0.0)
    units, normals = montecarlo._seeded_units(
        tuple(montecarlo._uncertainty_key(p) for p in model.registry.parameters if p.uncertainty), 50, 3,
        len(TURNOVER_YEARS))
    assert not normals.flags.writeable and not any(unit.flags.writeable for unit in units)


@settings(max_examples=30, deadline=None)
@given(moves=st.lists(st.tuples(st.floats(-5, 25), st.floats(0, 6), st.floats(0, 15)), min_size=2, max_size=4),
       elasticity=st.floats(1.0, 6.0), realisation=st.floats(0.05, 1.0), target_year=st.integers(2026, 2040),
       stress=st.booleans())
def test_odds_after_lever_moves_are_the_simulations_exactly(model, moves, elasticity: float, realisation: float,
                                                           target_year: int, stress: bool) -> None:
    """Issue 15: between releases target_odds keeps what no main lever moves (the draws, the shocks' level, θₜ,
    the trade cost); moved levers after one another must each give simulate's probability, bit for bit."""
    base = {"trade_elasticity": elasticity, "realisation_share": realisation, "target_year": target_year}
    for growth, inflow, cut in moves:
        values = model.values({**base, "trade_growth": growth, "investment_inflow": inflow, "trade_cost_cut": cut})
        full = simulate(values, model.baseline, model.registry, 400, 5, stress=stress)
        assert target_odds(values, model.baseline, model.registry, 400, 5, stress=stress).p_target_by_goal \
            == full.p_target_by_goal


def test_odds_follow_a_moved_assumption_and_other_data(model) -> None:
    """The kept parts belong to one set of assumptions, one baseline and one registry: a change to any is a new set."""
    values = model.values({"trade_cost_cut": 12.0, "trade_growth": 9.0})
    first = target_odds(values, model.baseline, model.registry, 2_000, 5).p_target_by_goal
    moved = model.values({"trade_cost_cut": 12.0, "trade_growth": 9.0, "trade_elasticity": 4.5})
    assert target_odds(moved, model.baseline, model.registry, 2_000, 5).p_target_by_goal \
        == simulate(moved, model.baseline, model.registry, 2_000, 5).p_target_by_goal != first
    other = dataclasses.replace(model.baseline, trade_cost_log_ratio=model.baseline.trade_cost_log_ratio + 1.0)
    assert target_odds(values, other, model.registry, 2_000, 5).p_target_by_goal \
        == simulate(values, other, model.registry, 2_000, 5).p_target_by_goal != first


def test_the_kept_parts_cannot_be_changed_by_a_caller(model) -> None:
    target_odds(model.values(), model.baseline, model.registry, 50, 3)
    parts = montecarlo._lever_free_parts.cache_info().currsize
    assert parts >= 1
    assert montecarlo.LEVERS == ("trade_growth", "investment_inflow", "trade_cost_cut")
    odds = [target_odds(model.values({"trade_growth": g}), model.baseline, model.registry, 50, 3) for g in (6.0, 8.0)]
    assert odds[0].p_target_by_goal <= odds[1].p_target_by_goal
    kept = montecarlo._lever_free_parts(montecarlo._Same(model.registry), montecarlo._Same(model.baseline),
                                        tuple(sorted((k, float(v)) for k, v in model.values().items()
                                                     if k not in montecarlo.LEVERS)), 50, 3, None, False, 6)
    assert not kept.shock.flags.writeable and not kept.elasticity.flags.writeable
    assert not np.asarray(kept.cost_level).flags.writeable
    assert not any(array.flags.writeable for array in kept.drawn.values())
    assert not set(kept.drawn) & set(montecarlo.LEVERS)
    part = montecarlo._investment_part(montecarlo._Same(kept), 1.34)
    assert not any(array.flags.writeable for array in (part.flow, part.capital, part.by_exporter))


def test_odds_reuse_the_programmes_turnover_only_while_the_inflow_stays(model) -> None:
    """Growth and cut moved with the inflow held (the programme's part reused), then the inflow moved and back."""
    steps = [(7.0, 1.34, 0.0), (7.1, 1.34, 0.0), (7.1, 1.34, 6.0), (7.1, 2.5, 6.0), (8.0, 2.5, 6.0), (8.0, 1.34, 6.0)]
    seen = []
    for growth, inflow, cut in steps:
        values = model.values({"trade_growth": growth, "investment_inflow": inflow, "trade_cost_cut": cut})
        odds = target_odds(values, model.baseline, model.registry, 1_000, 9).p_target_by_goal
        assert odds == simulate(values, model.baseline, model.registry, 1_000, 9).p_target_by_goal
        seen.append(odds)
    assert len(set(seen)) >= 4  # the moves change the answer, so a stale part would show
    assert montecarlo._investment_part.cache_info().hits >= 3
