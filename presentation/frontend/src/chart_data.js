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
