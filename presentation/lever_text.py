"""A lever as a user reads it: its label with the unit, its help text, its value in the locale's notation."""

from __future__ import annotations

import math
from functools import lru_cache

from model.registry import Parameter
from presentation.data_texts import data_text
from presentation.i18n import Translator


def step_digits(step: float) -> int:
    """Decimals that show a value on a slider step (0.05 → 2, 0.5 → 1, 1 → 0)."""
    step = float(step)
    return 0 if step.is_integer() else max(0, -math.floor(math.log10(step) + 1e-9))


def value_text(param: Parameter, value: float, t: Translator, digits: int | None = None) -> str:
    """A lever's value in the locale's notation (``10.9``, ``10,9``; years as ``2030``).

    ``digits`` overrides the step's decimals (to tell apart two values that round alike).
    """
    if param.unit == "year":
        return t.year(value)
    return t.number(value, step_digits(param.step) if digits is None else digits)


def lever_label(param: Parameter, t: Translator) -> str:
    """Slider label with its unit, e.g. ``Trade growth (trend) (%/yr)``."""
    return t("lever_label", label=t(f"params.{param.key}.label"), unit=t(f"units.{param.unit}"))


def lever_help(param: Parameter, t: Translator) -> str:
    """Help text: what the lever means, its default and its source."""
    return _lever_help(t.lang, param.key, param.default, param.step, param.source)


@lru_cache(maxsize=512)
def _lever_help(lang: str, key: str, default: float, step: float, source: str) -> str:
    # Worded once per language and lever: the live levers send all three on every release (~0.5 ms of it).
    t = Translator(lang)
    return t("lever_help", description=t(f"params.{key}.description"), default=t.number(default, step_digits(step)),
             source=data_text(source, t))
