"""How the chance of the target is written: one formatter for every surface, and the label of any other run.

The Explorer summary, Analysis, presentation mode and the deck all write the headline probability with
:func:`probability_text`, so one scenario reads the same everywhere. A run that is not the headline one
(another draw count, the stress case) is always shown with :func:`run_label` beside its figure.
"""

from __future__ import annotations

import math

from model.montecarlo import HEADLINE_DRAWS, HEADLINE_SEED, MonteCarloResult, TargetOdds
from model.registry import Registry
from presentation.i18n import Translator

Odds = MonteCarloResult | TargetOdds


def probability_text(odds: Odds, t: Translator) -> str:
    """The share of draws reaching the target by the target year, as a whole percent (``26%``, ``26 %``)."""
    return t.percent(100 * odds.p_target_by_goal, 0)


def is_headline(odds: Odds) -> bool:
    """True for the run every page shows: the headline draw count and seed, base case."""
    return odds.draws == HEADLINE_DRAWS and odds.seed == HEADLINE_SEED and not odds.stress


def run_label(odds: Odds, t: Translator) -> str:
    """What sets a run apart from the headline one (``Stress case, 1,000 simulations``); empty for the headline."""
    parts = [t("odds.stress")] if odds.stress else []
    if odds.draws != HEADLINE_DRAWS or odds.seed != HEADLINE_SEED:
        parts.append(t.plural("odds.draws", odds.draws, draws=t.number(odds.draws, 0)))
    return t("odds.separator").join(parts)


def run_description(odds: Odds, registry: Registry, t: Translator) -> str:
    """A run in words for a sentence: ``the stress case (a 2026 shock of one standard deviation), 10,000 simulations``.

    Unlike :func:`run_label` it always gives the number of simulations, and says what the stress case is.
    """
    parts = [t("odds.stress_described", year=stress_terms(registry, t)["year"])] if odds.stress else []
    return t("odds.separator").join([*parts, t.plural("odds.draws", odds.draws, draws=t.number(odds.draws, 0))])


def labelled(text: str, odds: Odds, t: Translator) -> str:
    """``text`` led by :func:`run_label` (``Stress case: …``) when ``odds`` is not the headline run."""
    label = run_label(odds, t)
    return t("odds.labelled", label=label, text=text) if label else text


def stress_terms(registry: Registry, t: Translator) -> dict[str, str]:
    """The stress case's year, shock (log points) and the percentage by which it lowers the trend level."""
    shock = registry.stress_shock
    return {"year": t.year(registry.stress_year), "shock": t.number(shock, 2),
            "drop": t.number(100 * (1 - math.exp(-shock)), 0)}
