// The turnover path and the headline for any lever state on the sliders' grids, recombined from the exact
// per-year components the server computed (model/live.py). Multiplication, addition and the same crossing
// and growth-needed rules as the model's outputs: no model equation lives here. Pure functions, no DOM.

/** Index of `value` on a slider grid that starts at `grid[0]` and moves in `step`s, clamped to the grid. */
export function gridIndex(grid, step, value) {
  const index = Math.round((value - grid[0]) / step);
  return Math.min(Math.max(index, 0), grid.length - 1);
}

/** Total turnover per year (USD bn): trend × facilitation factor + inflow × per-inflow part + launched part. */
export function recombine(payload, growth, inflow, cut) {
  const trend = payload.trend[gridIndex(payload.growth_grid, payload.growth_step, growth)];
  const factor = payload.factor[gridIndex(payload.cut_grid, payload.cut_step, cut)];
  const total = new Array(payload.years.length);
  for (let t = 0; t < total.length; t += 1) {
    total[t] = trend[t] * factor[t] + inflow * payload.per_inflow[t] + payload.launched[t];
  }
  return total;
}

/**
 * When `path` first reaches `goal` (model.outputs.target_crossing): the first year, the fractional year
 * (log-linear between the two years around the crossing), whether it was already reached in the first year
 * and whether it falls back below the goal later.
 */
export function crossing(years, path, goal) {
  const k = path.findIndex((value) => value >= goal);
  if (k < 0) {
    return { first_year: null, fractional: null, already: false, falls_back: false };
  }
  const above = path.filter((value) => value >= goal).length;
  const fallsBack = above < path.length - k;
  if (k === 0) {
    return { first_year: years[0], fractional: years[0], already: true, falls_back: fallsBack };
  }
  const fractional = years[k] - 1 + Math.log(goal / path[k - 1]) / Math.log(path[k] / path[k - 1]);
  return { first_year: years[k], fractional, already: false, falls_back: fallsBack };
}

/** The trend growth (%/yr) that reaches the goal in the goal year with the other levers as they are. */
export function requiredGrowth(payload, inflow, cut) {
  const y = payload.goal_year - payload.base_year;
  const factor = payload.factor[gridIndex(payload.cut_grid, payload.cut_step, cut)];
  const needed = payload.goal - (inflow * payload.per_inflow[y] + payload.launched[y]);
  if (needed <= 0) {
    return -Infinity;
  }
  return ((needed / (payload.turnover_base * factor[y])) ** (1 / y) - 1) * 100;
}

/** The headline numbers for one lever state, as `model.live.headline` gives them. */
export function headline(payload, growth, inflow, cut) {
  const total = recombine(payload, growth, inflow, cut);
  const scenario = crossing(payload.years, total, payload.goal);
  const bau = crossing(payload.years, payload.bau, payload.goal);
  const turnoverAtGoal = total[payload.goal_year - payload.base_year];
  const bothReached = scenario.first_year !== null && bau.first_year !== null;
  return {
    ...scenario,
    turnover_at_goal: turnoverAtGoal,
    gap_at_goal: payload.goal - turnoverAtGoal,
    required_growth_pct: requiredGrowth(payload, inflow, cut),
    bau_first_year: bau.first_year,
    years_vs_bau: bothReached ? scenario.first_year - bau.first_year : null,
  };
}
