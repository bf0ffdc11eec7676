"""The data & sources page's content: every series with its source and status, mirror statistics, downloads."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from exchange.exports import resolve_same
from model.api import Model
from model.baseline import gross_icor
from model.data import BaselineTables, load_reference
from presentation.charts import BAU_GREY, HISTORY_BLACK, SCENARIO_BLUE
from presentation.data_texts import data_text, local_numbers, status_text
from presentation.figures import localised as in_language
from presentation.i18n import Translator

# The reference tables' columns: translated by their catalogue header; the rest of each row by data_text.
REFERENCE_TABLES = {"cooperation.csv": ("item", "value", "unit", "date", "status", "source"),
                    "literature.csv": ("parameter", "value", "range", "source")}


@dataclass(frozen=True)
class SeriesView:
    """One series as the page shows it: a tidy frame with year, value, source and status columns."""

    key: str
    unit: str
    frame: pd.DataFrame


def series_views(tables: BaselineTables) -> list[SeriesView]:
    """Every series the app uses: turnover and its directions, year-to-date turnover, macro series, sector shares."""
    views = []
    trade = tables.bilateral
    for column in ("turnover_usd_bn", "uz_exports_to_kz_usd_bn", "uz_imports_from_kz_usd_bn"):
        frame = trade[["year", column, "reporter", "status", "source"]].dropna(subset=[column])
        views.append(SeriesView(column, "usd_bn", frame.rename(columns={column: "value"}).assign(country="UZ")))
    ytd = tables.ytd.rename(columns={"value_usd_bn": "value",
                                     "same_period_prior_year_usd_bn": "same_period_prior_year"})
    columns = ["year", "months", "value", "same_period_prior_year", "reporter", "status", "source"]
    views.append(SeriesView("turnover_ytd_usd_bn", "usd_bn", ytd[columns].assign(country="UZ")))
    for series, rows in tables.macro.groupby("series", sort=False):
        views.append(SeriesView(str(series), str(rows["unit"].iloc[0]),
                                rows[["country", "year", "value", "status", "source"]].reset_index(drop=True)))
    sectors = tables.sectors.rename(columns={"share_pct": "value"})
    views.append(SeriesView("sector_shares", "pct_of_gva",
                            sectors[["country", "year", "sector", "value", "status", "source"]]))
    return views


def _span(low: float, high: float, t: Translator) -> str:
    """``4.4`` or ``4.4–4.5``: a value, or the range two statements span, in the user's number format."""
    if pd.isna(low):
        return "—"
    if low == high:
        return t.number(low, 2)
    return f"{t.number(low, 2)}–{t.number(high, 2)}"


def mirror_table(t: Translator) -> pd.DataFrame:
    """Uzbek- and Kazakh-reported turnover side by side, with the gap (a range where the Kazakh side gave two).

    Kazakh figures are often two statements a little apart (2023: 4.4 by the President, 4.5 by the
    intergovernmental commission), so the Kazakh side is a low–high pair and the gap is shown as a range.
    """
    mirror = load_reference("mirror_trade.csv")
    uz = pd.to_numeric(mirror["uz_reported_usd_bn"])
    low = pd.to_numeric(mirror["kz_reported_low_usd_bn"])
    high = pd.to_numeric(mirror["kz_reported_high_usd_bn"])
    return pd.DataFrame({
        t("data.col_period"): [data_text(p, t) for p in mirror["period"]],
        t("data.uz_reported"): [_span(u, u, t) for u in uz],
        t("data.kz_reported"): [_span(lo, hi, t) for lo, hi in zip(low, high, strict=True)],
        t("data.gap"): [_span(round(lo - u, 2), round(hi - u, 2), t) if pd.notna(u) else "—"
                        for u, lo, hi in zip(uz, low, high, strict=True)],
        t("data.uz_source"): [data_text(s, t) for s in mirror["uz_source"]],
        t("data.kz_source"): [data_text(s, t) for s in mirror["kz_source"]]})


def mirror_gaps() -> pd.DataFrame:
    """Kazakh minus Uzbek figure per period where both exist: ``period``, ``gap_low``, ``gap_high`` (USD bn)."""
    mirror = load_reference("mirror_trade.csv")
    uz = pd.to_numeric(mirror["uz_reported_usd_bn"])
    both = uz.notna()
    return pd.DataFrame({"period": mirror["period"][both],
                         "gap_low": (pd.to_numeric(mirror["kz_reported_low_usd_bn"]) - uz)[both].round(2),
                         "gap_high": (pd.to_numeric(mirror["kz_reported_high_usd_bn"]) - uz)[both].round(2)})


def revisions_table(t: Translator) -> pd.DataFrame:
    """Each revised figure: first release and revised value with their sources, which one the model uses, why."""
    revisions = load_reference("revisions.csv")
    return pd.DataFrame({
        t("data.col_year"): revisions["year"],
        t("data.first_release"): [t.number(float(v), 2) for v in revisions["first_release_usd_bn"]],
        t("data.revised"): [t.number(float(v), 2) for v in revisions["revised_usd_bn"]],
        t("data.model_uses"): [t(f"data.uses_{v}") for v in revisions["model_uses"]],
        t("data.revision_reason"): [data_text(s, t) for s in revisions["reason"]],
        t("data.first_release_source"): [data_text(s, t) for s in revisions["first_release_source"]],
        t("data.revised_source"): [data_text(s, t) for s in revisions["revised_source"]]})


def reference_table(name: str, t: Translator) -> pd.DataFrame:
    """Targets, programmes and literature values (``name`` is one of REFERENCE_TABLES) in the user's language."""
    table = load_reference(name)
    shown = pd.DataFrame(index=table.index)
    for column in REFERENCE_TABLES[name]:
        values = table[column]
        if column == "status":
            values = values.map(lambda s: status_text(s, t))
        elif column == "unit":
            values = values.map(lambda u: t(f"data.units.{u}") if t.has(f"data.units.{u}") else data_text(u, t))
        elif column in ("range", "value"):
            values = values.map(lambda v: local_numbers(data_text(v, t), t))
        elif column in ("item", "parameter", "source"):
            values = values.map(lambda v: data_text(v, t))
        shown[t(f"data.reference_columns.{column}")] = values
    return shown


def localised(view: SeriesView, t: Translator) -> pd.DataFrame:
    """The series' rows with countries, sectors, statuses and sources in the user's language."""
    frame = view.frame.copy()
    frame["status"] = frame["status"].map(lambda s: status_text(s, t))
    sources = resolve_same(frame["source"], frame["country"]) if "country" in frame else frame["source"]
    frame["source"] = sources.map(lambda s: data_text(s, t))
    if "country" in frame:
        frame["country"] = frame["country"].map(lambda c: t(f"countries.{c}") if t.has(f"countries.{c}") else c)
    if "sector" in frame:
        frame["sector"] = frame["sector"].map(lambda s: t(f"sectors.{s}"))
    return frame


def small_chart(view: SeriesView, t: Translator) -> alt.Chart:
    """A small line chart of one series (one line per country; sectors as bars)."""
    frame = localised(view, t)
    if view.key == "sector_shares":
        return in_language(alt.Chart(frame).mark_bar().encode(
            x=alt.X("value:Q", title="%", stack="normalize"), y=alt.Y("country:N", title=None),
            color=alt.Color("sector:N", title=None),
            tooltip=["country", alt.Tooltip("year:Q", format="d"), "sector", "value"]).properties(height=120), t)
    colour = alt.Color("country:N", title=None,
                       scale=alt.Scale(range=[SCENARIO_BLUE, BAU_GREY, HISTORY_BLACK]))
    # year-to-date rows: one line per period length (January with January, January-March with January-March)
    detail = {"detail": alt.Detail("months:N")} if "months" in frame else {}
    return in_language(alt.Chart(frame).mark_line(point=True).encode(
        x=alt.X("year:Q", title=t("chart.year"), axis=alt.Axis(format="d")),
        y=alt.Y("value:Q", title=t(f"data.units.{view.unit}")), color=colour, **detail,
        tooltip=["country", alt.Tooltip("year:Q", format="d"), "value", "status"]).properties(height=180), t)


def shown_frame(view: SeriesView, t: Translator) -> pd.DataFrame:
    """The series' table with column headers and statuses in the user's language."""
    frame = localised(view, t)
    return frame.rename(columns={c: t(f"data.columns.{c}") for c in frame.columns})


def icor_values(model: Model) -> dict[str, float]:
    """The one ICOR per country the model uses, and the same rule with 2020 kept (the figure it replaced)."""
    values = model.registry.defaults()
    return {"uz": values["capital_output_ratio_uz"], "kz": values["capital_output_ratio_kz"],
            "uz_all": gross_icor(model.tables, "UZ", excluded=()),
            "kz_all": gross_icor(model.tables, "KZ", excluded=())}
