// Everything one drag frame shows, from the server's data and the sliders' values: the headline's texts and
// the chart's rows, recombined in the browser. Null when the server found the components not exact (an
// equation stopped being separable in the levers) or its components have not reached the page yet: then the page
// keeps the server's numbers until release. No DOM.

import { headline, recombine } from "./recombine.js";
import { headlineTexts } from "./texts.js";
import { markerRows, pathRows } from "./chart_data.js";
import { storedPayload } from "./payloads.js";

/**
 * {texts, rows: {paths, marker}} for `values` ({trade_growth, investment_inflow, trade_cost_cut}), or null.
 * The components come inline (`data.payload`, the offline brief) or by key from the page's store (the app).
 */
export function liveFrame(data, values) {
  const payload = data.payload ?? storedPayload(data.payload_key);
  if (payload === null || payload.exact === false) {
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
