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
    """One named scenario: the levers it sets, on top of the defaults or of BAU."""

    id: str
    name: str
    rationale: str
    sources: tuple[str, ...]
    levers: Mapping[str, float]
    from_bau: bool = False

    def values(self, registry: Registry) -> dict[str, float]:
        """Every lever's value in this preset (checked against the registry)."""
        start = registry.bau() if self.from_bau else registry.defaults()
        return registry.complete({**start, **self.levers})

    def scenario(self, registry: Registry) -> Scenario:
        """A scenario that starts from this preset.

        Unnamed: what it is called comes from the preset (in the reader's language, marked as modified once a
        lever moves), never from a name fixed now that would still credit the preset after a change.
        """
        return Scenario(preset=self.id, levers=self.values(registry))


def load_presets(path: Path = PRESETS_FILE) -> tuple[Preset, ...]:
    """All presets, in file order."""
    with path.open(encoding="utf-8") as handle:
        entries = yaml.safe_load(handle)["presets"]
    return tuple(Preset(id=e["id"], name=e["name"], rationale=" ".join(e["rationale"].split()),
                        sources=tuple(e["sources"]), levers={k: float(v) for k, v in e["levers"].items()},
                        from_bau=bool(e.get("bau", False))) for e in entries)


def find_preset(presets: tuple[Preset, ...], preset_id: str | None) -> Preset | None:
    """The preset with ``preset_id``, or None."""
    return next((p for p in presets if p.id == preset_id), None)


def is_modified(scenario: Scenario, presets: tuple[Preset, ...], registry: Registry) -> bool:
    """True when the scenario's levers no longer equal those of the preset it started from."""
    preset = find_preset(presets, scenario.preset)
    return preset is not None and bool(scenario.differences(preset.values(registry)))


def matching_preset(levers: Mapping[str, float], presets: tuple[Preset, ...], registry: Registry) -> Preset | None:
    """The first preset whose every lever equals ``levers``, or None (the defaults: "Programme as announced")."""
    probe = Scenario(levers=dict(levers))
    return next((p for p in presets if not probe.differences(p.values(registry))), None)


def preset_of(scenario: Scenario, presets: tuple[Preset, ...], registry: Registry) -> Preset | None:
    """The preset a scenario is shown as: the one it started from, else one it equals, else None (custom)."""
    return find_preset(presets, scenario.preset) or matching_preset(scenario.levers, presets, registry)
