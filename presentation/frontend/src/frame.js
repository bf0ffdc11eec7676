// Everything one drag frame shows, from the server's data and the sliders' values: the headline's texts and
// the chart's rows, recombined in the browser. Null when the server found the components not exact (an
// equation stopped being separable in the levers): then the page keeps the server's numbers until release.
// Pure, no DOM.

import { headline, recombine } from "./recombine.js";
import { headlineTexts } from "./texts.js";
import { markerRows, pathRows } from "./chart_data.js";

/** {texts, rows: {paths, marker}} for `values` ({trade_growth, investment_inflow, trade_cost_cut}), or null. */
export function liveFrame(data, values) {
  const { payload } = data;
  if (payload.exact === false) {
    return null;
  }
  const { trade_growth: growth, investment_inflow: inflow, trade_cost_cut: cut } = values;
  const head = headline(payload, growth, inflow, cut);
  const total = recombine(payload, growth, inflow, cut);
  return {
    texts: headlineTexts(head, growth, data.templates, data.symbols),
    rows: { paths: pathRows(payload, total, data.labels), marker: markerRows(payload, total, head) },
  };
}
