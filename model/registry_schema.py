"""The schema of ``data/assumptions.yaml``: every entry checked when the registry loads.

A hand edit of the registry (a typo in a unit, a minimum above the maximum, a missing source, a distribution
without its arguments) stops the model at load with one message naming the entry and the field, instead of a
``KeyError`` deep in a run or a slider that cannot show its default. pydantic checks the shapes; the
cross-field rules (ranges, grids, unique keys) are the validators below.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

UNITS = ("usd_bn", "usd_bn_per_year", "pct", "pct_per_year", "share", "weight", "years", "ratio", "year")
GROUPS = ("main", "advanced", "goal")
STATUSES = ("official", "official statement", "derived", "assumption")

Text = Annotated[str, Field(min_length=1)]


class RegistryError(ValueError):
    """``data/assumptions.yaml`` breaks its schema; the message names the entry (key) and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Derived(_Strict):
    """A value computed from ``data/`` by a named rule in :data:`model.registry.DERIVATIONS`.

    Attributes
    ----------
    derive : str
        The rule's name.
    """

    derive: Text


class Uniform(_Strict):
    """Monte Carlo draws uniform on [low, high], in the parameter's unit.

    Attributes
    ----------
    kind : {"uniform"}
        The distribution.
    low, high : float
        Its bounds, in the parameter's unit.
    reasoning : str
        Why these bounds.
    """

    kind: Literal["uniform"]
    low: float
    high: float
    reasoning: Text


class Triangular(_Strict):
    """Monte Carlo draws triangular (low, mode, high), in the parameter's unit.

    Attributes
    ----------
    kind : {"triangular"}
        The distribution.
    low, mode, high : float
        Its bounds and mode, in the parameter's unit, low ≤ mode ≤ high.
    reasoning : str
        Why these values.
    """

    kind: Literal["triangular"]
    low: float
    mode: float
    high: float
    reasoning: Text

    @model_validator(mode="after")
    def _ordered(self) -> Triangular:
        if not self.low <= self.mode <= self.high:
            raise ValueError(f"triangular needs low ≤ mode ≤ high, got {self.low}, {self.mode}, {self.high}")
        return self


class Choice(_Strict):
    """Monte Carlo draws one of ``values`` with equal chance.

    Attributes
    ----------
    kind : {"choice"}
        The distribution.
    values : list of float
        The equally likely values, in the parameter's unit.
    reasoning : str
        Why these values.
    """

    kind: Literal["choice"]
    values: Annotated[list[float], Field(min_length=1)]
    reasoning: Text


class Spread(_Strict):
    """Uniform around the value: ±``spread`` as a share of it (relative) or in its unit (around).

    Attributes
    ----------
    kind : {"uniform_relative", "uniform_around"}
        Relative (share of the value) or absolute (parameter's unit).
    spread : float
        The half-width (> 0).
    reasoning : str
        Why this spread.
    """

    kind: Literal["uniform_relative", "uniform_around"]
    spread: Annotated[float, Field(gt=0)]
    reasoning: Text


Uncertainty = Annotated[Uniform | Triangular | Choice | Spread, Field(discriminator="kind")]


class Entry(_Strict):
    """One lever or parameter as written in the YAML (a derived default is resolved later, from data).

    Attributes
    ----------
    key, short, label, description, unit : str
        As :class:`model.registry.Parameter` (``unit`` one of ``UNITS``).
    default : float or Derived
        A number, or a rule computing it from ``data/``.
    derivation : str or None
        The derived default in words (required for a derived one).
    bau : float or Derived or None
        The business-as-usual value; None when BAU keeps the scenario's.
    min, max, step : float
        Range (min < max, default and bau inside) and grid (> 0).
    plausible : tuple of (float, float) or None
        Plausible range inside min–max.
    plausible_relative : float or None
        Or: the plausible range as ± this share of the default (0–1).
    uncertainty : Uniform or Triangular or Choice or Spread or None
        The Monte Carlo's distribution.
    group : str
        One of ``GROUPS``.
    status : str
        One of ``STATUSES``.
    source : str
        The publication(s).
    """

    key: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    short: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,5}$")]
    label: Text
    description: Text
    unit: Literal[UNITS]  # type: ignore[valid-type]
    default: float | Derived
    derivation: Text | None = None
    bau: float | Derived | None = None
    min: float
    max: float
    step: Annotated[float, Field(gt=0)]
    plausible: tuple[float, float] | None = None
    plausible_relative: Annotated[float, Field(gt=0, lt=1)] | None = None
    uncertainty: Uncertainty | None = None
    group: Literal[GROUPS]  # type: ignore[valid-type]
    status: Literal[STATUSES]  # type: ignore[valid-type]
    source: Text

    @model_validator(mode="after")
    def _consistent(self) -> Entry:
        if not self.min < self.max:
            raise ValueError(f"min {self.min:g} must be below max {self.max:g}")
        for name, value in (("default", self.default), ("bau", self.bau)):
            if isinstance(value, float) and not self.min <= value <= self.max:
                raise ValueError(f"{name} {value:g} is outside min–max {self.min:g}–{self.max:g}")
        if isinstance(self.default, Derived) and self.derivation is None:
            raise ValueError("a derived default needs a `derivation` text saying how it is computed")
        if self.plausible is not None:
            low, high = self.plausible
            if not self.min <= low < high <= self.max:
                raise ValueError(f"plausible [{low:g}, {high:g}] must be increasing and inside min–max")
        if self.plausible is not None and self.plausible_relative is not None:
            raise ValueError("give `plausible` or `plausible_relative`, not both")
        return self


class TrendShock(_Strict):
    """The Monte Carlo's yearly trend shock: σ by a named rule, with its reasoning.

    Attributes
    ----------
    derive : str
        The rule computing σ from the turnover history.
    reasoning : str
        Why that rule.
    """

    derive: Text
    reasoning: Text


class Stress(_Strict):
    """The stress case: one adverse shock of a derived size in one projected year.

    Attributes
    ----------
    shock_derive : str
        The rule computing the shock's size (log points).
    year : int
        The projected year it falls in.
    status : str
        One of ``STATUSES``.
    definition : str
        The stress case in words.
    """

    shock_derive: Text
    year: int
    status: Literal[STATUSES]  # type: ignore[valid-type]
    definition: Text


class TradeCost(_Strict):
    """How the trade-cost level is derived (shown on the methodology page).

    Attributes
    ----------
    derivation : str
        The trade-cost level's derivation in words.
    """

    derivation: Text


class Document(_Strict):
    """The whole registry file.

    Attributes
    ----------
    parameters : list of Entry
        At least one; keys and short keys unique.
    trend_shock : TrendShock
        The Monte Carlo's yearly shock.
    stress : Stress
        The stress case.
    trade_cost : TradeCost
        The trade-cost derivation.
    """

    parameters: Annotated[list[Entry], Field(min_length=1)]
    trend_shock: TrendShock
    stress: Stress
    trade_cost: TradeCost

    @model_validator(mode="after")
    def _unique(self) -> Document:
        for field in ("key", "short"):
            seen: set[str] = set()
            for entry in self.parameters:
                value = getattr(entry, field)
                if value in seen:
                    raise ValueError(f"{field} {value!r} is declared twice")
                seen.add(value)
        return self


def check_document(document: Mapping[str, Any], derivations: Mapping[str, object],
                   origin: str = "data/assumptions.yaml") -> Document:
    """The registry document, checked; raises :class:`RegistryError` on the first kind of problem found.

    Parameters
    ----------
    document : Mapping
        The parsed YAML (``parameters``, ``trend_shock``, ``stress``, ``trade_cost``).
    derivations : Mapping
        The rule names a ``derive:`` may use (:data:`model.registry.DERIVATIONS`).
    origin : str
        Where the document came from, for the message.

    Returns
    -------
    Document
        The validated document.

    Raises
    ------
    RegistryError
        Naming the entry's key (or position) and the field for each problem, one per line.
    """
    try:
        checked = Document.model_validate(document)
    except ValidationError as error:
        raise RegistryError(f"{origin} breaks its schema:\n" + "\n".join(
            _describe(document, problem) for problem in error.errors())) from None
    unknown = sorted({rule for entry in checked.parameters for rule in _rules(entry) if rule not in derivations}
                     | {rule for rule in (checked.trend_shock.derive, checked.stress.shock_derive)
                        if rule not in derivations})
    if unknown:
        raise RegistryError(f"{origin}: unknown derive rule(s) {', '.join(unknown)}; "
                            f"known: {', '.join(sorted(derivations))}")
    return checked


def _rules(entry: Entry) -> list[str]:
    return [value.derive for value in (entry.default, entry.bau) if isinstance(value, Derived)]


def _describe(document: Mapping[str, Any], problem: Mapping[str, Any]) -> str:
    """``parameters[3] (trade_cost_cut), field min: Input should be a valid number``."""
    location = list(problem["loc"])
    where = ""
    if len(location) >= 2 and location[0] == "parameters" and isinstance(location[1], int):
        index = location[1]
        entries = document.get("parameters") or []
        key = entries[index].get("key") if index < len(entries) and isinstance(entries[index], Mapping) else None
        where = f"parameters[{index}]" + (f" ({key})" if key else "")
        location = location[2:]
    else:
        where = str(location.pop(0)) if location else "document"
    field = ".".join(str(part) for part in location if not str(part).startswith(("float", "Derived", "function")))
    return f"  {where}" + (f", field {field}" if field else "") + f": {problem['msg']}"
