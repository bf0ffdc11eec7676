"""The assumptions registry: complete entries, derived defaults, every key used, validation of user values."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping

import numpy as np
import pytest

from model.registry import (
    MAX_VALUE_CHARS,
    SECTOR_MIX_KEYS,
    InputError,
    build_registry,
    read_registry_file,
)
from model.registry_schema import UNITS
from model.run import GOAL_SEEK_LEVERS, goal_seek, project, run_scenario

REGISTRY_KEYS = [entry["key"] for entry in read_registry_file()["parameters"]]
STATUSES = {"official", "official statement", "derived", "assumption"}
GROUPS = {"main", "advanced", "goal"}


def each_key(text):
    return [pytest.param(key, id=text.format(key=key)) for key in REGISTRY_KEYS]


# --- every entry is complete and consistent --------------------------------------------------------------


@pytest.mark.parametrize("key", each_key("{key} has a label, a description, a known unit, a source and a status"))
def test_every_entry_is_complete(model, key):
    param = model.registry.by_key[key]
    assert param.label.strip()
    assert param.description.strip()
    assert param.unit in UNITS
    assert param.source.strip()
    assert param.status in STATUSES
    assert param.group in GROUPS
    assert param.short.strip()


@pytest.mark.parametrize("key", each_key("{key} has min below max, a positive step and its values inside the range"))
def test_every_range_holds_its_values(model, key):
    param = model.registry.by_key[key]
    assert param.min < param.max
    assert param.step > 0
    assert param.min <= param.default <= param.max
    if param.bau is not None:
        assert param.min <= param.bau <= param.max
    if param.plausible is not None:
        low, high = param.plausible
        assert param.min <= low <= high <= param.max


@pytest.mark.parametrize("key", each_key("the default of {key} is a value its slider can show"))
def test_every_default_lies_on_the_slider_grid(model, key):
    param = model.registry.by_key[key]
    for value in (param.default, param.bau):
        if value is not None:
            steps = (value - param.min) / param.step
            assert steps == pytest.approx(round(steps), abs=1e-6)


def test_keys_and_short_keys_are_unique(model):
    parameters = model.registry.parameters
    assert len({p.key for p in parameters}) == len(parameters)
    assert len({p.short for p in parameters}) == len(parameters)


def test_the_sector_mix_and_the_goal_levers_are_registry_keys(model):
    assert set(SECTOR_MIX_KEYS) <= set(model.registry.keys)
    assert set(GOAL_SEEK_LEVERS) <= set(model.registry.keys)


# --- derived defaults --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        pytest.param("trade_growth", 7.0, id="trend growth is the 2019 to 2025 turnover CAGR, 7.0 percent"),
        pytest.param("capital_output_ratio_uz", 5.2, id="the Uzbek gross ICOR is 5.2"),
        pytest.param("capital_output_ratio_kz", 6.1, id="the Kazakh gross ICOR is 6.1"),
        pytest.param("gdp_growth_uz", 9.1, id="Uzbek nominal USD GDP growth is 9.1 percent"),
        pytest.param("gdp_growth_kz", 6.9, id="Kazakh nominal USD GDP growth is 6.9 percent"),
    ],
)
def test_derived_defaults_match_their_rules(model, key, expected):
    assert model.registry.by_key[key].default == pytest.approx(expected, abs=1e-9)


def test_the_bau_trend_growth_is_the_derived_default(model):
    param = model.registry.by_key["trade_growth"]
    assert param.bau == param.default


def test_the_trend_shock_is_the_sd_of_log_growth_2019_to_2025_and_the_stress_shock_the_sd_from_2017(model):
    """Hand-computed from data/bilateral_trade.csv's adjacent years 2017→18 … 2024→25 (every year now observed)."""
    steps = np.diff(np.log([2.0, 3.0, 3.32, 3.0, 3.9, 4.6, 4.39, 4.46, 4.97])).tolist()
    assert model.registry.trend_shock_sd == pytest.approx(np.std(steps[2:], ddof=1), abs=5e-4)
    assert model.registry.trend_shock_sd == pytest.approx(0.137, abs=0.001)
    assert model.registry.stress_shock == pytest.approx(np.std(steps, ddof=1), abs=5e-4)
    assert model.registry.stress_shock == pytest.approx(0.165, abs=0.001)
    assert model.registry.stress_year == 2026


def test_a_stress_year_outside_the_projection_is_refused(model):
    document = read_registry_file()
    document["stress"] = {**document["stress"], "year": 2025}
    with pytest.raises(InputError, match="stress.year=2025"):
        build_registry(model.tables, document)


def test_the_plausible_range_of_the_capital_output_ratios_is_30_percent_around_the_default(model):
    for key in ("capital_output_ratio_uz", "capital_output_ratio_kz"):
        param = model.registry.by_key[key]
        assert param.plausible == pytest.approx((0.7 * param.default, 1.3 * param.default), abs=1e-3)


# --- every key is used, and only registry keys are read ---------------------------------------------------


class RecordingValues(Mapping):
    """Parameter values that remember which keys the model reads; an unknown key raises ``KeyError``."""

    def __init__(self, values: Mapping[str, float]) -> None:
        self._values = dict(values)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> float:
        if key not in self._values:
            raise KeyError(f"the model read {key!r}, which is not in the registry")
        self.read.add(key)
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def test_a_projection_reads_every_registry_key_but_the_target_year_and_nothing_else(model):
    values = RecordingValues(model.values())
    project(values, model.baseline, model.registry.bau()["trade_growth"])
    assert values.read == set(REGISTRY_KEYS) - {"target_year"}


def test_the_goal_seek_reads_the_target_year(model):
    for lever in GOAL_SEEK_LEVERS:
        values = RecordingValues(model.values())
        goal_seek(lever, values, model.baseline, model.registry)
        assert "target_year" in values.read, lever


def test_the_model_reads_exactly_the_registry_keys(model):
    values = RecordingValues(model.values())
    project(values, model.baseline, model.registry.bau()["trade_growth"])
    run_scenario(values, model.baseline, model.registry)
    for lever in GOAL_SEEK_LEVERS:
        goal_seek(lever, values, model.baseline, model.registry)
    assert values.read == set(REGISTRY_KEYS) == set(model.registry.keys)


def outputs(model, values):
    """Every number run_scenario and the goal seek report, flattened."""
    result = run_scenario(values, model.baseline, model.registry)
    parts = [result.turnover_at_goal, result.gap_at_goal]
    for projection in (result.scenario, result.bau):
        parts += [projection.turnover.total, projection.gdp.by_sector, projection.gdp.per_head_usd,
                  projection.gdp.real_income_gain_pct, projection.crossing.fractional]
    for lever in GOAL_SEEK_LEVERS:
        parts.append(goal_seek(lever, values, model.baseline, model.registry).unclamped)
    return np.concatenate([np.ravel(np.asarray(p, dtype=float)) for p in parts])


MOVES = [
    pytest.param(key, end, id=f"moving {key} to its {'minimum' if end == 'min' else 'maximum'} changes an output")
    for key in REGISTRY_KEYS for end in ("min", "max")
]


# "Agreements implemented": with a cut, the facilitation, its phase-in and the extra-trade GDP terms are all live
# (at the plain defaults the scenario's trend equals BAU's and there is no cut, so they rightly have no effect).
LIVE_SCENARIO = {"trade_cost_cut": 5}


@pytest.mark.parametrize(("key", "end"), MOVES)
def test_no_key_is_dead(model, key, end):
    base = model.values(LIVE_SCENARIO)
    moved = getattr(model.registry.by_key[key], end)
    assert moved != base[key], f"{key} starts at its {end}: choose another live scenario"
    before = outputs(model, base)
    after = outputs(model, model.values({**LIVE_SCENARIO, key: moved}))
    same = (before == after) | (np.isnan(before) & np.isnan(after))
    assert not same.all(), f"{key}: no output of run_scenario or the goal seek moved"


# --- validation of user values ----------------------------------------------------------------------------


BAD_VALUES = [
    pytest.param("trade_growth", 41, "outside", id="growth above its maximum is refused"),
    pytest.param("trade_growth", -10.5, "outside", id="growth below its minimum is refused"),
    pytest.param("investment_inflow", -0.01, "outside", id="a negative inflow is refused"),
    pytest.param("target_year", 2051, "outside", id="a target year after 2050 is refused"),
    pytest.param("trade_cost_cut", float("nan"), "not a finite number", id="NaN is refused"),
    pytest.param("trade_cost_cut", "nan", "not a finite number", id="the text nan is refused"),
    pytest.param("trade_elasticity", float("inf"), "not a finite number", id="infinity is refused"),
    pytest.param("trade_elasticity", "-inf", "not a finite number", id="the text -inf is refused"),
    pytest.param("depreciation", "five", "not a number", id="a word is refused"),
    pytest.param("depreciation", "", "not a number", id="an empty text is refused"),
    pytest.param("depreciation", None, "not a number", id="None is refused"),
    pytest.param("depreciation", [5], "not a number", id="a list is refused"),
    pytest.param("usd_inflation", "1" * (MAX_VALUE_CHARS + 1), "characters long", id="an overlong value is refused"),
    pytest.param("usd_inflation", "2" + " " * 40, "characters long", id="a value padded beyond the limit is refused"),
]


@pytest.mark.parametrize(("key", "raw", "reason"), BAD_VALUES)
def test_a_bad_value_raises_input_error_naming_the_key(model, key, raw, reason):
    with pytest.raises(InputError) as caught:
        model.values({key: raw})
    assert caught.value.key == key
    assert key in str(caught.value)
    assert reason in str(caught.value)


def test_an_out_of_range_message_states_the_allowed_range(model):
    with pytest.raises(InputError, match=r"trade_growth=41 is outside -10 to 40 %/yr"):
        model.registry.check("trade_growth", 41)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("7.5", 7.5, id="a number as text is accepted"),
        pytest.param(" 12 ", 12.0, id="surrounding spaces are ignored"),
        pytest.param(40, 40.0, id="the maximum itself is accepted"),
        pytest.param(-10, -10.0, id="the minimum itself is accepted"),
        pytest.param(np.float64(3.3), 3.3, id="a numpy number is accepted"),
    ],
)
def test_a_good_value_is_accepted_as_a_float(model, raw, expected):
    value = model.registry.check("trade_growth", raw)
    assert isinstance(value, float)
    assert value == expected


def test_an_unknown_key_is_refused(model):
    with pytest.raises(InputError, match="unknown parameter 'growth'") as caught:
        model.values({"growth": 5})
    assert caught.value.key == "growth"


def test_an_all_zero_sector_mix_is_refused(model):
    with pytest.raises(InputError, match="sector mix") as caught:
        model.values({key: 0 for key in SECTOR_MIX_KEYS})
    assert caught.value.key in SECTOR_MIX_KEYS


@pytest.mark.parametrize(
    "key", [pytest.param(k, id=f"only {k} positive is a valid sector mix") for k in SECTOR_MIX_KEYS]
)
def test_a_sector_mix_with_one_positive_weight_is_accepted(model, key):
    values = model.values({**{k: 0 for k in SECTOR_MIX_KEYS}, key: 0.05})
    assert math.isfinite(run_scenario(values, model.baseline, model.registry).turnover_at_goal)
