"""The words of an upload's outcome in the user's language: how the file was read, and each problem.

Shared by the Data & sources panel and the ``validate-data`` command; no streamlit here: how the file was read,
each problem, each row left out, the preview and the one-line summary of what the upload changes.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from exchange.converted import LeftOut
from exchange.file_reading import Reading
from exchange.mapping import MappingFileError
from exchange.preview import Prepared
from exchange.uploads import Problem, SummaryItem, UploadSummary
from presentation.i18n import Translator
from presentation.tracker_text import period_text


def problem_text(problem: Problem, t: Translator) -> str:
    """A problem in the user's language where the catalogue words its code, else the model's English message."""
    key = f"byod.problems.{problem.code}"
    if problem.code is None or not t.has(key):
        return problem.message
    values = _named(dict(problem.values), t)
    if "year" in values and "months" in values:
        values["period"] = period_text(int(values["year"]), int(values["months"]), t)
    if "today" in values:
        values["today"] = t.date(str(values["today"]))
    return t(key, **values)


def _named(values: dict[str, Any], t: Translator) -> dict[str, Any]:
    """Codes in a problem's values (a unit kind, a role, a reporter) with their names in the user's language."""
    if "parameter" in values and t.has(f"params.{values['parameter']}.label"):
        values["parameter"] = t(f"params.{values['parameter']}.label")
    if "kind" in values:
        values["kind_name"] = t(f"byod.map.kinds.{values['kind']}")
    if "role" in values:
        values["role_name"] = t(f"byod.map.role_{values['role']}")
    for side in ("used", "other"):
        if side in values:
            values[f"{side}_name"] = t(f"byod.reporters.{values[side]}")
    return values


def left_out_text(item: LeftOut, t: Translator) -> str:
    """Why a row of the file is not used, in the user's language (the English message if the code is unknown)."""
    key = f"byod.left_out.{item.code}"
    return t(key, **_named(dict(item.values), t)) if t.has(key) else item.message


def mapping_file_error_text(error: MappingFileError, t: Translator) -> str:
    """Why a mapping file cannot be used, in the user's language (its English message if the code is unknown)."""
    key = f"byod.map.file_errors.{error.code}"
    return t("byod.map.file_error", error=t(key, **error.values) if t.has(key) else str(error))


def problems_frame(problems: list[Problem], t: Translator) -> pd.DataFrame:
    """Row, column and problem, in the user's language."""
    rows = [(p.row, p.column, problem_text(p, t)) for p in problems]
    return pd.DataFrame(rows, columns=[t("byod.col_row"), t("byod.col_column"), t("byod.col_problem")])


def left_out_frame(prepared: Prepared, t: Translator) -> pd.DataFrame:
    """Row, column and reason of every row of the file not used."""
    rows = [(item.row, item.column, left_out_text(item, t)) for item in prepared.left_out]
    return pd.DataFrame(rows, columns=[t("byod.col_row"), t("byod.col_column"), t("byod.preview.col_reason")])


def preview_frame(prepared: Prepared, t: Translator) -> pd.DataFrame:
    """The figures as they would be applied, one row each.

    Columns: the file's row and column, series, country, year, value, unit, the cell as read and the shipped
    figure it replaces (``new`` when it adds one).
    """
    words = ("col_row", "col_column", "preview.col_series", "preview.col_country", "preview.col_year",
             "preview.col_value", "preview.col_unit", "preview.col_as_read", "preview.col_shipped")
    rows = [(r.row, r.column, r.series, r.country, r.year, f"{r.value:.12g}", r.unit, r.as_read,
             f"{r.shipped:g}" if r.shipped is not None else t("byod.preview.new")) for r in prepared.preview]
    return pd.DataFrame(rows, columns=[t(f"byod.{word}") for word in words])


_MARK_KEYS = {",": "comma", ";": "semicolon", "\t": "tab", " ": "space", "\u00a0": "nbsp", "\u202f": "nnbsp",
              "'": "apostrophe", ".": "point"}


def reading_text(reading: Reading, t: Translator) -> str:
    """How the file was read, in the user's language: kind, encoding, delimiter, decimal mark, thousands."""
    parts = [t(f"byod.reading_kind.{reading.kind}")]
    if reading.layout != "template":
        parts.append(t(f"byod.reading_layout.{reading.layout}"))
    if reading.encoding:
        name = reading.encoding.removesuffix(" with BOM")
        name += f" {t('byod.reading_bom')}" if name != reading.encoding else ""
        parts.append(t("byod.reading_encoding", name=name))
    if reading.delimiter:
        parts.append(t("byod.reading_delimiter", name=t(f"byod.reading_marks.{_MARK_KEYS[reading.delimiter]}")))
    if reading.decimal:  # empty while the layout (and so the number column) is not known yet
        parts.append(t("byod.reading_decimal_comma" if reading.decimal == "," else "byod.reading_decimal_point"))
    if reading.grouping:
        names = ", ".join(t(f"byod.reading_marks.{_MARK_KEYS[mark]}") for mark in reading.grouping)
        parts.append(t("byod.reading_thousands", names=names))
    if reading.unit:
        parts.append(t("byod.reading_unit", unit=reading.unit))
    if reading.reporter:
        parts.append(t("byod.reading_reporter", country=t(f"byod.reporters.{reading.reporter}")))
    text = t("byod.reading", what=", ".join(parts))
    return text[:1].upper() + text[1:]  # Uzbek puts the description first




SUMMARY_LISTED = 3  # items named in the summary line for changed and for added figures; the rest are "…"


def _item_text(item: SummaryItem, t: Translator) -> str:
    """``turnover_usd_bn UZ 2025: 4,97 → 5,5`` (changed) or ``gdp_current_usd UZ 2026`` (added)."""
    when = period_text(item.year, item.months, t) if item.months else t.year(item.year)
    label = f"{item.series} {item.country} {when}"  # the template's own codes, as the file writes them
    return label if item.shipped is None else f"{label}: {t.figure(item.shipped)} → {t.figure(item.value)}"


def _items_text(items: tuple[SummaryItem, ...], t: Translator) -> str:
    # items are separated by semicolons: a decimal comma would make a comma-separated list ambiguous
    shown = "; ".join(_item_text(item, t) for item in items[:SUMMARY_LISTED])
    return f" ({shown}{'; …' if len(items) > SUMMARY_LISTED else ''})" if items else ""


def summary_text(summary: UploadSummary, t: Translator) -> str:
    """The one line on what an upload changes, in the user's language with CLDR plurals.

    E.g. ``219 rows: 1 changed (turnover_usd_bn UZ 2025: 4.97 → 5.5), 0 added, 218 same as the shipped data``;
    ``1 строка: изменено: 1 (turnover_usd_bn UZ 2025: 4,97 → 5,5), …`` in Russian.
    """
    parts = [t("byod.summary_changed", n=t.number(len(summary.changed), 0), items=_items_text(summary.changed, t)),
             t("byod.summary_added", n=t.number(len(summary.added), 0), items=_items_text(summary.added, t)),
             t("byod.summary_same", n=t.number(summary.same, 0))]
    if summary.bad:
        parts.append(t("byod.summary_bad", n=t.number(summary.bad, 0)))
    rows = t.plural("byod.summary_rows", summary.rows, n=t.number(summary.rows, 0))
    return t("byod.summary", rows=rows, parts=", ".join(parts))
