"""The methodology page's content, generated from the registry and the model wherever it can be."""

from __future__ import annotations

import pandas as pd

from model.api import Model
from model.baseline import trend_alternatives
from model.data import BaselineTables
from model.projection import TURNOVER_YEARS, elasticity_path
from model.registry import Registry
from model.run import ScenarioResult
from model.tracker import SHORT_PERIOD_MONTHS, required_growth_pct
from model.tradecost import cut_as_border_days, novy_trade_cost
from presentation.data_texts import data_text, local_numbers
from presentation.i18n import Translator
from presentation.tracker_text import signed_percent

# The model description's equations 1–10; symbols are the registry's (methodology table), language-neutral.
EQUATIONS = (
    r"T^0_t = T_{2025}\,(1+g)^{t-2025}",
    # one part a line, as an array: KaTeX's aligned overhangs its box by 2 px, which made the block scroll (axe)
    r"\begin{array}{rl} F_t &= \Big(1 - \tau\,\varphi_t\,\frac{a}{1+a}\Big)^{-\theta_t}, \\ "
    r"\varphi_t &= \min\!\Big(1, \frac{t-2025}{P}\Big), \\ "
    r"\theta_t &= \theta_{LR} + (\theta_{SR} - \theta_{LR}) \max\!\Big(0, 1 - \frac{t-2026}{N-1}\Big), \\ "
    r"a &= \Big(\frac{x_{UZ,UZ}\,x_{KZ,KZ}}{x_{UZ,KZ}\,x_{KZ,UZ}}\Big)^{1/(2\theta_{LR})} - 1 \end{array}",
    r"I_{i,s,t} = \big(\bar I\,\mathbb{1}[2026 \le t \le t_{end}] + I^{L}\,\mathbb{1}[t=2026]\big)\, r\, h_i\, m_s,"
    r"\quad K_{i,s,t} = (1-\delta)K_{i,s,t-1} + \frac{I_{i,s,t-L}}{(1+\pi)^{t-L-2025}}",
    r"T^I_t = \kappa\,(1-\chi)\,q\,(1+\pi)^{t-2025} \sum_i \sum_{s \in \{ind,\,agro\}} K_{i,s,t}"
    r" + \psi \sum_i \sum_s I_{i,s,t}\,",
    r"T_t = T^0_t F_t + T^I_t\,",  # trailing thin space: the italic overhang would make the block scroll
    r"Y^b_{i,t} = Y_{i,2025}\,(1+g_i)^{t-2025}",
    r"\Delta Y^K_{i,s,t} = (1+\pi)^{t-2025}\,\frac{K_{i,s,t}}{v_i^s},\qquad \Delta Y^B_{i,con,t} = \beta \sum_s I_{i,s,t}\,",
    r"\Delta Y^X_{i,t} = \alpha_i\,\Delta X_{i,t} - \mu\,\Delta M_{i,t},\qquad \Delta X_{i,t} = s_i\,(T^0_t F_t - T^{0,BAU}_t)",
    r"Y_{i,s,t} = Y^b_{i,s,t} + \Delta Y^K + \Delta Y^B + \Delta Y^X,\qquad \text{PER_HEAD} = \frac{\sum_s Y_{i,s,t}}{N_{i,t}}",
    r"\hat W_i = \Big(\frac{\lambda'_i}{\lambda_i}\Big)^{-1/\theta},\qquad \lambda'_{i,t} = \lambda_i - \frac{M^P_{i,t}(F_t-1)}{Y_{i,t}}",
)


def equation(number: int, t: Translator) -> str:
    """Equation ``number`` (1–10) as LaTeX, its one word ("per head") in the user's language."""
    return EQUATIONS[number - 1].replace("PER_HEAD", t("method.per_head_word"))


def parameter_table(registry: Registry, t: Translator) -> pd.DataFrame:
    """Every lever and parameter as the registry declares it: the methodology table, never typed by hand."""
    rows = []
    for p in registry.parameters:
        rows.append({
            t("method.col_key"): p.key,
            t("method.col_label"): t(f"params.{p.key}.label"),
            t("method.col_unit"): t(f"units.{p.unit}"),
            t("method.col_default"): p.default,
            t("method.col_bau"): p.default if p.bau is None else p.bau,
            t("method.col_range"): local_numbers(f"{p.min:g} … {p.max:g}", t),
            t("method.col_plausible"): local_numbers(f"{p.plausible[0]:g} … {p.plausible[1]:g}", t) if p.plausible else "—",
            t("method.col_uncertainty"): _uncertainty_text(p.uncertainty, t),
            t("method.col_status"): t(f"status.{p.status.replace(' ', '_')}"),
            t("method.col_source"): data_text(p.source, t) + (f" — {data_text(p.derivation, t)}" if p.derivation else ""),
        })
    return pd.DataFrame(rows)


def _uncertainty_text(spec: object, t: Translator) -> str:
    if not isinstance(spec, dict):
        return "—"
    arguments = ", ".join(f"{k}={v}" for k, v in spec.items() if k not in ("kind", "reasoning"))
    return f"{spec['kind']}({arguments}): {data_text(spec.get('reasoning', ''), t)}"


def income_readings(result: ScenarioResult, t: Translator) -> pd.DataFrame:
    """The accounting reading (GDP per head vs BAU, %) next to the ACR long-run real-income gain, 2030 and 2035."""
    rows = []
    for year in (2030, 2035):
        column = year - 2025
        for index, country in enumerate(("UZ", "KZ")):
            scenario = float(result.scenario.gdp.per_head_usd[index, column])
            bau = float(result.bau.gdp.per_head_usd[index, column])
            rows.append({t("table.country"): t(f"countries.{country}"), t("table.year"): year,
                         t("method.accounting"): round(100 * (scenario / bau - 1), 3),
                         t("method.acr"): round(float(result.scenario.gdp.real_income_gain_pct[index, column]), 3)})
    return pd.DataFrame(rows)


def tracker_reading(tables: BaselineTables, registry: Registry, t: Translator) -> str:
    """The tracker's method and its one judgement (a short period is noisy), with the evidence from the data.

    The evidence is January of the latest full year against January a year earlier (year-to-date table) beside
    the whole year's growth (bilateral table); "n/a" where the data lack either.
    """
    trade = tables.bilateral.set_index("year")["turnover_usd_bn"].dropna()
    last_year = int(trade.index.max())
    january = tables.ytd[(tables.ytd["year"] == last_year) & (tables.ytd["months"] == 1)]
    na = t("tracker.not_available")
    january_growth = (signed_percent(100 * (float(january["value_usd_bn"].iloc[0])
                                            / float(january["same_period_prior_year_usd_bn"].iloc[0]) - 1), t, 1)
                      if len(january) else na)
    year_growth = (signed_percent(100 * (float(trade[last_year]) / float(trade[last_year - 1]) - 1), t, 1)
                   if last_year - 1 in trade.index else na)
    defaults = registry.defaults()
    needed = required_growth_pct(defaults["target_usd_bn"], float(trade[last_year]), last_year,
                                 int(defaults["target_year"]))
    return t("method.tracker_text", last_year=t.year(last_year), last=t.usd_bn(float(trade[last_year])),
             target=t.usd_bn(defaults["target_usd_bn"], 0), goal_year=t.year(defaults["target_year"]),
             needed=na if needed is None else t("units.pct_per_year_value", value=t.number(needed, 1)),
             january_growth=january_growth, year_growth=year_growth, previous_year=t.year(last_year - 1),
             months=t.count("months", SHORT_PERIOD_MONTHS))


def judgement_values(model: Model, t: Translator) -> dict[str, str]:
    """The numbers the judgements section quotes, computed from data/ and the registry so the text cannot drift."""
    alternatives = trend_alternatives(model.tables)
    values = {key: t.number(value, 1) for key, value in alternatives.items() if key != "cagr_2019"}
    values["trend"] = t.number(model.registry.by_key["trade_growth"].default, 1)
    values["realisation"] = t.number(model.registry.by_key["realisation_share"].default, 2)
    return values


ELASTICITY_YEARS_SHOWN = (2026, 2027, 2028, 2030, 2033, 2035)
THETAS_SHOWN = (1.75, 2.0, 5.0, 7.0)  # BLP's low and centre, Head & Mayer's ≈ 5, the review's 7


def elasticity_cases(registry: Registry) -> dict[str, float]:
    """Short-run θ, the long-run low, central and high cases and N, as the registry declares them."""
    long_run = registry.by_key["trade_elasticity"]
    assert long_run.plausible is not None
    return {"short": registry.by_key["trade_elasticity_short"].default, "low": long_run.plausible[0],
            "long": long_run.default, "high": long_run.plausible[1], "years": registry.by_key["elasticity_years"].default}


def elasticity_table(registry: Registry, t: Translator) -> pd.DataFrame:
    """θₜ in some years for the low, central and high long-run cases (eq. 2), from the model's own path."""
    cases = elasticity_cases(registry)
    columns = {t("method.col_low"): cases["low"], t("method.col_central"): cases["long"],
               t("method.col_high"): cases["high"]}
    rows = []
    for year in ELASTICITY_YEARS_SHOWN:
        index = int(year - TURNOVER_YEARS[0])
        row: dict[str, object] = {t("method.col_year"): str(year)}
        for name, long_run in columns.items():
            path = elasticity_path(cases["short"], long_run, cases["years"], TURNOVER_YEARS)
            row[name] = t.number(float(path[..., index]), 2)
        rows.append(row)
    return pd.DataFrame(rows)


def trade_cost_table(model: Model, t: Translator) -> pd.DataFrame:
    """The inverse-gravity trade-cost level at several long-run θ, its share of the price, and a 1 % cut in days."""
    rows = []
    for theta in THETAS_SHOWN:
        level = float(novy_trade_cost(model.baseline.trade_cost_log_ratio, theta))
        fewest, most = cut_as_border_days(1.0, level)
        rows.append({t("method.col_theta"): t.number(theta, 2), t("method.col_level"): t.percent(100 * level, 0),
                     t("method.col_cost_share"): t.percent(100 * level / (1 + level), 0),
                     t("method.col_days"): f"{t.number(fewest, 1)}–{t.number(most, 1)}"})
    return pd.DataFrame(rows)


def default_trade_cost_pct(model: Model) -> float:
    """The trade-cost level at the registry's long-run θ, % ad valorem."""
    return 100 * float(novy_trade_cost(model.baseline.trade_cost_log_ratio,
                                       model.registry.by_key["trade_elasticity"].default))

