// A chart the server computed (the parts of turnover, GDP per head, sector shares, the presentation views), drawn
// by the same vendored vega-embed as the live levers' chart instead of Streamlit's own: one chart library in the
// page, and a rerun with new numbers swaps the rows of the embedded view instead of drawing the chart anew.
// Streamlit calls the default export again with each rerun's data on the same parent element.

import { createChart } from "./chart.js";

const charts = new WeakMap();

function createEntry(parent) {
  const container = document.createElement("div");
  container.className = "hk-spec-chart";
  container.setAttribute("data-testid", "spec-chart");
  parent.append(container);
  return { container, chart: createChart(container, null), finalizer: 0 };
}

export default function specChart(component) {
  const { parentElement, data } = component;
  let entry = charts.get(parentElement);
  if (!entry) {
    entry = createEntry(parentElement);
    charts.set(parentElement, entry);
  }
  clearTimeout(entry.finalizer);
  const { spec } = data;
  if (typeof spec.height === "number") {
    entry.container.style.minHeight = `${spec.height}px`;  // no jump while the libraries load
  }
  entry.chart.redraw(spec);
  // Streamlit's cleanup runs before every new call too: let go of the view only if no call follows.
  return () => {
    entry.finalizer = setTimeout(() => {
      entry.chart.finalize();
      entry.container.remove();
      charts.delete(parentElement);
    }, 1000);
  };
}
