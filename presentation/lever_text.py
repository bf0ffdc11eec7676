"""A lever as a user reads it: its label with the unit, its help text, its value in the locale's notation."""

from __future__ import annotations

import math

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
    return t("lever_help", description=t(f"params.{param.key}.description"),
             default=t.number(param.default, step_digits(param.step)), source=data_text(param.source, t))
