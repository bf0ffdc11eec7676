"""A plain-language summary of a result: two or three sentences from per-language templates, never free text."""

from __future__ import annotations

import numpy as np

from model.data import COUNTRIES, REPORT_YEAR, SECTORS
from model.montecarlo import MonteCarloResult, TargetOdds
from model.projection import GDP_YEARS
from model.run import ScenarioResult
from presentation.figures import crossing_text, target_text
from presentation.i18n import Translator
from presentation.odds_text import labelled, probability_text

SUMMARY_YEAR = REPORT_YEAR


def _timing_sentence(result: ScenarioResult, t: Translator) -> str:
    scenario, bau = crossing_text(result.scenario, t), crossing_text(result.bau, t)
    target = target_text(result, t)
    if scenario.first_year is None:
        return t("summary.not_reached", target=target)
    if bool(result.scenario.crossing.already):
        return t("summary.already", target=target)
    if bau.first_year is None:
        return t("summary.reached_bau_never", target=target, year=scenario.value)
    gap = bau.first_year - scenario.first_year
    if gap > 0:
        return t("summary.reached_earlier", target=target, year=scenario.value, years=t.count("years", gap),
                 bau=bau.value)
    if gap < 0:
        return t("summary.reached_later", target=target, year=scenario.value, years=t.count("years", -gap),
                 bau=bau.value)
    return t("summary.reached_same", target=target, year=scenario.value)


def _probability_sentence(mc: MonteCarloResult | TargetOdds | None, t: Translator) -> str:
    if mc is None:
        return ""
    return labelled(t("summary.probability", p=probability_text(mc, t), year=t.year(mc.goal_year),
                      draws=t.number(mc.draws, 0)), mc, t)


def _sector_sentence(result: ScenarioResult, t: Translator) -> str:
    column = int(np.searchsorted(GDP_YEARS, SUMMARY_YEAR))
    shifts = result.scenario.gdp.shares_pct[:, :, column] - result.bau.gdp.shares_pct[:, :, column]  # (country, sector)
    country, sector = np.unravel_index(int(np.argmax(np.abs(shifts))), shifts.shape)  # first of ties, as pandas
    shift = float(shifts[country, sector])
    if abs(shift) < 0.005:
        return t("summary.no_shift", year=t.year(SUMMARY_YEAR))
    return t("summary.sector_shift", country=t(f"countries.{COUNTRIES[country]}"),
             sector=t(f"sectors_in_text.{SECTORS[sector]}"), shift=t.signed(shift, 2), year=t.year(SUMMARY_YEAR))


def summary_sentences(result: ScenarioResult, mc: MonteCarloResult | TargetOdds | None, t: Translator) -> list[str]:
    """When the target is reached against BAU, how likely by the target year, and the biggest sector shift."""
    sentences = [_timing_sentence(result, t), _probability_sentence(mc, t), _sector_sentence(result, t)]
    return [s for s in sentences if s]
