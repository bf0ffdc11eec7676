"""Ready-made scenarios declared in ``data/presets.yaml``, each with its rationale and sources."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from model.data import DATA_DIR
from model.registry import Registry
from model.scenario import Scenario

PRESETS_FILE = DATA_DIR / "presets.yaml"


@dataclass(frozen=True)
class Preset:
    """One named scenario: the levers it sets, on top of the defaults or of BAU.

    Attributes
    ----------
    id : str
        Stable id in ``data/presets.yaml``.
    name : str
        English name (the app shows its own translation).
    rationale : str
        Why these values, on one line.
    sources : tuple of str
        The publications behind them.
    levers : mapping of str to float
        The values it sets, by registry key, registry units.
    from_bau : bool
        Set on top of BAU instead of the defaults.
    """

    id: str
    name: str
    rationale: str
    sources: tuple[str, ...]
    levers: Mapping[str, float]
    from_bau: bool = False

    def values(self, registry: Registry) -> dict[str, float]:
        """Every lever's value in this preset (checked against the registry).

        Parameters
        ----------
        registry : Registry
            Gives the defaults (or BAU, for a preset ``from_bau``) the preset's levers are set on.

        Returns
        -------
        dict of str to float
            A value for every registry key, in registry units.

        Raises
        ------
        model.registry.InputError
            A preset lever the registry refuses (an edit of ``data/presets.yaml`` out of range).
        """
        start = registry.bau() if self.from_bau else registry.defaults()
        return registry.complete({**start, **self.levers})

    def scenario(self, registry: Registry) -> Scenario:
        """A scenario that starts from this preset.

        Unnamed: what it is called comes from the preset (in the reader's language, marked as modified once a
        lever moves), never from a name fixed now that would still credit the preset after a change.

        Parameters
        ----------
        registry : Registry
            As for :meth:`values`.

        Returns
        -------
        Scenario
            ``preset`` set to this preset's id, levers from :meth:`values`.
        """
        return Scenario(preset=self.id, levers=self.values(registry))


def load_presets(path: Path = PRESETS_FILE) -> tuple[Preset, ...]:
    """All presets, in file order.

    Parameters
    ----------
    path : pathlib.Path, default ``data/presets.yaml``
        The presets file; each entry has id, name, rationale, sources and levers (registry units).

    Returns
    -------
    tuple of Preset
        One per entry, rationale on one line.
    """
    with path.open(encoding="utf-8") as handle:
        entries = yaml.safe_load(handle)["presets"]
    return tuple(Preset(id=e["id"], name=e["name"], rationale=" ".join(e["rationale"].split()),
                        sources=tuple(e["sources"]), levers={k: float(v) for k, v in e["levers"].items()},
                        from_bau=bool(e.get("bau", False))) for e in entries)


def find_preset(presets: tuple[Preset, ...], preset_id: str | None) -> Preset | None:
    """The preset with ``preset_id``, or None.

    Parameters
    ----------
    presets : tuple of Preset
        From :func:`load_presets`.
    preset_id : str or None
        An id from ``data/presets.yaml``.

    Returns
    -------
    Preset or None
        The match; None for None or an unknown id.
    """
    return next((p for p in presets if p.id == preset_id), None)


def is_modified(scenario: Scenario, presets: tuple[Preset, ...], registry: Registry) -> bool:
    """True when the scenario's levers no longer equal those of the preset it started from.

    Parameters
    ----------
    scenario : Scenario
        The scenario, with the id of the preset it started from (or None).
    presets : tuple of Preset
        From :func:`load_presets`.
    registry : Registry
        Completes the preset's values.

    Returns
    -------
    bool
        False for a scenario that started from no (or an unknown) preset.
    """
    preset = find_preset(presets, scenario.preset)
    return preset is not None and bool(scenario.differences(preset.values(registry)))


def matching_preset(levers: Mapping[str, float], presets: tuple[Preset, ...], registry: Registry) -> Preset | None:
    """The first preset whose every lever equals ``levers``, or None (the defaults: "Programme as announced").

    Parameters
    ----------
    levers : mapping of str to float
        Values by registry key.
    presets : tuple of Preset
        From :func:`load_presets`.
    registry : Registry
        Completes each preset's values.

    Returns
    -------
    Preset or None
        The first equal preset in file order.
    """
    probe = Scenario(levers=dict(levers))
    return next((p for p in presets if not probe.differences(p.values(registry))), None)


def preset_of(scenario: Scenario, presets: tuple[Preset, ...], registry: Registry) -> Preset | None:
    """The preset a scenario is shown as: the one it started from, else one it equals, else None (custom).

    Parameters
    ----------
    scenario : Scenario
        The scenario.
    presets : tuple of Preset
        From :func:`load_presets`.
    registry : Registry
        Completes each preset's values.

    Returns
    -------
    Preset or None
        None for a custom scenario.
    """
    return find_preset(presets, scenario.preset) or matching_preset(scenario.levers, presets, registry)
