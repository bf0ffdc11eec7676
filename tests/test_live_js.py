"""The browser's recombination and headline equal the server's, number for number and text for text (issue 15).

Node runs the browser's own ES modules (``presentation/frontend/src``: the recombination and every headline text,
``headlineTexts``) over 550 lever states in eleven sets of advanced assumptions, on the payload
:func:`model.live.live_components` sends, the symbols :mod:`presentation.number_format` sends and the page's
templates (:func:`presentation.live_data.templates`). The expected values are the model's own
(``Model.run_values``, ``Model.goal_seek``) and the page's server texts (:func:`presentation.live_data.server_texts`):
what the page shows after release must equal what the drag showed, in every language.
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
from presentation.i18n import LANGUAGES, Translator
from presentation.live_data import server_texts
from presentation.live_data import templates as live_templates
from presentation.number_format import number_symbols

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "presentation" / "frontend" / "src"
ASSUMPTION_SETS = 10  # drawn, besides the defaults
STATES_PER_SET = 50
TOLERANCE_USD_BN = 1e-9
# Reads the states, imports the browser's modules, writes what the browser would show for each state and language.
HARNESS = """
import { readFileSync } from "node:fs";
const input = JSON.parse(readFileSync(process.env.LIVE_JS_INPUT, "utf8"));
const { recombine, headline } = await import(input.modules.recombine);
const { headlineTexts } = await import(input.modules.texts);
const finite = (value) => (Number.isFinite(value) ? value : String(value));
const out = input.states.map(([set, growth, inflow, cut]) => {
  const payload = input.payloads[set];
  const head = headline(payload, growth, inflow, cut);
  const texts = {};
  for (const [lang, { symbols, templates }] of Object.entries(input.languages)) {
    texts[lang] = headlineTexts(head, growth, templates[set], symbols);
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


def _run_browser(tmp_path: Path, payloads: list[dict], states: list[list[float]],
                 templates: dict[str, list[dict]]) -> list[dict]:
    node = shutil.which("node")
    assert node, "node (Node.js >= 20) is needed to run the browser's modules; see README"
    modules = {name: (SOURCES / f"{name}.js").as_uri() for name in ("recombine", "texts")}
    languages = {lang: {"symbols": number_symbols(lang), "templates": templates[lang]} for lang in LANGUAGES}
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
    translators = {lang: Translator(lang) for lang in LANGUAGES}
    # The page's own catalogue texts per assumption set (the target's wording depends on the set's target).
    templates = {lang: [live_templates(model.run_values(values), t) for values in sets] for lang, t in
                 translators.items()}
    shown = _run_browser(tmp_path, payloads, states, templates)
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
            assert browser["texts"][lang] == server_texts(result, required, t), (lang, values)
    assert worst <= TOLERANCE_USD_BN


def test_harness_fails_loudly_on_a_wrong_module(tmp_path: Path) -> None:
    """A browser module that throws makes the run fail with node's message, never an empty pass."""
    node = shutil.which("node")
    assert node
    done = subprocess.run([node, "--input-type=module", "-e", HARNESS], capture_output=True, text=True,
                          env={"LIVE_JS_INPUT": str(tmp_path / "missing.json"), "PATH": ""}, timeout=60,
                          check=False)
    assert done.returncode != 0 and "missing.json" in done.stderr
