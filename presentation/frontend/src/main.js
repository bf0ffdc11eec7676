// The live levers component (st.components.v2): three sliders, the headline and the turnover chart.
// While a slider moves, every input event recombines the server's exact components (recombine.js) and
// redraws the headline and the chart's data at display rate; on release (the range input's change event:
// pointer up or a key step) the values go to Python, the fragment reruns, and the server's numbers for
// those values replace the ones shown. Streamlit calls the default export again with each rerun's data on
// the same parent element, so the DOM (and keyboard focus) and the chart's view are kept between calls.

import { liveFrame } from "./frame.js";
import { buildLevers, showLeverCaption, showLeverValue } from "./levers.js";
import { createChart } from "./chart.js";
import { sameRows } from "./chart_data.js";
import { elementData } from "./element_data.js";

const LEVER_KEYS = ["trade_growth", "investment_inflow", "trade_cost_cut"];
const METRICS = [
  ["year", ["year", "fractional", "delta"]],
  ["turnover", ["turnover", "gap"]],
  ["growth", ["growth", "trend_now"]],
];
const controllers = new WeakMap();
const shownLines = new WeakMap();

/** The component's fixed skeleton: scenario line, levers, headline, finding and chart, each shown if asked for. */
function skeleton(parent) {
  const root = document.createElement("div");
  root.className = "hk-live";
  root.innerHTML = `
    <div class="hk-scenario-line" data-testid="live-scenario-line" hidden></div>
    <p class="hk-notice" role="alert" data-testid="live-notice" hidden></p>
    <div class="hk-levers" role="group"></div>
    <div class="hk-headline" aria-live="polite"></div>
    <p class="hk-falls-back" data-testid="live-falls-back" hidden></p>
    <p class="hk-finding" data-testid="live-finding"></p>
    <div class="hk-chart" data-testid="live-chart"></div>`;
  parent.append(root);
  return root;
}

/** The headline's metrics named in `shown`; returns the text nodes by name (the server's note under turnover). */
function buildHeadline(container, labels, shown) {
  container.replaceChildren();
  const nodes = {};
  for (const [metric, parts] of METRICS.filter(([name]) => shown.includes(name))) {
    const box = document.createElement("div");
    box.className = "hk-metric";
    const label = document.createElement("p");
    label.className = "hk-metric-label";
    label.textContent = labels[metric];
    box.append(label);
    parts.forEach((part, index) => {
      const node = document.createElement("p");
      node.className = index === 0 ? "hk-metric-value" : `hk-metric-sub hk-${part}`;
      node.setAttribute("data-testid", `live-${part}`);
      box.append(node);
      nodes[part] = node;
    });
    if (metric === "turnover") {
      const note = document.createElement("p");
      note.className = "hk-metric-sub hk-server-note";
      note.setAttribute("data-testid", "live-server-note");
      box.append(note);
    }
    container.append(box);
  }
  return nodes;
}

function createController(parent) {
  const root = skeleton(parent);
  const chart = createChart(root.querySelector(".hk-chart"));
  let data = null;
  let levers = {};
  let headlineNodes = {};
  let structure = "";
  let dragging = false;
  let pendingFrame = 0;
  let send = () => {};
  let finalizer = 0;
  let sequence = 0;
  let drawnRows = null;  // the rows the chart shows, the browser's or the server's

  const current = () => Object.fromEntries(LEVER_KEYS.map((key) => [key, Number(levers[key].input.value)]));

  function showTexts(texts) {
    for (const [part, node] of Object.entries(headlineNodes)) {
      node.textContent = texts[part] ?? "";
    }
    const fallsBack = root.querySelector(".hk-falls-back");
    fallsBack.textContent = texts.falls_back;
    fallsBack.hidden = !texts.falls_back;
    root.querySelector(".hk-finding").textContent = texts.finding;
  }

  /**
   * Recombine, reword and redraw for the sliders' values (the browser's numbers, until the server's come).
   * `chartLater`: draw the chart from a zero-delay timer, after the texts.
   */
  function showLive(started, chartLater = false) {
    const values = current();
    for (const key of LEVER_KEYS) {
      showLeverValue(levers[key], values[key], data.symbols);
    }
    const frame = liveFrame(data, values);
    if (frame === null) {
      root.dataset.source = "waiting";  // not exact, or not arrived: the server's numbers stay until release
      return;
    }
    showTexts(frame.texts);
    root.dataset.source = "browser";
    drawnRows = frame.rows;
    if (chartLater) {
      // Unless the server's numbers have been drawn meanwhile (showServer replaces drawnRows).
      setTimeout(() => drawnRows === frame.rows && chart.update(frame.rows), 0);
      return;
    }
    const drawn = chart.update(frame.rows);
    if (globalThis.hamkorlikFrames && started !== undefined) {
      // A benchmark's frame log: input event → the frame that shows the new numbers has been rendered (the
      // first task after this animation frame runs once the frame's style, layout and paint are done).
      drawn.then(() => setTimeout(() => globalThis.hamkorlikFrames.push(performance.now() - started), 0));
    }
  }

  /** The server's numbers for the values it confirmed. */
  function showServer() {
    for (const key of LEVER_KEYS) {
      showLeverValue(levers[key], data.values[key], data.symbols);
    }
    showTexts(data.server.texts);
    const rows = { paths: data.server.paths, marker: data.server.marker };
    // The server's rows equal those the browser drew for the same values (to 1e-9 USD bn, tests/test_live_js.py):
    // the chart is not drawn again on release, only when they differ (a first load, a preset, a link).
    if (!sameRows(drawnRows, rows)) {
      drawnRows = rows;
      chart.update(rows);
    }
    root.dataset.source = "server";
    root.dataset.seq = String(data.seq);
  }

  function onInput(event) {
    const started = event.timeStamp;
    if (!pendingFrame) {
      pendingFrame = requestAnimationFrame(() => {
        pendingFrame = 0;
        showLive(started);
      });
    }
  }

  function onRelease() {
    dragging = false;
    if (pendingFrame) {
      cancelAnimationFrame(pendingFrame);
      pendingFrame = 0;
    }
    // The values go to the server first: its run starts while the browser draws its own numbers. Streamlit
    // sends a trigger value from a zero-delay timer; a chart drawn at once would run before that timer and hold
    // the request back (release 75 → 67 ms in one run of benchmarks/live_latency.py). The texts change at once;
    // the chart waits for a timer set after Streamlit's.
    sequence += 1;
    send({ ...current(), seq: sequence });
    showLive(undefined, true);
  }

  function build() {
    root.classList.toggle("hk-presentation", data.style === "presentation");
    const leverBox = root.querySelector(".hk-levers");
    leverBox.setAttribute("aria-label", data.labels.levers);
    leverBox.hidden = !data.parts.includes("levers");
    levers = buildLevers(leverBox, data.levers, data.id_prefix, data.symbols, data.labels.help);
    for (const entry of Object.values(levers)) {
      entry.input.addEventListener("input", onInput);
      entry.input.addEventListener("change", onRelease);
      entry.input.addEventListener("pointerdown", () => { dragging = true; });
    }
    headlineNodes = buildHeadline(root.querySelector(".hk-headline"), data.labels, data.metrics);
    root.querySelector(".hk-headline").hidden = !data.parts.includes("headline");
    for (const selector of [".hk-finding", ".hk-chart"]) {
      root.querySelector(selector).hidden = !data.parts.includes("chart");
    }
  }

  return {
    update(next, setTriggerValue) {
      clearTimeout(finalizer);
      send = (values) => setTriggerValue("release", values);
      data = next;
      // A lever's caption is not structure: the trade-cost cut's changes with every step of that lever, and a
      // rebuild would take the keyboard's focus off the slider being stepped.
      const leverShapes = data.levers.map((lever) => ({ ...lever, caption: undefined }));
      const key = JSON.stringify([leverShapes, data.labels, data.parts, data.metrics, data.style, data.symbols]);
      if (key !== structure) {
        structure = key;
        build();
      }
      for (const lever of data.levers) {
        showLeverCaption(levers[lever.key], lever.caption);
      }
      keepAddress(data.address_query);
      showScenarioLine(root.querySelector(".hk-scenario-line"), data.scenario_line || "");
      const note = root.querySelector(".hk-server-note");
      if (note) {
        note.textContent = data.server_note;
        note.hidden = !data.server_note;
      }
      const notice = root.querySelector(".hk-notice");
      notice.textContent = data.notice;
      notice.hidden = !data.notice;
      if (data.parts.includes("chart")) {
        chart.draw(data.spec);
      }
      // An answer to an older release while a newer one is on its way would jump the thumb back: wait for it.
      if (!dragging && data.seq >= sequence) {
        showServer();
      }
      sequence = Math.max(sequence, data.seq);
    },
    /** Streamlit's cleanup runs before every new call too: let go of the chart only if no call follows. */
    scheduleFinalize() {
      finalizer = setTimeout(() => {
        chart.finalize();
        root.remove();
        controllers.delete(parent);
      }, 1000);
    },
  };
}

/** The server's HTML naming the scenario (names a user typed come escaped); replaced only when it changed. */
function showScenarioLine(line, html) {
  if (shownLines.get(line) !== html) {
    line.innerHTML = html;
    shownLines.set(line, html);
    line.hidden = !html;
  }
}

/**
 * Write the share link's query (the server's, for the scenario it confirmed) into the address bar, replacing
 * the entry rather than adding one per release. A release reruns only a fragment, and setting Streamlit's query
 * params there re-rendered its whole page. No query (the offline brief): the address is left alone.
 */
function keepAddress(query) {
  if (typeof query !== "string") {
    return;
  }
  const { location, history } = globalThis;
  const search = query ? `?${query}` : "";
  if (location.search !== search) {
    history.replaceState(history.state, "", `${location.pathname}${search}${location.hash}`);
  }
}

export default function liveLevers(component) {
  const { parentElement, setTriggerValue } = component;
  const data = elementData(component.data);
  let controller = controllers.get(parentElement);
  if (!controller) {
    controller = createController(parentElement);
    controllers.set(parentElement, controller);
  }
  controller.update(data, setTriggerValue);
  return () => controller.scheduleFinalize();
}
