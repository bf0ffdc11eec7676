"""Chart text broken into lines where a fixed size would clip it: titles, the source line, axis titles.

Vega draws a list of strings as lines. Used by the file export (fixed width) and by the app (the y-axis
title is as long as the plot is high, in large type too). No heavy imports: the app loads this on start.
"""

from __future__ import annotations

import copy
import textwrap
from functools import lru_cache
from typing import Any

NESTED_VIEWS = ("layer", "hconcat", "vconcat", "concat")
# Average advance of a character of the exports' DejaVu Sans in ems, measured on findings in English, Russian and
# Kazakh (bold 0.58–0.68, regular 0.52–0.61), with a little room.
TITLE_EM, SUBTITLE_EM, AXIS_TITLE_EM = 0.69, 0.62, 0.62
VEGA_TITLE_SIZE, VEGA_SUBTITLE_SIZE, VEGA_AXIS_TITLE_SIZE = 13, 12, 11  # Vega's defaults when a spec sets none
X_TITLE_SHARE = 0.5  # an x-axis title is centred under the plot, which is at least this share of the width
LARGE_TYPE_PX = 14  # type at least this size is presentation mode's
APP_X_TITLE_CHARS = 42  # an x-axis title line in the app: ~300 px of 13 px type, ~550 px of 24 px type


def wrap_titles(spec: dict[str, Any], width: int) -> dict[str, Any]:
    """``spec`` with titles too long for ``width`` pixels broken into lines (Vega draws a list as lines).

    A fixed-width file cannot grow to fit a long finding: Vega would clip the chart title, the source line
    and an x-axis title wider than the plot, and a y-axis title taller than the plot would stretch the chart.
    """
    out = copy.deepcopy(spec)
    if spec.get("title") is not None:
        out["title"] = _wrapped_block(spec["title"], width)
    axis_size = spec.get("config", {}).get("axis", {}).get("titleFontSize", VEGA_AXIS_TITLE_SIZE)
    room = {"x": width * X_TITLE_SHARE}
    if isinstance(spec.get("height"), int | float):
        room["y"] = float(spec["height"])
    return _wrapped_axis_titles(out, room, AXIS_TITLE_EM * axis_size)


def _wrapped_block(title: str | list[str] | dict[str, Any], width: int) -> dict[str, Any]:
    block: dict[str, Any] = {"text": title} if isinstance(title, str | list) else dict(title)
    size, subtitle_size = block.get("fontSize", VEGA_TITLE_SIZE), block.get("subtitleFontSize", VEGA_SUBTITLE_SIZE)
    block["text"] = _lines(block.get("text", ""), width, TITLE_EM * float(size))
    if "subtitle" in block:
        block["subtitle"] = _lines(block["subtitle"], width, SUBTITLE_EM * float(subtitle_size))
    return block


def _wrapped_axis_titles(view: dict[str, Any], room: dict[str, float], char_px: float) -> dict[str, Any]:
    """``view`` with its own and its nested views' axis titles broken into lines, ``view`` untouched.

    The parts it does not change (rows, marks, scales) are shared with ``view``.
    """
    out = dict(view)
    encodings = view.get("encoding")
    if isinstance(encodings, dict):
        out["encoding"] = dict(encodings)
        for channel, pixels in room.items():
            encoding = encodings.get(channel)
            if isinstance(encoding, dict) and isinstance(encoding.get("title"), str):
                out["encoding"][channel] = {**encoding, "title": _lines(encoding["title"], pixels, char_px)}
    for key in NESTED_VIEWS:
        children = view.get(key)
        if isinstance(children, list):
            out[key] = [_wrapped_axis_titles(child, room, char_px) if isinstance(child, dict) else child
                        for child in children]
    return out


def _lines(text: str | list[str], width: float, char_px: float) -> str | list[str]:
    if not isinstance(text, str):
        return text
    lines = _wrapped(text, max(int(width / char_px), 12))
    return lines[0] if len(lines) == 1 else list(lines) or text


# Kept per text and width: the same axis titles and source lines are broken on every lever release (~0.3 ms).
@lru_cache(maxsize=1024)
def _wrapped(text: str, chars: int) -> tuple[str, ...]:
    return tuple(textwrap.wrap(text, chars, break_long_words=False))


def wrap_axis_titles(spec: dict[str, Any], share: float = 1.0) -> dict[str, Any]:
    """``spec`` (not copied where nothing changes) with axis titles broken where the app's charts would clip them.

    A y-axis title longer than the plot's height, and an x-axis title longer than :data:`APP_X_TITLE_CHARS`
    characters: the narrowest chart the app draws in body type (a phone, a half-width chart at 1280 px) holds
    that many. Large (presentation) type holds that many across the screen's width, ``share`` of it beside
    another chart: a half-width Russian title ran 120 px past the chart on a 1280 px projector.
    """
    height = spec.get("height")
    axis_size = float(spec.get("config", {}).get("axis", {}).get("titleFontSize", VEGA_AXIS_TITLE_SIZE))
    char_px = AXIS_TITLE_EM * axis_size
    room = {"x": APP_X_TITLE_CHARS * char_px * (share if axis_size >= LARGE_TYPE_PX else 1.0)}
    if isinstance(height, int | float):
        room["y"] = float(height)
    if not _has_long_title(spec, room, char_px):
        return spec
    # Only the dicts on the way to a title are copied: a deep copy of the spec took ~1 ms a chart, on every
    # lever release for each of the Explorer's panel charts (about 5% of the release's server run).
    return _wrapped_axis_titles(spec, room, char_px)


def _has_long_title(view: dict[str, Any], room: dict[str, float], char_px: float) -> bool:
    for channel, pixels in room.items():
        encoding = view.get("encoding", {}).get(channel)
        if isinstance(encoding, dict) and isinstance(encoding.get("title"), str) \
                and len(encoding["title"]) * char_px > pixels:
            return True
    return any(_has_long_title(child, room, char_px) for key in NESTED_VIEWS for child in view.get(key) or []
               if isinstance(child, dict))


def source_as_title(title: dict[str, Any], share: float = 1.0) -> dict[str, Any]:
    """The title block with only the source line, in its small grey type: the finding is drawn above the chart.

    Kept as the subtitle under an empty title, it would leave a blank line of title type above it.
    """
    source = title.get("subtitle", "")
    block = {key: value for key, value in title.items() if not key.startswith("subtitle")}
    return {**block, "text": source_lines(source, title, share), "fontSize": title.get("subtitleFontSize", 11),
            "fontWeight": "normal", "color": title.get("subtitleColor", "#555555")}


def source_lines(source: str | list[str], title: dict[str, Any], share: float = 1.0) -> str | list[str]:
    """The source line broken where a chart would clip it.

    Vega cuts a title line at the chart's width with "…". 60 characters of 11 px type (about 350 px) fit the
    narrowest chart the app draws in normal type (a 390 px phone, a half-width chart at 1280 px), whatever
    ``share``. Large (presentation) type: 100 characters across the full width of a 1280 px projector (150, as
    before, cut the Russian source short there; a Vega expression choosing by width lost the first line).
    """
    if not isinstance(source, str):
        return source
    return as_lines(source, 60 if float(title.get("subtitleFontSize", 11)) < LARGE_TYPE_PX else int(100 * share))


def as_lines(text: str, chars: int) -> str | list[str]:
    """``text`` as lines of at most ``chars`` characters (Vega draws a list as lines), or as is if it fits."""
    lines = _wrapped(text, chars)
    return list(lines) if len(lines) > 1 else text


def split_finding(spec: dict[str, Any], share: float = 1.0) -> tuple[str, dict[str, Any]]:
    """A templated chart's finding (its title, shown above the chart as text) and the spec as then drawn.

    Kept out of the spec, the finding changes with the data while the spec's structure stays the same between
    reruns, so the browser only swaps the rows. The spec keeps its source line as the title, broken for
    ``share`` of a wide screen, and its axis titles wrapped. Exports keep the title inside.
    """
    shown = dict(spec)
    title = dict(shown.get("title", {}))
    finding = title.get("text", "") if title.get("text") else ""
    if finding:
        shown["title"] = source_as_title(title, share)
    return (finding if isinstance(finding, str) else " ".join(finding)), wrap_axis_titles(shown, share)
