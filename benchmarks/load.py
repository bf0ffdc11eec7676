"""Does the Explorer stay responsive with many people on it at once, and what does each one cost in memory?

    python benchmarks/load.py [--levels 1,10,20] [--steps 15] [--json]

Starts ``streamlit run app.py`` on a free port on 127.0.0.1 (its own process group, killed at the end; the
saved-scenarios library in a throwaway SQLite file) and one headless Chromium. For each level N (ascending)
it opens fresh browser contexts until N sessions are open (sessions of the previous level stay open, so at
level N exactly N Streamlit sessions exist), then every session moves the first live lever ("Trade growth",
``[data-testid="live-lever-trade_growth"]``, a range input in the ``st.components.v2`` component's shadow
root) with the keyboard ``--steps`` times, all sessions at once (asyncio.gather), each step timed in the page
as in ``benchmarks/latency.py``: keydown -> the live headline's turnover changed, the script state has been
``running`` and is back to ``notRunning``, and the component shows the server's numbers
(``data-source="server"``) for this release (a greater ``data-seq``). A session counts as loaded once the
levers and their chart drawn with the server's numbers are on the page and the first run finished. Between
steps a session pauses ``--pause`` s (+-50 % jitter, so sessions do not move in lockstep). Levels are capped
at 50 sessions.

Reported per level: p50/p95/max step latency, errors (step timeouts, exceptions shown on the page
``[data-testid="stException"]``, sessions that fail to load, Playwright errors), server RSS (psutil, the
server process and its children) idle, with the level's sessions loaded, after their steps and the peak
during the steps, and MB per extra session ((RSS at N - RSS at the lowest level) / (N - lowest level), RSS
after the steps). Browser JavaScript errors are listed but are not goal errors. Also the CPU time the server
and Chromium used during each level's steps: the browser runs on the same machine as the server, so at 20
sessions Chromium's rendering competes with the server for the CPUs, and these two columns show which of
them saturates it. ``--bare`` loads the bare reference app instead (calibration: what the machine allows;
its ``st.slider`` stepped until its metric changed and the run finished).

Goals: 0 errors; p95 at the highest level <= 2x p95 at the lowest; <= 20 MB per extra session. Exit code 0
with PASS or FAIL (a benchmark, not a test), 2 on a harness error (server does not start, no browser).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from latency import (  # noqa: E402
    ARM_JS,
    BARE,
    CHROMIUM,
    CHROMIUM_ARGS,
    EXCEPTION_SEL,
    LOAD_DONE_JS,
    OURS,
    SLIDER_BOUNDS_JS,
    VIEWPORT,
    AppSpec,
    HarnessError,
    arm_options,
    clean_exception_text,
    init_js,
    log,
    machine_info,
    measure_and_report,
    percentile,
    rss_mb,
    servers,
    slider_locator,
    step_direction,
    step_result,
)

MAX_SESSIONS = 50
OPEN_CONCURRENCY = 4  # sessions loading at once when a level opens its new sessions
GOAL_ERRORS = 0
GOAL_P95_RATIO = 2.0
GOAL_MB_PER_SESSION = 20.0


def cpu_seconds(pid: int, exclude: int | None = None) -> float:
    """User + system CPU time of ``pid`` and its descendants (minus the ``exclude`` subtree), seconds."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
        skipped: set[int] = set()
        if exclude is not None:
            with contextlib.suppress(psutil.Error):
                ex = psutil.Process(exclude)
                skipped = {ex.pid, *(c.pid for c in ex.children(recursive=True))}
        total = 0.0
        for proc in procs:
            if proc.pid in skipped or (exclude is not None and proc.pid == os.getpid()):
                continue
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                total += times.user + times.system
        return total
    except psutil.Error:
        return float("nan")


class Session:
    """One browser context on the app: its page, first slider and everything that went wrong in it."""

    def __init__(self, index: int, app: AppSpec) -> None:
        self.index = index
        self.app = app
        self.ctx: Any = None
        self.page: Any = None
        self.slider: Any = None
        self.direction = "ArrowRight"
        self.js_errors: list[str] = []
        self.alive = False

    async def open(self, browser: Any, url: str, timeout_ms: float) -> dict[str, Any]:
        self.ctx = await browser.new_context(viewport=VIEWPORT)
        await self.ctx.add_init_script(init_js(self.app))
        self.page = await self.ctx.new_page()
        self.page.on("pageerror", lambda error: self.js_errors.append(str(error)[:300]))
        start = time.monotonic()
        await self.page.goto(url, wait_until="commit", timeout=timeout_ms)
        await self.page.wait_for_function(LOAD_DONE_JS, timeout=timeout_ms, polling=100)
        raw = await self.page.evaluate("() => window.__bmLoad")
        if raw["exception"] is not None:
            text = clean_exception_text(await self.page.locator(EXCEPTION_SEL).first.inner_text())
            raise RuntimeError(f"exception on the page after load: {text[:300]}")
        self.slider = slider_locator(self.page, self.app)
        await self.slider.wait_for(state="attached", timeout=timeout_ms)
        self.alive = True
        return {"wall_ms": round((time.monotonic() - start) * 1000), "first_run_done_ms": raw["ready"]}

    async def step(self, timeout_ms: float, confirm_ms: float) -> dict[str, Any]:
        bounds = await self.slider.evaluate(SLIDER_BOUNDS_JS)
        self.direction = step_direction(bounds, self.direction)
        armed = await self.page.evaluate(ARM_JS, arm_options(self.app.metric_label, timeout_ms, confirm_ms,
                                                             self.app.live))
        if "error" in armed:
            raise RuntimeError(armed["error"])
        await self.slider.press(self.direction)
        raw = await self.page.evaluate("() => window.__bmStep.pending")
        return step_result(raw, bounds)

    async def close(self) -> None:
        if self.ctx is not None:
            with contextlib.suppress(Exception):
                await self.ctx.close()


async def open_sessions(browser: Any, url: str, sessions: list[Session], timeout_ms: float,
                        errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    gate = asyncio.Semaphore(OPEN_CONCURRENCY)
    loads: list[dict[str, Any]] = []

    async def one(session: Session) -> None:
        async with gate:
            try:
                loads.append(await session.open(browser, url, timeout_ms))
            except Exception as error:  # noqa: BLE001 - a session that cannot load is a measured error
                errors.append({"session": session.index, "kind": "load", "detail": f"{type(error).__name__}: "
                               f"{str(error).splitlines()[0][:300]}"})

    await asyncio.gather(*(one(session) for session in sessions))
    return loads


async def drive(session: Session, args: argparse.Namespace, rng: random.Random,
                errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``args.steps`` slider steps in one session; timeouts and page exceptions go to ``errors``."""
    samples: list[dict[str, Any]] = []
    await asyncio.sleep(rng.uniform(0, args.pause))  # desynchronise the sessions' first steps
    for index in range(args.steps):
        try:
            step = await session.step(args.step_timeout * 1000, args.confirm_ms)
        except Exception as error:  # noqa: BLE001 - Playwright/page failure during a step is a measured error
            errors.append({"session": session.index, "step": index, "kind": "exception",
                           "detail": f"{type(error).__name__}: {str(error).splitlines()[0][:300]}"})
            session.alive = False
            return samples
        if step["exception"]:
            text = clean_exception_text(await session.page.locator(EXCEPTION_SEL).first.inner_text())
            errors.append({"session": session.index, "step": index, "kind": "page exception",
                           "detail": text[:300]})
            session.alive = False
            return samples
        if not step["ok"]:
            errors.append({"session": session.index, "step": index, "kind": "timeout",
                           "detail": f"no update within {args.step_timeout:g} s (state {step['state']}, "
                                     f"metric {step['value_before']!r} -> {step['value_after']!r}, "
                                     f"source {step['source']}, seq {step['seq_before']} -> {step['seq_after']})"})
        else:
            samples.append(step)
        await asyncio.sleep(args.pause * rng.uniform(0.5, 1.5))
    return samples


async def sample_rss(pid: int, peak: dict[str, float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        value = rss_mb(pid)
        if value is not None:
            peak["mb"] = max(peak.get("mb", 0.0), value)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=0.5)


def latency_summary(values: list[float]) -> dict[str, float] | None:
    if not values:
        return None
    return {"n": len(values), "p50": round(percentile(values, 0.5), 1), "p95": round(percentile(values, 0.95), 1),
            "max": round(max(values), 1)}


async def run_levels(args: argparse.Namespace) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    rng = random.Random(args.seed)
    app = BARE if args.bare else OURS
    out: dict[str, Any] = {"machine": machine_info(), "app": app.name, "script": str(app.script.name),
                           "watched": app.watched,
                           "levels": [], "steps": args.steps, "pause_s": args.pause}
    with servers([app.script]) as (server,):
        out["url"] = server.url
        await asyncio.sleep(1.0)
        out["rss_idle_mb"] = rss_mb(server.pid)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS,
                                                       headless=True)
            out["machine"]["chromium"] = browser.version
            sessions: list[Session] = []
            try:
                for level in args.levels:
                    errors: list[dict[str, Any]] = []
                    new = [Session(len(sessions) + i, app) for i in range(level - len(sessions))]
                    sessions += new
                    log(f"level {level}: opening {len(new)} new session(s)")
                    loads = await open_sessions(browser, server.url, new, args.timeout * 1000, errors)
                    await asyncio.sleep(args.settle)
                    rss_loaded = rss_mb(server.pid)
                    live = [s for s in sessions if s.alive]
                    js_before = sum(len(s.js_errors) for s in sessions)
                    peak: dict[str, float] = {}
                    stop = asyncio.Event()
                    sampler = asyncio.create_task(sample_rss(server.pid, peak, stop))
                    log(f"level {level}: {len(live)} session(s) x {args.steps} steps")
                    started = time.monotonic()
                    cpu_server, cpu_browser = cpu_seconds(server.pid), cpu_seconds(os.getpid(), server.pid)
                    per_session = await asyncio.gather(*(drive(s, args, rng, errors) for s in live))
                    elapsed = time.monotonic() - started
                    cpu_server = cpu_seconds(server.pid) - cpu_server
                    cpu_browser = cpu_seconds(os.getpid(), server.pid) - cpu_browser
                    stop.set()
                    await sampler
                    await asyncio.sleep(args.settle)
                    latencies = [step["latency_ms"] for steps in per_session for step in steps]
                    row = {"level": level, "sessions_open": len(sessions), "sessions_stepping": len(live),
                           "steps_ok": len(latencies), "steps_planned": len(live) * args.steps,
                           "errors": errors, "error_count": len(errors),
                           "latency_ms": latency_summary(latencies),
                           "server_first_msg_ms": latency_summary(
                               [s["first_msg_ms"] for steps in per_session for s in steps
                                if s["first_msg_ms"] is not None]),
                           "load_wall_ms": latency_summary([ld["wall_ms"] for ld in loads]),
                           "rss_loaded_mb": rss_loaded, "rss_after_mb": rss_mb(server.pid),
                           "rss_peak_mb": peak.get("mb"), "elapsed_s": round(elapsed, 1),
                           "server_cpu_s": round(cpu_server, 1), "browser_cpu_s": round(cpu_browser, 1),
                           "js_errors": sum(len(s.js_errors) for s in sessions) - js_before,
                           "slider_labels": dict(collections.Counter(
                               step["slider"] for steps in per_session for step in steps))}
                    out["levels"].append(row)
                    lat = row["latency_ms"] or {}
                    log(f"level {level}: p50 {lat.get('p50')} ms, p95 {lat.get('p95')} ms, "
                        f"errors {len(errors)}, RSS {row['rss_after_mb']} MB ({elapsed:.0f} s)")
            finally:
                for session in sessions:
                    await session.close()
                await browser.close()
    out["js_error_samples"] = sorted({e for s in sessions for e in s.js_errors})[:5]
    out["goals"] = goals(out)
    return out


def goals(out: dict[str, Any]) -> list[dict[str, Any]]:
    levels = out["levels"]
    low, high = levels[0], levels[-1]
    total_errors = sum(row["error_count"] for row in levels)
    rows = [{"goal": f"{GOAL_ERRORS} errors at every level", "value": total_errors,
             "verdict": "PASS" if total_errors <= GOAL_ERRORS else "FAIL"}]
    p95_low = (low["latency_ms"] or {}).get("p95")
    p95_high = (high["latency_ms"] or {}).get("p95")
    ratio = round(p95_high / p95_low, 2) if p95_low and p95_high else None
    rows.append({"goal": f"p95 at {high['level']} sessions <= {GOAL_P95_RATIO:g}x p95 at {low['level']}",
                 "value": ratio, "detail": f"{p95_high} ms / {p95_low} ms",
                 "verdict": "PASS" if ratio is not None and ratio <= GOAL_P95_RATIO else "FAIL"})
    for row in levels:
        extra = row["level"] - low["level"]
        row["mb_per_extra_session"] = (round((row["rss_after_mb"] - low["rss_after_mb"]) / extra, 2)
                                       if extra > 0 and row["rss_after_mb"] and low["rss_after_mb"] else None)
    per = high.get("mb_per_extra_session")
    rows.append({"goal": f"<= {GOAL_MB_PER_SESSION:g} MB per extra session (at {high['level']})", "value": per,
                 "verdict": "PASS" if per is not None and per <= GOAL_MB_PER_SESSION else "FAIL"})
    return rows


def print_table(out: dict[str, Any]) -> None:
    m = out["machine"]
    print(f"{out['app']} ({out['script']}) under load - Streamlit {m.get('streamlit')}, "
          f"Chromium {m.get('chromium')}, {m.get('cpus')} CPUs, load average {m.get('loadavg_1m')} at start")
    print(f"commit {m.get('commit')}")
    print(f"each session: fresh browser context, {out['steps']} keyboard steps of the first slider (each until "
          f"{out['watched']}), pause {out['pause_s']:g} s +-50 % between steps; all sessions of a level at once\n")
    header = ["sessions", "steps ok", "errors", "p50 ms", "p95 ms", "max ms", "RSS loaded MB", "RSS after MB",
              "RSS peak MB", "MB/extra session", "time s", "server CPU s", "browser CPU s"]
    rows = [header, ["idle", "", "", "", "", "", "", str(out["rss_idle_mb"]), "", "", "", "", ""]]
    for row in out["levels"]:
        lat = row["latency_ms"] or {}
        per = row.get("mb_per_extra_session")
        rows.append([str(row["level"]), f"{row['steps_ok']}/{row['steps_planned']}", str(row["error_count"]),
                     str(lat.get("p50", "n/a")), str(lat.get("p95", "n/a")), str(lat.get("max", "n/a")),
                     str(row["rss_loaded_mb"]), str(row["rss_after_mb"]), str(row["rss_peak_mb"]),
                     "" if per is None else f"{per:.2f}", f"{row['elapsed_s']:.0f}", f"{row['server_cpu_s']:.1f}",
                     f"{row['browser_cpu_s']:.1f}"])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for index, r in enumerate(rows):
        print("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))
    labels: collections.Counter[str] = collections.Counter()
    for row in out["levels"]:
        labels.update(row["slider_labels"])
    print("slider stepped: " + ", ".join(f"{label!r} x{n}" for label, n in labels.items()))
    for row in out["levels"]:
        for error in row["errors"][:5]:
            print(f"  level {row['level']} error: session {error['session']} {error['kind']}: {error['detail']}")
        if len(row["errors"]) > 5:
            print(f"  level {row['level']}: ... {len(row['errors']) - 5} more errors")
    print("(server/browser CPU s: CPU time the Streamlit server and Chromium (with the Playwright driver) used "
          "during the level's steps; on 2 cores the wall time caps their sum at 2 x time s)")
    js = sum(row["js_errors"] for row in out["levels"])
    if js:
        print(f"browser JavaScript errors (not counted as goal errors): {js}, e.g. {out['js_error_samples'][:2]}")
    print()
    for goal in out["goals"]:
        detail = f" ({goal['detail']})" if goal.get("detail") else ""
        print(f"{goal['verdict']}  {goal['goal']}: {goal['value']}{detail}")


def parse_levels(text: str) -> list[int]:
    try:
        levels = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"--levels wants integers like 1,10,20, got {text!r}") from error
    if not levels or levels[0] < 1 or levels[-1] > MAX_SESSIONS:
        raise argparse.ArgumentTypeError(f"--levels must lie in 1..{MAX_SESSIONS}, got {text!r}")
    return levels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--levels", type=parse_levels, default=[1, 10, 20],
                        help="concurrent sessions per level, comma-separated (default 1,10,20; max 50)")
    parser.add_argument("--steps", type=int, default=15, help="slider steps per session and level (default 15)")
    parser.add_argument("--pause", type=float, default=0.5, help="pause between a session's steps, s (default 0.5)")
    parser.add_argument("--json", action="store_true", help="print JSON only on stdout")
    parser.add_argument("--confirm-ms", type=float, default=150,
                        help="a step's end must hold this long without a new run (default 150)")
    parser.add_argument("--settle", type=float, default=2.0, help="wait before reading RSS, s (default 2)")
    parser.add_argument("--timeout", type=float, default=180, help="page load timeout, s (default 180)")
    parser.add_argument("--step-timeout", type=float, default=60, help="slider step timeout, s (default 60)")
    parser.add_argument("--bare", action="store_true",
                        help="load the bare reference app instead of ours (calibration: what this machine allows)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the pause jitter (default 1)")
    parser.add_argument("--chromium", default=CHROMIUM, help=f"Chromium binary (default {CHROMIUM})")
    args = parser.parse_args(argv)

    def measure() -> dict[str, Any]:
        if not Path(args.chromium).exists():
            raise HarnessError(f"Chromium not found at {args.chromium} (make chromium / apt-get install chromium)")
        return asyncio.run(run_levels(args))

    return measure_and_report(measure, args.json, print_table)

if __name__ == "__main__":
    sys.exit(main())
