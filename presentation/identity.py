"""What a scenario is called, computed in one place for every page, link, file and slide that names it.

A scenario is shown as the user's own name if it has one, and as the preset it started from (or equals) —
"Agreements implemented" — until a lever moves; from then on as "Agreements implemented, modified: Trade
growth (trend) 10.9 vs 7.5 %/yr", so a preset never gets the credit for a change made on top of it. A
scenario that is no preset and no change of one is a "custom scenario".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from model.presets import Preset, preset_of
from model.registry import Registry
from model.scenario import Scenario
from presentation.i18n import LANGUAGES, Translator, catalogue
from presentation.lever_text import value_text

MAX_LISTED_CHANGES = 3  # more than this are counted ("and 2 more"), not listed
MAX_DIGITS = 6
UNITS_NOT_SHOWN = frozenset({"year", "share", "weight", "ratio"})  # "2028 vs 2030", "0.80 vs 0.60": plain numbers


@dataclass(frozen=True)
class ScenarioIdentity:
    """A scenario's display identity in one language.

    Attributes
    ----------
    name : str
        The user's own name ("" when none; a name that only repeats a preset's name counts as none).
    preset_id : str or None
        The preset it is shown as: the one it started from, else the one its levers equal, else None.
    modified : bool
        True when levers differ from that preset's values.
    short : str
        Name, else ``Agreements implemented`` / ``Agreements implemented, modified`` / ``custom scenario``
        (file names, slide titles).
    status : str
        The preset state with each changed lever, new vs preset value:
        ``Agreements implemented, modified: Trade growth (trend) 10.9 vs 7.5 %/yr``.
    full : str
        The name and the status (``Plan A — Agreements implemented, modified: …``), or the one that exists.
    """

    name: str
    preset_id: str | None
    modified: bool
    short: str
    status: str
    full: str

    @property
    def title(self) -> str:
        """The user's name, else the status: how a list of scenarios (Compare) names this one."""
        return self.name or self.status


def preset_names(preset: Preset) -> set[str]:
    """The preset's name as the data file and every catalogue spell it, case-folded."""
    names = {preset.name} | {catalogue(lang).get(f"presets.{preset.id}.name", "") for lang in LANGUAGES}
    return {n.strip().casefold() for n in names if n.strip()}


def own_name(scenario: Scenario, presets: tuple[Preset, ...]) -> str:
    """The scenario's name, unless it is only a preset's name (older links and files set one automatically)."""
    name = scenario.name.strip()
    taken = set().union(*(preset_names(p) for p in presets)) if presets else set()
    return "" if name.casefold() in taken else name


def change_texts(scenario: Scenario, preset: Preset, registry: Registry, t: Translator) -> list[str]:
    """``Trade growth (trend) 10.9 vs 7.5 %/yr`` for each lever that differs from the preset, in registry order."""
    reference = preset.values(registry)
    changed = scenario.differences(reference)
    texts = []
    for param in registry.parameters:
        if param.key not in changed:
            continue
        value, was = scenario.levers[param.key], reference[param.key]
        new_text, old_text = value_text(param, value, t), value_text(param, was, t)
        digits = None
        while new_text == old_text and (digits or 0) < MAX_DIGITS:  # 7.51 vs 7.5 must not read "7.5 vs 7.5"
            digits = (digits or 0) + 1
            new_text, old_text = value_text(param, value, t, digits), value_text(param, was, t, digits)
        unit = "" if param.unit in UNITS_NOT_SHOWN else t.unit(param.unit, was)  # agrees with the last number
        text = t("scenario.change", lever=t(f"params.{param.key}.label"), value=new_text, reference=old_text, unit=unit)
        texts.append(" ".join(text.split()))  # no double space where a unit is left out
    return texts


def listed(changes: list[str], t: Translator) -> str:
    """The first :data:`MAX_LISTED_CHANGES` changes, and how many more."""
    shown = "; ".join(changes[:MAX_LISTED_CHANGES])
    rest = len(changes) - MAX_LISTED_CHANGES
    return shown + (t("scenario.more_changes", n=rest) if rest > 0 else "")


def scenario_identity(scenario: Scenario, presets: tuple[Preset, ...], registry: Registry,
                      t: Translator) -> ScenarioIdentity:
    """How ``scenario`` is named everywhere, in ``t``'s language and number format.

    Parameters
    ----------
    scenario : Scenario
        Levers, name and the preset it started from.
    presets : tuple of Preset
        The ready-made scenarios (``data/presets.yaml``).
    registry : Registry
        Parameter labels, units and steps (for the changed levers' texts).
    t : Translator
        The reader's language.
    """
    name = own_name(scenario, presets)
    preset = preset_of(scenario, presets, registry)
    if preset is None:
        status = short = t("scenario.custom")
        return ScenarioIdentity(name, None, False, name or short, status, name or status)
    preset_name = t(f"presets.{preset.id}.name")
    changes = change_texts(scenario, preset, registry, t)
    if changes:
        short = t("scenario.modified", name=preset_name)
        status = t("scenario.with_changes", label=short, changes=listed(changes, t))
    else:
        short = status = preset_name
    full = t("scenario.named", name=name, status=status) if name else status
    return ScenarioIdentity(name, preset.id, bool(changes), name or short, status, full)


def file_stem(identity: ScenarioIdentity, fallback: str = "hamkorlik") -> str:
    """A file name (no extension) from the identity's short form: ``Agreements-implemented-modified``.

    ``fallback`` for an unnamed custom scenario (or a name with no letter or digit).
    """
    if not identity.name and identity.preset_id is None:
        return fallback
    stem = re.sub(r"[^\w]+", "-", identity.short).strip("-")[:40].strip("-")
    return stem or fallback


MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")


def for_markdown(text: str) -> str:
    """``text`` (a user's name may be part of it) with Markdown's and LaTeX's special characters escaped."""
    return MARKDOWN_SPECIALS.sub(r"\\\1", text)
