"""The command-line contract: `python -m model params | run | goalseek`, run as scripts would run it."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from cli_runner import cli_json, cli_run

from cli import main as cli
from model.api import MODEL_VERSION, load_model
from model.data import DATA_DIR

HISTORY_YEARS = [str(year) for year in range(2016, 2025)]
PROJECTED_YEARS = [str(year) for year in range(2025, 2036)]
ONLY_GROWTH = ["--set", "investment_inflow=0", "--set", "launched_projects=0"]

RUN_FIELDS = [
    "model_version", "parameters", "target_usd_bn", "target_year_goal", "target_year", "target_year_first",
    "target_status", "falls_back", "target_year_bau", "gap_in_target_year_usd_bn", "gap_in_target_year_pct",
    "turnover_in_target_year_usd_bn", "required_trade_growth_pct", "required_trade_growth_status",
    "turnover_usd_bn", "turnover_bau_usd_bn", "decomposition_usd_bn", "gdp", "gdp_bau", "trade_pct_gdp",
    "real_income_gain_pct",
]
PARAM_FIELDS = ["key", "label", "unit", "default", "min", "max", "source", "step", "bau", "plausible", "description",
                "group", "status", "short", "derivation"]
GOALSEEK_FIELDS = ["lever", "value", "reachable", "status", "unclamped", "unit", "message"]


@pytest.fixture(scope="module")
def registry_keys() -> tuple[str, ...]:
    return load_model().registry.keys


@pytest.fixture(scope="module")
def default_run() -> Any:
    return cli_json("run")


# --- params -----------------------------------------------------------------------------------------------


def test_params_json_lists_every_key_with_its_fields(registry_keys: tuple[str, ...]) -> None:
    records = cli_json("params")
    assert [r["key"] for r in records] == list(registry_keys)
    for record in records:
        missing = [f for f in PARAM_FIELDS if f not in record]
        assert not missing, (record["key"], missing)
        assert record["min"] <= record["default"] <= record["max"]


def test_params_table_is_readable(registry_keys: tuple[str, ...]) -> None:
    done = cli_run("params")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split()[:2] == ["key", "group"]
    assert [line.split()[0] for line in lines[1:]] == list(registry_keys)


# --- run --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", RUN_FIELDS)
def test_run_json_has_field(default_run: Any, field: str) -> None:
    assert field in default_run


def test_run_json_parameters_and_types(default_run: Any, registry_keys: tuple[str, ...]) -> None:
    assert default_run["model_version"] == MODEL_VERSION
    assert set(default_run["parameters"]) == set(registry_keys)
    assert isinstance(default_run["target_year_goal"], int)
    assert default_run["target_year_goal"] == 2030
    assert default_run["target_status"] == "reached"
    assert isinstance(default_run["target_year_first"], int)
    assert isinstance(default_run["falls_back"], bool)


@pytest.mark.parametrize("field", ["turnover_usd_bn", "turnover_bau_usd_bn"])
def test_turnover_years_are_history_then_projection(default_run: Any, field: str) -> None:
    assert list(default_run[field]) == HISTORY_YEARS + PROJECTED_YEARS


def test_decomposition_and_gdp_shapes(default_run: Any) -> None:
    decomposition = default_run["decomposition_usd_bn"]
    assert list(decomposition) == PROJECTED_YEARS
    for year, parts in decomposition.items():
        assert set(parts) == {"trend", "facilitation", "investment"}
        assert sum(parts.values()) == pytest.approx(default_run["turnover_usd_bn"][year], abs=1e-3)
    for field in ("gdp", "gdp_bau"):
        assert set(default_run[field]) == {"UZ", "KZ"}
        entry = default_run[field]["UZ"]["2030"]
        assert set(entry) == {"total_usd_bn", "per_head_usd", "shares_pct"}
        assert set(entry["shares_pct"]) == {"agriculture", "industry", "construction", "services"}
        assert sum(entry["shares_pct"].values()) == pytest.approx(100, abs=0.01)
    for field in ("trade_pct_gdp", "real_income_gain_pct"):
        assert set(default_run[field]) == {"UZ", "KZ"}
        assert list(default_run[field]["KZ"]) == PROJECTED_YEARS


@pytest.mark.parametrize(("sets", "overrides"), [
    pytest.param([], {}, id="default-2030"),
    pytest.param(["--set", "trade_cost_cut=5"], {"trade_cost_cut": 5}, id="cost-cut-5-2030"),
])
def test_turnover_in_year(sets: list[str], overrides: dict[str, float]) -> None:
    expected = load_model().run(overrides).turnover_at_goal
    assert cli_json("run", *sets)["turnover_usd_bn"]["2030"] == pytest.approx(expected, abs=1e-3)


def test_growth_only_target_year_matches_closed_form() -> None:
    out = cli_json("run", "--set", "trade_growth=15", *ONLY_GROWTH)
    expected = 2025 + math.log(10 / 4.97) / math.log(1.15)
    assert out["target_year"] == pytest.approx(expected, abs=1e-3)
    assert out["parameters"]["trade_growth"] == 15


def test_bau_target_year(default_run: Any) -> None:
    # BAU is a pure growth path at the 2019→2025 trend: 2025 + ln(10/4.97)/ln(1 + g)
    g = load_model().registry.bau()["trade_growth"] / 100
    assert default_run["target_year_bau"] == pytest.approx(2025 + math.log(10 / 4.97) / math.log(1 + g), abs=1e-3)


def test_required_growth_with_only_growth_moving() -> None:
    out = cli_json("run", *ONLY_GROWTH)
    assert out["required_trade_growth_pct"] == pytest.approx(15.0, abs=0.05)
    assert out["required_trade_growth_status"] == "reachable"


def test_set_repeats_and_later_wins() -> None:
    out = cli_json("run", "--set", "trade_growth=3", "--set", "trade_growth=18", "--set", "trade_cost_cut=2")
    assert out["parameters"]["trade_growth"] == 18
    assert out["parameters"]["trade_cost_cut"] == 2


@pytest.mark.parametrize(("sets", "status", "year_is_null"), [
    pytest.param(["--set", "trade_growth=-10"], "not reached by 2050", True, id="never"),
    pytest.param(["--set", "target_usd_bn=4"], "already reached", False, id="already"),
])
def test_target_status_edge_cases_are_strict_json(sets: list[str], status: str, year_is_null: bool) -> None:
    out = cli_json("run", *sets)
    assert out["target_status"] == status
    assert (out["target_year"] is None) == year_is_null
    assert (out["target_year_first"] is None) == year_is_null


def test_run_text_shows_target_year(default_run: Any) -> None:
    done = cli_run("run")
    assert done.returncode == 0, done.stderr
    assert f"{default_run['target_year']:.2f}" in done.stdout
    assert f"{default_run['target_year_bau']:.2f}" in done.stdout
    assert "2035" in done.stdout and "per head" in done.stdout


# --- goalseek ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lever", "sets"), [
    pytest.param("trade_growth", [], id="growth"),
    pytest.param("trade_cost_cut", ["--set", "target_usd_bn=8.5"], id="cost-cut-target-8.5"),
    pytest.param("investment_inflow", ["--set", "target_usd_bn=7.5"], id="investment-target-7.5"),
])
def test_goalseek_answer_fed_back_reaches_target_in_2030(lever: str, sets: list[str]) -> None:
    answer = cli_json("goalseek", *sets, "--lever", lever)
    assert [f for f in GOALSEEK_FIELDS if f not in answer] == []
    assert answer["reachable"] is True and answer["status"] == "reachable"
    out = cli_json("run", *sets, "--set", f"{lever}={answer['value']}")
    assert out["target_year"] == pytest.approx(2030, abs=0.01)


@pytest.mark.parametrize(("lever", "sets", "status", "fragment"), [
    pytest.param("investment_inflow", ["--set", "target_usd_bn=20"], "above_range",
                 "not reachable within the lever's range (0 to 6 USD bn/yr)", id="above-range"),
    pytest.param("investment_inflow", ["--set", "target_usd_bn=4"], "below_range", "already reached at the lower bound",
                 id="below-range"),
    pytest.param("investment_inflow", ["--set", "target_year=2026"], "no_effect", "not reachable", id="no-effect"),
])
def test_goalseek_unreachable(lever: str, sets: list[str], status: str, fragment: str) -> None:
    answer = cli_json("goalseek", *sets, "--lever", lever)
    assert answer["status"] == status
    assert answer["value"] is None and answer["reachable"] is False
    assert fragment in answer["message"]


def test_goalseek_text() -> None:
    done = cli_run("goalseek", "--set", "target_usd_bn=20", "--lever", "investment_inflow")
    assert done.returncode == 0, done.stderr
    needed = re.search(r"it would need (\d+\.\d\d)", done.stdout)
    assert needed is not None and float(needed.group(1)) > 6  # above the lever's range, 0 to 6


# --- bad input --------------------------------------------------------------------------------------------


BAD_INPUTS = [
    pytest.param(["run", "--set", "no_such_key=3"], "no_such_key", id="unknown-key"),
    pytest.param(["run", "--set", "trade_growth"], "trade_growth", id="missing-equals"),
    pytest.param(["run", "--set", "trade_growth=abc"], "-10 to 40", id="not-a-number"),
    pytest.param(["run", "--set", "trade_growth=nan"], "-10 to 40", id="nan"),
    pytest.param(["run", "--set", "trade_growth=inf"], "-10 to 40", id="inf"),
    pytest.param(["run", "--set", "trade_growth=-inf"], "trade_growth", id="minus-inf"),
    pytest.param(["run", "--set", "trade_growth=50"], "-10 to 40", id="out-of-range"),
    pytest.param(["run", "--set", "trade_growth="], "trade_growth", id="empty-value"),
    pytest.param(["run", "--set", "target_year=2030.5"], "2026 to 2050", id="fractional-year"),
    pytest.param(["run", "--set", "sector_mix_industry=0", "--set", "sector_mix_infrastructure=0",
                  "--set", "sector_mix_agro=0"], "sector_mix_agro", id="sector-mix-all-zero"),
    pytest.param(["goalseek", "--lever", "no_such_lever"], "no_such_lever", id="unknown-lever"),
    pytest.param(["goalseek", "--lever", "trade_growth", "--set", "trade_cost_cut=99"], "trade_cost_cut",
                 id="goalseek-out-of-range"),
    pytest.param(["goalseek"], "--lever", id="missing-lever"),
    pytest.param(["no_such_command"], "no_such_command", id="unknown-command"),
]


@pytest.mark.parametrize(("args", "named"), BAD_INPUTS)
def test_bad_input_exits_2_with_one_line(args: list[str], named: str) -> None:
    done = cli_run(*args, "--json") if args[0] != "no_such_command" else cli_run(*args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert named in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(("value", "shown"), [
    pytest.param("abc", "'abc'", id="word"),
    pytest.param("50", "50", id="too-high"),
])
def test_bad_value_message_names_key_value_and_range(value: str, shown: str) -> None:
    done = cli_run("run", "--set", f"trade_growth={value}")
    assert "trade_growth" in done.stderr and shown in done.stderr and "-10 to 40 %/yr" in done.stderr


def test_data_error_exits_2_with_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    trade = data / "bilateral_trade.csv"
    lines = trade.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[1] = "lots"
    lines[1] = ",".join(cells)
    trade.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = cli_run("--data-dir", str(data), "run")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "bilateral_trade.csv" in done.stderr and "Traceback" not in done.stderr


def test_unexpected_error_is_one_line_exit_1(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    def boom(*_args: object) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(cli, "run_payload", boom)
    assert cli.main(["run"]) == 1
    captured = capsys.readouterr()
    assert captured.err == "error: RuntimeError: boom second line\n"
