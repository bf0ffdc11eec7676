// The headline's words from the catalogue templates, and the chart rows, for hand-made headline values.
import assert from "node:assert/strict";
import { test } from "node:test";
import { deltaText, findingText, headlineTexts, yearText } from "../src/texts.js";
import { markerRows, pathRows, sameRows } from "../src/chart_data.js";

const T = {
  target: "10", already: "Already reached", not_by_2050: "Not by 2050", same_as_bau: "same year as BAU",
  years_vs_bau: "{delta} vs BAU", not_reached: "not {target}", already_above: "above {target}",
  reached_bau_never: "{year}; BAU never", reached_earlier: "{year}, {years} earlier",
  reached_later: "{year}, {years} later", reached_same: "{year}, same", fractional: "({value})",
  growth_not_needed: "Not needed", pct_per_year_value: "{value} %/yr", usd_bn_value: "{value} USD bn",
  gap: "{gap} USD bn vs target", trend_now: "trend {value} %/yr", falls_back: "falls back",
  years_count: { 1: "1 year", 2: "2 years" }, years_delta: { "-2": "-2 years", 1: "+1 year" },
};
const RU = { decimal: ",", group: "\u00a0", minus: "-", grouping: 3 };
const head = (extra) => ({ first_year: 2031, fractional: 2030.56, already: false, falls_back: false,
  turnover_at_goal: 9.125, gap_at_goal: 0.875, required_growth_pct: 9.25, bau_first_year: 2033, years_vs_bau: -2, ...extra });

test("year, delta and finding follow the server's rules", () => {
  assert.equal(yearText(head(), T), "2031");
  assert.equal(yearText(head({ already: true }), T), "Already reached");
  assert.equal(yearText(head({ first_year: null }), T), "Not by 2050");
  assert.equal(deltaText(head(), T), "-2 years vs BAU");
  assert.equal(deltaText(head({ years_vs_bau: 1 }), T), "+1 year vs BAU");
  assert.equal(deltaText(head({ years_vs_bau: 0 }), T), "same year as BAU");
  assert.equal(findingText(head(), T, "10"), "2031, 2 years earlier");
  assert.equal(findingText(head({ bau_first_year: 2030 }), T, "10"), "2031, 1 year later");
  assert.equal(findingText(head({ bau_first_year: null }), T, "10"), "2031; BAU never");
});

test("numbers in the headline use the language's symbols; the fractional year is never grouped", () => {
  const texts = headlineTexts(head(), 7, T, RU);
  assert.equal(texts.fractional, "(2030,6)");
  assert.equal(texts.turnover, "9,12 USD bn");  // half-even: 9.125 -> 9.12
  assert.equal(texts.gap, "-0,88 USD bn vs target");
  assert.equal(texts.growth, "9,2 %/yr");  // 9.25 -> 9.2
  assert.equal(texts.trend_now, "trend 7,0 %/yr");
  assert.equal(headlineTexts(head({ required_growth_pct: -Infinity }), 7, T, RU).growth, "Not needed");
});

test("chart rows: scenario then BAU to the last shown year, a marker only for a shown crossing", () => {
  const payload = { years: [2025, 2026, 2027], last_shown_year: 2026, bau: [1, 2, 3] };
  const rows = pathRows(payload, [4, 5, 6], { case_scenario: "S", case_bau: "B" });
  assert.deepEqual(rows.map((r) => [r.year, r.turnover_usd_bn, r.case_label]),
    [[2025, 4, "S"], [2026, 5, "S"], [2025, 1, "B"], [2026, 2, "B"]]);
  assert.deepEqual(markerRows(payload, [4, 5, 6], { first_year: 2026, already: false }),
    [{ year: 2026, turnover_usd_bn: 5, label: "2026" }]);
  assert.deepEqual(markerRows(payload, [4, 5, 6], { first_year: 2027, already: false }), []);
});

test("a drag frame recombines, unless the server found the components not exact", async () => {
  const { liveFrame } = await import("../src/frame.js");
  const payload = {
    years: [2025, 2026], base_year: 2025, last_shown_year: 2026, goal: 10, goal_year: 2026,
    growth_grid: [0], growth_step: 1, cut_grid: [0], cut_step: 1, trend: [[5, 11]], factor: [[1, 1]],
    per_inflow: [0, 0], launched: [0, 0], bau: [5, 5], turnover_base: 5, exact: true,
  };
  const data = { payload, templates: T, symbols: RU, labels: { case_scenario: "S", case_bau: "B" } };
  const values = { trade_growth: 0, investment_inflow: 0, trade_cost_cut: 0 };
  const frame = liveFrame(data, values);
  assert.equal(frame.texts.year, "2026");
  assert.deepEqual(frame.rows.marker, [{ year: 2026, turnover_usd_bn: 11, label: "2026" }]);
  assert.equal(liveFrame({ ...data, payload: { ...payload, exact: false } }, values), null);
});

test("rows equal to 1e-9 USD bn draw the same chart; any other difference does not", () => {
  const rows = { paths: [{ year: 2030, turnover_usd_bn: 7.5, case_label: "Scenario" }], marker: [] };
  const close = { paths: [{ year: 2030, turnover_usd_bn: 7.5 + 5e-10, case_label: "Scenario" }], marker: [] };
  assert.equal(sameRows(rows, close), true);
  assert.equal(sameRows(rows, { ...close, paths: [{ ...close.paths[0], turnover_usd_bn: 7.5 + 1e-6 }] }), false);
  assert.equal(sameRows(rows, { ...rows, paths: [{ ...rows.paths[0], case_label: "BAU" }] }), false);
  assert.equal(sameRows(rows, { ...rows, marker: [{ year: 2030 }] }), false);
  assert.equal(sameRows(null, rows), false);
});
