"""The live levers: what the browser shows while a slider moves equals what the server shows on release.

The browser's own code (presentation/frontend/src, run by node) recombines the server's components and words the
headline for 600 drawn lever states in each language; the server words the same states from its own run of
the model. They must agree to the displayed precision, every text and every chart row.
"""

from __future__ import annotations

import json
import math
import random
import shutil
import subprocess
from pathlib import Path

import altair as alt
import pytest

from exchange.live_values import LIVE_LEVERS, read_released
from model import Model
from model.live import lever_grid
from presentation.frontend_assets import (
    FRONTEND_DIR,
    chart_libraries_js,
    live_levers_js,
    live_payload_js,
    panels_js,
    spec_chart_js,
)
from presentation.i18n import LANGUAGES, Translator
from presentation.live_data import live_data
from presentation.number_format import number_symbols

NODE = shutil.which("node")
STATES = 600
FRAME_JS = """
import { readFileSync } from "node:fs";
import { liveFrame } from "./presentation/frontend/src/frame.js";
const cases = JSON.parse(readFileSync(0, "utf8"));
console.log(JSON.stringify(cases.map(({ data, values }) => liveFrame(data, values))));
"""


def run_node(script: str, stdin: str) -> str:
    assert NODE, "node is needed for the JavaScript tests (Node 20: apt-get install nodejs)"
    done = subprocess.run([NODE, "--input-type=module", "-e", script], input=stdin, capture_output=True,
                          text=True, cwd=FRONTEND_DIR.parent.parent, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def drawn_states(model: Model, count: int, seed: int) -> list[dict[str, float]]:
    """Lever states on the sliders' grids, spread over the whole range (a third near the defaults)."""
    rng = random.Random(seed)
    grids = {key: lever_grid(model.registry.by_key[key]).tolist() for key in LIVE_LEVERS}
    defaults = model.registry.defaults()
    states = []
    for index in range(count):
        state = {}
        for key, grid in grids.items():
            if index % 3 == 0:  # near the default, where the target year changes within a step or two
                at = min(range(len(grid)), key=lambda i, key=key, grid=grid: abs(grid[i] - defaults[key]))
                state[key] = grid[min(max(at + rng.randint(-40, 40), 0), len(grid) - 1)]
            else:
                state[key] = rng.choice(grid)
        states.append(state)
    return states


@pytest.mark.parametrize("lang", LANGUAGES)
def test_browser_texts_and_rows_equal_the_servers_for_drawn_states(model: Model, lang: str) -> None:
    t = Translator(lang)
    base = model.run_values(model.registry.defaults())
    data = live_data(model, base, model.goal_seek("trade_growth", base.scenario.values).unclamped, t)
    states = drawn_states(model, STATES, seed=LANGUAGES.index(lang))
    expected = []
    for state in states:
        levers = {**model.registry.defaults(), **state}
        result = model.run_values(levers)
        server = live_data(model, result, model.goal_seek("trade_growth", levers).unclamped, t)["server"]
        expected.append(server)
    # One payload for all states: the components do not depend on the three levers.
    frames = json.loads(run_node(FRAME_JS, json.dumps([{"data": data, "values": s} for s in states])))
    reached = sum(server["texts"]["fractional"] != "" for server in expected)
    assert 100 < reached < STATES - 50, "the drawn states must cover reached and not reached alike"
    for state, frame, server in zip(states, frames, expected, strict=True):
        assert frame["texts"] == server["texts"], state
        assert [(r["year"], r["case_label"]) for r in frame["rows"]["paths"]] == \
            [(r["year"], r["case_label"]) for r in server["paths"]]
        for browser_row, server_row in zip(frame["rows"]["paths"], server["paths"], strict=True):
            assert math.isclose(browser_row["turnover_usd_bn"], server_row["turnover_usd_bn"], abs_tol=1e-9), state
        assert [(r["year"], r["label"]) for r in frame["rows"]["marker"]] == \
            [(r["year"], r["label"]) for r in server["marker"]], state


def test_number_symbols_are_babels_for_every_language() -> None:
    from babel.numbers import format_decimal

    for lang in LANGUAGES:
        symbols = number_symbols(lang)
        written = format_decimal(-1234567.5, format="#,##0.0", locale=Translator(lang).locale)
        assert written == f"{symbols['minus']}1{symbols['group']}234{symbols['group']}567{symbols['decimal']}5"


def test_the_joined_component_module_parses_and_names_do_not_clash(tmp_path: Path) -> None:
    bundle = tmp_path / "live_levers.mjs"
    bundle.write_text(live_levers_js(), encoding="utf-8")
    assert "import " not in live_levers_js().split("export default")[0].replace("// ", "")  # no imports left
    done = subprocess.run([NODE or "node", "--check", str(bundle)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    for name, module in (("payload", live_payload_js()), ("spec_chart", spec_chart_js()), ("panels", panels_js())):
        joined = tmp_path / f"{name}.mjs"
        joined.write_text(module, encoding="utf-8")
        assert "import " not in module.split("export default")[0].replace("// ", ""), name
        checked = subprocess.run([NODE or "node", "--check", str(joined)], capture_output=True, text=True, timeout=60)
        assert checked.returncode == 0, (name, checked.stderr)
    libraries = tmp_path / "libraries.mjs"
    libraries.write_text(chart_libraries_js(), encoding="utf-8")
    assert subprocess.run([NODE or "node", "--check", str(libraries)], capture_output=True, timeout=60).returncode == 0


def test_the_component_data_is_json_without_nan_or_infinity(model: Model) -> None:
    t = Translator("ru")
    result = model.run_values(model.registry.defaults())
    data = live_data(model, result, float("-inf"), t)
    json.dumps(data, allow_nan=False)
    assert data["values"] == {key: result.scenario.values[key] for key in LIVE_LEVERS}
    assert data["spec"]["$schema"].endswith(f"vega-lite/{alt.SCHEMA_VERSION}.json")


# --- values sent back by the browser -----------------------------------------------------------------------

CURRENT = {"trade_growth": 7.0, "investment_inflow": 1.34, "trade_cost_cut": 0.0}


@pytest.mark.parametrize(("sent", "code", "kept"), [
    ("NaN", "not_finite", 7.0),
    ("1e309", "not_finite", 7.0),
    (float("inf"), "not_finite", 7.0),
    ("seven", "not_number", 7.0),
    (None, "not_number", 7.0),
    (True, "not_number", 7.0),
    ([7], "not_number", 7.0),
    ("9" * 40, "too_long", 7.0),
    (55, "clamped", 40.0),
    ("-1e300", "clamped", -10.0),
])
def test_a_tampered_value_is_ignored_or_clamped_with_a_note(model: Model, sent: object, code: str,
                                                            kept: float) -> None:
    released = read_released({**CURRENT, "trade_growth": sent, "seq": 3}, CURRENT, model.registry)
    assert [note.code for note in released.notes] == [code]
    assert released.levers == {**CURRENT, "trade_growth": kept}
    assert released.seq == 3
    text = Translator("uz")(f"link.{code}", key="g", raw=released.notes[0].raw, applied=released.notes[0].applied)
    assert "{" not in text


def test_values_in_range_pass_unchanged_and_garbage_keeps_the_scenario(model: Model) -> None:
    sent = {"trade_growth": 12.3, "investment_inflow": "2.5", "trade_cost_cut": 7.5, "seq": 9}
    released = read_released(sent, CURRENT, model.registry)
    assert released.levers == {"trade_growth": 12.3, "investment_inflow": 2.5, "trade_cost_cut": 7.5}
    assert released.notes == []
    for garbage in ("not a dict", None, 42, {"seq": "x"}):
        assert read_released(garbage, CURRENT, model.registry).levers == CURRENT
