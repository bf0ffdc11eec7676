"""The model as one object: validated data, the registry and the baseline, with the operations users call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from model.baseline import Baseline, build_baseline
from model.data import DATA_DIR, BaselineTables, load_tables
from model.outputs import LeverAnswer
from model.registry import Registry, build_registry
from model.run import ScenarioResult, goal_seek, run_scenario

MODEL_VERSION = "1.0"


@dataclass(frozen=True)
class Model:
    """Data, registry and baseline loaded together; cheap to share, never mutated."""

    tables: BaselineTables
    registry: Registry
    baseline: Baseline

    def values(self, overrides: Mapping[str, object] | None = None) -> dict[str, float]:
        """Defaults with checked ``overrides`` (raises ``InputError``)."""
        return self.registry.complete(overrides)

    def run(self, overrides: Mapping[str, object] | None = None) -> ScenarioResult:
        """Project a scenario given as overrides of the defaults."""
        return run_scenario(self.values(overrides), self.baseline, self.registry)

    def run_values(self, values: Mapping[str, float]) -> ScenarioResult:
        """Project already-complete, already-checked values (the app's hot path)."""
        return run_scenario(values, self.baseline, self.registry)

    def goal_seek(self, lever: str, values: Mapping[str, float]) -> LeverAnswer:
        """What ``lever`` alone would need to reach the target in the target year."""
        return goal_seek(lever, values, self.baseline, self.registry)


def model_from_tables(tables: BaselineTables) -> Model:
    """A model on given (e.g. user-uploaded, already validated) tables."""
    return Model(tables, build_registry(tables), build_baseline(tables))


def load_model(data_dir: Path = DATA_DIR) -> Model:
    """Read and validate ``data/`` and resolve the registry against it."""
    return model_from_tables(load_tables(data_dir))
