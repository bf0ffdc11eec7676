"""The analysis commands of the CLI: ``montecarlo`` (JSON contract, seeding, bad input) and ``goalseek``
answers fed back through ``run``.
"""

from __future__ import annotations

from typing import Any

import pytest
from cli_runner import cli_json, cli_run, strict_json

from cli import main as cli
from model import load_model
from model.montecarlo import simulate

TURNOVER_YEARS = [str(year) for year in range(2025, 2036)]
GDP_YEARS = [str(year) for year in range(2025, 2036)]
QUANTILE_KEYS = {"p10", "p50", "p90"}
MONTECARLO_FIELDS = {
    "model_version", "parameters", "draws", "seed", "sigma", "stress", "stress_shock", "stress_year", "target_usd_bn",
    "target_year_goal", "p_target_by_goal_year", "target_year_quantiles", "target_year_distribution",
    "turnover_quantiles_usd_bn", "gdp_quantiles_usd_bn",
}
FEW_DRAWS = ["--draws", "1000"]


def in_process_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    """``python -m model ARGS --json`` run in this process (quicker than a subprocess)."""
    assert cli.main([*args, "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return strict_json(out)


def assert_quantiles(cell: Any, nullable: bool = False) -> None:
    assert set(cell) == QUANTILE_KEYS
    values = [cell[name] for name in ("p10", "p50", "p90")]
    for value in values:
        assert isinstance(value, float) or (nullable and value is None), cell
    as_numbers = [float("inf") if value is None else value for value in values]
    assert as_numbers == sorted(as_numbers)


@pytest.fixture(scope="module")
def default_montecarlo() -> Any:
    return cli_json("montecarlo")


# --- montecarlo: the JSON contract --------------------------------------------------------------------------


def test_montecarlo_json_has_every_field(default_montecarlo: Any) -> None:
    assert set(default_montecarlo) >= MONTECARLO_FIELDS


def test_montecarlo_defaults_are_ten_thousand_draws_seed_2025_and_the_registry_sigma(default_montecarlo: Any) -> None:
    registry = load_model().registry
    assert default_montecarlo["draws"] == 10_000
    assert default_montecarlo["seed"] == 2025
    assert default_montecarlo["sigma"] == registry.trend_shock_sd
    assert default_montecarlo["stress"] is False
    assert default_montecarlo["parameters"] == registry.defaults()
    assert default_montecarlo["target_usd_bn"] == 10.0 and default_montecarlo["target_year_goal"] == 2030


def test_montecarlo_probability_and_target_year(default_montecarlo: Any) -> None:
    probability = default_montecarlo["p_target_by_goal_year"]
    assert isinstance(probability, float) and 0 <= probability <= 1
    assert_quantiles(default_montecarlo["target_year_quantiles"], nullable=True)
    distribution = default_montecarlo["target_year_distribution"]
    assert sum(distribution.values()) == pytest.approx(1.0, abs=1e-9)
    assert list(distribution)[-1] == "after 2050"
    by_goal = sum(share for year, share in distribution.items() if year.isdigit() and int(year) <= 2030)
    assert by_goal == pytest.approx(probability, abs=1e-9)


def test_montecarlo_turnover_quantiles_by_year(default_montecarlo: Any) -> None:
    turnover = default_montecarlo["turnover_quantiles_usd_bn"]
    assert list(turnover) == TURNOVER_YEARS
    for cell in turnover.values():
        assert_quantiles(cell)
    assert turnover["2025"]["p10"] == turnover["2025"]["p90"] == pytest.approx(4.97)  # the last actual year
    assert turnover["2035"]["p90"] - turnover["2035"]["p10"] > turnover["2026"]["p90"] - turnover["2026"]["p10"]


def test_montecarlo_gdp_quantiles_by_country_and_year(default_montecarlo: Any) -> None:
    gdp = default_montecarlo["gdp_quantiles_usd_bn"]
    assert list(gdp) == ["UZ", "KZ"]
    for by_year in gdp.values():
        assert list(by_year) == GDP_YEARS
        for cell in by_year.values():
            assert_quantiles(cell)


def test_montecarlo_json_matches_the_python_api(default_montecarlo: Any) -> None:
    model = load_model()
    result = simulate(model.values(), model.baseline, model.registry, 10_000, 2025)
    assert default_montecarlo["p_target_by_goal_year"] == result.p_target_by_goal
    assert default_montecarlo["turnover_quantiles_usd_bn"]["2030"]["p50"] == pytest.approx(result.turnover[1, 5],
                                                                                         abs=1e-4)


def test_montecarlo_target_year_is_null_where_not_reached_by_2050(capsys: pytest.CaptureFixture[str]) -> None:
    # a falling trend (−10 %/yr) keeps even the luckiest shock paths (σ ≈ 0.14 a year) far below USD 40bn
    out = in_process_json(capsys, "montecarlo", *FEW_DRAWS, "--set", "trade_growth=-10", "--set",
                          "investment_inflow=0", "--set", "target_usd_bn=40")
    assert out["target_year_quantiles"] == {"p10": None, "p50": None, "p90": None}
    assert out["p_target_by_goal_year"] == 0.0
    assert out["target_year_distribution"] == {"after 2050": 1.0}


def test_montecarlo_set_moves_the_probability(capsys: pytest.CaptureFixture[str]) -> None:
    slow = in_process_json(capsys, "montecarlo", *FEW_DRAWS)
    fast = in_process_json(capsys, "montecarlo", *FEW_DRAWS, "--set", "trade_growth=20")
    assert fast["parameters"]["trade_growth"] == 20.0
    assert fast["p_target_by_goal_year"] > slow["p_target_by_goal_year"]


def test_montecarlo_stress_adds_the_registry_shock_and_lowers_the_fan_and_the_probability(
        capsys: pytest.CaptureFixture[str], default_montecarlo: Any) -> None:
    registry = load_model().registry
    stress = in_process_json(capsys, "montecarlo", "--stress")
    assert stress["stress"] is True
    assert stress["sigma"] == registry.trend_shock_sd  # same draws: no wider volatility
    assert (stress["stress_shock"], stress["stress_year"]) == (registry.stress_shock, registry.stress_year)
    assert (default_montecarlo["stress_shock"], default_montecarlo["stress_year"]) == (None, None)
    assert stress["p_target_by_goal_year"] < default_montecarlo["p_target_by_goal_year"]
    for year in TURNOVER_YEARS[1:]:
        low, normal = stress["turnover_quantiles_usd_bn"][year], default_montecarlo["turnover_quantiles_usd_bn"][year]
        assert all(low[name] < normal[name] for name in ("p10", "p50", "p90"))


def test_montecarlo_draws_and_seed_are_echoed(capsys: pytest.CaptureFixture[str]) -> None:
    out = in_process_json(capsys, "montecarlo", "--draws", "100", "--seed", "0")
    assert (out["draws"], out["seed"]) == (100, 0)


# --- montecarlo: seeding --------------------------------------------------------------------------------------


def test_montecarlo_same_seed_twice_gives_identical_json() -> None:
    first = cli_run("montecarlo", "--json", *FEW_DRAWS, "--seed", "99")
    second = cli_run("montecarlo", "--json", *FEW_DRAWS, "--seed", "99")
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout


def test_montecarlo_another_seed_gives_other_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    first = in_process_json(capsys, "montecarlo", *FEW_DRAWS, "--seed", "1")
    second = in_process_json(capsys, "montecarlo", *FEW_DRAWS, "--seed", "2")
    assert first["turnover_quantiles_usd_bn"] != second["turnover_quantiles_usd_bn"]


# --- montecarlo: text and bad input -------------------------------------------------------------------------


def test_montecarlo_text_is_a_readable_summary() -> None:
    done = cli_run("montecarlo", *FEW_DRAWS)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    text = done.stdout
    assert "1,000 draws, seed 2025" in text
    assert "probability of 10 USD bn by 2030:" in text
    assert "target year P10 / P50 / P90:" in text
    assert "turnover, USD bn" in text and "GDP 2030, USD bn" in text
    assert all(year in text for year in TURNOVER_YEARS)
    assert not text.lstrip().startswith("{")


def test_montecarlo_text_says_after_2050() -> None:
    done = cli_run("montecarlo", *FEW_DRAWS, "--set", "trade_growth=0", "--set", "target_usd_bn=40")
    assert done.returncode == 0, done.stderr
    assert "after 2050 / after 2050 / after 2050" in done.stdout


@pytest.mark.parametrize("draws", [
    pytest.param("99", id="too-few"),
    pytest.param("200001", id="too-many"),
    pytest.param("0", id="zero"),
    pytest.param("-5", id="negative"),
    pytest.param("1000.5", id="fractional"),
    pytest.param("abc", id="not-a-number"),
    pytest.param("nan", id="nan"),
    pytest.param("inf", id="inf"),
    pytest.param("", id="empty"),
    pytest.param("9" * 40, id="very-long"),
])
def test_bad_draws_exit_2_with_one_line_naming_value_and_range(draws: str) -> None:
    done = cli_run("montecarlo", "--draws", draws, "--json")
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "--draws" in done.stderr and "100 to 200000" in done.stderr
    assert draws[:20] in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("args", [
    pytest.param(["--seed", "-1"], id="negative-seed"),
    pytest.param(["--seed", "x"], id="seed-not-a-number"),
    pytest.param(["--set", "trade_growth=99"], id="set-out-of-range"),
    pytest.param(["--set", "no_such_key=1"], id="unknown-key"),
    pytest.param(["--draws"], id="draws-without-value"),
])
def test_other_bad_input_exits_2_with_one_line(args: list[str]) -> None:
    done = cli_run("montecarlo", *args, "--json")
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("draws", ["100", "200000", "1e3", " 500 "])
def test_draws_accepts_whole_numbers_in_range(draws: str) -> None:
    assert cli.whole_number("--draws", draws, cli.MC_MIN_DRAWS, cli.MC_MAX_DRAWS, "draws") == int(float(draws))


# --- goalseek: each answer fed back reaches the target in the target year ---------------------------------------


GOAL_CASES = [
    pytest.param("trade_growth", [], id="growth-default"),
    pytest.param("trade_cost_cut", ["--set", "target_usd_bn=8.5"], id="cut-8.5bn"),
    # the investment cases use the old realisation share 0.6: at the default 0.3 the lever cannot reach these goals
    pytest.param("investment_inflow", ["--set", "target_usd_bn=8", "--set", "realisation_share=0.6"],
                 id="inflow-target-8"),
    pytest.param("trade_growth", ["--set", "target_year=2033", "--set", "target_usd_bn=14"], id="growth-2033-14bn"),
    pytest.param("trade_growth", ["--set", "target_year=2028", "--set", "trade_cost_cut=5"], id="growth-2028-with-cut"),
    pytest.param("trade_cost_cut", ["--set", "target_year=2032", "--set", "trade_elasticity=4"],
                 id="cut-2032-theta-4"),
    pytest.param("trade_cost_cut", ["--set", "target_usd_bn=8", "--set", "phase_in_years=6"],
                 id="cut-still-phasing-in"),
    pytest.param("investment_inflow", ["--set", "target_year=2034", "--set", "target_usd_bn=10.5", "--set",
                                       "realisation_share=0.6"], id="inflow-2034-10.5bn"),
    pytest.param("investment_inflow", ["--set", "target_usd_bn=7.6", "--set", "build_lag=3", "--set",
                                       "realisation_share=0.6"], id="inflow-lag-3"),
]


@pytest.mark.parametrize(("lever", "sets"), GOAL_CASES)
def test_goalseek_answer_fed_back_reaches_the_target_in_the_target_year(lever: str, sets: list[str]) -> None:
    answer = cli_json("goalseek", *sets, "--lever", lever)
    assert answer["status"] == "reachable", answer["message"]
    assert answer["reachable"] is True and answer["min"] <= answer["value"] <= answer["max"]
    out = cli_json("run", *sets, "--set", f"{lever}={answer['value']}")
    assert out["target_status"] == "reached"
    assert out["target_year"] == pytest.approx(answer["target_year_goal"], abs=0.01)
    assert out["turnover_in_target_year_usd_bn"] == pytest.approx(answer["target_usd_bn"], rel=1e-3)
