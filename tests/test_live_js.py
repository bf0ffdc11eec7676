"""The browser's recombination and headline equal the server's, number for number and text for text (issue 15).

Node runs the browser's own ES modules (``ui/frontend/src``: the recombination, the number formats and the
headline words) over 550 lever states in eleven sets of advanced assumptions, on the payload
:func:`model.live.live_components` sends and the symbols :mod:`presentation.number_format` sends. The expected
values are the model's own (``Model.run_values``, ``Model.goal_seek``) and the server's texts (``Translator``,
``crossing_text``, ``years_delta_text``): what the page shows after release must equal what the drag showed.
"""

from __future__ import annotations

import json
import math
import shutil
import subprocess
from pathlib import Path

import numpy as np

from model import Model
from model.live import LEVERS, lever_grid, live_components
from model.projection import TURNOVER_YEARS
from model.run import ScenarioResult
from presentation.figures import crossing_text, years_delta_text
from presentation.i18n import LANGUAGES, Translator
from presentation.number_format import number_symbols

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "ui" / "frontend" / "src"
ASSUMPTION_SETS = 10  # drawn, besides the defaults
STATES_PER_SET = 50
TOLERANCE_USD_BN = 1e-9
TEMPLATE_KEYS = {"already": "headline.already", "not_by_2050": "headline.not_by_2050",
                 "same_as_bau": "headline.same_as_bau", "years_vs_bau": "headline.years_vs_bau",
                 "gap": "headline.gap", "usd_bn_value": "units.usd_bn_value",
                 "pct_per_year_value": "units.pct_per_year_value", "growth_not_needed": "headline.growth_not_needed"}

# Reads the states, imports the browser's modules, writes what the browser would show for each state and language.
HARNESS = """
import { readFileSync } from "node:fs";
const input = JSON.parse(readFileSync(process.env.LIVE_JS_INPUT, "utf8"));
const { recombine, headline } = await import(input.modules.recombine);
const { formatNumber, formatSigned, fill } = await import(input.modules.format);
const { yearText, deltaText } = await import(input.modules.texts);
const finite = (value) => (Number.isFinite(value) ? value : String(value));
const out = input.states.map(([set, growth, inflow, cut]) => {
  const payload = input.payloads[set];
  const head = headline(payload, growth, inflow, cut);
  const texts = {};
  for (const [lang, { symbols, templates }] of Object.entries(input.languages)) {
    texts[lang] = {
      year: yearText(head, templates),
      delta: deltaText(head, templates),
      turnover: fill(templates.usd_bn_value, { value: formatNumber(head.turnover_at_goal, 2, symbols) }),
      gap: fill(templates.gap, { gap: formatSigned(-head.gap_at_goal, 2, symbols, { plus: "+", minus: "-" }) }),
      growth: head.required_growth_pct === -Infinity ? templates.growth_not_needed
        : fill(templates.pct_per_year_value, { value: formatNumber(head.required_growth_pct, 1, symbols) }),
    };
  }
  return { path: recombine(payload, growth, inflow, cut), head: { ...head,
    required_growth_pct: finite(head.required_growth_pct) }, texts };
});
process.stdout.write(JSON.stringify(out));
"""


def _assumption_sets(model: Model) -> list[dict[str, float]]:
    """The defaults and drawn sets: every non-lever value at a random point of its registry grid (fixed seed)."""
    rng = np.random.default_rng(15)
    sets = [model.values()]
    while len(sets) <= ASSUMPTION_SETS:
        values = model.values()
        for param in model.registry.parameters:
            if param.key not in LEVERS:
                values[param.key] = float(rng.choice(lever_grid(param)))
        if any(values[key] > 0 for key in ("sector_mix_industry", "sector_mix_infrastructure", "sector_mix_agro")):
            sets.append(values)
    return sets


def _states(model: Model, count: int) -> list[tuple[float, float, float]]:
    """Lever states on the sliders' grids: the corners first, then random grid points (fixed seed)."""
    grids = [lever_grid(model.registry.by_key[key]) for key in LEVERS]
    corners = [(float(g[i]), float(n[j]), float(c[k])) for (g, n, c) in [grids]
               for i in (0, -1) for j in (0, -1) for k in (0, -1)]
    rng = np.random.default_rng(1500)
    drawn = [tuple(float(rng.choice(grid)) for grid in grids) for _ in range(count - len(corners))]
    return corners + drawn  # type: ignore[return-value]


def _server_texts(result: ScenarioResult, required: float, t: Translator) -> dict[str, str]:
    """The headline's texts as the server writes them (ui.panels.headline's arguments)."""
    gap = result.gap_at_goal
    return {
        "year": crossing_text(result.scenario, t).value,
        "delta": years_delta_text(result, t) or "",
        "turnover": t.usd_bn(result.turnover_at_goal),
        "gap": t("headline.gap", gap=t.signed(-gap, 2).replace("−", "-")),
        "growth": (t("headline.growth_not_needed") if math.isinf(required) and required < 0
                   else t("units.pct_per_year_value", value=t.number(required, 1))),
    }


def _templates(t: Translator) -> dict[str, object]:
    """The catalogue texts the browser fills, and each possible year difference worded with its noun."""
    span = len(TURNOVER_YEARS) - 1
    texts: dict[str, object] = {name: t(key) for name, key in TEMPLATE_KEYS.items()}
    texts["years_delta"] = {str(delta): t.count("years", delta, f"{delta:+d}") for delta in range(-span, span + 1)}
    return texts


def _run_browser(tmp_path: Path, payloads: list[dict], states: list[list[float]]) -> list[dict]:
    node = shutil.which("node")
    assert node, "node (Node.js >= 20) is needed to run the browser's modules; see README"
    modules = {name: (SOURCES / f"{name}.js").as_uri() for name in ("recombine", "format", "texts")}
    languages = {lang: {"symbols": number_symbols(lang), "templates": _templates(Translator(lang))}
                 for lang in LANGUAGES}
    source = tmp_path / "states.json"
    source.write_text(json.dumps({"modules": modules, "payloads": payloads, "states": states,
                                  "languages": languages}), encoding="utf-8")
    done = subprocess.run([node, "--input-type=module", "-e", HARNESS], capture_output=True, text=True,
                          env={"LIVE_JS_INPUT": str(source), "PATH": ""}, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_browser_equals_the_server_over_550_states(model: Model, tmp_path: Path) -> None:
    sets = _assumption_sets(model)
    payloads = [live_components(values, model.baseline, model.registry).to_payload() for values in sets]
    states = [[index, *state] for index in range(len(sets)) for state in _states(model, STATES_PER_SET)]
    assert len(states) >= 500
    shown = _run_browser(tmp_path, payloads, states)
    translators = {lang: Translator(lang) for lang in LANGUAGES}
    worst = 0.0
    for (index, *state), browser in zip(states, shown, strict=True):
        values = {**sets[index], **dict(zip(LEVERS, state, strict=True))}
        result = model.run_values(values)
        required = model.goal_seek("trade_growth", values).unclamped
        path_error = float(np.max(np.abs(np.array(browser["path"]) - result.scenario.turnover.total)))
        worst = max(worst, path_error)
        assert path_error <= TOLERANCE_USD_BN, (values, path_error)
        head = browser["head"]
        crossing = result.scenario.crossing
        assert head["first_year"] == (int(crossing.first_year) if bool(crossing.reached) else None)
        if head["fractional"] is not None:
            assert abs(head["fractional"] - float(crossing.fractional)) <= TOLERANCE_USD_BN
        assert abs(head["turnover_at_goal"] - result.turnover_at_goal) <= TOLERANCE_USD_BN
        if math.isinf(required):
            assert head["required_growth_pct"] == "-Infinity"
        else:
            assert abs(head["required_growth_pct"] - required) <= TOLERANCE_USD_BN * max(1.0, abs(required))
        for lang, t in translators.items():
            assert browser["texts"][lang] == _server_texts(result, required, t), (lang, values)
    assert worst <= TOLERANCE_USD_BN


def test_harness_fails_loudly_on_a_wrong_module(tmp_path: Path) -> None:
    """A browser module that throws makes the run fail with node's message, never an empty pass."""
    node = shutil.which("node")
    assert node
    done = subprocess.run([node, "--input-type=module", "-e", HARNESS], capture_output=True, text=True,
                          env={"LIVE_JS_INPUT": str(tmp_path / "missing.json"), "PATH": ""}, timeout=60,
                          check=False)
    assert done.returncode != 0 and "missing.json" in done.stderr
