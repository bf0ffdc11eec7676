// Recombination and the headline rules on a small hand-made payload whose answers are worked out by hand.
import assert from "node:assert/strict";
import { test } from "node:test";
import { crossing, gridIndex, headline, recombine, requiredGrowth } from "../src/recombine.js";

// Three years (2025-2027), two growth steps, two cut steps.
const PAYLOAD = {
  years: [2025, 2026, 2027], base_year: 2025, last_shown_year: 2027, goal: 10, goal_year: 2027,
  growth_grid: [0, 10], growth_step: 10, cut_grid: [0, 5], cut_step: 5,
  trend: [[5, 5, 5], [5, 5.5, 6.05]], factor: [[1, 1, 1], [1, 1.1, 1.2]],
  per_inflow: [0, 1, 2], launched: [0, 0.5, 1], bau: [5, 5, 5], turnover_base: 5,
};

test("grid index rounds to the nearest step and stays on the grid", () => {
  assert.equal(gridIndex([0, 0.1, 0.2], 0.1, 0.1000000001), 1);
  assert.equal(gridIndex([0, 0.1, 0.2], 0.1, 5), 2);
  assert.equal(gridIndex([0, 0.1, 0.2], 0.1, -5), 0);
});

test("total is trend times factor plus inflow times its part plus the launched part", () => {
  // 2027: 6.05 * 1.2 + 2 * 2 + 1 = 12.26
  const total = recombine(PAYLOAD, 10, 2, 5);
  assert.deepEqual(total.map((v) => Math.round(v * 1e9) / 1e9), [5, 5.5 * 1.1 + 2 + 0.5, 12.26]);
});

test("the crossing is log-linear inside the year and flags falling back", () => {
  const result = crossing([2025, 2026, 2027], [8, 12, 9], 10);
  assert.equal(result.first_year, 2026);
  assert.ok(Math.abs(result.fractional - (2025 + Math.log(10 / 8) / Math.log(12 / 8))) < 1e-12);
  assert.equal(result.falls_back, true);
  assert.deepEqual(crossing([2025, 2026], [11, 12], 10), { first_year: 2025, fractional: 2025, already: true, falls_back: false });
  assert.equal(crossing([2025, 2026], [1, 2], 10).first_year, null);
});

test("growth needed inverts the trend in the goal year; not needed when investment alone reaches it", () => {
  // needed = 10 - (1 * 2 + 1) = 7 = 5 * 1.2 * (1 + g)^2
  assert.ok(Math.abs(requiredGrowth(PAYLOAD, 1, 5) - (Math.sqrt(7 / 6) - 1) * 100) < 1e-12);
  assert.equal(requiredGrowth(PAYLOAD, 5, 0), -Infinity);
});

test("the headline puts it together, against business as usual", () => {
  const head = headline(PAYLOAD, 10, 2, 5);
  assert.equal(head.first_year, 2027);
  assert.equal(head.bau_first_year, null);
  assert.equal(head.years_vs_bau, null);
  assert.ok(Math.abs(head.turnover_at_goal - 12.26) < 1e-12);
  assert.ok(Math.abs(head.gap_at_goal + 2.26) < 1e-12);
});
