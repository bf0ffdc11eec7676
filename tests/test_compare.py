"""Comparison tables: BAU row, differences to BAU, differing levers, unique names."""

from __future__ import annotations

import numpy as np

from model import Model
from model.compare import differing_levers, headline_table, unique_names
from model.presets import find_preset, load_presets


def test_headline_table_has_bau_row_and_zero_bau_deltas(model: Model) -> None:
    presets = load_presets()
    results = {p.name: model.run_values(p.values(model.registry)) for p in presets}
    table = headline_table(results)
    assert list(table.index) == ["BAU", *results]
    deltas = table.filter(like="delta_").loc["BAU"].dropna()
    assert np.allclose(deltas.to_numpy(), 0.0)


def test_agreements_reach_the_target_earlier_than_bau(model: Model) -> None:
    agreements = find_preset(load_presets(), "agreements")
    table = headline_table({"agreements": model.run_values(agreements.values(model.registry))})
    assert table.loc["agreements", "delta_target_year"] < 0
    assert abs(table.loc["agreements", "turnover_in_goal_year_usd_bn"] - 8.6) < 0.1


def test_bau_preset_row_equals_bau_row(model: Model) -> None:
    bau = find_preset(load_presets(), "bau")
    table = headline_table({"bau": model.run_values(bau.values(model.registry))})
    bau_row = table.drop(columns=table.filter(like="delta_").columns)
    assert np.allclose(bau_row.loc["bau"].to_numpy(), bau_row.loc["BAU"].to_numpy(), equal_nan=True)


def test_differing_levers_lists_only_changed_levers(model: Model) -> None:
    defaults = model.registry.defaults()
    table = differing_levers({"a": {**defaults, "trade_growth": 12.0}, "b": {**defaults, "trade_cost_cut": 5.0}},
                             model.registry)
    assert list(table.index) == ["trade_growth", "trade_cost_cut"]
    assert table.loc["trade_growth", "a"] == 12.0 and table.loc["trade_growth", "b"] == defaults["trade_growth"]


def test_repeated_names_become_unique() -> None:
    assert unique_names(["A", "B", "A", "A"]) == ["A", "B", "A (2)", "A (3)"]
