"""How fast does the Explorer feel in a real browser, next to a bare one-slider Streamlit app?

    python benchmarks/latency.py [--n 30] [--cold-runs 5] [--json]

Starts two ``streamlit run`` servers side by side on free ports, each in its own process group (killed at
the end, also on Ctrl-C/SIGTERM): our app (``app.py``, whose default page is the Explorer) and the bare
reference (``benchmarks/bare_app.py``: one slider, one metric, one 50-point Altair chart). Both run from the
project root, so both read ``.streamlit/config.toml``; the saved-scenarios library goes to a throwaway SQLite
file (``HAMKORLIK_LIBRARY_URL``). Then, in Debian's headless Chromium (``/usr/bin/chromium``):

Our app's three main levers are not Streamlit sliders: they are native range inputs in one
``st.components.v2`` component (``ui/live_levers.py``) drawn in an open shadow root, under a root
``.hk-live`` that also holds the headline and the turnover chart. The bare app has one ``st.slider``.

cold load
    One server-cold load per app first (imports, caches; reported, not in the goal), then ``--cold-runs``
    loads per app in fresh browser contexts (no HTTP cache), the two apps alternating. Measured from
    navigation start to the slider *and* the first chart drawn, and to the first script run finished. Our
    app: the live levers' ``.hk-live input[type="range"]`` and their chart drawn with the server's numbers
    (``.hk-live[data-source="server"] .hk-chart svg.marks``); the bare app: its ``st.slider`` and the
    ``.marks`` of its Vega-Lite chart.
slider -> update
    One session per app: focus the first slider, press ArrowRight (ArrowLeft at the upper bound: read from
    the input's min/max/value) and time from the keydown until the update is complete. Our app steps the
    live lever ``[data-testid="live-lever-trade_growth"]``; the step ends when the headline's turnover
    (``[data-testid="live-turnover"]`` in the shadow root) has changed, the script state has been ``running``
    and is back to ``notRunning``, and ``.hk-live`` shows the server's numbers (``data-source="server"``) for
    a newer release (``data-seq`` above its value before the key). The browser redraws the turnover itself
    before the server answers: "new number on screen" is that, the step's end the server's confirmation. The
    bare app: its only metric's text changed and the script state back to ``notRunning``. ``--warmup``
    unmeasured steps, then ``--n`` measured steps, the two apps alternating step by step so that background
    load on the machine hits both alike.

All times are taken inside the page with ``performance.now()`` from MutationObservers on the DOM (and on our
component's shadow root, which an observer on the document does not see) and on
``[data-testid="stApp"][data-test-script-state]`` (Streamlit's own running/notRunning marker), so
Playwright's round trips are not part of the numbers. A step's end must hold for ``--confirm-ms`` without a
new run starting (guards against a second rerun); the time reported is when it first held.

Goals (ratios to the bare app in the same run, because the machine is noisy): median slider -> update
<= 1.3x bare; median cold load (slider + first chart) <= 1.5x bare. Exit code 0 with PASS or FAIL (a
benchmark, not a test), 2 on a harness error (a server does not start, a page shows an exception, steps
time out).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import math
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 900}

# Streamlit 1.67 (react-aria): a hidden <input type=range> inside stSlider; older (BaseWeb): div[role=slider].
SLIDER_SEL = '[data-testid="stSlider"] input[type="range"], [data-testid="stSlider"] [role="slider"]'
# Both apps draw with Altair, so a chart counts as drawn once its Vega-Lite marks exist.
CHART_SEL = '[data-testid="stVegaLiteChart"] .marks, [data-testid="stArrowVegaLiteChart"] .marks'
EXCEPTION_SEL = '[data-testid="stException"]'

GOAL_SLIDER_RATIO = 1.3
GOAL_COLD_RATIO = 1.5


# Our app's three main levers live in one st.components.v2 component (ui/live_levers.py), drawn in an open
# shadow root: a root ``.hk-live`` holding native range inputs, the headline and the turnover chart. The root
# says whose numbers it shows (``data-source``: "browser" while a lever moves, "server" once the server has
# answered) and which release the server answered last (``data-seq``).
LIVE_ROOT = ".hk-live"
LIVE_LEVER_SEL = '[data-testid="live-lever-trade_growth"]'  # the first lever, "Trade growth"
LIVE_TURNOVER_SEL = '[data-testid="live-turnover"]'  # the headline's turnover in the goal year
LIVE_SLIDER_SEL = f'{LIVE_ROOT} input[type="range"]'
LIVE_CHART_SEL = f'{LIVE_ROOT}[data-source="server"] .hk-chart svg.marks'


@dataclass(frozen=True)
class AppSpec:
    """One app to measure: its script, what counts as loaded and what a slider step must change.

    A Streamlit-slider app (``live`` false) steps its first ``role=slider`` and watches an ``st.metric``; our
    app (``live`` true) steps the live component's first lever (``lever_sel``, found through its shadow root)
    and watches the component's turnover and the server's confirmation of the release.
    """

    key: str
    name: str
    script: Path
    metric_label: str | None  # Streamlit-slider app: substring of the watched st.metric's label; None = the first
    watched: str  # what a step must change, in words, for the printed table
    slider_sel: str = SLIDER_SEL  # cold load: the slider is on the page (searched in shadow roots too if live)
    chart_sel: str = CHART_SEL  # cold load: the first chart is drawn
    lever_sel: str | None = None  # the control stepped (a Playwright locator); None = the first role=slider
    live: bool = False


OURS = AppSpec("ours", "Hamkorlik", ROOT / "app.py", None,
               "the live turnover changed and the server confirmed the release", slider_sel=LIVE_SLIDER_SEL,
               chart_sel=LIVE_CHART_SEL, lever_sel=LIVE_LEVER_SEL, live=True)
BARE = AppSpec("bare", "bare app", BENCH_DIR / "bare_app.py", None, "its only metric changed")


class HarnessError(RuntimeError):
    """The benchmark could not measure (not: the app is slow)."""


def log(*parts: object) -> None:
    print("[bench]", *parts, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------ in-page JS

# Installed before any page script (context.add_init_script): load milestones, ms since navigation start.
_INIT_JS = """
(() => {
  if (window.__bmLoad) return;
  // Timestamps of ForwardMsgs received from the server, and main-thread long tasks (>50 ms), for the split
  // "waiting for the server" vs "browser busy" in a step.
  const W = window.__bmWs = {recv: []};
  const NativeWS = window.WebSocket;
  if (NativeWS) {
    class TimedWS extends NativeWS {
      constructor(...a) {
        super(...a);
        this.addEventListener('message', () => {
          W.recv.push(performance.now());
          if (W.recv.length > 5000) W.recv.shift();
        });
      }
    }
    window.WebSocket = TimedWS;
  }
  const LT = window.__bmLong = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) { LT.push([e.startTime, e.duration]);
      if (LT.length > 5000) LT.shift(); } }).observe({type: 'longtask', buffered: true});
  } catch (e) { /* no long-task API */ }
  const SL = __SLIDER__, CH = __CHART__, EX = __EXCEPTION__, SHADOW = __SHADOW__;
  const L = window.__bmLoad = {slider: null, chart: null, ready: null, running: null, exception: null,
                               runs: 0, last: 0};
  const state = () => { const a = document.querySelector('[data-testid="stApp"]');
                        return a ? a.getAttribute('data-test-script-state') : null; };
  // The live levers draw in a shadow root, which neither document.querySelector nor a MutationObserver on the
  // document sees: record every shadow root as it is attached, search it and observe it too.
  const roots = [document];
  const find = (sel) => { for (const r of roots) { const e = r.querySelector(sel); if (e) return e; } return null; };
  const check = (records) => {
    const now = performance.now();
    L.last = now;
    for (const r of records || []) {
      if (r.type === 'attributes' && r.attributeName === 'data-test-script-state' && r.oldValue === 'running'
          && r.target.getAttribute(r.attributeName) !== 'running') {
        L.runs += 1;
        if (L.ready === null) L.ready = now;
      }
    }
    const s = state();
    if (s === 'running' && L.running === null) L.running = now;
    if (L.ready === null && L.running !== null && s === 'notRunning') L.ready = now;
    if (L.slider === null && find(SL)) L.slider = now;
    if (L.chart === null && find(CH)) L.chart = now;
    if (L.exception === null && document.querySelector(EX)) L.exception = now;
  };
  const obs = new MutationObserver(check);
  obs.observe(document, {subtree: true, childList: true, characterData: true,
    attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
  if (SHADOW) {
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (...args) {
      const root = attach.apply(this, args);
      roots.push(root);
      obs.observe(root, {subtree: true, childList: true, characterData: true, attributes: true});
      return root;
    };
  }
})();
"""


def init_js(app: AppSpec) -> str:
    """The init script recording ``app``'s load milestones (its slider and chart selectors)."""
    return (_INIT_JS.replace("__SLIDER__", json.dumps(app.slider_sel)).replace("__CHART__", json.dumps(app.chart_sel))
            .replace("__EXCEPTION__", json.dumps(EXCEPTION_SEL)).replace("__SHADOW__", json.dumps(app.live)))


INIT_JS = init_js(BARE)  # a Streamlit-slider app's (any st.slider and Vega-Lite chart)

# Arms a one-shot watcher for one slider step; the keydown that follows starts the clock.
# Resolves window.__bmStep.pending with the step's timings.
# A Streamlit-slider app (o.live null): the step ends when the watched st.metric's text has changed and the
# script state is notRunning. Our live levers (o.live = the component's root selector): the step ends when the
# headline's turnover (inside the shadow root) has changed, the script state has been "running" and is back to
# "notRunning", and the root shows the server's numbers (data-source="server") for a newer release (data-seq).
ARM_JS = """
(o) => {
  const state = () => { const a = document.querySelector('[data-testid="stApp"]');
                        return a ? a.getAttribute('data-test-script-state') : null; };
  let live = null;
  if (o.live !== null) {
    const host = [...document.querySelectorAll('*')].find((e) => e.shadowRoot && e.shadowRoot.querySelector(o.live));
    live = host ? host.shadowRoot.querySelector(o.live) : null;
    if (live === null) return {error: 'live levers not found (' + o.live + ' in a shadow root)'};
  }
  const metricValue = () => {
    if (live !== null) {
      const t = live.querySelector(o.turnover);
      return t ? t.textContent : null;
    }
    for (const m of document.querySelectorAll('[data-testid="stMetric"]')) {
      const label = m.querySelector('[data-testid="stMetricLabel"]');
      if (o.label === null || (label && label.textContent.includes(o.label))) {
        const v = m.querySelector('[data-testid="stMetricValue"]');
        return v ? v.textContent : null;
      }
    }
    return null;
  };
  const before = metricValue();
  if (before === null) {
    return {error: live !== null ? 'live turnover not found (' + o.turnover + ')'
                                 : 'watched metric not found (label ' + JSON.stringify(o.label) + ')'};
  }
  const seqBefore = live !== null ? Number(live.dataset.seq) : null;
  // Confirmed by the server: always true for a Streamlit slider, which has no browser-side numbers.
  const confirmed = () => live === null
    || (ran && live.dataset.source === 'server' && Number(live.dataset.seq) > seqBefore);
  let t0 = null, keyLag = null, tRunning = null, tValue = null, cand = null, reverted = 0, done = false, ran = false;
  let confirmTo = null, obs = null, to = null, onKey = null;
  const B = window.__bmStep = {};
  B.pending = new Promise((resolve) => {
    const finish = (reason) => {
      if (done) return;
      done = true;
      obs.disconnect(); window.removeEventListener('keydown', onKey, true);
      clearTimeout(to); clearTimeout(confirmTo);
      const end = cand !== null ? cand : performance.now();
      const recv = ((window.__bmWs || {}).recv || []).filter((t) => t >= t0 && t <= end);
      // main-thread long tasks overlapping [t0, end], clipped to it
      const busy = (window.__bmLong || []).reduce((sum, [st, d]) =>
        sum + Math.max(0, Math.min(st + d, end) - Math.max(st, t0)), 0);
      resolve({reason, t0, keyLag, tRunning, tValue, tDone: cand, before, after: metricValue(), state: state(),
               reverted, exception: document.querySelector(__EXCEPTION__) !== null,
               tFirstMsg: recv.length ? recv[0] : null, tLastMsg: recv.length ? recv[recv.length - 1] : null,
               msgs: recv.length, longTaskMs: busy,
               source: live !== null ? live.dataset.source : null, seqBefore,
               seqAfter: live !== null ? Number(live.dataset.seq) : null});
    };
    const check = (records) => {
      if (t0 === null || done) return;
      const now = performance.now();
      const s = state();
      // A run short enough to start and finish within one batch of mutations still counts as a run.
      for (const r of records || []) {
        if (r.type === 'attributes' && r.attributeName === 'data-test-script-state'
            && r.oldValue === 'running') ran = true;
      }
      if (s === 'running') {
        ran = true;
        if (tRunning === null) tRunning = now;
        if (cand !== null) { cand = null; reverted += 1; clearTimeout(confirmTo); }
      }
      const v = metricValue();
      if (tValue === null && v !== null && v !== before) tValue = now;
      if (cand === null && tValue !== null && s === 'notRunning' && confirmed()) {
        const c = cand = now;
        confirmTo = setTimeout(() => { if (cand === c) finish('ok'); }, o.confirmMs);
      }
    };
    onKey = (e) => {
      if (t0 !== null) return;
      const now = performance.now();
      // Event.timeStamp is on the performance.now() time base; it also counts a busy main thread.
      const ts = e.timeStamp;
      t0 = (ts > 0 && ts <= now && now - ts < 5000) ? ts : now;
      keyLag = now - t0;
      check();
    };
    window.addEventListener('keydown', onKey, true);
    obs = new MutationObserver(check);
    obs.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                                attributeOldValue: true, attributeFilter: ['data-test-script-state']});
    // The live levers change inside their shadow root, which an observer on the document does not see.
    if (live !== null) obs.observe(live.getRootNode(), {subtree: true, childList: true, characterData: true,
                                                         attributes: true});
    to = setTimeout(() => finish('timeout'), o.timeoutMs);
  });
  return {before};
}
""".replace("__EXCEPTION__", json.dumps(EXCEPTION_SEL))

SLIDER_BOUNDS_JS = """
(el) => {
  const num = (x) => (x === null || x === undefined || x === '') ? null : Number(x);
  const box = el.closest('[data-testid="stSlider"]');
  // A Streamlit slider's label is its widget label; a live lever (a bare range input) carries its aria-label.
  const label = box ? (box.querySelector('[data-testid="stWidgetLabel"]') || box).innerText.split('\\n')[0]
                    : el.getAttribute('aria-label');
  if (el.tagName === 'INPUT') return {v: num(el.value), min: num(el.min), max: num(el.max), label};
  return {v: num(el.getAttribute('aria-valuenow')), min: num(el.getAttribute('aria-valuemin')),
          max: num(el.getAttribute('aria-valuemax')), label};
}
"""

LOAD_DONE_JS = """() => { const L = window.__bmLoad;
  return !!L && (L.exception !== null || (L.ready !== null && L.slider !== null && L.chart !== null)); }"""


# ------------------------------------------------------------------------------------------------ helpers

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_mb(pid: int) -> float | None:
    """Resident memory of the process and all its children, MB."""
    import psutil

    try:
        proc = psutil.Process(pid)
        total = proc.memory_info().rss
        for child in proc.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                total += child.memory_info().rss
        return round(total / 2**20, 1)
    except psutil.Error:
        return None


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0…1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure_and_report(measure: Callable[[], dict[str, Any]], as_json: bool,
                       table: Callable[[dict[str, Any]], None]) -> int:
    """Run a benchmark and print its result (JSON or its table): exit 0 when it measured, whatever the figures;
    2 when it could not measure (the reason on stderr, and as JSON too with ``as_json``); 130 on Ctrl-C."""
    try:
        out = measure()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - any failure to measure is a harness error, exit 2
        message = str(error) if isinstance(error, HarnessError) else f"{type(error).__name__}: {error}"
        if as_json:
            print(json.dumps({"error": message}))
        print(f"error: {message}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps(out, indent=2))
    else:
        table(out)
    return 0


def summarize(values: list[float | None]) -> dict[str, float] | None:
    xs = [x for x in values if x is not None]
    if not xs:
        return None
    return {"n": len(xs), "median": round(statistics.median(xs), 1), "p95": round(percentile(xs, 0.95), 1),
            "min": round(min(xs), 1), "max": round(max(xs), 1)}


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "".join(path.read_text(errors="replace").splitlines(keepends=True)[-lines:])
    except OSError:
        return "(no server log)"


def clean_exception_text(text: str) -> str:
    junk = {"Copy", "Ask Google", "Ask ChatGPT"}
    return "\n".join(line for line in text.splitlines() if line.strip() not in junk)[:1500]


def machine_info() -> dict[str, Any]:
    info: dict[str, Any] = {"cpus": os.cpu_count(), "python": platform.python_version()}
    with contextlib.suppress(OSError):
        info["loadavg_1m"] = round(os.getloadavg()[0], 2)
    with contextlib.suppress(Exception):
        import streamlit

        info["streamlit"] = streamlit.__version__
    with contextlib.suppress(Exception):
        git = ["git", "-C", str(ROOT)]
        head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10)
        dirty = subprocess.run([*git, "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                               text=True, timeout=10)
        info["commit"] = head.stdout.strip() + (" + uncommitted changes" if dirty.stdout.strip() else "")
    return info


class Server:
    """``streamlit run SCRIPT`` on a free port from the project root, in its own process group."""

    def __init__(self, script: Path, workdir: Path, env: dict[str, str], python: str = sys.executable) -> None:
        self.script, self.workdir = script, workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log_path = workdir / f"streamlit_{script.stem}_{self.port}.log"
        self.cmd = [python, "-m", "streamlit", "run", str(script), "--server.headless", "true",
                    "--server.port", str(self.port), "--server.address", "127.0.0.1",
                    "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
                    "--server.runOnSave", "false"]
        self.env = env
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self) -> None:
        with self.log_path.open("wb") as out:
            self.proc = subprocess.Popen(self.cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True, env=self.env)

    def wait_healthy(self, timeout_s: float) -> float:
        assert self.proc is not None
        start = time.monotonic()
        while time.monotonic() - start < timeout_s:
            if self.proc.poll() is not None:
                raise HarnessError(f"{self.script.name}: streamlit exited with code {self.proc.returncode}\n"
                                   f"--- server log ---\n{tail(self.log_path)}")
            try:
                with urllib.request.urlopen(f"{self.url}_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return time.monotonic() - start
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.1)
        raise HarnessError(f"{self.script.name}: /_stcore/health not OK after {timeout_s:g} s\n"
                           f"--- server log ---\n{tail(self.log_path)}")

    def stop(self) -> None:
        """SIGTERM the process group (its id is the server's pid), SIGKILL if it lingers."""
        if self.proc is None or self.proc.poll() is not None:
            return
        for sig, grace in ((signal.SIGTERM, 8), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(timeout=grace)
                return
            except subprocess.TimeoutExpired:
                continue


@contextlib.contextmanager
def servers(scripts: list[Path], startup_timeout_s: float = 90):
    """Start one server per script (all at once), wait until all are healthy, stop them all at the end."""
    workdir = Path(tempfile.mkdtemp(prefix="hamkorlik_bench_"))
    env = {**os.environ, "HAMKORLIK_LIBRARY_URL": f"sqlite:///{workdir / 'library.sqlite3'}"}
    started = [Server(script, workdir, env) for script in scripts]

    def on_term(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        for server in started:
            server.start()
        for server in started:
            server.wait_healthy(startup_timeout_s)
        yield started
    finally:
        for server in started:
            server.stop()
        signal.signal(signal.SIGTERM, previous)
        log(f"server logs in {workdir}")


def launch_browser(playwright: Any, chromium: str = CHROMIUM) -> Any:
    if not os.path.exists(chromium):
        raise HarnessError(f"Chromium not found at {chromium} (make chromium / apt-get install chromium)")
    return playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)


def load_result(raw: dict[str, Any]) -> dict[str, Any]:
    marks = [raw["slider"], raw["chart"]]
    return {"slider_chart_ms": round(max(marks), 1) if None not in marks else None,
            "slider_ms": raw["slider"] and round(raw["slider"], 1),
            "chart_ms": raw["chart"] and round(raw["chart"], 1),
            "first_run_done_ms": raw["ready"] and round(raw["ready"], 1),
            "runs_during_load": raw["runs"]}


# ------------------------------------------------------------------------------------------- measurement (sync)

def open_session(browser: Any, url: str, timeout_ms: float, app: AppSpec = BARE) -> tuple[Any, Any, dict[str, Any]]:
    """A fresh context (empty HTTP cache, new Streamlit session) with the page loaded; its load milestones.

    ``app`` says what loaded means: the bare app's (default) any Streamlit slider and Vega-Lite chart; ours the
    live levers' range inputs and their chart drawn with the server's numbers.
    """
    ctx = browser.new_context(viewport=VIEWPORT)
    ctx.add_init_script(init_js(app))
    page = ctx.new_page()
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    try:
        page.wait_for_function(LOAD_DONE_JS, timeout=timeout_ms, polling=50)
    except Exception as error:
        raw = page.evaluate("() => window.__bmLoad")
        ctx.close()
        raise HarnessError(f"{url}: no first run with a slider and a drawn chart within {timeout_ms / 1000:g} s "
                           f"(milestones {raw}; page errors {page_errors[:3]})") from error
    raw = page.evaluate("() => window.__bmLoad")
    if raw["exception"] is not None:
        text = clean_exception_text(page.locator(EXCEPTION_SEL).first.inner_text())
        ctx.close()
        raise HarnessError(f"{url}: the page shows an exception on load:\n{text}")
    return ctx, page, load_result(raw)


def slider_locator(page: Any, app: AppSpec) -> Any:
    """The control a step presses: our first live lever (through its shadow root), else the first slider."""
    return page.locator(app.lever_sel) if app.lever_sel else page.get_by_role("slider").first


def step_direction(bounds: dict[str, Any], direction: str) -> str:
    """``direction``, turned back at the slider's bounds (ArrowLeft at the upper, ArrowRight at the lower)."""
    if bounds["v"] is not None and bounds["max"] is not None and bounds["v"] >= bounds["max"]:
        return "ArrowLeft"
    if bounds["v"] is not None and bounds["min"] is not None and bounds["v"] <= bounds["min"]:
        return "ArrowRight"
    return direction


def arm_options(label: str | None, timeout_ms: float, confirm_ms: float, live: bool = False) -> dict[str, Any]:
    """ARM_JS's argument: watch the st.metric labelled ``label``, or with ``live`` the live levers' turnover."""
    return {"label": label, "timeoutMs": timeout_ms, "confirmMs": confirm_ms,
            "live": LIVE_ROOT if live else None, "turnover": LIVE_TURNOVER_SEL}


def slider_step(page: Any, slider: Any, label: str | None, direction: str, timeout_ms: float,
                confirm_ms: float, live: bool = False) -> tuple[dict[str, Any], str]:
    """One keyboard step of ``slider``; returns the step's timings and the direction used.

    ``live``: ``slider`` is a live lever; the step ends once the server has confirmed it (see ARM_JS).
    """
    bounds = slider.evaluate(SLIDER_BOUNDS_JS)
    direction = step_direction(bounds, direction)
    armed = page.evaluate(ARM_JS, arm_options(label, timeout_ms, confirm_ms, live))
    if "error" in armed:
        raise HarnessError(armed["error"])
    slider.press(direction)
    return step_result(page.evaluate("() => window.__bmStep.pending"), bounds), direction


def step_result(raw: dict[str, Any], bounds: dict[str, Any]) -> dict[str, Any]:
    if raw["t0"] is None:
        raise HarnessError("the keydown never reached the page (slider not focusable?)")

    def rel(t: float | None) -> float | None:
        return round(t - raw["t0"], 1) if t is not None else None

    return {"ok": raw["reason"] == "ok", "reason": raw["reason"], "latency_ms": rel(raw["tDone"]),
            "rerun_start_ms": rel(raw["tRunning"]), "value_ms": rel(raw["tValue"]),
            "key_lag_ms": round(raw["keyLag"], 1) if raw["keyLag"] is not None else None,
            "first_msg_ms": rel(raw["tFirstMsg"]), "last_msg_ms": rel(raw["tLastMsg"]), "messages": raw["msgs"],
            "long_task_ms": round(raw["longTaskMs"], 1),
            "slider": bounds["label"], "slider_before": bounds["v"], "value_before": raw["before"],
            "value_after": raw["after"], "state": raw["state"], "reverted": raw["reverted"],
            "exception": raw["exception"], "source": raw["source"], "seq_before": raw["seqBefore"],
            "seq_after": raw["seqAfter"]}


def measure(args: argparse.Namespace) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    apps = [OURS, BARE]
    timeout_ms = args.timeout * 1000
    step_timeout_ms = args.step_timeout * 1000
    out: dict[str, Any] = {"machine": machine_info(), "n": args.n, "warmup": args.warmup,
                           "cold_runs": args.cold_runs, "confirm_ms": args.confirm_ms, "apps": {}}
    with servers([app.script for app in apps]) as started, sync_playwright() as playwright:
        browser = launch_browser(playwright, args.chromium)
        out["machine"]["chromium"] = browser.version
        results: dict[str, dict[str, Any]] = {}
        for app, server in zip(apps, started, strict=True):
            results[app.key] = {"name": app.name, "script": str(app.script.relative_to(ROOT)), "url": server.url,
                                "rss_idle_mb": rss_mb(server.pid), "cold": [], "steps": [], "warmup_steps": []}
        # 1. server-cold loads (first run of each script in its server: imports, caches)
        for app, server in zip(apps, started, strict=True):
            ctx, _page, load = open_session(browser, server.url, timeout_ms, app)
            ctx.close()
            results[app.key]["server_cold_load"] = load
            log(f"{app.name}: server-cold load {load}")
        # 2. cold loads in fresh browser contexts, the apps alternating
        for index in range(args.cold_runs):
            for app, server in zip(apps, started, strict=True):
                ctx, _page, load = open_session(browser, server.url, timeout_ms, app)
                ctx.close()
                results[app.key]["cold"].append(load)
            log(f"cold run {index + 1}/{args.cold_runs}: " + ", ".join(
                f"{app.name} {results[app.key]['cold'][-1]['slider_chart_ms']} ms" for app in apps))
        # 3. slider steps: one session per app, the apps alternating step by step
        sessions = []
        for app, server in zip(apps, started, strict=True):
            ctx, page, _load = open_session(browser, server.url, timeout_ms, app)
            slider = slider_locator(page, app)
            try:
                slider.wait_for(state="attached", timeout=timeout_ms)
            except Exception as error:
                raise HarnessError(f"{app.name}: no slider ({app.lever_sel or 'role=slider'}) on the page") from error
            results[app.key]["slider_label"] = slider.evaluate(SLIDER_BOUNDS_JS)["label"]
            results[app.key]["watched"] = app.watched
            sessions.append({"app": app, "ctx": ctx, "page": page, "slider": slider, "direction": "ArrowRight",
                             "timeouts": 0})
            time.sleep(0.5)
        for index in range(args.warmup + args.n):
            for session in sessions:
                app = session["app"]
                step, session["direction"] = slider_step(session["page"], session["slider"], app.metric_label,
                                                         session["direction"], step_timeout_ms, args.confirm_ms,
                                                         app.live)
                if step["exception"]:
                    text = clean_exception_text(session["page"].locator(EXCEPTION_SEL).first.inner_text())
                    raise HarnessError(f"{app.name}: the page shows an exception after a slider step:\n{text}")
                if not step["ok"]:
                    session["timeouts"] += 1
                    log(f"{app.name}: step {index} timed out ({step})")
                    if session["timeouts"] >= 3:
                        raise HarnessError(f"{app.name}: 3 slider steps timed out (the rerun never finished or "
                                           f"{app.watched} did not hold); last: {step}")
                    continue
                results[app.key]["warmup_steps" if index < args.warmup else "steps"].append(step)
                time.sleep(args.pause)
            if index >= args.warmup and (index - args.warmup + 1) % 10 == 0:
                log(f"step {index - args.warmup + 1}/{args.n}: " + ", ".join(
                    f"{s['app'].name} {results[s['app'].key]['steps'][-1]['latency_ms']} ms" for s in sessions))
        for session, server in zip(sessions, started, strict=True):
            results[session["app"].key]["step_timeouts"] = session["timeouts"]
            results[session["app"].key]["rss_end_mb"] = rss_mb(server.pid)
            session["ctx"].close()
        browser.close()
    for result in results.values():
        labels = collections.Counter(s["slider"] for s in result["steps"])
        result["slider_labels"] = dict(labels)
        result["summary"] = {
            "cold_slider_chart_ms": summarize([c["slider_chart_ms"] for c in result["cold"]]),
            "cold_first_run_done_ms": summarize([c["first_run_done_ms"] for c in result["cold"]]),
            "slider_update_ms": summarize([s["latency_ms"] for s in result["steps"]]),
            "slider_rerun_start_ms": summarize([s["rerun_start_ms"] for s in result["steps"]]),
            "slider_value_ms": summarize([s["value_ms"] for s in result["steps"]]),
            "slider_key_lag_ms": summarize([s["key_lag_ms"] for s in result["steps"]]),
            "slider_first_msg_ms": summarize([s["first_msg_ms"] for s in result["steps"]]),
            "slider_last_msg_ms": summarize([s["last_msg_ms"] for s in result["steps"]]),
            "slider_long_task_ms": summarize([s["long_task_ms"] for s in result["steps"]]),
        }
    out["apps"] = results
    out["goals"] = goals(results)
    return out


def ratio(ours: dict[str, float] | None, bare: dict[str, float] | None, key: str = "median") -> float | None:
    if not ours or not bare or not bare[key]:
        return None
    return round(ours[key] / bare[key], 2)


def goals(results: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    ours, bare = results["ours"]["summary"], results["bare"]["summary"]
    rows = []
    for name, key, limit in (("median slider -> update", "slider_update_ms", GOAL_SLIDER_RATIO),
                             ("median cold load (slider + first chart)", "cold_slider_chart_ms", GOAL_COLD_RATIO)):
        value = ratio(ours[key], bare[key])
        rows.append({"goal": f"{name} <= {limit:g}x bare", "ratio": value, "limit": limit,
                     "verdict": "PASS" if value is not None and value <= limit else "FAIL"})
    return rows


# ------------------------------------------------------------------------------------------------ output

def print_table(out: dict[str, Any]) -> None:
    ours, bare = out["apps"]["ours"], out["apps"]["bare"]
    m = out["machine"]
    print(f"Hamkorlik vs bare reference app - Streamlit {m.get('streamlit')}, Chromium {m.get('chromium')}, "
          f"{m.get('cpus')} CPUs, load average {m.get('loadavg_1m')} at start")
    print(f"commit {m.get('commit')}")
    def used(app: dict[str, Any]) -> str:
        return ", ".join(f"{label!r} x{n}" for label, n in app.get("slider_labels", {}).items())

    print(f"slider stepped: ours {used(ours)} until {ours.get('watched')}; "
          f"bare {used(bare)} until {bare.get('watched')}")
    print(f"{out['cold_runs']} cold loads per app (fresh browser context, warm server); "
          f"{out['n']} slider steps per app after {out['warmup']} warm-up steps\n")

    def cells(s: dict[str, float] | None) -> list[str]:
        return [f"{s['median']:.0f}", f"{s['p95']:.0f}"] if s else ["n/a", "n/a"]

    def fmt(r: float | None) -> str:
        return f"{r:.2f}x" if r is not None else "n/a"

    rows = [["measure (ms)", "ours med", "ours p95", "bare med", "bare p95", "ratio med", "ratio p95"]]
    for label, key in (("cold load: slider + first chart", "cold_slider_chart_ms"),
                       ("cold load: first run finished", "cold_first_run_done_ms"),
                       ("slider -> update", "slider_update_ms"),
                       ("  keydown -> new number on screen", "slider_value_ms"),
                       ("  keydown -> rerun started", "slider_rerun_start_ms"),
                       ("  keydown -> first message from server", "slider_first_msg_ms"),
                       ("  keydown -> last message from server", "slider_last_msg_ms"),
                       ("  browser main thread in long tasks", "slider_long_task_ms")):
        o, b = ours["summary"][key], bare["summary"][key]
        rows.append([label, *cells(o), *cells(b), fmt(ratio(o, b)), fmt(ratio(o, b, "p95"))])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        print("  ".join([row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]))
        if index == 0:
            print("  ".join("-" * w for w in widths))
    print()
    for app in (ours, bare):
        sc = app["server_cold_load"]
        print(f"{app['name']}: first load after server start {sc['slider_chart_ms']} ms (slider + chart), "
              f"run done {sc['first_run_done_ms']} ms; server RSS idle {app['rss_idle_mb']} MB, "
              f"after the runs {app['rss_end_mb']} MB; step timeouts {app['step_timeouts']}")
    print()
    for goal in out["goals"]:
        print(f"{goal['verdict']}  {goal['goal']}: {fmt(goal['ratio'])}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=30, help="measured slider steps per app (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured slider steps first (default 3)")
    parser.add_argument("--cold-runs", type=int, default=5, help="cold loads per app (default 5)")
    parser.add_argument("--json", action="store_true", help="print JSON only on stdout")
    parser.add_argument("--pause", type=float, default=0.2, help="pause after each step, s (default 0.2)")
    parser.add_argument("--confirm-ms", type=float, default=150,
                        help="a step's end must hold this long without a new run (default 150)")
    parser.add_argument("--timeout", type=float, default=90, help="page load timeout, s (default 90)")
    parser.add_argument("--step-timeout", type=float, default=20, help="slider step timeout, s (default 20)")
    parser.add_argument("--chromium", default=CHROMIUM, help=f"Chromium binary (default {CHROMIUM})")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return measure_and_report(lambda: measure(args), args.json, print_table)

if __name__ == "__main__":
    sys.exit(main())
