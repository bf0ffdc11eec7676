"""Command-line interface: ``python -m model params | run | goalseek | scenarios``, with a stable JSON contract.

Scripts rely on the ``--json`` output, so fields are only ever added, never renamed or removed. Values
are in the registry's units (``--set trade_growth=18`` means 18 %/yr). Bad input exits with status 2 and
one line on stderr naming the key, the value and the allowed range; any other failure exits with 1 and one
``error:`` line, never a traceback.

``run --scenario FILE.json`` takes the levers from a scenario file (``--set`` applies on top), and
``scenarios list | show | save | rename | delete`` manage the saved-scenarios library at
``$HAMKORLIK_LIBRARY_URL`` (default: a SQLite file in the user data folder).

``deck --out FILE.pptx`` writes a scenario as a seven-slide PowerPoint deck in Uzbek, Russian or English,
with a QR code of its share link.

Each subcommand is one :class:`Command` in :data:`COMMANDS` (arguments + handler), so more can be added
without touching :func:`main`.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import math
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import numpy as np

from cli.tables import format_table
from exchange.library import LibraryEntry, LibraryError, ScenarioLibrary, display_url
from exchange.links import share_link
from model import frames
from model.api import MODEL_VERSION, Model, load_model
from model.data import BASE_YEAR, COUNTRIES, DATA_DIR, REPORT_YEAR, DataError
from model.montecarlo import (
    HEADLINE_DRAWS,
    HEADLINE_SEED,
    QUANTILE_NAMES,
    MonteCarloResult,
    gdp_years,
    simulate,
    target_year_distribution,
)
from model.outputs import LeverAnswer
from model.projection import TURNOVER_YEARS
from model.registry import MAX_VALUE_CHARS, SECTOR_MIX_KEYS, InputError, Parameter, Registry
from model.run import GOAL_SEEK_LEVERS, ScenarioResult
from model.scenario import MAX_JSON_BYTES, Scenario, ScenarioFileError, scenario_from_json
from model.tracker import latest_figure, track, tracker_record

PROG = "python -m model"
LAST_YEAR = int(TURNOVER_YEARS[-1])
TABLE_GDP_YEAR = REPORT_YEAR
EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


# --- argument parsing -------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (status 2), like every other bad input."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"error: {_one_line(message)} (see `{self.prog} --help`)\n")


def _add_set(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--set", dest="sets", action="append", default=[], metavar="KEY=VALUE",
                        help="override one parameter, in the registry's unit (repeatable); "
                             "e.g. --set trade_growth=18 for 18 %%/yr")


def _add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print strict JSON instead of a table")


def parse_sets(pairs: Sequence[str], registry: Registry | None = None) -> dict[str, str]:
    """``["k=v", ...]`` as ``{k: v}`` (later wins); a pair without ``=`` raises :class:`InputError`."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            param = registry.by_key.get(pair.strip()) if registry is not None else None
            allowed = f"; {param.key}: {_allowed(param)}" if param is not None else ""
            raise InputError(pair, f"--set {pair!r} is not KEY=VALUE (e.g. --set trade_growth=18){allowed}")
        out[key] = raw
    return out


def _allowed(param: Parameter) -> str:
    whole = ", whole numbers" if param.is_integer else ""
    return f"allowed: {param.describe_range()}{whole}"


def check_value(registry: Registry, key: str, raw: str) -> float:
    """One ``--set`` value checked against the registry; the error always names key, value and range."""
    param = registry.by_key.get(key)
    if param is None:
        close = difflib.get_close_matches(key, registry.keys, n=1)
        hint = f"; did you mean {close[0]!r}" if close else ""
        raise InputError(key, f"unknown parameter {key!r} (in --set {key}={raw}){hint}; "
                              f"see `{PROG} params` for the keys")
    try:
        value = registry.check(key, raw)
    except InputError as error:
        message = str(error)
        if param.describe_range() not in message:
            message = f"{message} ({_allowed(param)})"
        raise InputError(key, message) from None
    return value


def scenario_values(model: Model, pairs: Sequence[str], base: Mapping[str, float] | None = None) -> dict[str, float]:
    """``base`` (default: the registry defaults) with the ``--set`` pairs applied, every one checked."""
    registry = model.registry
    overrides = {key: check_value(registry, key, raw) for key, raw in parse_sets(pairs, registry).items()}
    merged = {**registry.defaults(), **(base or {}), **overrides}
    if all(merged[key] == 0 for key in SECTOR_MIX_KEYS):
        shown = ", ".join(f"{key}={merged[key]:g}" for key in SECTOR_MIX_KEYS)
        raise InputError(SECTOR_MIX_KEYS[0], f"{shown}: the three sector weights are all 0; at least one must be "
                                             f"positive ({_allowed(registry.by_key[SECTOR_MIX_KEYS[0]])} each)")
    return model.values({**(base or {}), **overrides})


def read_scenario_file(path: str, model: Model) -> tuple[Scenario, list[str]]:
    """The scenario in the JSON file at ``path``, checked and migrated; :class:`ScenarioFileError` names the file.

    Parameters
    ----------
    path : str
        A scenario file as the app's "download JSON" writes it.
    model : Model
        The model whose registry checks the levers.

    Returns
    -------
    tuple of (Scenario, list of str)
        The scenario and notes on what a migration changed.
    """
    try:
        with open(path, "rb") as handle:
            text = handle.read(MAX_JSON_BYTES + 1)
    except OSError as error:
        raise ScenarioFileError(f"scenario file {path}: {error.strerror or error}") from None
    if len(text) > MAX_JSON_BYTES:
        raise ScenarioFileError(f"scenario file {path}: larger than {MAX_JSON_BYTES:,} bytes; "
                                "is this a Hamkorlik scenario file?")
    try:
        return scenario_from_json(text, model.registry)
    except ScenarioFileError as error:
        raise ScenarioFileError(f"scenario file {path}: {error}") from None


# --- JSON helpers -----------------------------------------------------------------------------------------


def _finite(value: Any, digits: int | None = None) -> float | None:
    """A plain float, or ``None`` for NaN/±inf; rounded when ``digits`` is given."""
    number = float(value)
    if not math.isfinite(number):
        return None
    return round(number, digits) if digits is not None else number


def to_jsonable(value: Any) -> Any:
    """Numpy scalars and arrays as plain Python, tuples as lists, NaN/±inf as ``None`` (strict JSON)."""
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | np.ndarray):
        return [to_jsonable(v) for v in value]
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return _finite(value)
    return value


def dump_json(payload: Any) -> str:
    """Strict JSON (``allow_nan=False``) of ``payload`` after :func:`to_jsonable`."""
    return json.dumps(to_jsonable(payload), indent=2, allow_nan=False)


# --- params -----------------------------------------------------------------------------------------------


def parameter_record(param: Parameter) -> dict[str, Any]:
    """One registry entry as the ``params --json`` object."""
    return {
        "key": param.key,
        "short": param.short,
        "label": param.label,
        "description": param.description,
        "unit": param.unit,
        "unit_symbol": param.unit_symbol,
        "default": param.default,
        "bau": param.bau,
        "min": param.min,
        "max": param.max,
        "step": param.step,
        "plausible": list(param.plausible) if param.plausible is not None else None,
        "uncertainty": dict(param.uncertainty) if param.uncertainty is not None else None,
        "group": param.group,
        "status": param.status,
        "source": param.source,
        "derivation": param.derivation,
    }


def params_table(registry: Registry) -> str:
    """The registry as a readable table."""
    rows = [["key", "group", "default", "BAU", "min", "max", "unit", "label"]]
    for p in registry.parameters:
        rows.append([p.key, p.group, f"{p.default:g}", "same" if p.bau is None else f"{p.bau:g}",
                     f"{p.min:g}", f"{p.max:g}", p.unit_symbol, p.label])
    return format_table(rows, [False, False, True, True, True, True, False, False])


def cmd_params(args: argparse.Namespace) -> int:
    """``params``: the assumptions registry."""
    registry = load(args).registry
    if args.json:
        print(dump_json([parameter_record(p) for p in registry.parameters]))
    else:
        print(params_table(registry))
    return EXIT_OK


# --- run --------------------------------------------------------------------------------------------------


def target_status(result: ScenarioResult, case: str = "scenario") -> str:
    """``reached``, ``already reached`` or ``not reached by 2050``."""
    crossing = (result.scenario if case == "scenario" else result.bau).crossing
    if bool(crossing.already):
        return "already reached"
    if bool(crossing.reached):
        return "reached"
    return f"not reached by {LAST_YEAR}"


def _first_year(result: ScenarioResult, case: str) -> int | None:
    crossing = (result.scenario if case == "scenario" else result.bau).crossing
    return int(crossing.first_year) if bool(crossing.reached) else None


def _by_country_year(table: Any, case: str, column: str) -> dict[str, dict[str, float | None]]:
    rows = table[table["case"] == case]
    out: dict[str, dict[str, float | None]] = {}
    for country, year, value in zip(rows["country"], rows["year"], rows[column], strict=True):
        out.setdefault(str(country), {})[str(int(year))] = _finite(value, 4)
    return out


def decomposition(result: ScenarioResult) -> dict[str, dict[str, float | None]]:
    """Scenario turnover by year split into trend, facilitation and investment (eq. 5), USD bn."""
    paths = frames.turnover_paths(result)
    rows = paths[paths["case"] == "scenario"]
    return {
        str(int(year)): {"trend": _finite(trend, 4), "facilitation": _finite(facilitation, 4),
                         "investment": _finite(investment, 4)}
        for year, trend, facilitation, investment in zip(rows["year"], rows["trend_usd_bn"],
                                                         rows["facilitation_usd_bn"], rows["investment_usd_bn"],
                                                         strict=True)
    }


def run_payload(model: Model, values: Mapping[str, float]) -> dict[str, Any]:
    """Everything ``run --json`` prints, for ``values`` (complete, checked)."""
    result = model.run_values(values)
    growth = model.goal_seek("trade_growth", values)
    gdp = frames.gdp_table(result)
    target = result.target_usd_bn
    return {
        "model_version": MODEL_VERSION,
        "parameters": dict(values),
        "target_usd_bn": target,
        "target_year_goal": result.goal_year,
        "target_year": _finite(result.scenario.crossing.fractional, 3),
        "target_year_first": _first_year(result, "scenario"),
        "target_status": target_status(result, "scenario"),
        "falls_back": bool(result.scenario.crossing.falls_back),
        "target_year_bau": _finite(result.bau.crossing.fractional, 3),
        "target_year_first_bau": _first_year(result, "bau"),
        "target_status_bau": target_status(result, "bau"),
        "turnover_in_target_year_usd_bn": _finite(result.turnover_at_goal, 4),
        "gap_in_target_year_usd_bn": _finite(result.gap_at_goal, 4),
        "gap_in_target_year_pct": _finite(100 * result.gap_at_goal / target, 2),
        "required_trade_growth_pct": _finite(growth.unclamped, 3),
        "required_trade_growth_status": growth.status,
        "turnover_usd_bn": frames.turnover_json(result, model.tables, "scenario"),
        "turnover_bau_usd_bn": frames.turnover_json(result, model.tables, "bau"),
        "decomposition_usd_bn": decomposition(result),
        "gdp": frames.gdp_json(result, "scenario"),
        "gdp_bau": frames.gdp_json(result, "bau"),
        "trade_pct_gdp": _by_country_year(gdp, "scenario", "trade_pct_gdp"),
        "trade_pct_gdp_bau": _by_country_year(gdp, "bau", "trade_pct_gdp"),
        "real_income_gain_pct": _by_country_year(gdp, "scenario", "real_income_gain_pct"),
        "ytd_tracker": tracker_payload(model, result),
    }


def tracker_payload(model: Model, result: ScenarioResult) -> dict[str, Any] | None:
    """The ``ytd_tracker`` object: the latest year-to-date turnover against the scenario and the goal, or None."""
    figure = latest_figure(model.tables.ytd, model.tables.bilateral)
    return None if figure is None else tracker_record(track(figure, result))


MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def tracker_text(record: Mapping[str, Any] | None) -> str:
    """One line: ``latest: Jan 2026, +30.8 % on Jan 2025 (derived) - the scenario assumes 7.5 %/yr, ...``."""
    if record is None:
        return "latest year-to-date: none newer than the last full year"
    year, months = record["year"], record["months"]
    period = MONTH_ABBREVIATIONS[0] if months == 1 else f"Jan-{MONTH_ABBREVIATIONS[months - 1]}"
    line = (f"latest: {period} {year}, {record['growth_pct']:+.1f} % on {period} {year - 1} ({record['status']}) - "
            f"the scenario assumes {_num(record['scenario_growth_pct'], '.1f')} %/yr for {year}, "
            f"the goal ({record['target_usd_bn']:g} USD bn in {record['target_year_goal']}) needs "
            f"{_num(record['required_growth_pct'], '.1f')} %/yr from {record['last_full_year']}")
    if record["short_period"]:
        line += f"\n  caution: {months} month{'s' if months > 1 else ''} of data is a noisy guide to the whole year"
    return line


def _year_text(year: float | None, status: str) -> str:
    if year is None:
        return status
    return f"{year:.2f}" + (" (already)" if status == "already reached" else "")


def _num(value: float | None, fmt: str = ".2f") -> str:
    return "n/a" if value is None else format(value, fmt)


def run_text(payload: Mapping[str, Any]) -> str:
    """The short readable summary of :func:`run_payload`."""
    goal, target = payload["target_year_goal"], payload["target_usd_bn"]
    growth = payload["required_trade_growth_pct"]
    headline = format_table([
        ["", "scenario", "BAU"],
        [f"target {target:g} USD bn reached in", _year_text(payload["target_year"], payload["target_status"]),
         _year_text(payload["target_year_bau"], payload["target_status_bau"])],
    ], [False, True, True])
    lines = [
        f"Hamkorlik model {payload['model_version']}: UZ-KZ turnover, target {target:g} USD bn by {goal}",
        "",
        headline,
        f"turnover in {goal}: {_num(payload['turnover_in_target_year_usd_bn'])} USD bn, "
        f"gap {_num(payload['gap_in_target_year_usd_bn'])} USD bn ({_num(payload['gap_in_target_year_pct'], '.1f')} %"
        " of target)",
        f"trade growth needed for {goal} (other levers as set): "
        f"{_num(growth)} %/yr ({payload['required_trade_growth_status'].replace('_', ' ')})",
        tracker_text(payload["ytd_tracker"]),
        "",
    ]
    scenario, bau = payload["turnover_usd_bn"], payload["turnover_bau_usd_bn"]
    rows = [["year", "turnover USD bn", "BAU"]]
    rows += [[year, _num(scenario[year]), _num(bau[year])] for year in scenario if int(year) >= BASE_YEAR]
    lines += [format_table(rows, [False, True, True]), ""]
    year = str(TABLE_GDP_YEAR)
    rows = [[f"GDP {year}", "scenario", "BAU"]]
    for country in payload["gdp"]:
        now, base = payload["gdp"][country][year], payload["gdp_bau"][country][year]
        rows.append([f"{country} GDP, USD bn", _num(now["total_usd_bn"], ",.1f"), _num(base["total_usd_bn"], ",.1f")])
        rows.append([f"{country} per head, USD", _num(now["per_head_usd"], ",.0f"), _num(base["per_head_usd"], ",.0f")])
    lines.append(format_table(rows, [False, True, True]))
    return "\n".join(lines)


def cmd_run(args: argparse.Namespace) -> int:
    """``run``: one scenario (defaults or ``--scenario FILE``, then ``--set``) against BAU."""
    model = load(args)
    scenario, notes = read_scenario_file(args.scenario, model) if args.scenario else (None, [])
    payload = run_payload(model, scenario_values(model, args.sets, scenario.levers if scenario else None))
    if scenario is not None:
        payload["scenario"] = {"file": args.scenario, "name": scenario.name, "notes": notes}
    if args.json:
        print(dump_json(payload))
    else:
        _print_notes(notes)
        print(run_text(payload))
    return EXIT_OK


def cmd_tracker(args: argparse.Namespace) -> int:
    """``tracker``: the latest year-to-date turnover against the scenario's growth and the goal's need."""
    model = load(args)
    scenario, notes = read_scenario_file(args.scenario, model) if args.scenario else (None, [])
    values = scenario_values(model, args.sets, scenario.levers if scenario else None)
    record = tracker_payload(model, model.run_values(values))
    if args.json:
        print(dump_json({"model_version": MODEL_VERSION, "ytd_tracker": record}))
    else:
        _print_notes(notes)
        print(tracker_text(record))
        if record is not None:
            print(f"source: {record['source']}")
    return EXIT_OK


def _run_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", metavar="FILE.json",
                        help="start from the levers in a scenario file (--set applies on top)")


def _print_notes(notes: Sequence[str]) -> None:
    for note in notes:
        print(f"note: {note}", file=sys.stderr)


# --- goalseek ---------------------------------------------------------------------------------------------


def _g(value: float) -> str:
    return f"{round(value, 2):g}"


def goalseek_message(answer: LeverAnswer, param: Parameter, target: float, goal_year: int) -> str:
    """The answer in plain English."""
    unclamped = answer.unclamped
    if answer.status == "reachable":
        return (f"{param.key} = {_g(answer.value)} {param.unit_symbol} reaches {target:g} USD bn in {goal_year}, "
                "other levers as set")
    if answer.status == "above_range":
        return (f"not reachable within the lever's range ({param.describe_range()}): "
                f"it would need {_g(unclamped)}")
    if answer.status == "below_range":
        bound = f"already reached at the lower bound ({_g(param.min)} {param.unit_symbol})"
        if not math.isfinite(unclamped):
            return f"{bound}: the other levers alone reach {target:g} USD bn in {goal_year}"
        return f"{bound}: {target:g} USD bn in {goal_year} would need only {_g(unclamped)}"
    return (f"not reachable: {param.key} does not move turnover in {goal_year} under the other settings "
            "(e.g. the build lag)")


def goalseek_payload(model: Model, lever: str, values: Mapping[str, float]) -> dict[str, Any]:
    """Everything ``goalseek --json`` prints."""
    answer = model.goal_seek(lever, values)
    param = model.registry.by_key[lever]
    target, goal_year = float(values["target_usd_bn"]), int(values["target_year"])
    return {
        "model_version": MODEL_VERSION,
        "lever": lever,
        "value": _finite(answer.value, 4) if answer.reachable else None,
        "reachable": answer.reachable,
        "status": answer.status,
        "unclamped": _finite(answer.unclamped, 4),
        "unit": param.unit,
        "unit_symbol": param.unit_symbol,
        "min": param.min,
        "max": param.max,
        "target_usd_bn": target,
        "target_year_goal": goal_year,
        "message": goalseek_message(answer, param, target, goal_year),
    }


def cmd_goalseek(args: argparse.Namespace) -> int:
    """``goalseek``: what one lever alone would need to reach the target in the target year."""
    if args.lever not in GOAL_SEEK_LEVERS:
        allowed = ", ".join(GOAL_SEEK_LEVERS)
        raise InputError("lever", f"lever={args.lever!r} cannot be goal-sought (allowed: {allowed})")
    model = load(args)
    payload = goalseek_payload(model, args.lever, scenario_values(model, args.sets))
    if args.json:
        print(dump_json(payload))
    else:
        print(f"{payload['lever']}: {payload['message']}")
    return EXIT_OK


def _goalseek_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lever", required=True, metavar="KEY", help=f"one of {', '.join(GOAL_SEEK_LEVERS)}")


# --- montecarlo -------------------------------------------------------------------------------------------

MC_DRAWS, MC_SEED = HEADLINE_DRAWS, HEADLINE_SEED  # the probability the app's pages and the deck show
MC_MIN_DRAWS, MC_MAX_DRAWS = 100, 200_000
MC_MAX_SEED = 2**32 - 1
MC_LAST_YEAR = 2035  # the fan is reported to 2035, like the turnover table of ``run``


def whole_number(flag: str, raw: str, low: int, high: int, what: str) -> int:
    """``raw`` as a whole number from ``low`` to ``high``, or :class:`InputError` naming the flag, value and range."""
    text = str(raw).strip()
    try:
        value = float(text) if len(text) <= MAX_VALUE_CHARS else math.nan
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value.is_integer() and low <= value <= high):
        shown = raw if len(str(raw)) <= MAX_VALUE_CHARS else f"{str(raw)[:MAX_VALUE_CHARS]}..."
        raise InputError(flag.lstrip("-"), f"{flag} {shown!r} is not allowed: {what} must be a whole number "
                                           f"from {low} to {high}")
    return int(value)


def _quantiles(values: Any, digits: int) -> dict[str, float | None]:
    """``{"p10", "p50", "p90"}`` of one cell (``None`` where NaN: not reached by 2050)."""
    return {name: _finite(value, digits) for name, value in zip(QUANTILE_NAMES, values, strict=True)}


def montecarlo_payload(model: Model, values: Mapping[str, float], draws: int, seed: int,
                       stress: bool) -> dict[str, Any]:
    """Everything ``montecarlo --json`` prints, for ``values`` (complete, checked)."""
    registry = model.registry
    result = simulate(values, model.baseline, registry, draws, seed, stress=stress)
    shown = [(index, str(int(year))) for index, year in enumerate(TURNOVER_YEARS) if year <= MC_LAST_YEAR]
    return {
        "model_version": MODEL_VERSION,
        "parameters": dict(values),
        "draws": draws,
        "seed": seed,
        "sigma": result.sigma,
        "stress": stress,
        "stress_shock": registry.stress_shock if stress else None,
        "stress_year": registry.stress_year if stress else None,
        "target_usd_bn": float(values["target_usd_bn"]),
        "target_year_goal": result.goal_year,
        "p_target_by_goal_year": result.p_target_by_goal,
        "target_year_quantiles": _quantiles(result.target_year, 3),
        "target_year_distribution": target_year_distribution(result),
        "turnover_quantiles_usd_bn": {year: _quantiles(result.turnover[:, index], 4) for index, year in shown},
        "gdp_quantiles_usd_bn": {
            country: {str(int(year)): _quantiles(result.gdp[:, column, index], 4)
                      for index, year in enumerate(gdp_years())}
            for column, country in enumerate(COUNTRIES)
        },
    }


def _year_or_after(year: float | None) -> str:
    return f"after {LAST_YEAR}" if year is None else f"{year:.2f}"


def montecarlo_text(payload: Mapping[str, Any]) -> str:
    """The readable summary of :func:`montecarlo_payload`."""
    goal, target = payload["target_year_goal"], payload["target_usd_bn"]
    years = payload["target_year_quantiles"]
    first = {int(year): share for year, share in payload["target_year_distribution"].items() if year.isdigit()}
    by_years = sorted({goal, 2035, 2040, LAST_YEAR})
    reached_by = " / ".join(f"{100 * sum(s for y, s in first.items() if y <= year):.1f}" for year in by_years)
    lines = [
        f"Hamkorlik Monte Carlo: {payload['draws']:,} draws, seed {payload['seed']}, "
        f"trend shock sigma {payload['sigma']:.3f}" + (
            f"; stress case: trend turnover falls by {payload['stress_shock']:.3f} (log) in {payload['stress_year']}"
            if payload["stress"] else ""),
        "",
        f"probability of {target:g} USD bn by {goal}: {100 * payload['p_target_by_goal_year']:.1f} %",
        f"share of draws reaching it by {' / '.join(map(str, by_years))}: {reached_by} %",
        "target year P10 / P50 / P90: " + " / ".join(_year_or_after(years[name]) for name in QUANTILE_NAMES),
        "",
        "turnover, USD bn",
    ]
    rows = [["year", *(name.upper() for name in QUANTILE_NAMES)]]
    rows += [[year, *(_num(cell[name]) for name in QUANTILE_NAMES)]
             for year, cell in payload["turnover_quantiles_usd_bn"].items()]
    lines += [format_table(rows, [False, True, True, True]), ""]
    year = str(TABLE_GDP_YEAR)
    rows = [[f"GDP {year}, USD bn", *(name.upper() for name in QUANTILE_NAMES)]]
    rows += [[country, *(_num(by_year[year][name], ",.1f") for name in QUANTILE_NAMES)]
             for country, by_year in payload["gdp_quantiles_usd_bn"].items()]
    lines.append(format_table(rows, [False, True, True, True]))
    return "\n".join(lines)


def cmd_montecarlo(args: argparse.Namespace) -> int:
    """``montecarlo``: the scenario's fan, probability of the target and target-year spread (seeded draws)."""
    draws = whole_number("--draws", args.draws, MC_MIN_DRAWS, MC_MAX_DRAWS, "the number of draws")
    seed = whole_number("--seed", args.seed, 0, MC_MAX_SEED, "the seed")
    model = load(args)
    payload = montecarlo_payload(model, scenario_values(model, args.sets), draws, seed, args.stress)
    print(dump_json(payload) if args.json else montecarlo_text(payload))
    return EXIT_OK


def _montecarlo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--draws", default=str(MC_DRAWS), metavar="N",
                        help=f"number of draws, {MC_MIN_DRAWS} to {MC_MAX_DRAWS} (default {MC_DRAWS})")
    parser.add_argument("--seed", default=str(MC_SEED), metavar="S",
                        help=f"seed of the random draws, 0 to {MC_MAX_SEED} (default {MC_SEED})")
    parser.add_argument("--stress", action="store_true",
                        help="stress case: the same draws plus one adverse shock, trend turnover lower by one "
                             "standard deviation of yearly log growth 2017-2025 from 2026 on (never raises the "
                             "probability)")


# --- deck (PowerPoint slides of one scenario) -------------------------------------------------------------

DECK_LANGUAGES = ("uz", "ru", "kk", "en")


def language_argument(raw: str) -> str:
    """``--lang`` as browsers and BCP 47 write it (``ru-RU``, ``uz-Latn-UZ``, ``UZ``, ``kk_Cyrl``): one of ours.

    Parameters
    ----------
    raw : str
        What was typed after ``--lang``.

    Returns
    -------
    str
        The app's language code (``uz``, ``ru``, ``kk`` or ``en``), as the app matches a link's ``lang``.

    Raises
    ------
    argparse.ArgumentTypeError
        Not one of the app's languages.
    """
    from presentation.i18n import match_language  # the app's own matching, so link and command line agree

    match = match_language(raw)
    if match.status == "unknown" or match.lang not in DECK_LANGUAGES:
        raise argparse.ArgumentTypeError(f"unknown language {raw!r}: one of {', '.join(DECK_LANGUAGES)} "
                                         "(region and script forms such as ru-RU or uz-Latn-UZ are read)")
    return match.lang
DECK_DRAWS, DECK_SEED = HEADLINE_DRAWS, HEADLINE_SEED
MIN_DRAWS, MAX_DRAWS = 100, 100_000
DEFAULT_BASE_URL = "http://localhost:8501/"


def check_base_url(base_url: str) -> str:
    """``--base-url`` if it is a web address, or :class:`InputError`."""
    if not base_url.startswith(("http://", "https://")):
        raise InputError("base_url", f"--base-url {base_url!r} is not an http:// or https:// address")
    return base_url


def check_draws(draws: int) -> int:
    """``--draws`` inside the allowed range, or :class:`InputError`."""
    if not MIN_DRAWS <= draws <= MAX_DRAWS:
        raise InputError("draws", f"--draws {draws}: allowed {MIN_DRAWS:,} to {MAX_DRAWS:,} simulations")
    return draws


def deck_scenario(args: argparse.Namespace, model: Model) -> Scenario:
    """The ``--scenario`` file's scenario (or the defaults) with ``--set`` applied, every value checked."""
    scenario, notes = read_scenario_file(args.scenario, model) if args.scenario else (None, [])
    _print_notes(notes)
    values = scenario_values(model, args.sets, scenario.levers if scenario else None)
    return scenario.model_copy(update={"levers": values}) if scenario else Scenario(levers=values)


def _write_bytes(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise InputError("out", f"--out {path}: cannot write the file ({error.strerror or error})") from None


def scenario_product(args: argparse.Namespace) -> tuple[Model, Scenario, str, MonteCarloResult]:
    """What the deck and the brief are made of: the model, the checked scenario, its share link and its draws."""
    draws, base_url = check_draws(args.draws), check_base_url(args.base_url)
    model = load(args)
    scenario = deck_scenario(args, model)
    link = share_link(base_url, scenario, model.registry, args.lang)
    return model, scenario, link, simulate(scenario.levers, model.baseline, model.registry, draws, DECK_SEED)


def cmd_deck(args: argparse.Namespace) -> int:
    """``deck``: seven slides (summary and QR link, levers, turnover, growth split, sectors, fan, sources)."""
    # Imported here so the other commands start without loading Altair, vl-convert and python-pptx.
    from presentation import deck, slides

    model, scenario, link, mc = scenario_product(args)
    data: bytes = deck.build_deck(model, scenario, args.lang, link, mc)
    _write_bytes(args.out, data)
    if args.json:
        print(dump_json({"out": args.out, "slides": slides.slide_count(data)}))
    else:
        print(args.out)
    return EXIT_OK


def _deck_arguments(parser: argparse.ArgumentParser, product: str = "the deck", out: str = "FILE.pptx") -> None:
    _run_arguments(parser)
    parser.add_argument("--lang", type=language_argument, default="en", metavar="LANG",
                        help=f"language of {product}: en, uz, ru or kk, also as ru-RU, uz-Latn-UZ… (default: en)")
    parser.add_argument("--draws", type=int, default=DECK_DRAWS, metavar="N",
                        help=f"Monte Carlo draws for {product}, {MIN_DRAWS:,} to {MAX_DRAWS:,} "
                             f"(default {DECK_DRAWS:,}, seed {DECK_SEED})")
    parser.add_argument("--base-url", default=DEFAULT_BASE_URL, metavar="URL",
                        help="the app's address for the share link in the QR code (default: %(default)s)")
    parser.add_argument("--out", required=True, metavar=out, help=f"where to write {product}")


# --- brief (one self-contained HTML file of one scenario) ---------------------------------------------------


def cmd_brief(args: argparse.Namespace) -> int:
    """``brief``: the scenario as one HTML file that opens with no server or network, live levers inside."""
    from presentation import brief  # Altair, vl-convert and the browser code: only for this command

    model, scenario, link, mc = scenario_product(args)
    document = brief.build_brief(model, scenario, args.lang, link, brief.component_block, mc)
    _write_bytes(args.out, document.encode("utf-8"))
    if args.json:
        print(dump_json({"out": args.out, "bytes": len(document.encode("utf-8")), "share_url": link}))
    else:
        print(args.out)
    return EXIT_OK


def _brief_arguments(parser: argparse.ArgumentParser) -> None:
    _deck_arguments(parser, "the brief", "FILE.html")


# --- scenarios (the saved-scenarios library) ---------------------------------------------------------------


def entry_record(entry: LibraryEntry) -> dict[str, str]:
    """One library entry as the ``scenarios list --json`` object (times in ISO 8601, UTC)."""
    return {"name": entry.name, "note": entry.note, "updated_at": entry.updated_at.isoformat(),
            "created_at": entry.created_at.isoformat()}


def _first_line(text: str, width: int = 60) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[: width - 3] + "..."


def _scenarios_list(args: argparse.Namespace, library: ScenarioLibrary) -> int:
    entries = library.list()
    if args.json:
        print(dump_json([entry_record(e) for e in entries]))
    elif not entries:
        print(f"no saved scenarios (library: {display_url(library.url)})")
    else:
        rows = [["name", "updated (UTC)", "note"]]
        rows += [[e.name, e.updated_at.strftime("%Y-%m-%d %H:%M"), _first_line(e.note)] for e in entries]
        print(format_table(rows, [False, False, False]))
    return EXIT_OK


def show_text(document: Mapping[str, Any], registry: Registry) -> str:
    """A saved scenario as readable text: name, note, then every lever (``*`` where it is not the default)."""
    lines = [f"scenario: {document['name']}"]
    lines += [f"preset: {document['preset']}"] if document.get("preset") else []
    lines += [f"note: {document['note']}"] if document.get("note") else []
    rows = [["", "key", "value", "default", "unit"]]
    for key, value in document["levers"].items():
        param = registry.by_key[key]
        rows.append(["*" if value != param.default else "", key, f"{value:g}", f"{param.default:g}",
                     param.unit_symbol])
    return "\n".join([*lines, "", format_table(rows, [False, False, True, True, False])])


def _scenarios_show(args: argparse.Namespace, library: ScenarioLibrary) -> int:
    registry = load(args).registry
    document = library.document(args.name, registry)
    if args.json:
        print(dump_json(document))
    else:
        _print_notes(document["notes"])
        print(show_text(document, registry))
    return EXIT_OK


def _scenarios_save(args: argparse.Namespace, library: ScenarioLibrary) -> int:
    scenario, notes = read_scenario_file(args.file, load(args))
    if args.name is None and not scenario.name.strip():
        raise LibraryError(f"the scenario in {args.file} has no name; give one with --name NAME")
    name = library.save(scenario, args.name, overwrite=args.overwrite)
    _print_notes(notes)
    print(f"saved '{name}'")
    return EXIT_OK


def _scenarios_rename(args: argparse.Namespace, library: ScenarioLibrary) -> int:
    print(f"renamed '{args.old.strip()}' to '{library.rename(args.old, args.new)}'")
    return EXIT_OK


def _scenarios_delete(args: argparse.Namespace, library: ScenarioLibrary) -> int:
    library.delete(args.name)
    print(f"deleted '{args.name.strip()}'")
    return EXIT_OK


SCENARIO_ACTIONS: dict[str, tuple[str, Callable[[argparse.Namespace, ScenarioLibrary], int]]] = {
    "list": ("list the saved scenarios, most recently changed first", _scenarios_list),
    "show": ("show one saved scenario (after migration to this model version)", _scenarios_show),
    "save": ("save a scenario JSON file into the library", _scenarios_save),
    "rename": ("give a saved scenario another name", _scenarios_rename),
    "delete": ("delete a saved scenario", _scenarios_delete),
}


def _scenarios_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    subs = {name: actions.add_parser(name, help=text, description=text)
            for name, (text, _handler) in SCENARIO_ACTIONS.items()}
    for name in ("list", "show"):
        _add_json(subs[name])
    subs["show"].add_argument("name", metavar="NAME")
    subs["save"].add_argument("file", metavar="FILE.json")
    subs["save"].add_argument("--name", help="save under this name (default: the name in the file)")
    subs["save"].add_argument("--overwrite", action="store_true", help="replace a scenario saved under that name")
    subs["rename"].add_argument("old", metavar="OLD")
    subs["rename"].add_argument("new", metavar="NEW")
    subs["delete"].add_argument("name", metavar="NAME")


def cmd_scenarios(args: argparse.Namespace) -> int:
    """``scenarios``: the saved-scenarios library at ``$HAMKORLIK_LIBRARY_URL``."""
    _help, handler = SCENARIO_ACTIONS[args.action]
    with ScenarioLibrary() as library:
        return handler(args, library)


# --- validate-data (bring your own baseline data) ---------------------------------------------------------


def cmd_validate_data(args: argparse.Namespace) -> int:
    """``validate-data FILE``: read an upload as the app does, print its preview, check it against the shipped data."""
    from exchange.mapping import MappingFileError, load
    from exchange.preview import prepare_path
    from model.data import load_tables
    from presentation import upload_text as words
    from presentation.i18n import Translator

    t = Translator(args.lang)
    mapping = None
    if args.mapping:
        try:
            mapping = load(Path(args.mapping).read_bytes())
        except OSError as error:
            print(f"{args.mapping}: {error.strerror or error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        except MappingFileError as error:  # worded in the language asked for, as the app's mapping step words it
            print(f"{args.mapping}: {words.mapping_file_error_text(error, t)}", file=sys.stderr)
            return EXIT_BAD_INPUT
    prepared = prepare_path(Path(args.file), load_tables(Path(args.data_dir)), mapping=mapping)
    if args.json:
        print(dump_json({"ok": prepared.ok, "problems": [p.as_dict() for p in prepared.problems],
                         "summary": prepared.summary.as_dict() if prepared.summary is not None else None,
                         "needs_mapping": prepared.needs_mapping,
                         "reading": prepared.reading.as_dict() if prepared.reading is not None else None,
                         "preview": [dataclasses.asdict(row) for row in prepared.preview],
                         "left_out": [item.as_dict() for item in prepared.left_out]}))
        return EXIT_OK if prepared.ok else EXIT_BAD_INPUT
    # the same wording and preview as the app's panel, in the language asked for
    out = sys.stdout if prepared.ok else sys.stderr
    if prepared.reading is not None:
        print(words.reading_text(prepared.reading, t), file=out)
    if prepared.needs_mapping and mapping is None:
        print(t("byod.cli_needs_mapping", name=prepared.name), file=sys.stderr)
        return EXIT_BAD_INPUT
    left_heading = t("byod.preview.left_heading", n=len(prepared.left_out))
    for heading, frame in ((t("byod.preview.heading"), words.preview_frame(prepared, t)),
                           (left_heading, words.left_out_frame(prepared, t))):
        if len(frame):
            print(f"\n{heading}\n{frame.to_string(index=False)}", file=out)
    if prepared.ok:
        if prepared.summary is not None:
            print(words.summary_text(prepared.summary, t))
        return EXIT_OK
    for problem in prepared.problems:
        if args.lang == "en":  # the model's own wording, "row 2, column value: ..."
            print(_one_line(str(problem)), file=sys.stderr)
            continue
        where = ", ".join(f"{label} {value}" for label, value in
                          ((t("byod.col_row"), problem.row), (t("byod.col_column"), problem.column))
                          if value is not None)
        text = words.problem_text(problem, t)
        print(_one_line(f"{where}: {text}" if where else text), file=sys.stderr)
    return EXIT_BAD_INPUT


def _validate_data_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a .csv/.txt/.tsv (UTF-8, UTF-16 or Windows-1251; comma, "
                        "semicolon or tab), .xlsx or .xls file: the template, a World Bank WDI or DataBank "
                        "download, a UN Comtrade download or a national statistics table")
    parser.add_argument("--mapping", metavar="MAPPING", help="a mapping file (JSON or YAML, as the app's mapping "
                        "step saves it) saying which column or row of FILE is what")
    parser.add_argument("--lang", type=language_argument, default="en", metavar="LANG",
                        help="language of how the file was read, the preview and the problems: en, uz, ru or kk, "
                        "also as ru-RU, uz-Latn-UZ… (default: en)")


# --- model checks: back-test, growth split, general-equilibrium check --------------------------------------


def _emit(args: argparse.Namespace, payload: Mapping[str, Any], text: Callable[[Mapping[str, Any]], str]) -> int:
    print(dump_json(payload) if args.json else text(payload))
    return EXIT_OK


def cmd_backtest(args: argparse.Namespace) -> int:
    """``backtest``: rolling-origin scores of the trend rule, the GDP-linked rule and the random walk."""
    from cli import checks_text
    from model import checks_report

    return _emit(args, checks_report.backtest_payload(load(args)), checks_text.backtest_text)


def cmd_growth_split(args: argparse.Namespace) -> int:
    """``growth-split``: how much of the growth to the target GDP gives alone, and who fills the rest."""
    from cli import checks_text
    from model import checks_report

    model = load(args)
    payload = checks_report.growth_split_payload(model, scenario_values(model, args.sets))
    return _emit(args, payload, checks_text.growth_split_text)


def cmd_ge_check(args: argparse.Namespace) -> int:
    """``ge-check``: the facilitation effect in partial against general equilibrium."""
    from cli import checks_text
    from model import checks_report

    model = load(args)
    values = scenario_values(model, args.sets)
    references = checks_report.reference_cuts(model.registry, values)
    return _emit(args, checks_report.ge_payload(model, values, references), checks_text.ge_text)


# --- the subcommand registry and main ---------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """One subcommand: its help line, its extra arguments and its handler (returns the exit status)."""

    help: str
    handler: Callable[[argparse.Namespace], int]
    arguments: Callable[[argparse.ArgumentParser], None] | None = None
    takes_set: bool = True
    takes_json: bool = True


COMMANDS: dict[str, Command] = {
    "params": Command("list the parameters, their defaults, ranges and sources", cmd_params, takes_set=False),
    "run": Command("project one scenario (defaults or --scenario FILE, plus --set) against business as usual",
                   cmd_run, _run_arguments),
    "tracker": Command("the latest year-to-date turnover against the growth the scenario assumes and the goal needs",
                       cmd_tracker, _run_arguments),
    "goalseek": Command("what one lever alone would need to reach the target in the target year", cmd_goalseek,
                        _goalseek_arguments),
    "montecarlo": Command("the scenario's fan (P10/P50/P90), probability of the target and target-year spread, "
                          "from seeded draws", cmd_montecarlo, _montecarlo_arguments),
    "deck": Command("write a scenario (defaults or --scenario FILE, plus --set) as a seven-slide PowerPoint deck",
                    cmd_deck, _deck_arguments),
    "brief": Command("write a scenario as one HTML file that opens anywhere with no network, the three levers live",
                     cmd_brief, _brief_arguments),
    "scenarios": Command("the saved-scenarios library ($HAMKORLIK_LIBRARY_URL): list, show, save, rename, delete",
                         cmd_scenarios, _scenarios_arguments, takes_set=False, takes_json=False),
    "backtest": Command("rolling-origin back-test (origins 2018-2023, horizons 1-5): Theil's U and MAPE of the trend "
                        "rule, a GDP-linked rule and a random walk", cmd_backtest, takes_set=False),
    "growth-split": Command("the growth needed to the target: the part GDP growth gives alone, the part integration "
                            "must add, and each lever's share of it", cmd_growth_split),
    "ge-check": Command("the trade-cost cut's effect in partial vs general equilibrium (Armington, UZ-KZ-rest of "
                        "world)", cmd_ge_check),
    "validate-data": Command("check your own baseline data (CSV/text, .xlsx or .xls shaped like "
                             "data/baseline_template.csv)",
                             cmd_validate_data, _validate_data_arguments, takes_set=False),
}


def load(args: argparse.Namespace) -> Model:
    """The model on ``--data-dir`` (raises ``DataError`` if a table fails validation)."""
    return load_model(Path(args.data_dir))


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with one subparser per entry of :data:`COMMANDS`."""
    parser = _Parser(prog=PROG, description="Hamkorlik: Uzbekistan-Kazakhstan trade what-if model.")
    parser.add_argument("--version", action="version", version=f"hamkorlik model {MODEL_VERSION}")
    parser.add_argument("--data-dir", default=str(DATA_DIR), metavar="DIR",
                        help="folder with macro.csv, bilateral_trade.csv, sector_shares.csv (default: data/)")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, command in COMMANDS.items():
        sub = subparsers.add_parser(name, help=command.help, description=command.help)
        if command.takes_set:
            _add_set(sub)
        if command.takes_json:
            _add_json(sub)
        if command.arguments is not None:
            command.arguments(sub)
        sub.set_defaults(handler=command.handler)
    return parser


def _one_line(message: str) -> str:
    return " ".join(message.replace("\r", "\n").split("\n")).strip()


def _fail(status: int, message: str) -> int:
    print(f"error: {_one_line(message)}", file=sys.stderr)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv``, run the subcommand and return the exit status (0 ok, 1 failure, 2 bad input/data)."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.handler(args)
        sys.stdout.flush()
        return status
    except InputError as error:
        return _fail(EXIT_BAD_INPUT, str(error))
    except DataError as error:
        return _fail(EXIT_BAD_INPUT, f"data: {error}")
    except (ScenarioFileError, LibraryError) as error:
        return _fail(EXIT_BAD_INPUT, str(error))
    except BrokenPipeError:
        # the reader went away (e.g. `| head`); don't let the interpreter complain while flushing
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return _fail(130, "interrupted")
    except Exception as error:  # the contract is one line, never a traceback
        return _fail(EXIT_FAILURE, f"{type(error).__name__}: {error}")
