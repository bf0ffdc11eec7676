"""Downloads of a scenario: named tables with units and sources, as CSV (UTF-8 with BOM) or one XLSX workbook.

Every text cell and column name is *neutralised* before it is written: text a spreadsheet would read as
a formula gets a leading apostrophe (OWASP "CSV injection" guidance), so a source note, a label or an
uploaded table can never run a formula, a hyperlink or a DDE command in the user's Excel or LibreOffice.
Numbers are never touched: ``-0.5`` stays a number, only the *text* ``"-2+3"`` becomes ``"'-2+3"``.

Pure pandas + openpyxl; the app, the CLI and notebooks all call these functions.
"""

from __future__ import annotations

import io
import math
import numbers
import re
from collections.abc import Hashable, Mapping
from datetime import date, datetime, time
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from model.api import MODEL_VERSION
from model.data import BaselineTables
from model.frames import LAST_SHOWN_YEAR, gdp_table, sector_shift_table, turnover_paths
from model.registry import Registry
from model.run import ScenarioResult

# A text cell starting with one of these is a formula to Excel, LibreOffice or Google Sheets.
FORMULA_STARTS = frozenset("=+-@")
# Tab and carriage return are dangerous as the very first character (OWASP), whatever follows.
CONTROL_STARTS = frozenset("\t\r")
# Full-width forms (U+FF1D ＝, U+FF0B ＋, U+FF0D －, U+FF20 ＠): Excel with an East-Asian input method
# turns a typed ＝ into =, and some importers fold full-width forms (NFKC) before they parse a cell.
# Neutralising them costs one apostrophe on rare text, so they are treated exactly like their ASCII forms.
FULLWIDTH_FORMULA_STARTS = frozenset("\uff1d\uff0b\uff0d\uff20")
DANGEROUS_FIRST = FORMULA_STARTS | FULLWIDTH_FORMULA_STARTS
QUOTE = "'"

SOURCES_TABLE = "sources"
SOURCES_SHEET = "Sources"
MAX_SHEET_NAME = 31
# Excel refuses these in sheet names; "History" is reserved by Excel for change tracking.
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_RESERVED_SHEET_NAMES = {"history"}
# Characters XML 1.0 (and so openpyxl) cannot store; tab, line feed and carriage return are allowed.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_XLSX_CELL_CHARS = 32_767
MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH = 8, 60

CASE_OBSERVED = "observed"
PROJECTION_STATUS = "projection"


# --- neutralising --------------------------------------------------------------------------------------


def is_dangerous_text(text: str) -> bool:
    """Whether a spreadsheet could evaluate ``text``: it starts (after leading whitespace) like a formula.

    Parameters
    ----------
    text : str
        A cell's text.

    Returns
    -------
    bool
        True for a first character (after whitespace) in ``= + - @`` or their full-width forms, or a leading tab or
        carriage return (OWASP CSV-injection guidance).
    """
    if not text:
        return False
    if text[0] in CONTROL_STARTS:
        return True
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in DANGEROUS_FIRST


def neutralise_cell(value: Any) -> Any:
    """``value`` with a leading ``'`` if it is text a spreadsheet would evaluate; anything else unchanged.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return — also after leading
    whitespace, and in the full-width forms ``＝ ＋ － ＠`` — is returned as ``"'" + value``. Numbers,
    booleans, dates and missing values are returned as they are, so ``-2.5`` stays the number ``-2.5``.
    Idempotent: a neutralised cell starts with ``'`` and is left alone the second time.

    Parameters
    ----------
    value : object
        One cell.

    Returns
    -------
    object
        The cell, text prefixed with ``'`` when dangerous.
    """
    if isinstance(value, str) and is_dangerous_text(value):
        return QUOTE + value
    return value


def _neutralise_name(name: Hashable) -> Hashable:
    return neutralise_cell(name) if isinstance(name, str) else name


def _is_text_column(series: pd.Series) -> bool:
    dtype = series.dtype
    return (pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)
            or isinstance(dtype, pd.CategoricalDtype))


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (object, string, categorical columns) and column name neutralised.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any table; not modified.

    Returns
    -------
    pandas.DataFrame
        Same shape; numeric columns untouched, text columns as object dtype.
    """
    out = frame.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if _is_text_column(column):
            # Through object so a categorical's new values need not be categories, and numbers in a
            # mixed object column stay numbers.
            out.isetitem(position, column.astype(object).map(neutralise_cell))
    out.columns = pd.Index([_neutralise_name(name) for name in out.columns], dtype=object)
    return out


# --- the tables --------------------------------------------------------------------------------------------


def _model_source(case: str) -> str:
    label = "business as usual (every lever at its BAU value)" if case == "bau" else "the scenario's lever values"
    return f"Hamkorlik model {MODEL_VERSION}, methodology eq. 1-5, {label}"


def turnover_table(result: ScenarioResult, tables: BaselineTables,
                   last_year: int = LAST_SHOWN_YEAR) -> pd.DataFrame:
    """Observed turnover (every year with data) followed by the scenario and BAU paths 2025…``last_year``.

    Columns: ``year``, ``case`` (``observed``, ``scenario``, ``bau``), ``turnover_usd_bn`` and its
    decomposition ``trend_usd_bn``, ``facilitation_usd_bn``, ``investment_usd_bn`` (empty for observed
    years), ``status`` and ``source``. The observed base year is kept next to the projection that starts from it.

    Parameters
    ----------
    result : ScenarioResult
        The scenario and its BAU counterpart.
    tables : BaselineTables
        Observed turnover with status and source per year (``bilateral_trade.csv``).
    last_year : int, default ``LAST_SHOWN_YEAR``
        Last projected year.

    Returns
    -------
    pandas.DataFrame
        USD bn; projected rows have status ``projection`` and the model (version, equations, case) as source.
    """
    observed = tables.bilateral[["year", "turnover_usd_bn", "status", "source"]].copy()
    observed.insert(1, "case", CASE_OBSERVED)
    paths = turnover_paths(result, last_year)
    paths["status"] = PROJECTION_STATUS
    paths["source"] = paths["case"].map(_model_source)
    columns = ["year", "case", "turnover_usd_bn", "trend_usd_bn", "facilitation_usd_bn", "investment_usd_bn",
               "status", "source"]
    out = pd.concat([observed, paths], ignore_index=True).reindex(columns=columns)
    out["year"] = out["year"].astype(int)
    return out


def levers_table(result: ScenarioResult, registry: Registry) -> pd.DataFrame:
    """Every registry parameter: key, label, unit, scenario value, default, BAU value, status, source.

    Parameters
    ----------
    result : ScenarioResult
        The scenario's and BAU's values.
    registry : Registry
        Labels, units, defaults, statuses and sources (``data/assumptions.yaml``).

    Returns
    -------
    pandas.DataFrame
        One row per parameter in registry order; values in the parameter's unit (``unit`` column).
    """
    scenario, bau = result.scenario.values, result.bau.values  # noqa: PD011 - Params mappings, not pandas
    rows = []
    for param in registry.parameters:
        rows.append({
            "key": param.key,
            "label": param.label,
            "unit": param.unit_symbol,
            "scenario_value": float(scenario[param.key]),
            "default_value": float(param.default),
            "bau_value": float(bau[param.key]),
            "status": param.status,
            "source": param.source,
        })
    return pd.DataFrame(rows)


def _years_text(years: pd.Series) -> str:
    first, last = int(years.min()), int(years.max())
    return str(first) if first == last else f"{first}-{last}"


def resolve_same(sources: pd.Series, groups: pd.Series) -> pd.Series:
    """``same`` / ``same (2023 column)`` in a source column → the last full source above it in the same group.

    Parameters
    ----------
    sources : pandas.Series
        Source texts, in file order.
    groups : pandas.Series
        Group of each row (e.g. the country), aligned with ``sources``.

    Returns
    -------
    pandas.Series of str
        Same index; ``same…`` replaced by the group's previous full source (kept as written when there is none).
    """
    resolved: list[str] = []
    last_full: dict[Hashable, str] = {}
    for source, group in zip(sources, groups, strict=True):
        text = str(source)
        if text.lower().startswith("same") and group in last_full:
            text = last_full[group] + text[len("same"):]
        else:
            last_full[group] = text
        resolved.append(text)
    return pd.Series(resolved, index=sources.index)


def sources_table(tables: BaselineTables, registry: Registry) -> pd.DataFrame:
    """Every series the downloads use, with its source and status: trade, macro, sector shares, parameters.

    Columns: ``table`` (the file it comes from), ``series``, ``country``, ``years``, ``unit``, ``status``, ``source``.

    Parameters
    ----------
    tables : BaselineTables
        Trade, macro and sector tables with their per-row sources.
    registry : Registry
        Each parameter's unit, status and source.

    Returns
    -------
    pandas.DataFrame
        One row per trade year, per macro series and country (years as a span), per country-year of sector
        shares and per parameter.
    """
    frames = []
    bilateral = tables.bilateral
    frames.append(pd.DataFrame({
        "table": "bilateral_trade.csv",
        "series": "turnover_usd_bn (reported by " + bilateral["reporter"].astype(str) + ")",
        "country": "UZ-KZ",
        "years": bilateral["year"].astype(int).astype(str),
        "unit": "usd_bn",
        "status": bilateral["status"],
        "source": bilateral["source"],
    }))
    macro = (tables.macro.groupby(["series", "country", "unit", "status", "source"], sort=False)["year"]
             .agg(_years_text).rename("years").reset_index())
    macro.insert(0, "table", "macro.csv")
    frames.append(macro)
    sectors = tables.sectors.copy()
    sectors["source"] = resolve_same(sectors["source"], sectors["country"])
    shares = (sectors.groupby(["country", "year", "status", "source"], sort=False)["sector"]
              .agg(lambda names: "share_pct (" + ", ".join(names) + ")").rename("series").reset_index())
    shares["years"] = shares["year"].astype(int).astype(str)
    shares["table"] = "sector_shares.csv"
    shares["unit"] = "pct_of_gva"
    frames.append(shares)
    frames.append(pd.DataFrame({
        "table": "assumptions.yaml",
        "series": [p.key for p in registry.parameters],
        "country": "",
        "years": "",
        "unit": [p.unit for p in registry.parameters],
        "status": [p.status for p in registry.parameters],
        "source": [p.source for p in registry.parameters],
    }))
    columns = ["table", "series", "country", "years", "unit", "status", "source"]
    return pd.concat([frame.reindex(columns=columns) for frame in frames], ignore_index=True)


def projection_tables(result: ScenarioResult, tables: BaselineTables, registry: Registry) -> dict[str, pd.DataFrame]:
    """The named tables a download offers: ``turnover``, ``gdp``, ``sector_shares``, ``levers``, ``sources``.

    Column names carry their units (``turnover_usd_bn``, ``per_head_usd``, ``shift_pp``); the tables
    are plain (not yet neutralised) so they can also feed charts — :func:`csv_bytes` and
    :func:`xlsx_bytes` neutralise on the way out.

    Parameters
    ----------
    result : ScenarioResult
        The scenario run.
    tables : BaselineTables
        The data it ran on.
    registry : Registry
        The parameters.

    Returns
    -------
    dict of str to pandas.DataFrame
        The five tables, in that order.
    """
    return {
        "turnover": turnover_table(result, tables),
        "gdp": gdp_table(result),
        "sector_shares": sector_shift_table(result),
        "levers": levers_table(result, registry),
        SOURCES_TABLE: sources_table(tables, registry),
    }


# --- CSV ----------------------------------------------------------------------------------------------------


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV: UTF-8 with a byte-order mark (Excel then reads Cyrillic and Uzbek right), neutralised.

    No index; CRLF line ends (RFC 4180), so a text cell holding a carriage return is always quoted.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any table.

    Returns
    -------
    bytes
        The file's content.
    """
    text = neutralise_frame(frame).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


# --- XLSX ---------------------------------------------------------------------------------------------------


def sheet_name(name: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    r"""A valid, unused Excel sheet name for ``name``: no ``[]:*?/\``, ≤ 31 characters, not ``History``.

    ``taken`` holds names already used (compared case-insensitively, as Excel does); a clash gets ``_2``, ``_3``…

    Parameters
    ----------
    name : str
        The wanted name.
    taken : set of str, optional
        Names already in the workbook.

    Returns
    -------
    str
        The name to use (``Sheet`` when nothing is left of ``name``).
    """
    clean = _XML_ILLEGAL.sub("", _SHEET_NAME_BAD.sub("_", str(name))).strip().strip("'").strip()
    clean = clean[:MAX_SHEET_NAME] or "Sheet"
    if clean.lower() in _RESERVED_SHEET_NAMES:
        clean = f"{clean}_"
    used = {t.lower() for t in taken}
    candidate, number = clean, 1
    while candidate.lower() in used:
        number += 1
        suffix = f"_{number}"
        candidate = clean[: MAX_SHEET_NAME - len(suffix)] + suffix
    return candidate


def _xlsx_value(value: Any) -> Any:
    """A neutralised cell as openpyxl can store it: plain Python scalars, missing and non-finite → empty."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, str):
        return _xlsx_text(value)
    if isinstance(value, bool):
        return value
    if hasattr(value, "item") and not isinstance(value, (datetime, date, time)):  # numpy scalar
        value = value.item()
    if isinstance(value, (datetime, date, time)):
        return value
    if isinstance(value, numbers.Real):
        number = float(value) if not isinstance(value, int) else value
        return number if not isinstance(number, float) or math.isfinite(number) else None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return _xlsx_text(str(value))


def _xlsx_text(text: str) -> str:
    """Text XML can hold, neutralised again: dropping a control character may expose a leading ``=``."""
    return str(neutralise_cell(_XML_ILLEGAL.sub("", text)[:MAX_XLSX_CELL_CHARS]))


def _write_sheet(workbook: Workbook, title: str, frame: pd.DataFrame) -> None:
    sheet = workbook.create_sheet(title)
    safe = neutralise_frame(frame)
    bold = Font(bold=True)
    rows = [[_xlsx_value(name) for name in safe.columns]]
    rows += [[_xlsx_value(v) for v in row] for row in safe.itertuples(index=False, name=None)]
    for row_number, row in enumerate(rows, start=1):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column_number)
            cell.value = value
            if isinstance(value, str):
                # Text stays text: without this openpyxl would store "#N/A" as an error value
                # (and, were a cell not neutralised, "=..." as a formula).
                cell.data_type = "s"
            if row_number == 1:
                cell.font = bold
    for column_number in range(1, len(rows[0]) + 1):
        longest = max(len(_display(row[column_number - 1])) for row in rows)
        width = min(MAX_COLUMN_WIDTH, max(MIN_COLUMN_WIDTH, longest + 2))
        sheet.column_dimensions[get_column_letter(column_number)].width = width
    sheet.freeze_panes = "A2"


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def xlsx_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes:
    r"""One workbook: a sheet per table in the given order, the ``sources`` table last as sheet ``Sources``.

    Sheet names are made valid (≤ 31 characters, no ``[]:*?/\``, unique); every text cell and header is
    neutralised and stored as text, so nothing in the workbook is a formula. Header rows are bold and
    frozen; column widths follow the longest value (8 to 60 characters).

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        Tables by name, one named ``sources`` (any case), e.g. from :func:`projection_tables`.

    Returns
    -------
    bytes
        The XLSX file's content.

    Raises
    ------
    ValueError
        If ``tables`` has no ``sources`` table: a download always carries its sources.
    """
    sources_key = next((key for key in tables if str(key).lower() == SOURCES_TABLE), None)
    if sources_key is None:
        raise ValueError(f"xlsx_bytes needs a {SOURCES_TABLE!r} table; tables given: {', '.join(map(str, tables))}")
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = {SOURCES_SHEET}
    for key, frame in tables.items():
        if key == sources_key:
            continue
        title = sheet_name(key, taken)
        taken.add(title)
        _write_sheet(workbook, title, frame)
    _write_sheet(workbook, SOURCES_SHEET, tables[sources_key])
    workbook.properties.creator = f"Hamkorlik {MODEL_VERSION}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
