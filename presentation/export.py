"""A chart as a PNG or SVG file, rendered without a browser by vl-convert.

The chart's title, units and source line are already in its spec (title and subtitle), so the file
carries them. The app's charts are ``width: "container"``, which only a page can resolve: the export
puts a number there first.
"""

from __future__ import annotations

import copy
import struct
from typing import Any, Protocol

import vl_convert as vlc

from presentation.chart_text import NESTED_VIEWS, wrap_titles

DEFAULT_WIDTH = 1600
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# vl-convert's bundled Liberation Sans lacks these; a string holding one is drawn wholly in a fallback serif
# face (or as boxes where the system has no fallback). Their look-alikes are in the font.
FONT_SAFE = str.maketrans({
    "\u02bb": "\u2018",  # ʻ Uzbek oʻ, gʻ → ‘
    "\u02bc": "\u2019",  # ʼ Uzbek tutuq belgisi → ’
    "\u00a0": " ",  # no-break space in Russian and Uzbek numbers (10 000, 50 %) → space
})
STACKED_LEGENDS = {"top": {"direction": "vertical", "anchor": "start"}}
LABEL_SHARE = 0.4  # of the width, for one axis label


class Chart(Protocol):
    """Anything with a Vega-Lite spec: every Altair chart."""

    def to_dict(self) -> dict[str, Any]:
        """The Vega-Lite spec as plain JSON-able data."""


def with_width(spec: dict[str, Any], width: int) -> dict[str, Any]:
    """A deep copy of ``spec`` with ``width: "container"`` replaced by ``width`` at the top and in nested views."""
    out = copy.deepcopy(spec)
    _replace_container(out, width)
    return out


def _replace_container(view: dict[str, Any], width: int) -> None:
    if view.get("width") == "container":
        view["width"] = width
    for key in NESTED_VIEWS:
        for child in view.get(key) or []:
            if isinstance(child, dict):
                _replace_container(child, width)


def font_safe(value: Any) -> Any:
    """``value`` (a spec or any part of it) with the characters the bundled font lacks swapped for look-alikes."""
    if isinstance(value, str):
        return value.translate(FONT_SAFE)
    if isinstance(value, dict):
        return {font_safe(k): font_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [font_safe(v) for v in value]
    return value


def fixed_layout(spec: dict[str, Any], width: int) -> dict[str, Any]:
    """``spec`` with legends above the plot stacked and axis labels allowed a share of ``width``.

    Unless the spec says otherwise: side by side, two legends with long labels (Russian, Uzbek) run off the
    right edge of a fixed-width file, and Vega cuts axis labels at 180 px ("Сельское хоз…") at any font size.
    """
    config = dict(spec.get("config") or {})
    legend, axis = dict(config.get("legend") or {}), dict(config.get("axis") or {})
    legend.setdefault("layout", copy.deepcopy(STACKED_LEGENDS))
    axis.setdefault("labelLimit", int(width * LABEL_SHARE))
    return {**spec, "config": {**config, "legend": legend, "axis": axis}}


def prepare(chart: Chart, width: int) -> dict[str, Any]:
    """The chart's spec (a copy) at a fixed ``width``: titles wrapped to fit, legends stacked, labels whole."""
    return fixed_layout(wrap_titles(with_width(chart.to_dict(), width), width), width)


def chart_png(chart: Chart, scale: float = 2.0, width: int = DEFAULT_WIDTH) -> bytes:
    """The chart as PNG bytes, ``width`` CSS pixels wide (title and legends included) times ``scale``."""
    spec = font_safe(prepare(chart, width))
    return bytes(vlc.vegalite_to_png(spec, scale=scale))


def chart_svg(chart: Chart, width: int = DEFAULT_WIDTH) -> str:
    """The chart as an SVG document, ``width`` pixels wide; its text stays text, drawn by the viewer's fonts."""
    return str(vlc.vegalite_to_svg(prepare(chart, width)))


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels from a PNG's header chunk; ``ValueError`` if ``data`` is not a PNG."""
    if data[:8] != PNG_MAGIC or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)
