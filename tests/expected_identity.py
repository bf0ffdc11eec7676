"""What a changed preset must be called, put together from the catalogue's pieces (not by the code under test)."""

from __future__ import annotations

from model import Model
from model.presets import find_preset, load_presets
from presentation.i18n import Translator


def change_text(model: Model, lang: str, key: str, value: float, digits: int = 1, preset: str = "agreements") -> str:
    """``Trade growth (trend) 10.9 vs 7.5 %/yr``: the lever, its new value and the preset's, and the unit."""
    t = Translator(lang)
    found = find_preset(load_presets(), preset)
    assert found is not None
    was = found.values(model.registry)[key]
    unit = t.unit(model.registry.by_key[key].unit, was)  # the unit agrees with the number before it
    text = t("scenario.change", lever=t(f"params.{key}.label"), value=t.number(value, digits),
             reference=t.number(was, digits), unit=unit)
    return " ".join(text.split())


def modified_agreements(model: Model, lang: str, key: str, value: float) -> str:
    """``Agreements implemented, modified: Trade growth (trend) 10.9 vs 7.5 %/yr``."""
    t = Translator(lang)
    label = t("scenario.modified", name=t("presets.agreements.name"))
    return t("scenario.with_changes", label=label, changes=change_text(model, lang, key, value))
