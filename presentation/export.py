"""A chart as a PNG or SVG file, rendered without a browser by vl-convert.

The chart's title, units and source line are already in its spec (title and subtitle), so the file
carries them. The app's charts are ``width: "container"``, which only a page can resolve: the export
puts a number there first. Every text is set in the shipped DejaVu Sans (:mod:`presentation.typeface`), which
has the Kazakh, Uzbek and Russian letters, so a machine with no extra fonts draws no missing-glyph boxes.
"""

from __future__ import annotations

import copy
import struct
from typing import Any, Protocol

import vl_convert as vlc

from presentation.chart_text import NESTED_VIEWS, wrap_titles
from presentation.typeface import FONT_STACK, register

DEFAULT_WIDTH = 1600
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
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


def fixed_layout(spec: dict[str, Any], width: int) -> dict[str, Any]:
    """``spec`` in the shipped typeface, legends above the plot stacked, axis labels allowed a share of ``width``.

    Unless the spec says otherwise: side by side, two legends with long labels (Russian, Uzbek) run off the
    right edge of a fixed-width file, and Vega cuts axis labels at 180 px ("Сельское хоз…") at any font size.
    """
    config = dict(spec.get("config") or {})
    legend, axis = dict(config.get("legend") or {}), dict(config.get("axis") or {})
    legend.setdefault("layout", copy.deepcopy(STACKED_LEGENDS))
    legend.setdefault("titleLimit", int(width * LABEL_SHARE))  # Vega cuts legend titles at 180 px too ("Нақты дер…")
    axis.setdefault("labelLimit", int(width * LABEL_SHARE))
    return {**spec, "config": {**config, "font": config.get("font", FONT_STACK), "legend": legend, "axis": axis}}


def prepare(chart: Chart, width: int) -> dict[str, Any]:
    """The chart's spec (a copy) at a fixed ``width``: titles wrapped to fit, legends stacked, labels whole."""
    return fixed_layout(wrap_titles(with_width(chart.to_dict(), width), width), width)


def chart_png(chart: Chart, scale: float = 2.0, width: int = DEFAULT_WIDTH) -> bytes:
    """The chart as PNG bytes, ``width`` CSS pixels wide (title and legends included) times ``scale``."""
    register()
    return bytes(vlc.vegalite_to_png(prepare(chart, width), scale=scale))


def chart_svg(chart: Chart, width: int = DEFAULT_WIDTH) -> str:
    """The chart as an SVG document, ``width`` pixels wide; its text stays text, in the viewer's copy of the font."""
    register()
    return str(vlc.vegalite_to_svg(prepare(chart, width)))


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels from a PNG's header chunk; ``ValueError`` if ``data`` is not a PNG."""
    if data[:8] != PNG_MAGIC or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)
