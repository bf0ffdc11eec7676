"""The November 2025 summit documents (``data/agreements.yaml``) and the scenario a chosen set of them builds.

Pure: no Streamlit. A chosen set starts from business as usual and applies each document's contributions —
trade-cost cuts add up, every other lever is set (the larger value when two documents set the same lever) —
then clips every value to the lever's range.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from model.data import DATA_DIR
from model.registry import Registry

AGREEMENTS_FILE = DATA_DIR / "agreements.yaml"
ADDITIVE_LEVERS = frozenset({"trade_cost_cut"})
NONE_REASONS = ("no_channel", "services", "agriculture", "overlap", "in_trend")
SUMMIT_DATE = "2025-11-15"


@dataclass(frozen=True)
class Agreement:
    """One signed document: the channel it can move and its contributions to the levers (empty = none).

    Attributes
    ----------
    id : str
        Stable id in ``data/agreements.yaml``.
    name : str
        The document's title as signed (English).
    date : str or None
        Signing date, ISO (the summit's, 2025-11-15, for most).
    channel : str
        What it can move (trade costs, investment, ...).
    levers : mapping of str to float
        Contribution per registry key, in the lever's unit (e.g. ``trade_cost_cut`` in %); empty when none.
    reasoning : str
        Why this contribution (or none), on one line.
    sources : tuple of str
        The publications naming the document.
    none_reason : str or None
        For a document with no lever: one of ``NONE_REASONS``.
    number : int or None
        Its number in the summit's list of documents.
    in_summit_list : bool
        False for items named alongside the summit but not in its list.
    """

    id: str
    name: str
    date: str | None
    channel: str
    levers: Mapping[str, float]
    reasoning: str
    sources: tuple[str, ...] = ()
    none_reason: str | None = None
    number: int | None = None
    in_summit_list: bool = True

    @property
    def moves_levers(self) -> bool:
        """True when the document has at least one lever contribution."""
        return bool(self.levers)


def _date(raw: object) -> str | None:
    if raw is None:
        return None
    return raw.isoformat() if isinstance(raw, dt.date) else str(raw)


def _agreement(entry: Mapping[str, Any]) -> Agreement:
    raw_levers = entry["levers"]
    if raw_levers == "none":
        levers: dict[str, float] = {}
        reason = entry.get("none_reason")
        if reason not in NONE_REASONS:
            raise ValueError(f"agreement {entry['id']!r}: levers none needs none_reason in {NONE_REASONS}")
    elif isinstance(raw_levers, Mapping) and raw_levers:
        levers = {str(k): float(v) for k, v in raw_levers.items()}
        reason = None
    else:
        raise ValueError(f"agreement {entry['id']!r}: levers must be a mapping of lever → value or 'none'")
    return Agreement(id=entry["id"], name=entry["name"], date=_date(entry.get("date")), channel=entry["channel"],
                     levers=levers, reasoning=" ".join(str(entry["reasoning"]).split()),
                     sources=tuple(entry.get("sources", ())), none_reason=reason, number=entry.get("number"),
                     in_summit_list=not entry.get("not_in_summit_list", False))


@cache
def _load(path: Path) -> tuple[Agreement, ...]:
    with path.open(encoding="utf-8") as handle:
        entries = yaml.safe_load(handle)["agreements"]
    agreements = tuple(_agreement(e) for e in entries)
    ids = [a.id for a in agreements]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate agreement ids in {path}")
    return agreements


def load_agreements(path: Path = AGREEMENTS_FILE) -> tuple[Agreement, ...]:
    """All documents, in file order (the 13 summit documents, then items named alongside the summit).

    Parameters
    ----------
    path : pathlib.Path, default ``data/agreements.yaml``
        The documents, each with channel, lever contributions (registry units), reasoning and sources.

    Returns
    -------
    tuple of Agreement
        Read once per path and cached.

    Raises
    ------
    ValueError
        An entry whose ``levers`` is neither a mapping nor ``none`` with a known ``none_reason``, or a duplicated
        id (raised while reading).
    """
    return _load(path)


def _chosen(selected_ids: Iterable[str], agreements: tuple[Agreement, ...]) -> list[Agreement]:
    wanted = set(selected_ids)
    unknown = wanted - {a.id for a in agreements}
    if unknown:
        raise KeyError(f"unknown agreement id(s): {', '.join(sorted(unknown))}")
    return [a for a in agreements if a.id in wanted]  # file order, so the result does not depend on click order


def scenario_from_agreements(selected_ids: Iterable[str], registry: Registry,
                             agreements: tuple[Agreement, ...] | None = None) -> dict[str, float]:
    """Every lever's value for the chosen documents: business as usual plus their contributions, clipped.

    Contributions to ``ADDITIVE_LEVERS`` (the trade-cost cut) add up; other levers are set to the value given,
    the larger one when two chosen documents set the same lever. Nothing chosen gives ``registry.bau()``.

    Parameters
    ----------
    selected_ids : iterable of str
        Agreement ids; order does not matter.
    registry : Registry
        BAU values and ranges.
    agreements : tuple of Agreement, optional
        The documents; :func:`load_agreements` when omitted.

    Returns
    -------
    dict of str to float
        A value for every registry key, in registry units, within its range.

    Raises
    ------
    KeyError
        An unknown agreement id, or a document naming a lever the registry does not know.
    """
    chosen = _chosen(selected_ids, agreements if agreements is not None else load_agreements())
    values = registry.bau()
    set_values: dict[str, float] = {}
    for agreement in chosen:
        for lever, contribution in agreement.levers.items():
            if lever not in registry.by_key:
                raise KeyError(f"agreement {agreement.id!r}: unknown lever {lever!r}")
            if lever in ADDITIVE_LEVERS:
                values[lever] += contribution
            else:
                set_values[lever] = max(contribution, set_values.get(lever, contribution))
    values.update(set_values)
    for key, value in values.items():
        param = registry.by_key[key]
        values[key] = min(max(value, param.min), param.max)
    return registry.complete(values)


def explain(selected_ids: Iterable[str], agreements: tuple[Agreement, ...] | None = None
            ) -> list[tuple[Agreement, str | None, float | None]]:
    """``(agreement, lever, contribution)`` for each chosen document's contribution, in file order.

    A document with no lever gives one row ``(agreement, None, None)``; read ``agreement.none_reason``.

    Parameters
    ----------
    selected_ids : iterable of str
        Agreement ids.
    agreements : tuple of Agreement, optional
        The documents; :func:`load_agreements` when omitted.

    Returns
    -------
    list of tuple
        ``(Agreement, lever key or None, contribution in the lever's registry unit or None)``.

    Raises
    ------
    KeyError
        An unknown agreement id.
    """
    rows: list[tuple[Agreement, str | None, float | None]] = []
    for agreement in _chosen(selected_ids, agreements if agreements is not None else load_agreements()):
        if not agreement.levers:
            rows.append((agreement, None, None))
        rows.extend((agreement, lever, value) for lever, value in agreement.levers.items())
    return rows
