"""What the live levers component is sent each run: components, words, number symbols, spec, server numbers.

Everything the browser needs to recombine and word the headline while a slider moves (the exact per-year
components of :mod:`model.live`, the catalogue's templates in the user's language and its number symbols),
and the server's own numbers for the scenario's values, which replace the browser's on release.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any

from babel.numbers import format_decimal

from exchange.live_values import LIVE_LEVERS
from model.api import Model
from model.data import BASE_YEAR
from model.live import live_components
from model.registry import LAST_PROJECTED_YEAR, Parameter
from model.run import ScenarioResult
from presentation.chart_text import source_as_title, wrap_axis_titles
from presentation.charts import NORMAL, PRESENTATION
from presentation.figures import crossing_text, target_text, turnover_finding, years_delta_text
from presentation.figures import turnover_figure as exported_turnover_figure
from presentation.i18n import Translator
from presentation.lever_text import lever_help, lever_label, step_digits
from presentation.number_format import number_symbols

PARTS = ("levers", "headline", "chart")
METRICS = ("year", "turnover", "growth")
# In large type the growth needed does not fit beside the others at 1920×1080 (Russian): presentation shows two.
PRESENTATION_METRICS = ("year", "turnover")


def fractional_text(fractional: float, t: Translator) -> str:
    """The fractional target year (``2030.6``), one decimal, never grouped like a year."""
    return t("live.fractional", value=format_decimal(fractional, format="0.0", locale=t.locale))


def lever_entry(param: Parameter, t: Translator, caption: str = "") -> dict[str, Any]:
    """One slider's definition: range and grid, label and help with unit and source, its value's template."""
    return {"key": param.key, "label": lever_label(param, t), "help": lever_help(param, t).replace("  \n", "\n"),
            "min": param.min, "max": param.max, "step": param.step, "decimals": step_digits(param.step),
            "value_template": t("live.value_unit", value="{value}", unit=t(f"units.{param.unit}")),
            "caption": caption}


def templates(result: ScenarioResult, t: Translator) -> dict[str, Any]:
    """The catalogue texts the browser fills while a slider moves, ``{placeholders}`` left in."""
    return _templates(t.lang, target_text(result, t))


@lru_cache(maxsize=256)
def _templates(lang: str, target: str) -> dict[str, Any]:
    # Worded once per language and target: every release sends them, and the plural forms alone cost ~5 ms.
    t = Translator(lang)
    keep = {name: "{" + name + "}" for name in ("value", "delta", "gap", "year", "years", "target")}
    fixed = ("already", "not_by_2050", "same_as_bau", "growth_not_needed", "falls_back")
    texts: dict[str, Any] = {name: t(f"headline.{name}") for name in fixed}
    texts.update({"years_vs_bau": t("headline.years_vs_bau", delta=keep["delta"]),
                  "gap": t("headline.gap", gap=keep["gap"]),
                  "trend_now": t("headline.trend_now", value=keep["value"]),
                  "usd_bn_value": t("units.usd_bn_value", value=keep["value"]),
                  "pct_per_year_value": t("units.pct_per_year_value", value=keep["value"]),
                  "fractional": t("live.fractional", value=keep["value"]),
                  "target": target})
    for name in ("not_reached", "reached_bau_never", "reached_earlier", "reached_later", "reached_same"):
        texts[name] = t(f"findings.{name}", target=keep["target"], year=keep["year"], years=keep["years"])
    texts["already_above"] = t("findings.already", target=keep["target"])
    # Years between the scenario's and BAU's crossing, with the noun agreeing with the number (CLDR plurals):
    # worded here for every difference the horizon allows, so the browser needs no plural rules.
    span = LAST_PROJECTED_YEAR - BASE_YEAR
    texts["years_count"] = {str(n): t.count("years", n) for n in range(1, span + 1)}
    texts["years_delta"] = {str(d): t.count("years", d, f"{d:+d}") for d in range(-span, span + 1) if d}
    return texts


def server_texts(result: ScenarioResult, required_growth_pct: float, t: Translator) -> dict[str, str]:
    """The headline's texts for the scenario as the server computes and words them (the numbers that win)."""
    crossing = result.scenario.crossing
    reached = bool(crossing.reached) and not bool(crossing.already)
    if required_growth_pct == float("-inf"):
        growth = t("headline.growth_not_needed")
    else:
        growth = t("units.pct_per_year_value", value=t.number(required_growth_pct, 1))
    return {
        "year": crossing_text(result.scenario, t).value,
        "fractional": fractional_text(float(crossing.fractional), t) if reached else "",
        "delta": years_delta_text(result, t) or "",
        "turnover": t.usd_bn(result.turnover_at_goal),
        "gap": t("headline.gap", gap=t.signed(-result.gap_at_goal, 2).replace("−", "-")),
        "growth": growth,
        "trend_now": t("headline.trend_now", value=t.number(result.scenario.values["trade_growth"], 1)),
        "finding": turnover_finding(result, t),
        "falls_back": t("headline.falls_back") if bool(crossing.falls_back) else "",
    }


def live_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """The exported chart's spec as the app shows it: the finding drawn above it, the source as its title."""
    shown = dict(spec)
    shown["title"] = source_as_title(dict(spec.get("title", {})))
    return wrap_axis_titles(shown)


def payload_message(payload: dict[str, Any]) -> dict[str, str]:
    """The components as the page's store takes them (``src/payloads.js``): ``{"key", "json"}``.

    Parameters
    ----------
    payload : dict
        :meth:`model.live.LiveComponents.to_payload`.

    Returns
    -------
    dict of str to str
        ``json``: the payload as JSON text; ``key``: the first 16 hex digits of its SHA-256, so the live levers'
        data names the components it needs and equal components get equal keys.

    Raises
    ------
    ValueError
        If the payload holds NaN or an infinity (JSON has no such numbers).
    """
    text = json.dumps(payload, allow_nan=False, separators=(",", ":"))
    return {"key": hashlib.sha256(text.encode("utf-8")).hexdigest()[:16], "json": text}


def live_data(model: Model, result: ScenarioResult, required_growth_pct: float, t: Translator, *,
              presentation: bool = False, parts: tuple[str, ...] = PARTS, cut_caption: str = "", notice: str = "",
              server_note: str = "", seq: int = 0, payload_key: str | None = None,
              address_query: str | None = None, scenario_line: str = "") -> dict[str, Any]:
    """The component's data for one run (JSON-safe).

    Parameters
    ----------
    model : Model
        The session's model (its registry gives the sliders, its baseline the components).
    result : ScenarioResult
        The scenario's run: its values set the sliders and its numbers are the server's.
    required_growth_pct : float
        The trend growth needed for the goal (``Model.goal_seek``'s unclamped answer), %/yr.
    t : Translator
        The user's language.
    presentation : bool
        Large type for a projector (1920×1080).
    parts : tuple of str
        Which of ``"levers"``, ``"headline"`` and ``"chart"`` to show.
    cut_caption, notice, server_note : str
        The trade-cost cut in days at the border; what was changed in the values last sent back; a figure only
        the server computes (shown faded while a slider moves, as it is for the released values).
    seq : int
        The last release the server has answered.
    payload_key : str, optional
        The key of the components already sent in their own element (:func:`payload_message`): the data then
        names them instead of carrying them (``payload_key``); without it they come inline (``payload``).
    address_query : str, optional
        The share link's query string for ``result``'s scenario (``g=7.1&preset=announced&v=1.0``, no ``?``):
        the component writes it into the address bar (``history.replaceState``). ``None`` (the offline brief)
        leaves the address alone.
    scenario_line : str
        HTML of the line above the levers naming the scenario (:func:`presentation.html_text.markdown_html`, so
        a name a user typed is escaped); "" shows none. Drawn here rather than as a Streamlit element because
        the browser re-renders each of those on every message of a release's run (~10 ms of a release).
    """
    values = result.scenario.values
    components: dict[str, Any] = (
        {"payload_key": payload_key} if payload_key is not None
        else {"payload": live_components(values, model.baseline, model.registry).to_payload()})
    # The spec itself, not a copy (read only here; live_spec copies what it changes).
    chart = exported_turnover_figure(model, result, t, PRESENTATION if presentation else NORMAL).spec
    datasets = chart["datasets"]
    levers = [lever_entry(model.registry.by_key[key], t, cut_caption if key == "trade_cost_cut" else "")
              for key in LIVE_LEVERS]
    return {
        "id_prefix": "hk-live-present" if presentation else "hk-live",
        "lang": t.lang, "style": "presentation" if presentation else "normal", "parts": list(parts),
        "metrics": list(PRESENTATION_METRICS if presentation else METRICS),
        **components, "levers": levers, "values": {key: float(values[key]) for key in LIVE_LEVERS},
        "symbols": number_symbols(t.lang), "templates": templates(result, t),
        "labels": {"levers": t("sidebar.levers"), "help": t("live.help"),
                   "case_scenario": t("chart.case_scenario"), "case_bau": t("chart.case_bau"),
                   "year": t("headline.target_year", target=target_text(result, t)),
                   "turnover": t("headline.turnover_in_goal", year=t.year(result.goal_year)),
                   "growth": t("headline.required_growth", year=t.year(result.goal_year))},
        "server": {"texts": server_texts(result, required_growth_pct, t), "paths": datasets["paths"],
                   "marker": datasets["marker"]},
        "spec": live_spec(chart), "notice": notice, "server_note": server_note, "seq": seq,
        "address_query": address_query, "scenario_line": scenario_line,
    }
