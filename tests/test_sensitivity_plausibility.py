"""Tornado bars follow the model's monotonicity; plausibility warnings fire exactly outside experience."""

from __future__ import annotations

import pytest

from model import Model
from model.plausibility import (
    fastest_five_year_growth,
    mean_fdi_to_investment,
    plausibility_warnings,
    record_trade_share,
    yardsticks,
)
from model.sensitivity import tornado

# Parameters whose increase never lowers turnover (MODEL.md, Checks): the tornado's high end must show it.
RAISE_TURNOVER = ("trade_growth", "trade_cost_cut", "investment_inflow", "realisation_share",
                  "cross_border_share", "launched_projects", "trade_elasticity", "trade_elasticity_short",
                  "plant_sales_to_capital", "build_partner_share")
# Parameters whose increase never raises turnover: more of the plants' sales replacing trade there was, faster wear.
LOWER_TURNOVER = ("trade_displacement", "depreciation")
# The economy-wide ICOR moves GDP only: the plants' trade runs on their own sales per USD of capital.
NO_TURNOVER_EFFECT = ("capital_output_ratio_uz", "capital_output_ratio_kz")


@pytest.fixture(scope="module")
def agreements_table(model: Model):
    """The tornado around 'agreements implemented' (a cut, so θ and a matter too)."""
    return tornado(model.values({"trade_cost_cut": 5}), model.baseline, model.registry).set_index("key")


@pytest.mark.parametrize("key", RAISE_TURNOVER, ids=lambda k: f"a higher {k} never lowers turnover")
def test_tornado_high_end_raises_turnover_and_brings_the_year_forward(agreements_table, key) -> None:
    row = agreements_table.loc[key]
    assert row["turnover_high"] >= row["turnover_low"] - 1e-12
    assert row["target_year_high"] <= row["target_year_low"] + 1e-12


@pytest.mark.parametrize("key", LOWER_TURNOVER, ids=lambda k: f"a higher {k} never raises turnover")
def test_tornado_high_end_lowers_turnover(agreements_table, key) -> None:
    row = agreements_table.loc[key]
    assert row["turnover_high"] <= row["turnover_low"] + 1e-12


@pytest.mark.parametrize("key", NO_TURNOVER_EFFECT, ids=lambda k: f"{k} does not move turnover, only GDP")
def test_the_icor_moves_gdp_but_not_turnover(model: Model, agreements_table, key) -> None:
    row = agreements_table.loc[key]
    assert row["turnover_high"] == pytest.approx(row["turnover_low"], rel=1e-12)
    param = model.registry.by_key[key]
    low, high = (model.run({"trade_cost_cut": 5, key: value}) for value in param.plausible)
    column = 2030 - 2025
    assert float(high.scenario.gdp.total[..., column].sum()) < float(low.scenario.gdp.total[..., column].sum())


def test_tornado_is_sorted_by_effect_and_matches_single_runs(model: Model, agreements_table) -> None:
    effects = agreements_table["year_effect"].to_numpy()
    assert (effects[:-1] >= effects[1:]).all()
    assert agreements_table.index[0] == "trade_growth"
    low = model.run({"trade_cost_cut": 5, "trade_growth": 2.6})
    assert agreements_table.loc["trade_growth", "turnover_low"] == pytest.approx(low.turnover_at_goal)


def test_records_are_computed_from_the_data(model: Model) -> None:
    growth, span = fastest_five_year_growth(model.tables)
    assert span == "2017–2022" and growth == pytest.approx(100 * ((4.6 / 2.0) ** 0.2 - 1))
    share, year = record_trade_share(model.tables)
    assert year == "2018" and share == pytest.approx(100 * 3.0 / 61.32)
    assert 0 < mean_fdi_to_investment(model.tables, "UZ")[0] < 20


@pytest.mark.parametrize(("overrides", "codes"), [
    ({}, set()),
    ({"trade_growth": 12}, set()),
    ({"trade_growth": 18}, {"trade_share"}),
    ({"trade_growth": 19}, {"growth", "trade_share"}),
    ({"trade_growth": 25}, {"growth", "trade_share"}),
    ({"investment_inflow": 6, "realisation_share": 1, "host_share_uz": 1}, {"investment", "trade_share"}),
], ids=["the default scenario stays inside experience", "12 %/yr stays inside experience",
        "18 %/yr is inside the growth record but pushes turnover above its record share of GDP",
        "19 %/yr is also above the fastest run", "25 %/yr also pushes turnover above its record share of GDP",
        "USD 6bn a year in Uzbekistan alone exceeds its usual FDI (and its plants' trade the record share)"])
def test_plausibility_warnings(model: Model, overrides, codes) -> None:
    warnings = plausibility_warnings(model.run(overrides), yardsticks(model.tables))
    assert {w.code for w in warnings} == codes
    assert all(w.source and w.value > w.record for w in warnings)
