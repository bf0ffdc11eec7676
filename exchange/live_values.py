"""Lever values sent back by the browser's live levers, read like a share link: never trusted, never fatal.

The browser sends ``{"trade_growth": …, "investment_inflow": …, "trade_cost_cut": …, "seq": n}`` when a slider
is released. Anything may arrive instead (a tampered page, an old tab): a value that is not a finite number is
ignored and the scenario's value kept, one outside the registry's range is clamped to it, each with a
:class:`~exchange.links.LinkNote` the page shows in the user's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from exchange.links import LinkNote, format_value
from model.registry import MAX_VALUE_CHARS, Registry

LIVE_LEVERS = ("trade_growth", "investment_inflow", "trade_cost_cut")


@dataclass(frozen=True)
class ReleasedValues:
    """What a release changes: the three levers' values, the notes on what was changed, the release number.

    Attributes
    ----------
    levers : dict of str to float
        ``trade_growth`` (%/yr), ``investment_inflow`` (USD bn/yr) and ``trade_cost_cut`` (%), inside their registry
        ranges; the scenario's value where the sent one could not be used.
    notes : list of LinkNote
        One per value clamped or ignored.
    seq : int
        The release's sequence number (0 when missing or not a whole number).
    """

    levers: dict[str, float]
    notes: list[LinkNote] = field(default_factory=list)
    seq: int = 0


def read_released(raw: object, current: Mapping[str, float], registry: Registry) -> ReleasedValues:
    """The levers a release sets, checked against the registry.

    Parameters
    ----------
    raw : object
        What the browser sent (normally a dict of the three lever keys and ``seq``); anything else is read as
        "nothing usable".
    current : mapping of str to float
        The scenario's lever values: kept for any lever whose sent value cannot be used.
    registry : Registry
        Each lever's range.

    Returns
    -------
    ReleasedValues
        The three levers (clamped into range), one note per value changed or ignored, and the release's
        sequence number (0 when missing or not a whole number).
    """
    sent = raw if isinstance(raw, Mapping) else {}
    levers = {key: float(current[key]) for key in LIVE_LEVERS}
    notes: list[LinkNote] = []
    for key in LIVE_LEVERS:
        if key not in sent:
            continue
        raw_value = sent[key]
        text = str(raw_value)
        value, problem = registry.clamp(key, raw_value)  # the registry's one lenient rule, as for share links
        if problem == "too_long":
            notes.append(LinkNote("too_long", key, text[:MAX_VALUE_CHARS] + "…", f"{key}: over-long value ignored"))
        elif problem == "not_number":
            notes.append(LinkNote("not_number", key, text, f"{key}={text!r} is not a number; ignored"))
        elif problem == "not_finite":
            notes.append(LinkNote("not_finite", key, text, f"{key}={text} is not a finite number; ignored"))
        if value is None:
            continue
        if problem == "clamped":
            param = registry.by_key[key]
            notes.append(LinkNote("clamped", key, text[:MAX_VALUE_CHARS],
                                  f"{key}={text} is outside {param.describe_range()}; set to {value:g}",
                                  format_value(value)))
        levers[key] = value
    seq = sent.get("seq")
    return ReleasedValues(levers, notes, seq if isinstance(seq, int) and not isinstance(seq, bool) else 0)
