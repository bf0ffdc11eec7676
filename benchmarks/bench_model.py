"""How fast is the model? One full scenario projection, each goal seek, the Monte Carlo, the sensitivity tornado
and (if the app exists) an Explorer rerun.

Run ``python benchmarks/bench_model.py`` (a table) or ``python benchmarks/bench_model.py --json``.
Goals, each judged on the median (the p95 is shown beside it):

- one full projection (both countries, scenario and BAU: ``model.run.run_scenario``) in under 1 ms;
- each goal seek in under 20 ms;
- 10,000 Monte Carlo draws of the full model (``model.montecarlo.simulate``) in under 50 ms, or at most
  100 times one full projection measured in the same run (1,000 and 50,000 draws are shown beside it);
- the chance of the target from the headline run (``model.montecarlo.target_odds``, 10,000 draws: what the
  Explorer computes on every step a lever makes) at most 100 times one full projection;
- the tornado (``model.sensitivity.tornado``, when that module exists) is timed, without a goal.

Always exits 0: it reports, it does not gate.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from model import load_model  # noqa: E402
from model.montecarlo import HEADLINE_DRAWS, simulate, target_odds  # noqa: E402
from model.run import GOAL_SEEK_LEVERS, goal_seek, run_scenario  # noqa: E402

PROJECTION_GOAL_MS = 1.0
PROJECTION_REPETITIONS = 2000
GOAL_SEEK_GOAL_MS = 20.0
GOAL_SEEK_REPETITIONS = 500
MONTE_CARLO_REPETITIONS = {1_000: 60, 10_000: 30, 50_000: 8}  # draws: timed runs
MONTE_CARLO_GOAL_DRAWS = 10_000
MONTE_CARLO_GOAL_MS = 50.0
MONTE_CARLO_GOAL_RATIO = 100.0  # at most this many full projections
ODDS_REPETITIONS = 60
TORNADO_REPETITIONS = 50
APP_RERUNS = 20
PROJECTION_NAME = "full scenario projection (run_scenario)"


def timings_ms(action: Callable[[], object], repetitions: int, warmup: int = 20) -> list[float]:
    """Wall time of ``repetitions`` calls of ``action``, ms each (after ``warmup`` untimed calls)."""
    for _ in range(warmup):
        action()
    out = []
    for _ in range(repetitions):
        start = time.perf_counter()
        action()
        out.append((time.perf_counter() - start) * 1000)
    return out


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0…1)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summary(values: list[float]) -> dict[str, float]:
    return {"median_ms": statistics.median(values), "p95_ms": percentile(values, 0.95), "runs": len(values)}


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def bench_model() -> dict[str, dict]:
    model = load_model()
    values = model.values()
    figures: dict[str, dict] = {}
    projection = summary(timings_ms(lambda: run_scenario(values, model.baseline, model.registry),
                                    PROJECTION_REPETITIONS))
    projection["goal"] = f"< {PROJECTION_GOAL_MS:g} ms"
    projection["verdict"] = verdict(projection["median_ms"] < PROJECTION_GOAL_MS)
    figures[PROJECTION_NAME] = projection
    for lever in GOAL_SEEK_LEVERS:
        seek = summary(timings_ms(lambda lever=lever: goal_seek(lever, values, model.baseline, model.registry),
                                  GOAL_SEEK_REPETITIONS))
        seek["goal"] = f"< {GOAL_SEEK_GOAL_MS:g} ms"
        seek["verdict"] = verdict(seek["median_ms"] < GOAL_SEEK_GOAL_MS)
        figures[f"goal seek: {lever}"] = seek
    figures.update(bench_analysis(model, values, projection["median_ms"]))
    return figures


def bench_analysis(model, values: dict[str, float], projection_ms: float) -> dict[str, dict]:
    """The Monte Carlo at each draw count (the goal at 10,000, against ``projection_ms`` from the same run)
    and the sensitivity tornado, if ``model.sensitivity`` exists."""
    figures: dict[str, dict] = {}
    for draws, repetitions in MONTE_CARLO_REPETITIONS.items():
        figure = summary(timings_ms(lambda draws=draws: simulate(values, model.baseline, model.registry, draws),
                                    repetitions, warmup=3))
        figure["ratio_to_projection"] = figure["median_ms"] / projection_ms
        if draws == MONTE_CARLO_GOAL_DRAWS:
            figure["goal"] = (f"< {MONTE_CARLO_GOAL_MS:g} ms or <= {MONTE_CARLO_GOAL_RATIO:g}x projection "
                              f"(here {figure['ratio_to_projection']:.0f}x)")
            figure["verdict"] = verdict(figure["median_ms"] < MONTE_CARLO_GOAL_MS
                                        or figure["ratio_to_projection"] <= MONTE_CARLO_GOAL_RATIO)
        figures[f"Monte Carlo, {draws:,} draws (simulate)"] = figure
    odds = summary(timings_ms(lambda: target_odds(values, model.baseline, model.registry), ODDS_REPETITIONS,
                              warmup=3))
    odds["ratio_to_projection"] = odds["median_ms"] / projection_ms
    odds["goal"] = f"<= {MONTE_CARLO_GOAL_RATIO:g}x projection (here {odds['ratio_to_projection']:.0f}x)"
    odds["verdict"] = verdict(odds["ratio_to_projection"] <= MONTE_CARLO_GOAL_RATIO)
    figures[f"chance of the target, {HEADLINE_DRAWS:,} draws (target_odds)"] = odds
    figures["sensitivity tornado (tornado)"] = bench_tornado(model, values)
    return figures


def bench_tornado(model, values: dict[str, float]) -> dict:
    """Median time of the tornado, or ``{"skipped": why}`` while ``model.sensitivity.tornado`` does not exist."""
    try:
        tornado = importlib.import_module("model.sensitivity").tornado
    except (ImportError, AttributeError) as error:
        return {"skipped": f"no model.sensitivity.tornado ({error})"}
    return summary(timings_ms(lambda: tornado(values, model.baseline, model.registry), TORNADO_REPETITIONS,
                              warmup=3))


def bench_app() -> dict[str, object]:
    """Median wall time of an Explorer rerun after a slider move, in Streamlit's AppTest."""
    app = ROOT / "app.py"
    if not app.exists():
        return {"skipped": "no app.py"}
    try:
        from streamlit.testing.v1 import AppTest
    except ImportError as error:  # pragma: no cover - streamlit is a runtime dependency
        return {"skipped": f"streamlit.testing unavailable ({error})"}
    # Bare-mode chatter ("missing ScriptRunContext") is not a finding.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            at = AppTest.from_file(str(app), default_timeout=30)
            at.run()
            if at.exception:
                return {"skipped": f"the app raised on its first run: {at.exception[0].message}"}
            if not at.slider:
                return {"skipped": "the app shows no slider"}
            slider = at.slider[0]
            first = slider.value
            if isinstance(first, tuple | list):
                return {"skipped": "the first slider is a range slider"}
            other = slider.min if first != slider.min else slider.max
            times = []
            for index in range(APP_RERUNS):
                at.slider[0].set_value(other if index % 2 == 0 else first)
                start = time.perf_counter()
                at.run()
                times.append((time.perf_counter() - start) * 1000)
                if at.exception:
                    return {"skipped": f"the app raised on a rerun: {at.exception[0].message}"}
    except Exception as error:  # noqa: BLE001 - a broken app must not break the model figures
        return {"skipped": f"{type(error).__name__}: {error}"}
    finally:
        os.chdir(previous)
    return {**summary(times), "slider": slider.label, "values": [first, other]}


def print_table(figures: dict[str, dict], app: dict[str, object]) -> None:
    rows = [("measure", "median ms", "p95 ms", "runs", "goal", "verdict")]
    for name, figure in figures.items():
        if "skipped" in figure:
            rows.append((name, "n/a", "n/a", "0", "", f"skipped: {figure['skipped']}"))
            continue
        rows.append((name, f"{figure['median_ms']:.3f}", f"{figure['p95_ms']:.3f}", str(figure["runs"]),
                     figure.get("goal", ""), figure.get("verdict", "")))
    name = "Explorer rerun (AppTest, slider moved)"
    if "skipped" in app:
        rows.append((name, "n/a", "n/a", "0", "", f"skipped: {app['skipped']}"))
    else:
        rows.append((name, f"{app['median_ms']:.1f}", f"{app['p95_ms']:.1f}", str(app["runs"]), "", ""))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in zip(row[1:4], widths[1:4],
                                                                                       strict=True)]
        cells += [cell.ljust(width) for cell, width in zip(row[4:], widths[4:], strict=True)]
        print("  ".join(cells).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-app", action="store_true", help="skip the Streamlit AppTest rerun timing")
    args = parser.parse_args(argv)
    figures = bench_model()
    app = {"skipped": "--no-app"} if args.no_app else bench_app()
    # The server's C-allocator setting (`make run`, deploy/Dockerfile), which `make bench` starts this with too.
    allocator = {"MALLOC_TOP_PAD_": os.environ.get("MALLOC_TOP_PAD_", "unset (glibc default)")}
    if args.json:
        print(json.dumps({"model": figures, "explorer_rerun": app, "allocator": allocator}, indent=2, default=str))
    else:
        print_table(figures, app)
        print(f"C allocator: MALLOC_TOP_PAD_={allocator['MALLOC_TOP_PAD_']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
