"""The year-to-date tracker in words, for the Explorer and the deck: one sentence, the caveat, source and status.

Streamlit-free: the sentence comes from per-language templates in ``presentation/locales`` with locale number and month
formats; the figures come from :mod:`model.tracker`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel.dates import get_month_names

from model.tracker import YtdFigure, YtdTracker
from presentation.data_texts import data_text, status_text
from presentation.deck_content import short_source
from presentation.i18n import Translator


@dataclass(frozen=True)
class TrackerText:
    """The tracker as the app and the deck show it.

    Attributes
    ----------
    sentence : str
        "Latest: Jan 2026, +31 % on Jan 2025 — the scenario assumes 7.5 %/yr, the goal needs 15.0 %/yr".
    caveat : str or None
        "One month is a noisy guide to the whole year" for a period of up to three months, else ``None``.
    source : str
        Where the figure comes from (shortened to one line) and its status, in the user's language.
    """

    sentence: str
    caveat: str | None
    source: str


def period_text(year: int, months: int, t: Translator) -> str:
    """``Jan 2026`` / ``Jan–Mar 2026``, ``январь 2026 г.``, ``2026-yil yanvar`` (the catalogue's month style)."""
    names = dict(get_month_names(t("tracker.month_width"), context="stand-alone", locale=t.locale))
    if t("tracker.month_case") == "lower":  # Russian and Uzbek write month names in lower case inside a sentence
        names = {number: name.lower() for number, name in names.items()}
    if months == 1:
        return t("tracker.period_one", month=names[1], year=t.year(year))
    return t("tracker.period_range", first=names[1], last=names[months], year=t.year(year))


def signed_percent(value_pct: float, t: Translator, digits: int = 0) -> str:
    """``+31 %`` / ``−4 %`` in the locale's percent notation (no sign when it rounds to zero)."""
    shown = t.percent(abs(value_pct), digits)
    if round(value_pct, digits) == 0:
        return t.percent(0.0, digits)
    return ("+" if value_pct > 0 else "−") + shown


@lru_cache(maxsize=512)
def _rate(value: float | None, lang: str) -> str:
    """A growth rate as ``7.5 %/yr`` (cached: babel's formatting costs about 0.5 ms a call)."""
    t = Translator(lang)
    if value is None:
        return t("tracker.not_available")
    return t("units.pct_per_year_value", value=t.number(value, 1))


@lru_cache(maxsize=64)
def _figure_words(figure: YtdFigure, short_period: bool, lang: str) -> dict[str, str]:
    """What depends on the data only: periods, growth, caveat and source line (once per figure and language)."""
    t = Translator(lang)
    caveat = ""
    if short_period:
        few = t("tracker.caveat_few", n=t.count("months", figure.months))
        caveat = t("tracker.caveat_one") if figure.months == 1 else few
    return {
        "period": period_text(figure.year, figure.months, t),
        "prior_period": period_text(figure.year - 1, figure.months, t),
        "growth": signed_percent(figure.growth_pct, t),
        "year": t.year(figure.year),
        "last_year": t.year(figure.last_full_year) if figure.last_full_year is not None else "",
        "caveat": caveat,
        "source": t("tracker.source", source=short_source(data_text(figure.source, t), 160),
                    status=status_text(figure.status, t)),
    }


def tracker_text(tracker: YtdTracker, t: Translator) -> TrackerText:
    """The tracker's sentence, caveat and source line in the language of ``t``.

    The data-only words are cached per figure and language and the rates per value, so a lever moved costs
    a string format, not babel's number formatting (about 4 ms uncached).
    """
    words = _figure_words(tracker.figure, tracker.short_period, t.lang)
    target = tracker.target_usd_bn
    sentence = t("tracker.sentence", period=words["period"], prior_period=words["prior_period"],
                 growth=words["growth"], year=words["year"], last_year=words["last_year"],
                 assumed=_rate(_rounded(tracker.scenario_growth_pct), t.lang),
                 needed=_rate(_rounded(tracker.required_growth_pct), t.lang),
                 target=_target(target, t.lang), goal_year=t.year(tracker.goal_year))
    return TrackerText(sentence, words["caveat"] or None, words["source"])


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


@lru_cache(maxsize=64)
def _target(value: float, lang: str) -> str:
    return Translator(lang).usd_bn(value, 0 if float(value).is_integer() else 1)
