"""The assumptions registry: ``data/assumptions.yaml`` read once, derived defaults filled in from data.

The sliders, the CLI, share-link validation, the Monte Carlo, the tornado and the methodology table all
read :class:`Registry`; nothing else declares a parameter's range or default.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from model import baseline as derive
from model.baseline import TREND_START_YEAR
from model.data import BASE_YEAR, DATA_DIR, BaselineTables
from model.registry_schema import check_document

UNIT_SYMBOLS = {
    "usd_bn": "USD bn",
    "usd_bn_per_year": "USD bn/yr",
    "pct": "%",
    "pct_per_year": "%/yr",
    "share": "share",
    "weight": "weight",
    "years": "years",
    "ratio": "ratio",
    "year": "year",
}
SECTOR_MIX_KEYS = ("sector_mix_industry", "sector_mix_infrastructure", "sector_mix_agro")
MAX_VALUE_CHARS = 32
LAST_PROJECTED_YEAR = 2050  # the target search's horizon (model.projection.TURNOVER_YEARS)


class InputError(ValueError):
    """A parameter value the model cannot use; the message names key, value and allowed range.

    ``kind`` says what is wrong for callers that word it themselves: ``too_long``, ``not_number``,
    ``not_finite``, ``out_of_range``, ``not_whole``, ``unknown_key``, ``sector_mix`` or ``other``.

    Parameters
    ----------
    key : str
        The registry key (or ``stress.year``) the value was given for.
    message : str
        The English message: key, value and allowed range.
    kind : str, default "other"
        One of the kinds above.
    """

    def __init__(self, key: str, message: str, kind: str = "other") -> None:
        super().__init__(message)
        self.key = key
        self.kind = kind


@dataclass(frozen=True)
class Parameter:
    """One lever or parameter, as declared in the registry.

    Attributes
    ----------
    key : str
        The name everything uses (``trade_growth``).
    short : str
        The share link's key (at most 6 characters).
    label, description : str
        English label and one-line description (the app shows its own translations).
    unit : str
        One of ``UNIT_SYMBOLS``' keys (``usd_bn``, ``pct_per_year``, ``share``...); every value below is in it.
    default : float
        The programme as announced; a derived default is computed from ``data/`` and snapped to ``step``.
    bau : float or None
        The business-as-usual value; None for an assumption BAU shares with the scenario.
    min, max, step : float
        The slider's range and grid (also the range the CLI, links and uploads accept).
    plausible : tuple of (float, float) or None
        The plausible range the tornado and the Monte Carlo use.
    uncertainty : mapping or None
        The Monte Carlo's distribution (kind and its arguments, with reasoning).
    group : str
        ``main``, ``advanced`` or ``goal``.
    status : str
        ``official``, ``official statement``, ``derived`` or ``assumption``.
    source : str
        The publication(s) the default comes from.
    derivation : str or None
        How a derived default is computed, in words.
    """

    key: str
    short: str
    label: str
    description: str
    unit: str
    default: float
    bau: float | None  # None: BAU keeps the scenario's value (an assumption, not a lever)
    min: float
    max: float
    step: float
    plausible: tuple[float, float] | None
    uncertainty: Mapping[str, Any] | None
    group: str
    status: str
    source: str
    derivation: str | None = None

    @property
    def unit_symbol(self) -> str:
        """Short unit for labels, e.g. ``%/yr``."""
        return UNIT_SYMBOLS[self.unit]

    @property
    def is_integer(self) -> bool:
        """Years and counts move in whole steps."""
        return float(self.step).is_integer() and float(self.min).is_integer()

    def describe_range(self) -> str:
        """``-10 to 40 %/yr``: the allowed range in words, for error messages.

        Returns
        -------
        str
            ``min`` to ``max`` and the unit symbol, numbers in ``%g`` format.
        """
        return f"{_fmt(self.min)} to {_fmt(self.max)} {self.unit_symbol}"


def _fmt(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class Registry:
    """All parameters, the Monte Carlo's trend-shock spread and stress case, and the trade-cost derivation.

    The stress case is one adverse shock: log trend turnover falls by ``stress_shock`` in ``stress_year``.

    Attributes
    ----------
    parameters : tuple of Parameter
        In declaration order.
    trend_shock_sd : float
        σ of the yearly log shock to trend turnover, log points (derived from the turnover history).
    trend_shock_reasoning : str
        Why that σ.
    stress_shock : float
        The stress case's one-off fall in log trend turnover, log points.
    stress_year : int
        The projected year it falls in.
    stress_definition : str
        The stress case in words.
    trade_cost_derivation : str
        How the trade-cost level is derived (inverse gravity), in words.
    by_key, by_short : mapping of str to Parameter
        The parameters by key and by share-link key.
    """

    parameters: tuple[Parameter, ...]
    trend_shock_sd: float
    trend_shock_reasoning: str
    stress_shock: float
    stress_year: int
    stress_definition: str
    trade_cost_derivation: str
    by_key: Mapping[str, Parameter] = field(init=False, repr=False)
    by_short: Mapping[str, Parameter] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_key", {p.key: p for p in self.parameters})
        object.__setattr__(self, "by_short", {p.short: p for p in self.parameters})

    @property
    def keys(self) -> tuple[str, ...]:
        """Parameter keys in declaration order."""
        return tuple(p.key for p in self.parameters)

    def defaults(self) -> dict[str, float]:
        """The app's default scenario: the programme as announced.

        Returns
        -------
        dict of str to float
            Every key's default in its registry unit (derived defaults already computed from ``data/``).
        """
        return {p.key: p.default for p in self.parameters}

    def bau(self) -> dict[str, float]:
        """Business as usual: every lever at its BAU value.

        Returns
        -------
        dict of str to float
            Every key: its ``bau`` value, or its default for assumptions that BAU shares with the scenario.
        """
        return {p.key: p.default if p.bau is None else p.bau for p in self.parameters}

    def group(self, name: str) -> tuple[Parameter, ...]:
        """Parameters of one group (``main``, ``advanced``, ``goal``).

        Parameters
        ----------
        name : str
            The group as written in ``data/assumptions.yaml``.

        Returns
        -------
        tuple of Parameter
            In declaration order; empty for an unknown group.
        """
        return tuple(p for p in self.parameters if p.group == name)

    def check(self, key: str, raw: object) -> float:
        """Return ``raw`` as a float inside the range of ``key``, or raise :class:`InputError`.

        Parameters
        ----------
        key : str
            A registry key.
        raw : object
            A number or its text (CLI ``--set``, a scenario file, an upload).

        Returns
        -------
        float
            The value in the parameter's unit, within ``[min, max]``.

        Raises
        ------
        InputError
            Unknown key, not a finite number, too long, or outside the range (``kind`` says which).
        """
        if key not in self.by_key:
            raise InputError(key, f"unknown parameter {key!r}; see `hamkorlik params`", "unknown_key")
        param = self.by_key[key]
        value = parse_number(key, raw)
        if not param.min <= value <= param.max:
            raise InputError(key, f"{key}={_fmt(value)} is outside {param.describe_range()}", "out_of_range")
        if param.is_integer and not value.is_integer():
            raise InputError(key, f"{key}={_fmt(value)} is not a whole number (allowed: {param.describe_range()}, "
                                  "whole numbers)", "not_whole")
        return value

    def clamp(self, key: str, raw: object) -> tuple[float | None, str | None]:
        """``raw`` read as leniently as a share link or a browser value may be: clamped into range, never raised.

        Parameters
        ----------
        key : str
            A registry key (must exist: callers map their own names to keys first).
        raw : object
            The value as it came (text from a link, a number or anything else from a component).

        Returns
        -------
        value : float or None
            The value inside ``[min, max]``; ``None`` when ``raw`` is not a usable number (keep the old value).
        problem : str or None
            ``None``, or the kind of problem for the caller to word: ``too_long``, ``not_number``,
            ``not_finite`` (value ``None``) or ``clamped`` (value moved to the nearest end of the range, or a
            whole-number parameter rounded to a whole number).
        """
        param = self.by_key[key]
        try:
            value = parse_number(key, raw)
        except InputError as error:
            return None, error.kind
        clamped = min(max(value, param.min), param.max)
        if param.is_integer:  # years and counts move in whole steps, as their sliders do
            clamped = float(round(clamped))
        return clamped, ("clamped" if clamped != value else None)

    def complete(self, overrides: Mapping[str, object] | None = None) -> dict[str, float]:
        """Defaults with ``overrides`` applied, each checked; raises :class:`InputError` on the first problem.

        Parameters
        ----------
        overrides : mapping of str to object, optional
            Values by registry key, numbers or text.

        Returns
        -------
        dict of str to float
            A value for every key, in registry units.

        Raises
        ------
        InputError
            The first override that :meth:`check` refuses, or a sector mix of all zeros.
        """
        values = self.defaults()
        for key, raw in (overrides or {}).items():
            values[key] = self.check(key, raw)
        check_sector_mix(values)
        return values


def parse_number(key: str, raw: object) -> float:
    """``raw`` as a finite float, or :class:`InputError` naming key and value.

    Parameters
    ----------
    key : str
        The key named in the message.
    raw : object
        A number, or text of at most ``MAX_VALUE_CHARS`` characters (surrounding spaces allowed).

    Returns
    -------
    float
        The finite value.

    Raises
    ------
    InputError
        ``too_long``, ``not_number`` or ``not_finite``.
    """
    text = str(raw)
    if len(text) > MAX_VALUE_CHARS:
        raise InputError(key, f"{key}: value is {len(text)} characters long, not a number", "too_long")
    if isinstance(raw, bool) or not isinstance(raw, numbers.Real | str):  # True is not 1, a list is not a number
        raise InputError(key, f"{key}={text!r} is not a number", "not_number")
    try:
        value = float(text.strip()) if isinstance(raw, str) else float(raw)
    except ValueError:
        raise InputError(key, f"{key}={text!r} is not a number", "not_number") from None
    if not math.isfinite(value):
        raise InputError(key, f"{key}={text} is not a finite number", "not_finite")
    return value


def check_sector_mix(values: Mapping[str, float]) -> None:
    """The three sector weights are normalised by the model, so they may not all be zero.

    Parameters
    ----------
    values : mapping of str to float
        Complete values holding the ``SECTOR_MIX_KEYS`` (weights, no unit).

    Raises
    ------
    InputError
        All three weights are zero (``kind`` ``sector_mix``).
    """
    if all(float(values[k]) == 0 for k in SECTOR_MIX_KEYS):
        raise InputError("sector_mix_industry", "sector mix: all three weights are 0; at least one must be positive",
                         "sector_mix")


# --- derived defaults ---------------------------------------------------------------------------------

DERIVATIONS: dict[str, Callable[[BaselineTables, float], float]] = {
    "turnover_cagr_2019_2025": lambda t, _pi: derive.turnover_cagr(t, TREND_START_YEAR),
    "icor_uz": lambda t, _pi: derive.gross_icor(t, "UZ"),
    "icor_kz": lambda t, _pi: derive.gross_icor(t, "KZ"),
    "gdp_growth_uz": lambda t, pi: derive.nominal_gdp_growth(t, "UZ", pi),
    "gdp_growth_kz": lambda t, pi: derive.nominal_gdp_growth(t, "KZ", pi),
    "log_turnover_growth_sd_2019_2025": lambda t, _pi: derive.log_turnover_growth_sd(t, TREND_START_YEAR),
    "log_turnover_growth_sd_all": lambda t, _pi: derive.log_turnover_growth_sd(t, 2017),
}


def _snap(value: float, step: float) -> float:
    """Round to the slider grid so a derived default is a value the slider can show."""
    return round(round(value / step) * step, 10)


def _resolve(raw: Any, tables: BaselineTables, inflation: float, step: float) -> float:
    if isinstance(raw, Mapping):
        return _snap(DERIVATIONS[raw["derive"]](tables, inflation), step)
    return float(raw)


def _plausible(entry: Mapping[str, Any], default: float) -> tuple[float, float] | None:
    if "plausible" in entry:
        low, high = entry["plausible"]
        return float(low), float(high)
    if "plausible_relative" in entry:
        spread = float(entry["plausible_relative"])
        return round(default * (1 - spread), 3), round(default * (1 + spread), 3)
    return None


def _parameter(entry: Mapping[str, Any], tables: BaselineTables, inflation: float) -> Parameter:
    step = float(entry["step"])
    default = _resolve(entry["default"], tables, inflation, step)
    bau = _resolve(entry["bau"], tables, inflation, step) if "bau" in entry else None
    return Parameter(
        key=entry["key"],
        short=entry["short"],
        label=entry["label"],
        description=entry["description"],
        unit=entry["unit"],
        default=default,
        bau=bau,
        min=float(entry["min"]),
        max=float(entry["max"]),
        step=step,
        plausible=_plausible(entry, default),
        uncertainty=entry.get("uncertainty"),
        group=entry["group"],
        status=entry["status"],
        source=entry["source"],
        derivation=entry.get("derivation"),
    )


def read_registry_file(path: Path = DATA_DIR / "assumptions.yaml") -> dict[str, Any]:
    """The raw YAML document.

    Parameters
    ----------
    path : pathlib.Path, default ``data/assumptions.yaml``
        The registry file.

    Returns
    -------
    dict
        The parsed document, unchecked (:func:`build_registry` checks it).
    """
    with path.open(encoding="utf-8") as handle:
        document: dict[str, Any] = yaml.safe_load(handle)
    return document


def build_registry(tables: BaselineTables, document: Mapping[str, Any] | None = None) -> Registry:
    """Resolve every entry against ``tables`` (derived defaults, relative plausible ranges).

    Parameters
    ----------
    tables : BaselineTables
        Validated tables the derived defaults are computed from (``derive:`` rules in ``DERIVATIONS``).
    document : mapping, optional
        A registry document; ``data/assumptions.yaml`` when omitted.

    Returns
    -------
    Registry
        Every parameter with its default, BAU, range, plausible range, status and source; the trend-shock σ and
        stress shock (log points) derived from the turnover history.
    """
    document = document if document is not None else read_registry_file()
    check_document(document, DERIVATIONS)
    entries = document["parameters"]
    inflation = next(float(e["default"]) for e in entries if e["key"] == "usd_inflation")
    shock, stress = document["trend_shock"], document["stress"]
    return Registry(
        parameters=tuple(_parameter(e, tables, inflation) for e in entries),
        trend_shock_sd=round(DERIVATIONS[shock["derive"]](tables, inflation), 3),
        trend_shock_reasoning=shock["reasoning"],
        stress_shock=round(DERIVATIONS[stress["shock_derive"]](tables, inflation), 3),
        stress_year=_stress_year(stress["year"]),
        stress_definition=" ".join(str(stress["definition"]).split()),
        trade_cost_derivation=document["trade_cost"]["derivation"],
    )


def _stress_year(raw: object) -> int:
    """The stress shock's year: a projected year (2026–2050), else :class:`InputError`."""
    year = int(parse_number("stress.year", raw))
    if not BASE_YEAR < year <= LAST_PROJECTED_YEAR:
        raise InputError("stress.year", f"stress.year={year} is outside {BASE_YEAR + 1} to {LAST_PROJECTED_YEAR}")
    return year
