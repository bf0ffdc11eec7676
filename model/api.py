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
    """Data, registry and baseline loaded together; cheap to share, never mutated.

    Attributes
    ----------
    tables : BaselineTables
        The validated data (``data/`` or a user's upload).
    registry : Registry
        ``data/assumptions.yaml`` resolved against ``tables``.
    baseline : Baseline
        The 2025 levels.
    """

    tables: BaselineTables
    registry: Registry
    baseline: Baseline

    def values(self, overrides: Mapping[str, object] | None = None) -> dict[str, float]:
        """Defaults with checked ``overrides`` (raises ``InputError``).

        Parameters
        ----------
        overrides : mapping of str to object, optional
            Values by registry key (numbers or text), in registry units.

        Returns
        -------
        dict of str to float
            A value for every registry key.

        Raises
        ------
        model.registry.InputError
            An unknown key, a value that is not a finite number or out of range, or a sector mix of zeros.
        """
        return self.registry.complete(overrides)

    def run(self, overrides: Mapping[str, object] | None = None) -> ScenarioResult:
        """Project a scenario given as overrides of the defaults.

        Parameters
        ----------
        overrides : mapping of str to object, optional
            Values by registry key; the rest at their defaults.

        Returns
        -------
        ScenarioResult
            The scenario, its BAU counterpart, target and target year.

        Raises
        ------
        model.registry.InputError
            As :meth:`values`.
        """
        return run_scenario(self.values(overrides), self.baseline, self.registry)

    def run_values(self, values: Mapping[str, float]) -> ScenarioResult:
        """Project already-complete, already-checked values (the app's hot path).

        Parameters
        ----------
        values : mapping of str to float
            A value for every registry key (e.g. from :meth:`values`), unchecked here.

        Returns
        -------
        ScenarioResult
            The scenario, its BAU counterpart, target and target year.
        """
        return run_scenario(values, self.baseline, self.registry)

    def goal_seek(self, lever: str, values: Mapping[str, float]) -> LeverAnswer:
        """What ``lever`` alone would need to reach the target in the target year.

        Parameters
        ----------
        lever : str
            A main lever's registry key (``trade_growth``, ``investment_inflow``, ``trade_cost_cut``...).
        values : mapping of str to float
            The complete scenario the other levers stay at.

        Returns
        -------
        LeverAnswer
            The lever value (in its registry unit) that reaches the target, or why none in its range does.
        """
        return goal_seek(lever, values, self.baseline, self.registry)


def model_from_tables(tables: BaselineTables) -> Model:
    """A model on given (e.g. user-uploaded, already validated) tables.

    Parameters
    ----------
    tables : BaselineTables
        Validated tables; derived defaults and the baseline are computed from them.

    Returns
    -------
    Model
        Tables, registry (``data/assumptions.yaml`` resolved against them) and baseline.
    """
    return Model(tables, build_registry(tables), build_baseline(tables))


def load_model(data_dir: Path = DATA_DIR) -> Model:
    """Read and validate ``data/`` and resolve the registry against it.

    Parameters
    ----------
    data_dir : pathlib.Path, default ``DATA_DIR``
        Folder with the baseline CSV files (shipped: ``data/``, sources in ``data/SOURCES.md``).

    Returns
    -------
    Model
        The model on those tables.

    Raises
    ------
    model.data.DataError
        A table fails validation (from :func:`model.data.load_tables`).
    """
    return model_from_tables(load_tables(data_dir))
