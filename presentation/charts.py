"""Altair chart builders: each takes tidy frames and already-translated text, and returns a chart value.

Nothing here imports Streamlit, so the same specs feed the app, the PNG/SVG export and the slide deck.
One palette (Okabe–Ito, colour-blind safe): BAU grey and dashed, the scenario a strong blue, the target a
dashed vermillion rule; titles state the finding, axis titles carry units, a source line sits under
every chart.
"""

from __future__ import annotations

import copy
import json
import textwrap
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from presentation.chart_text import as_lines

SCENARIO_BLUE = "#0072B2"
BAU_GREY = "#7F7F7F"
TARGET_VERMILLION = "#D55E00"
HISTORY_BLACK = "#222222"
COUNTRY_COLOURS = ("#009E73", "#E69F00")  # UZ bluish green, KZ orange
YEAR_COLOURS = ("#56B4E9", "#0072B2")  # 2030 light, 2035 dark
COMPONENT_COLOURS = ("#9DB4C8", "#E69F00", "#009E73")  # trend, facilitation, investment
SCENARIO_COLOURS = ("#0072B2", "#009E73", "#CC79A7", "#E69F00")  # pinned scenarios, in pin order
# The turnover chart's window: from the first observed year in data/bilateral_trade.csv (2016) to 2035.
FIRST_YEAR, LAST_YEAR = 2016, 2035


@dataclass(frozen=True)
class ChartStyle:
    """Sizes in one place: ``NORMAL`` for the screen, ``PRESENTATION`` for a projector at 10 m."""

    width: int | str = "container"
    height: int = 360
    font_size: int = 13
    title_size: int = 17
    source_size: int = 11
    line_width: float = 3
    point_size: int = 70
    wide_only: bool = False  # always drawn full width on a wide screen: legends may sit side by side


NORMAL = ChartStyle()
WIDE_LEGENDS_PX = 1500
# 300 px, not 360: the scenario's name may take two lines in presentation mode, the source line two (so that it
# fits a 1280 px projector too), and every view must still fit 1920×1080.
PRESENTATION = ChartStyle(height=300, font_size=24, title_size=32, source_size=18, line_width=6, point_size=240,
                          wide_only=True)


@dataclass(frozen=True)
class SpecChart:
    """A finished Vega-Lite spec (structure from a cached template, data inline under ``datasets``).

    Building an Altair chart costs tens of milliseconds (schema validation, deep copies); the structure of
    a chart only changes with its language and style, so it is built and validated once and each rerun
    only swaps the data and the title. ``to_dict()`` mirrors Altair's, so exports and tests treat both alike.
    """

    spec: dict[str, Any]

    def to_dict(self, validate: bool = True) -> dict[str, Any]:
        """A copy of the spec (validated when its template was built)."""
        return copy.deepcopy(self.spec)


_TEMPLATES: dict[Hashable, dict[str, Any]] = {}
MAX_TEMPLATES = 512


Rows = pd.DataFrame | Sequence[Mapping[str, Any]]


def records(rows: Rows, columns: Sequence[str]) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts with only ``columns`` (NaN → null, numpy scalars → Python).

    ``rows`` is a frame or rows already built as dicts of Python values (the Explorer's hot path builds
    those straight from the model's arrays: a pandas round trip costs milliseconds per chart and step).
    """
    if isinstance(rows, pd.DataFrame):
        values = [rows[column].tolist() for column in columns]
        return [{c: _json_value(v) for c, v in zip(columns, row, strict=True)} for row in zip(*values, strict=True)]
    return [{c: _json_value(row[c]) for c in columns} for row in rows]


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and value != value:  # NaN is not JSON; Vega-Lite reads null as missing
        return None
    return value.item() if hasattr(value, "item") else value


def from_template(key: Hashable, build: Callable[[], alt.TopLevelMixin], datasets: Mapping[str, list[Any]],
                  title: str) -> SpecChart:
    """The chart for ``key`` with this run's data and title; ``build`` runs only the first time."""
    template = _TEMPLATES.get(key)
    if template is None:
        if len(_TEMPLATES) >= MAX_TEMPLATES:
            _TEMPLATES.clear()
        template = build().to_dict()
        _TEMPLATES[key] = template
    # Keep the template's own inline datasets (e.g. the zero line) and add this run's named data.
    spec = {**template, "title": {**template["title"], "text": title},
            "datasets": {**template.get("datasets", {}), **datasets}}
    return SpecChart(spec)


def _static(text: Mapping[str, str], *dynamic: str) -> tuple[tuple[str, str], ...]:
    """The text that shapes a chart's structure (the title and data-borne labels excluded)."""
    return tuple(sorted((k, v) for k, v in text.items() if k not in ("title", *dynamic)))


def _named(name: str) -> alt.NamedData:
    return alt.NamedData(name=name)


def _year_axis(title: str, style: ChartStyle, first: int = FIRST_YEAR, last: int = LAST_YEAR) -> alt.X:
    # Labels closer than a few pixels count as overlapping, so Vega shows every other year where a year's label
    # would touch the next: on a half-width panel at 1280 px the eleven years ran together ("20252026…2035").
    return alt.X("year:Q", title=title, scale=alt.Scale(domain=[first - 0.5, last + 0.5], nice=False),
                 axis=alt.Axis(format="d", tickMinStep=1, labelFlush=False, labelSeparation=6))


def finish(chart: alt.LayerChart, title: str, source: str, style: ChartStyle,
           height: float | None = None, legend_labels: Sequence[str] = ()) -> alt.LayerChart:
    """Title with the finding, the source line as its subtitle, the theme's font sizes everywhere.

    The source rides in the title block (not a separate mark or concat) so the chart keeps its container
    width and height in the app and the line travels with the PNG/SVG export. ``legend_labels``: every entry
    of the chart's top legends, for a chart whose legends need more than the usual width in one row.
    """
    # fit-x: stretch to the container's width but keep the plot's height; Streamlit's default "fit" would
    # squeeze the plot to make room for the title and legends. resize: lay the chart out again whenever its
    # rows change; laid out once, a release to larger numbers widened the y-axis labels and pushed the title
    # and the source line past the left edge of the live chart ("ource: Statistics Agency ...").
    titled = chart.properties(width=style.width, height=height or style.height,
                              autosize=alt.AutoSizeParams(type="fit-x", contains="padding", resize=True),
                              title=alt.TitleParams(
        title, subtitle=source, anchor="start", fontSize=style.title_size, subtitleFontSize=style.source_size,
        subtitleColor="#555555", offset=style.font_size * 0.8))
    # Legends in one row at the top need a wide plot, and Vega clips what does not fit: in presentation type the
    # turnover chart's two take some 1,480 px in Russian, the longest language (cut on a 1280 or 1366 px
    # projector); in body type the fan chart's four entries overran a phone's plot. On a narrower plot the
    # legends stack and each lists its entries one per row. The layout expression replaces Vega's whole
    # default layout object: its defaults are repeated.
    row_px = max(WIDE_LEGENDS_PX if style.wide_only else NARROW_PLOT_PX, legend_row_px(legend_labels, style))
    narrow = f"width < {row_px}"
    layout: dict[str, Any] = {"layout": alt.ExprRef(
        "{offset: 18, direction: 'horizontal', left: {direction: 'vertical'}, right: {direction: 'vertical'}, "
        f"top: {{direction: {narrow} ? 'vertical' : 'horizontal'}}}}")}
    if style.wide_only:  # every legend is on top, in a row: on a narrow plot, one entry per row
        layout["columns"] = _one_per_row(narrow)
    return (titled.configure_axis(labelFontSize=style.font_size, titleFontSize=style.font_size)
            .configure_legend(labelFontSize=style.font_size, titleFontSize=style.font_size, orient="top",
                              labelLimit=0, **layout)
            .configure_view(stroke=None))


def turnover_chart(history: Rows, paths: Rows, target_usd_bn: float,
                   crossing: tuple[int, float] | None,
                   text: Mapping[str, str], style: ChartStyle = NORMAL) -> SpecChart:
    """History as points joined where years are consecutive, BAU dashed grey, scenario blue, the target rule.

    ``history``: year, turnover_usd_bn, run, status_label. ``paths``: year, turnover_usd_bn, case_label.
    ``crossing``: (first year at or above the target, turnover that year), marked on the scenario line.
    ``text``: title, source, x, y, target, history, history_official, history_other, case_scenario,
    case_bau, and crossing (label at the marker).
    """
    shown = crossing is not None and crossing[0] <= LAST_YEAR
    datasets = {
        # An uploaded series may start earlier: its older years would be drawn over the axis, outside the window.
        "history": [row for row in records(history, ("year", "turnover_usd_bn", "run", "status_label"))
                    if row["year"] >= FIRST_YEAR],
        "paths": records(paths, ("year", "turnover_usd_bn", "case_label")),
        "target": [{"turnover_usd_bn": float(target_usd_bn), "label": text["target"]}],
        "marker": [{"year": crossing[0], "turnover_usd_bn": crossing[1], "label": text["crossing"]}]
        if shown and crossing is not None else [],
    }
    return from_template(("turnover", _static(text, "target", "crossing"), style),
                         lambda: _turnover_structure(text, style), datasets, text["title"])


# A legend label longer than this many characters of body type runs past a phone's plot (about 300 px wide):
# below NARROW_PLOT_PX it is drawn on two lines ("Расчётные, округлённые или данные Казахстана" was cut).
NARROW_LABEL_CHARS, NARROW_PLOT_PX = 34, 420
NARROW_CONTAINER_PX = 600  # a chart whose axis labels take part of its width: judged by the container's


def _one_per_row(narrow: str) -> alt.ExprRef:
    """A legend's ``columns``: one entry per row where the Vega condition ``narrow`` holds, else one row."""
    return alt.ExprRef(f"{narrow} ? 1 : 0")


def legend_row_px(labels: Sequence[str], style: ChartStyle) -> int:
    """About how wide, in px, legends with these entries are in one row (an upper estimate).

    Each entry: a symbol and gaps (2.5 em) and its text at 0.62 em a character; the Russian presentation
    legends measured 0.53 em in Chromium, so the estimate errs towards stacking rather than clipping.
    """
    return int(sum(len(label) * 0.62 * style.font_size + 2.5 * style.font_size for label in labels))


def _narrow_labels(labels: Sequence[str], style: ChartStyle, narrow: str = f"width < {NARROW_PLOT_PX}",
                   chars: int = NARROW_LABEL_CHARS, max_lines: int | None = None) -> str:
    """A Vega expression giving each long label as lines (Vega draws a list as lines) where ``narrow`` holds.

    ``chars``: characters a line of body type holds; ``max_lines``: more are cut with "…".
    """
    expression = "datum.label"
    for label in labels:
        lines = textwrap.wrap(label, chars * NORMAL.font_size // style.font_size, max_lines=max_lines,
                              placeholder=" …")
        if len(lines) > 1:
            expression = f"datum.label === {json.dumps(label)} ? {json.dumps(lines)} : {expression}"
    return f"{narrow} ? ({expression}) : datum.label"


def _turnover_structure(text: Mapping[str, str], style: ChartStyle) -> alt.LayerChart:
    x = _year_axis(text["x"], style)
    y = alt.Y("turnover_usd_bn:Q", title=text["y"], scale=alt.Scale(zero=True))
    cases = [text["case_scenario"], text["case_bau"]]
    statuses = [text["history_official"], text["history_other"]]
    # Two legends side by side at the top overflow a half-width chart (1280-1440 px screens) or a phone and
    # Vega clips the second one: the solid/dashed key stays alone on top, the observed points' key goes
    # under the plot, one entry per row, so each fits any width the app is shown at. Only a chart that is
    # always full width on a wide screen (presentation mode) keeps both on top, to spare its height.
    # No title limit: Vega's default (180 px) cut the Kazakh "Нақты деректер" in presentation type.
    history_legend = (alt.Legend(titleLimit=0) if style.wide_only
                      else alt.Legend(orient="bottom", direction="vertical", titleLimit=0,
                                      labelExpr=_narrow_labels(statuses, style)))
    history_line = alt.Chart(_named("history")).mark_line(
        color=HISTORY_BLACK, strokeWidth=style.line_width * 0.6).encode(x=x, y=y, detail="run:N")
    history_points = alt.Chart(_named("history")).mark_point(
        color=HISTORY_BLACK, size=style.point_size, strokeWidth=2).encode(
        x=x, y=y,
        shape=alt.Shape("status_label:N", title=text["history"], legend=history_legend,
                        scale=alt.Scale(domain=statuses, range=["circle", "diamond"])),
        fill=alt.Fill("status_label:N", title=text["history"], legend=history_legend,
                      scale=alt.Scale(domain=statuses, range=[HISTORY_BLACK, "white"])),
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("turnover_usd_bn:Q", format=".2f"),
                 alt.Tooltip("status_label:N")])
    # Line keys long enough to show two dashes, so solid vs dashed reads in the legend itself.
    case_legend = alt.Legend(symbolType="stroke", symbolSize=(2 * style.font_size) ** 2,
                             symbolStrokeWidth=style.line_width)
    projection = alt.Chart(_named("paths")).mark_line(strokeWidth=style.line_width).encode(
        x=x, y=y,
        color=alt.Color("case_label:N", title=None, legend=case_legend,
                        scale=alt.Scale(domain=cases, range=[SCENARIO_BLUE, BAU_GREY])),
        strokeDash=alt.StrokeDash("case_label:N", title=None, legend=case_legend,
                                  scale=alt.Scale(domain=cases, range=[[1, 0], [7, 5]])),
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("turnover_usd_bn:Q", format=".2f"),
                 alt.Tooltip("case_label:N")])
    target_rule = alt.Chart(_named("target")).mark_rule(color=TARGET_VERMILLION, strokeDash=[6, 4],
                                                        strokeWidth=style.line_width * 0.7).encode(y=y)
    target_label = alt.Chart(_named("target")).mark_text(
        align="left", dx=4, dy=-style.font_size * 0.8, color=TARGET_VERMILLION, fontSize=style.font_size,
        fontWeight="bold").encode(x=alt.value(0), y=y, text=alt.Text("label:N"))
    marker = alt.Chart(_named("marker")).mark_point(shape="triangle-down", size=style.point_size * 4, filled=True,
                                                    color=TARGET_VERMILLION).encode(x=x, y=y)
    marker_label = alt.Chart(_named("marker")).mark_text(
        dy=-style.font_size * 1.6, fontSize=style.font_size, fontWeight="bold", color=TARGET_VERMILLION).encode(
        x=x, y=y, text=alt.Text("label:N"))
    chart = alt.layer(history_line, history_points, projection, target_rule, target_label, marker, marker_label)
    return finish(chart, text["title"], text["source"], style)


def decomposition_chart(paths: pd.DataFrame, target_usd_bn: float, text: Mapping[str, str],
                        components: Sequence[str], style: ChartStyle = NORMAL) -> SpecChart:
    """Stacked area of turnover by part (trend, facilitation, investment-induced), USD bn.

    ``paths``: year, component_label, usd_bn, order. ``components``: the labels in stacking order.
    """
    datasets = {"parts": records(paths, ("year", "component_label", "usd_bn", "order")),
                "target": [{"usd_bn": float(target_usd_bn)}]}
    return from_template(("decomposition", _static(text), tuple(components), style),
                         lambda: _decomposition_structure(text, components, style), datasets, text["title"])


def _decomposition_structure(text: Mapping[str, str], components: Sequence[str], style: ChartStyle) -> alt.LayerChart:
    x = _year_axis(text["x"], style, first=2025)
    area = alt.Chart(_named("parts")).mark_area(opacity=0.9).encode(
        x=x,
        y=alt.Y("usd_bn:Q", stack="zero", title=text["y"]),
        # Beside the GDP panel the three Russian names overflowed the half-width chart in one row and Vega
        # clipped the last: one per row under the plot, as the turnover chart's observed-data key.
        color=alt.Color("component_label:N", title=None,
                        scale=alt.Scale(domain=list(components), range=list(COMPONENT_COLOURS)),
                        legend=alt.Legend() if style.wide_only else alt.Legend(orient="bottom",
                                                                               direction="vertical")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("component_label:N"),
                 alt.Tooltip("usd_bn:Q", format=".2f")])
    target = alt.Chart(_named("target")).mark_rule(
        color=TARGET_VERMILLION, strokeDash=[6, 4], strokeWidth=style.line_width * 0.7).encode(y="usd_bn:Q")
    return finish(alt.layer(area, target), text["title"], text["source"], style)


def sector_shift_chart(shifts: Rows, text: Mapping[str, str], style: ChartStyle = NORMAL) -> SpecChart:
    """Shift of each sector's share of GDP against BAU, percentage points, bars for 2030 and 2035.

    ``shifts``: sector_label, year_label, shift_pp, scenario_pct, bau_pct, label (the pp text on the bar).
    An invisible "extent" layer at ±1.8 × the largest shift leaves room for the labels at the bar ends.
    """
    rows = shifts.to_dict("records") if isinstance(shifts, pd.DataFrame) else list(shifts)
    years = tuple(sorted({str(row["year_label"]) for row in rows}))
    reach = max(max(abs(float(row["shift_pp"])) for row in rows), 0.005) * 1.8
    first_sector = str(rows[0]["sector_label"])
    datasets = {"shifts": records(rows, ("sector_label", "year_label", "shift_pp", "scenario_pct", "bau_pct",
                                           "label")),
                "extent": [{"shift_pp": -reach, "sector_label": first_sector},
                           {"shift_pp": reach, "sector_label": first_sector}]}
    return from_template(("sector", _static(text), years, style),
                         lambda: _sector_structure(text, years, style), datasets, text["title"])


def _sector_structure(text: Mapping[str, str], years: Sequence[str], style: ChartStyle) -> alt.LayerChart:
    y = alt.Y("sector_label:N", title=None, sort=None, axis=alt.Axis(labelLimit=400))
    x = alt.X("shift_pp:Q", title=text["x"], axis=alt.Axis(format="+.2f"))
    offset = alt.YOffset("year_label:N", sort=list(years))
    bars = alt.Chart(_named("shifts")).mark_bar().encode(
        x=x, y=y, yOffset=offset,
        color=alt.Color("year_label:N", title=None, sort=list(years),
                        scale=alt.Scale(domain=list(years), range=list(YEAR_COLOURS[: len(years)]))),
        tooltip=[alt.Tooltip("sector_label:N"), alt.Tooltip("year_label:N"), alt.Tooltip("bau_pct:Q", format=".2f"),
                 alt.Tooltip("scenario_pct:Q", format=".2f"), alt.Tooltip("shift_pp:Q", format="+.2f")])
    label_base = alt.Chart(_named("shifts")).encode(x=x, y=y, yOffset=offset, text=alt.Text("label:N"))
    labels = [label_base.transform_filter(alt.datum.shift_pp >= 0).mark_text(
                  fontSize=style.font_size * 0.85, dx=4, align="left"),
              label_base.transform_filter(alt.datum.shift_pp < 0).mark_text(
                  fontSize=style.font_size * 0.85, dx=-4, align="right")]
    extent = alt.Chart(_named("extent")).mark_point(opacity=0).encode(x=x, y=y)
    zero = alt.Chart(pd.DataFrame({"shift_pp": [0.0]})).mark_rule(color="#333333").encode(x="shift_pp:Q")
    chart = alt.layer(bars, zero, extent, *labels)
    return finish(chart, text["title"], text["source"], style, style.height * 0.75)


def per_head_gain_chart(gains: Rows, text: Mapping[str, str], countries: Sequence[str],
                        style: ChartStyle = NORMAL) -> SpecChart:
    """GDP per head above BAU, current USD, by year and country.

    ``gains``: year, country_label, gain_usd, scenario_usd, bau_usd.
    """
    datasets = {"gains": records(gains, ("year", "country_label", "gain_usd", "scenario_usd", "bau_usd"))}
    return from_template(("per_head", _static(text), tuple(countries), style),
                         lambda: _per_head_structure(text, countries, style), datasets, text["title"])


def _per_head_structure(text: Mapping[str, str], countries: Sequence[str], style: ChartStyle) -> alt.LayerChart:
    x = _year_axis(text["x"], style, first=2025)
    colour = alt.Color("country_label:N", title=None,
                       scale=alt.Scale(domain=list(countries), range=list(COUNTRY_COLOURS)))
    base = alt.Chart(_named("gains")).encode(
        x=x, y=alt.Y("gain_usd:Q", title=text["y"]), color=colour,
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("country_label:N"),
                 alt.Tooltip("gain_usd:Q", format="+,.1f"), alt.Tooltip("scenario_usd:Q", format=",.0f"),
                 alt.Tooltip("bau_usd:Q", format=",.0f")])
    zero = alt.Chart(pd.DataFrame({"gain_usd": [0.0]})).mark_rule(color="#333333").encode(y="gain_usd:Q")
    chart = alt.layer(base.mark_line(strokeWidth=style.line_width), base.mark_point(size=style.point_size, filled=True),
                      zero)
    return finish(chart, text["title"], text["source"], style)


def compare_chart(paths: pd.DataFrame, target_usd_bn: float, names: Sequence[str], bau_name: str,
                  text: Mapping[str, str], style: ChartStyle = NORMAL) -> alt.LayerChart:
    """Turnover of up to four pinned scenarios overlaid, BAU dashed grey, and the target rule.

    ``paths``: year, name, turnover_usd_bn; ``names`` in legend order (BAU excluded).
    """
    x = _year_axis(text["x"], style, first=2025)
    y = alt.Y("turnover_usd_bn:Q", title=text["y"], scale=alt.Scale(zero=True))
    domain = [*names, bau_name]
    colours = [*SCENARIO_COLOURS[: len(names)], BAU_GREY]
    dashes = [[1, 0]] * len(names) + [[7, 5]]
    # On a phone the names in one row ran past the plot, and two lines were left without a label.
    one_per_row = alt.Legend(columns=_one_per_row(f"width < {legend_row_px(domain, style)}"))
    lines = alt.Chart(paths).mark_line(strokeWidth=style.line_width).encode(
        x=x, y=y,
        color=alt.Color("name:N", title=None, scale=alt.Scale(domain=domain, range=colours), sort=domain,
                        legend=one_per_row),
        strokeDash=alt.StrokeDash("name:N", title=None, scale=alt.Scale(domain=domain, range=dashes), sort=domain),
        tooltip=[alt.Tooltip("year:Q", format="d"), "name:N", alt.Tooltip("turnover_usd_bn:Q", format=".2f")])
    target = alt.Chart(pd.DataFrame({"turnover_usd_bn": [target_usd_bn]})).mark_rule(
        color=TARGET_VERMILLION, strokeDash=[6, 4], strokeWidth=style.line_width * 0.7).encode(y=y)
    return finish(alt.layer(lines, target), text["title"], text["source"], style)


def fan_chart(fan: pd.DataFrame, lines: pd.DataFrame, target_usd_bn: float, text: Mapping[str, str],
              style: ChartStyle = NORMAL) -> alt.LayerChart:
    """P10–P90 band and P50 of turnover, the deterministic scenario and BAU, and the target rule.

    ``fan``: year, p10, p50, p90. ``lines``: year, turnover_usd_bn, case_label (scenario, BAU).
    ``text``: title, source, x, y, band, median, case_scenario, case_bau, target. Every line is one series of a
    single legend (colour and dash together), the band has its own: no mark is left unexplained.
    """
    x = _year_axis(text["x"], style, first=2025)
    band = alt.Chart(fan.assign(band=text["band"])).mark_area(opacity=0.25).encode(
        x=x, y=alt.Y("p10:Q", title=text["y"]), y2="p90:Q",
        fill=alt.Fill("band:N", title=None, scale=alt.Scale(domain=[text["band"]], range=[SCENARIO_BLUE])),
        tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("p10:Q", format=".2f"),
                 alt.Tooltip("p50:Q", format=".2f"), alt.Tooltip("p90:Q", format=".2f")])
    columns = ["year", "turnover_usd_bn", "case_label"]
    series = pd.concat([lines, fan.assign(turnover_usd_bn=fan["p50"], case_label=text["median"])[columns],
                        fan.assign(turnover_usd_bn=target_usd_bn, case_label=text["target"])[columns]])
    cases = [text["case_scenario"], text["case_bau"], text["median"], text["target"]]
    # Four entries in a row overran a phone's plot, and a 1280 px screen's in Kazakh: there one per row.
    entries = [text["band"], *cases]
    one_per_row = alt.Legend(columns=_one_per_row(f"width < {legend_row_px(entries, style)}"))
    paths = alt.Chart(series).mark_line(strokeWidth=style.line_width * 0.7).encode(
        x=x, y="turnover_usd_bn:Q",
        color=alt.Color("case_label:N", title=None, legend=one_per_row, scale=alt.Scale(
            domain=cases, range=[SCENARIO_BLUE, BAU_GREY, SCENARIO_BLUE, TARGET_VERMILLION])),
        strokeDash=alt.StrokeDash("case_label:N", title=None, scale=alt.Scale(
            domain=cases, range=[[1, 0], [7, 5], [2, 2], [6, 4]])))
    return finish(alt.layer(band, paths), text["title"], text["source"], style, legend_labels=entries)


def tornado_chart(bars: pd.DataFrame, base: float, text: Mapping[str, str],
                  style: ChartStyle = NORMAL, years: bool = False) -> alt.LayerChart:
    """Bars from the scenario's value to the outcome at each end of a parameter's plausible range.

    ``bars``: label (parameter and range), end_label (low/high end), start, outcome, order (sort key).
    ``years``: the outcome is a (fractional) year, labelled without a thousands separator ("2028").
    """
    # On a phone the parameters' names (with their ranges) took the whole width and pushed the bars off it:
    # there each is drawn on at most two short lines, which fit the 26 px a bar gets.
    narrow = f"containerSize()[0] < {NARROW_CONTAINER_PX}"
    labels = alt.Axis(labelLimit=alt.ExprRef(f"{narrow} ? containerSize()[0] * 0.45 : 420"),
                      labelExpr=_narrow_labels(sorted(bars["label"].unique()), style, narrow, chars=24, max_lines=2),
                      labelLineHeight=style.font_size, labelOverlap=False)  # Vega hid every other two-line label
    y = alt.Y("label:N", title=None, sort=alt.SortField("order"), axis=labels)
    ends = sorted(bars["end_label"].unique())
    axis = alt.Axis(format="d", tickMinStep=1) if years else alt.Axis()
    chart = alt.Chart(bars).mark_bar(opacity=0.9).encode(
        # The axis title in lines that fit under the narrow plot a phone leaves beside the labels.
        y=y, x=alt.X("start:Q", title=as_lines(text["x"], 28), scale=alt.Scale(zero=False), axis=axis),
        x2="outcome:Q",
        color=alt.Color("end_label:N", title=None, scale=alt.Scale(domain=ends, range=["#56B4E9", "#D55E00"]),
                        legend=alt.Legend(columns=_one_per_row(narrow))),
        tooltip=["label:N", "end_label:N", alt.Tooltip("outcome:Q", format=".2f")])
    rule = alt.Chart(pd.DataFrame({"start": [base]})).mark_rule(color="#333333").encode(x="start:Q")
    height = max(160, 26 * bars["label"].nunique())
    return finish(alt.layer(chart, rule), text["title"], text["source"], style, height)


def distribution_chart(shares: pd.DataFrame, text: Mapping[str, str], style: ChartStyle = NORMAL) -> alt.LayerChart:
    """Share of draws that first reach the target in each year (the last bar: after 2050).

    ``shares``: year_label, share_pct, order.
    """
    bars = alt.Chart(shares).mark_bar(color=SCENARIO_BLUE).encode(
        x=alt.X("year_label:N", title=text["x"], sort=alt.SortField("order")),
        y=alt.Y("share_pct:Q", title=text["y"]),
        tooltip=["year_label:N", alt.Tooltip("share_pct:Q", format=".1f")])
    return finish(alt.layer(bars), text["title"], text["source"], style, style.height * 0.7)
