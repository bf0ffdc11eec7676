// The rows the turnover chart's named datasets take for one recombined path: the scenario and business as
// usual to the last shown year ("paths") and the marker where the scenario first reaches the target
// ("marker"), in the same shape as the server's figures.turnover_figure. Pure, no DOM.

/** Scenario then BAU rows {year, turnover_usd_bn, case_label} for the years the chart shows. */
export function pathRows(payload, total, labels) {
  const rows = [];
  const cases = [[labels.case_scenario, total], [labels.case_bau, payload.bau]];
  for (const [label, path] of cases) {
    payload.years.forEach((year, index) => {
      if (year <= payload.last_shown_year) {
        rows.push({ year, turnover_usd_bn: path[index], case_label: label });
      }
    });
  }
  return rows;
}

/** The crossing marker's row (none when not reached, reached in the first year or after the last shown year). */
export function markerRows(payload, total, head) {
  if (head.first_year === null || head.already || head.first_year > payload.last_shown_year) {
    return [];
  }
  const index = head.first_year - payload.years[0];
  return [{ year: head.first_year, turnover_usd_bn: total[index], label: String(head.first_year) }];
}

/**
 * Whether two sets of rows ({dataset name: rows}) draw the same chart: same names, rows and texts, numbers equal
 * to `tolerance` (USD bn; the server's numbers and the browser's recombination agree to 1e-9, far below a pixel).
 */
export function sameRows(a, b, tolerance = 1e-9) {
  const same = (x, y) => {
    if (typeof x === "number" && typeof y === "number") {
      return Math.abs(x - y) <= tolerance;
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      return x.length === y.length && x.every((item, index) => same(item, y[index]));
    }
    if (x && y && typeof x === "object" && typeof y === "object") {
      const keys = Object.keys(x);
      return keys.length === Object.keys(y).length && keys.every((key) => key in y && same(x[key], y[key]));
    }
    return x === y;
  };
  return a !== null && b !== null && same(a, b);
}
