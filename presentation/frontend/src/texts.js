// The headline's and the chart's words for one recombined lever state, from the catalogue templates the
// server sends (already in the user's language) and its number symbols. The same rules as the server's
// presentation code (crossing_text, years_delta_text, turnover_finding, usd_bn): on release the server's
// texts replace these, and a test holds the two equal over hundreds of lever states. Pure, no DOM.

import { fill, formatNumber, formatSigned } from "./format.js";

/** "2031" / "Already reached" / "Not by 2050": the headline's target year. */
export function yearText(crossingResult, templates) {
  if (crossingResult.already) {
    return templates.already;
  }
  if (crossingResult.first_year === null) {
    return templates.not_by_2050;
  }
  return String(crossingResult.first_year);
}

/** "-1 year vs BAU" (ASCII minus, as the server writes it) or "same year as BAU", or "" when either is not reached. */
export function deltaText(head, templates) {
  if (head.years_vs_bau === null) {
    return "";
  }
  if (head.years_vs_bau === 0) {
    return templates.same_as_bau;
  }
  // The number with its noun in agreement ("-2 года"): the server words every possible difference.
  return fill(templates.years_vs_bau, { delta: templates.years_delta[String(head.years_vs_bau)] });
}

/** The chart's title: when the target is reached, against business as usual (turnover_finding). */
export function findingText(head, templates, target) {
  if (head.first_year === null) {
    return fill(templates.not_reached, { target });
  }
  if (head.already) {
    return fill(templates.already_above, { target });
  }
  const year = String(head.first_year);
  if (head.bau_first_year === null) {
    return fill(templates.reached_bau_never, { target, year });
  }
  const gap = head.bau_first_year - head.first_year;
  if (gap > 0) {
    return fill(templates.reached_earlier, { target, year, years: templates.years_count[String(gap)] });
  }
  if (gap < 0) {
    return fill(templates.reached_later, { target, year, years: templates.years_count[String(-gap)] });
  }
  return fill(templates.reached_same, { target, year });
}

/** Every text of the headline for one state: what the server's headline shows, in the same words. */
export function headlineTexts(head, trendNow, templates, symbols) {
  const target = templates.target;
  const fractional = head.fractional === null || head.already
    ? ""
    : fill(templates.fractional, { value: formatNumber(head.fractional, 1, { ...symbols, grouping: 0 }) });
  const growth = head.required_growth_pct === -Infinity
    ? templates.growth_not_needed
    : fill(templates.pct_per_year_value, { value: formatNumber(head.required_growth_pct, 1, symbols) });
  return {
    year: yearText(head, templates),
    fractional,
    delta: deltaText(head, templates),
    turnover: fill(templates.usd_bn_value, { value: formatNumber(head.turnover_at_goal, 2, symbols) }),
    gap: fill(templates.gap, { gap: formatSigned(-head.gap_at_goal, 2, symbols, { plus: "+", minus: "-" }) }),
    growth,
    trend_now: fill(templates.trend_now, { value: formatNumber(trendNow, 1, symbols) }),
    finding: findingText(head, templates, target),
    falls_back: head.falls_back ? templates.falls_back : "",
  };
}

/** A lever value as its slider shows it: the step's decimals and the unit ("7.0 %/yr"). */
export function leverValueText(value, lever, symbols) {
  return fill(lever.value_template, { value: formatNumber(value, lever.decimals, symbols) });
}
