"""Bring your own baseline data: read, check and apply an uploaded table shaped like ``data/baseline_template.csv``.

The template is one long table with the columns ``series, country, year, value, unit, source, status``
(:data:`TEMPLATE_COLUMNS`); :data:`TEMPLATE_GUIDE` explains it in plain words and :func:`template_frame` writes
it from the shipped tables, so the file always carries the current figures.

* macro series exactly as in ``data/macro.csv``: the names and units of :data:`model.data.MACRO_UNITS`,
  country ``UZ`` or ``KZ``;
* bilateral trade as ``turnover_usd_bn``, ``uz_exports_to_kz_usd_bn`` and ``uz_imports_from_kz_usd_bn``,
  country ``UZ`` (the figures are Uzbekistan's side of the trade), unit ``usd_bn``;
* sector shares of gross value added as ``sector_share_agriculture | industry | construction | services``,
  unit ``pct_of_gva``; a country-year gives all four, summing to 100 ± 0.5;
* year-to-date turnover as ``turnover_ytd_usd_bn``, country ``UZ``, unit ``usd_bn``, with the two columns only
  these rows fill: ``months`` (January to the end of month 1–12, finished months only) and
  ``same_period_prior_year`` (the same months a year earlier, USD bn). They feed the tracker
  (:mod:`model.tracker`), not the projection.

Problems about a row carry a ``code`` and ``values`` where a user interface words them in its own language (the
year-to-date checks and the sign of a value so far); ``message`` is always the English wording.

The flow is :func:`read_upload` (bytes → table of text cells) → :func:`validate_upload` (every problem, each
with its spreadsheet row and column) → :func:`apply_upload` (the rows merged over the shipped tables, the
existing validators run and the model built and run once, so the result is known to work) → :func:`summarise`.
:func:`check_upload` does all four for a user interface or the ``validate-data`` command. Nothing here
imports streamlit.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from exchange.file_reading import (
    Reading,
    ReadingError,
    cell_says,
    decode,
    looks_like_text,
    normalise_number,
    number_convention,
    read_text,
    read_xls,
    unneutralise,
)
from exchange.layouts import WDI_SERIES, wdi_rows
from model.data import (
    BASE_YEAR,
    COUNTRIES,
    DATA_DIR,
    MACRO_UNITS,
    MAY_BE_NEGATIVE,
    SECTORS,
    BaselineTables,
    DataError,
    load_tables,
    validate_bilateral,
    validate_macro,
    validate_sectors,
    validate_ytd,
)

TEMPLATE_PATH = DATA_DIR / "baseline_template.csv"
REQUIRED_COLUMNS = ("series", "country", "year", "value", "unit", "source", "status")
YTD_COLUMNS = ("months", "same_period_prior_year")  # filled on year-to-date rows only; a file may leave them out
TEMPLATE_COLUMNS = REQUIRED_COLUMNS + YTD_COLUMNS
NUMBER_COLUMNS = ("value", "same_period_prior_year")  # read in the file's decimal convention
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
TRADE_UNITS = {"turnover_usd_bn": "usd_bn", "uz_exports_to_kz_usd_bn": "usd_bn", "uz_imports_from_kz_usd_bn": "usd_bn"}
TRADE_COUNTRY = "UZ"
MIRROR_NOTE = "reported by Kazakhstan"  # in the status of trade rows read from Kazakhstan's report (mirror)
SECTOR_PREFIX = "sector_share_"
SECTOR_UNITS = {f"{SECTOR_PREFIX}{sector}": "pct_of_gva" for sector in SECTORS}
YTD_SERIES = "turnover_ytd_usd_bn"
YTD_UNITS = {YTD_SERIES: "usd_bn"}
SERIES_UNITS: dict[str, str] = {**MACRO_UNITS, **TRADE_UNITS, **SECTOR_UNITS, **YTD_UNITS}
UPLOAD_STATUSES = ("official", "official statement", "derived", "assumption", "estimate")
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # an .xlsx is a zip: refuse one that unpacks to more than this
YEAR_MIN, YEAR_MAX = 1990, 2100
SHARE_TOLERANCE = 0.5
_STATUS_PATTERN = re.compile(r"^(?:official statement|official|derived|assumption|estimate)(?: \(.+\))?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls

TEMPLATE_GUIDE = f"""\
**Your own baseline data.** Download `baseline_template.csv`: it holds every figure the model starts from, one
per row, with the columns `{', '.join(TEMPLATE_COLUMNS)}`. Change the values you have better figures for, add
rows for years that are missing, delete the rows you leave as they are (or keep them: unchanged rows change
nothing), and upload the file as CSV (any of Excel's CSV or text saves: comma, semicolon or tab separated,
UTF-8, UTF-16 or Windows-1251) or Excel .xlsx / .xls (first sheet, header in row 1; at most 2 MB and
{MAX_ROWS:,} rows).

* `series`: a macro series (`{'`, `'.join(MACRO_UNITS)}`), bilateral trade (`{'`, `'.join(TRADE_UNITS)}`), a
  sector share of gross value added (`{'`, `'.join(SECTOR_UNITS)}`) or year-to-date turnover (`{YTD_SERIES}`).
* `country`: `UZ` or `KZ`; bilateral trade and year-to-date rows always say `UZ` (Uzbekistan's side: its exports
  to and imports from Kazakhstan).
* `year`: a whole number from {YEAR_MIN} to {YEAR_MAX}. The projection starts from {BASE_YEAR}.
* `value`: a number; a decimal point, or a decimal comma when the whole file uses one (as Excel in a Russian or
  Uzbek locale saves it); thousands may be grouped with spaces or apostrophes (`4 970,5`). Levels must be
  positive; real GDP growth and FDI inflows may be negative. The four sector shares of a country and year are
  given together and sum to 100.
* `unit`: the series' unit, exactly as in the template (e.g. `usd_bn`, `pct_of_gdp`, `million`, `pct_of_gva`).
* `source`: where the figure comes from (required).
* `status`: one of {', '.join(UPLOAD_STATUSES)}, optionally followed by a note in brackets, e.g.
  `official statement (rounded)`.
* `months` and `same_period_prior_year`: only on `{YTD_SERIES}` rows, empty elsewhere. A year-to-date row gives
  the turnover from January to the end of month `months` (1–12, a month that has ended) of `year`, and in
  `same_period_prior_year` the same months of the year before (USD bn, above zero). It feeds the tracker of the
  latest figures, not the projection.

Each uploaded row replaces the shipped figure for the same series, country and year, or adds a year. A year of
trade figures needs its turnover. The merged data are checked like the shipped data and the model is run once
before they are used.
"""


# --- problems -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an upload, in plain words.

    Attributes
    ----------
    row : int or None
        Spreadsheet row (the header is row 1), or ``None`` for the file or the merged data as a whole.
    column : str or None
        The column the problem is in, or ``None``.
    message : str
        What is wrong and, where it helps, what to do, e.g. ``'abc' is not a number``.
    code : str or None
        For a user interface to word the problem in its language (e.g. ``ytd_months_range``), with
        ``values`` filling the wording; ``None`` where only the English ``message`` exists.
    values : dict
        The figures the wording of ``code`` uses (raw cell text, years, months).
    """

    row: int | None
    column: str | None
    message: str
    code: str | None = None
    values: dict[str, Any] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        where = [f"row {self.row}"] if self.row is not None else []
        where += [f"column {self.column}"] if self.column is not None else []
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def as_dict(self) -> dict[str, Any]:
        """``{"row", "column", "message", "code", "values"}`` for JSON.

        Returns
        -------
        dict
            The attributes; ``values`` copied.
        """
        return {"row": self.row, "column": self.column, "message": self.message, "code": self.code,
                "values": dict(self.values)}


class UploadError(ValueError):
    """The upload cannot be read or used; :attr:`problems` lists every reason found.

    Parameters
    ----------
    problems : iterable of Problem
        Every problem found; the message joins them with ``; ``.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


def _problem(message: str, code: str | None = None, row: int | None = None, column: str | None = None,
             **values: Any) -> UploadError:
    return UploadError([Problem(row, column, message, code, values)])


# --- reading ------------------------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    """A cell as text: empty for missing, integral floats without ``.0``, other floats as their shortest repr."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _is_blank(cells: Sequence[str]) -> bool:
    return all(not cell.strip() for cell in cells)


def _records_to_frame(records: list[list[str]]) -> pd.DataFrame:
    """Header + data records as a frame of text; blank rows inside are kept (they hold the row numbers)."""
    while records and _is_blank(records[-1]):
        records.pop()
    if not records:
        raise _problem("the file is empty", "file_empty")
    header = [cell.strip().lower() for cell in records[0]]
    data = records[1:]
    if not data:
        raise _problem("the file has a header row but no data rows", "header_only", row=1)
    if len(data) > MAX_ROWS:
        raise _problem(f"the file has {len(data):,} data rows; the limit is {MAX_ROWS:,}", "too_many_rows", n=len(data),
                       limit=MAX_ROWS)
    while header and not header[-1] and all(len(r) < len(header) or not r[len(header) - 1].strip() for r in data):
        header.pop()  # trailing unnamed, empty columns (spreadsheets like to add them)
    problems: list[Problem] = []
    seen: set[str] = set()
    for number, name in enumerate(header, start=1):
        if not name:
            problems.append(Problem(1, None, f"column {number} has no name in the header row", "column_unnamed",
                                    {"number": number}))
        elif name in seen:
            problems.append(Problem(1, name, f"the column '{name}' appears more than once", "column_repeated",
                                    {"column": name}))
        seen.add(name)
    width = len(header)
    rows: list[list[str]] = []
    for row, record in enumerate(data, start=2):
        extra = record[width:]
        if any(cell.strip() for cell in extra):
            problems.append(Problem(row, None, f"the row has {len(record)} cells but the header has {width} columns "
                                               "(is there a comma in a text that is not in double quotes?)",
                                    "row_too_long",
                                    {"cells": len(record), "width": width}))
        rows.append((record + [""] * width)[:width])
    if problems:
        raise UploadError(problems)
    return pd.DataFrame(rows, columns=header, dtype=object)


def _read_text(data: bytes) -> tuple[list[list[str]], Reading]:
    try:
        text, encoding = decode(data)
        records, delimiter = read_text(text)
    except ReadingError as error:
        raise _problem(str(error), error.code, **error.values) from None
    return records, Reading("text", encoding, delimiter)


def _read_xls(data: bytes) -> tuple[list[list[str]], Reading]:
    """An old .xls: the binary workbook through xlrd, or (as statistics portals often send) text named .xls."""
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data), Reading("xlsx", None, None)
    if looks_like_text(data):
        return _read_text(data)
    try:
        rows = read_xls(data, MAX_ROWS)
    except ReadingError as error:
        raise _problem(str(error), error.code, **error.values) from None
    return [[_cell_text(value) for value in row] for row in rows], Reading("xls", None, None)


def _read_xlsx(data: bytes) -> list[list[str]]:
    if not data.startswith(_ZIP_MAGIC):
        raise _problem("the file is not an Excel .xlsx workbook (it is not a zip file); save it as .xlsx or CSV UTF-8",
                       "xlsx_not_zip")
    import openpyxl  # only needed for workbooks

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise _problem(f"the workbook unpacks to {unpacked / 2**20:.0f} MB; the limit is "
                           f"{MAX_UNPACKED_BYTES / 2**20:.0f} MB", "xlsx_unpacked_too_large",
                           size=f"{unpacked / 2**20:.0f}", limit=f"{MAX_UNPACKED_BYTES / 2**20:.0f}")
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UploadError:
        raise
    except Exception as error:  # openpyxl raises many kinds (BadZipFile, KeyError, InvalidFileException, ...)
        raise _problem(f"the .xlsx workbook cannot be opened ({type(error).__name__}: {error}); "
                       "save it again as Excel .xlsx or CSV UTF-8", "xlsx_unreadable") from None
    try:
        if not workbook.worksheets:
            raise _problem("the workbook has no sheets", "no_sheets")
        records: list[list[str]] = []
        filled = 0
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            record = [_cell_text(value) for value in values]
            records.append(record)
            if not _is_blank(record):
                filled += 1
                if filled > MAX_ROWS + 1:
                    raise _problem(f"the file has more than {MAX_ROWS:,} data rows; the limit is {MAX_ROWS:,}",
                                   "more_rows_than", limit=MAX_ROWS)
        return records
    finally:
        workbook.close()


def _numbers_normalised(frame: pd.DataFrame, reading: Reading) -> pd.DataFrame:
    """Numbers rewritten with a decimal point and no grouping, in the file's one convention; ``attrs["reading"]``.

    Raises
    ------
    UploadError
        A number has a decimal point in a file whose numbers use decimal commas, or a comma no other number
        explains (row and column of each).
    """
    frame = frame.map(unneutralise).astype(object)
    columns = [c for c in NUMBER_COLUMNS if c in frame.columns]
    if "value" in frame.columns:
        frame.attrs["raw_values"] = [str(v) for v in frame["value"]]  # as read, for the preview
    decimal, evidenced = number_convention((str(v) for c in columns for v in frame[c]), reading.delimiter)
    problems: list[Problem] = []
    grouping = ""
    for column in columns:
        texts = []
        for position, raw in enumerate(frame[column]):
            if decimal == "," and cell_says(str(raw), reading.delimiter) == ".":
                # in a decimal-comma file "4.970" may mean 4970 or 4.97: never guess a factor of 1,000
                problems.append(Problem(position + 2, column, f"{raw!r} has a decimal point but the file's numbers "
                                        "use decimal commas; write it with a comma", "decimal_point_in_comma_file",
                                        {"raw": str(raw)}))
            elif not evidenced and "," in str(raw):
                # "1,234" with no other number showing a decimal mark: 1234 or 1.234? never guessed
                problems.append(Problem(position + 2, column, f"{raw!r} may be a thousand times more or less: the file "
                                        "shows no decimal mark elsewhere; write it without the comma or with a "
                                        "decimal point", "ambiguous_comma", {"raw": str(raw)}))
            text, marks = normalise_number(str(raw), decimal)
            texts.append(text)
            grouping += "".join(m for m in marks if m not in grouping)
        frame[column] = pd.Series(texts, index=frame.index, dtype=object)
    if problems:
        raise UploadError(problems)
    frame.attrs["reading"] = replace(reading, decimal=decimal, grouping=grouping)
    return frame


def _too_large(size: int) -> str:
    return f"the file is {size:,} bytes; the limit is {MAX_BYTES / 2**20:.0f} MB ({MAX_BYTES:,} bytes)"


def read_upload(name: str, data: bytes) -> pd.DataFrame:
    """The uploaded file as a table of text cells, one column per header cell.

    Parameters
    ----------
    name : str
        The file name: ``.csv``, ``.txt`` or ``.tsv`` text (UTF-8 with or without BOM, UTF-16 with BOM,
        Windows-1251; ``,`` ``;`` or tab separated; see :mod:`exchange.file_reading`), ``.xlsx`` or old ``.xls``
        (first sheet, header in row 1); a ``.xls`` that is really text is read as text.
    data : bytes
        The file's content.

    Returns
    -------
    pandas.DataFrame
        Every cell as ``str`` (``""`` when empty); header names stripped and lower-cased; blank rows inside the
        table kept so that position ``i`` is spreadsheet row ``i + 2``. The number columns (``value``,
        ``same_period_prior_year``) are rewritten with a decimal point and no thousands separators when the
        file's convention is unambiguous. ``attrs["sha256"]`` holds the digest of ``data``, ``attrs["name"]``
        the file name and ``attrs["reading"]`` the :class:`~exchange.file_reading.Reading` (encoding, delimiter,
        decimal mark, thousands separators).

    Raises
    ------
    UploadError
        The file cannot be read as a table (too large, empty, not text in a known encoding, not a workbook,
        ragged rows, decimal points and commas mixed...).
    """
    records, reading = read_records(name, data)
    recognised = wdi_template(records, reading)
    if recognised is not None:
        records, reading = recognised
    return frame_from_records(records, reading, name, data)


def wdi_template(records: list[list[str]], reading: Reading) -> tuple[list[list[str]], Reading] | None:
    """A World Bank download (:mod:`exchange.layouts`) as template records.

    Parameters
    ----------
    records : list of list of str
        The file's rows as read.
    reading : Reading
        How they were read.

    Returns
    -------
    tuple or None
        ``(template records, reading with its layout)``; ``None`` when the file is not a WDI download.

    Raises
    ------
    UploadError
        The download has no figure the model uses.
    """
    recognised = wdi_rows(records)
    if recognised is None:
        return None
    rows, layout = recognised
    if len(rows) == 1:
        raise _problem("this World Bank file has no figure for Uzbekistan (UZB) or Kazakhstan (KAZ) in an "
                       f"indicator the model uses ({', '.join(WDI_SERIES)})", "wdi_nothing_used",
                       indicators=", ".join(WDI_SERIES))
    return rows, replace(reading, layout=layout)


def read_records(name: str, data: bytes) -> tuple[list[list[str]], Reading]:
    """The file's rows as text cells, and how it was read, before any layout is recognised.

    Parameters
    ----------
    name : str
        The file's name (its extension says how to read it).
    data : bytes
        The file's content.

    Returns
    -------
    tuple
        ``(records, reading)``: every row as a list of text cells, and the kind, encoding and delimiter.

    Raises
    ------
    UploadError
        Too large, empty, not text in a known encoding, not a workbook, an extension not read.
    """
    if len(data) > MAX_BYTES:
        raise _problem(_too_large(len(data)), "too_large", size=f"{len(data) / 2**20:.1f}",
                       limit=f"{MAX_BYTES / 2**20:.0f}")
    if not data.strip():
        raise _problem("the file is empty", "file_empty")
    suffix = Path(name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        records, reading = _read_text(data) if looks_like_text(data) else _read_xls(data)
    elif suffix == ".xlsx":
        if data.startswith(_OLE_MAGIC):
            records, reading = _read_xls(data)
        else:
            records, reading = _read_xlsx(data), Reading("xlsx", None, None)
    elif suffix == ".xls":
        records, reading = _read_xls(data)
    else:
        shown = f"'{suffix}' files are" if suffix else "files without an extension are"
        raise _problem(f"{shown} not supported; upload CSV (.csv, .txt, .tsv) or Excel (.xlsx, .xls)",
                       "unsupported_type" if suffix else "no_extension", suffix=suffix)
    return records, reading


def frame_from_records(records: list[list[str]], reading: Reading, name: str, data: bytes) -> pd.DataFrame:
    """Template records as the table :func:`read_upload` returns, numbers normalised.

    Parameters
    ----------
    records : list of list of str
        The template's header first, then its rows.
    reading : Reading
        How the file was read (its delimiter decides what a comma means).
    name : str
        The file's name.
    data : bytes
        The file's content (for its digest).

    Returns
    -------
    pandas.DataFrame
        As :func:`read_upload`.

    Raises
    ------
    UploadError
        Empty, ragged, or numbers whose decimal mark is unclear.
    """
    frame = _numbers_normalised(_records_to_frame(records), reading)
    frame.attrs["sha256"] = hashlib.sha256(data).hexdigest()
    frame.attrs["name"] = name
    return frame


# --- row checks (pydantic) ----------------------------------------------------------------------------------


def _error(message: str, code: str | None = None, **values: Any) -> PydanticCustomError:
    # the message goes in through the context so that braces in user text are never read as placeholders
    return PydanticCustomError("upload", "{message}", {"message": message, "code": code, "values": values})


def _parse_number(raw: str) -> float:
    text = raw.strip()
    try:
        return float(text)
    except ValueError:
        if _DECIMAL_COMMA.match(text):
            raise _error(f"{raw!r} is not a number (use a point as the decimal separator: "
                         f"{text.replace(',', '.')})", "decimal_comma_in_point_file", raw=text,
                         suggestion=text.replace(",", ".")) from None
        raise _error(f"{raw!r} is not a number", "value_not_a_number", raw=text) from None


class RowKey(BaseModel):
    """What identifies a row: series, country, year and, for year-to-date rows, months (the ``loc`` is the column).

    Attributes
    ----------
    series : str
        A template series name (``SERIES_UNITS``: the macro series, the three trade series, the four sector shares,
        ``turnover_ytd_usd_bn``).
    country : str
        ``UZ`` or ``KZ`` (``UZ`` for trade rows: Uzbekistan's side).
    year : int
        Calendar year.
    months : int or None
        For year-to-date rows, January to the end of this month (1–12); else None.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    series: str
    country: str
    year: int
    months: int | None = None

    @field_validator("series", mode="before")
    @classmethod
    def _series(cls, raw: str) -> str:
        text = raw.strip()
        if not text:
            raise _error("the series is empty", "series_empty")
        if text not in SERIES_UNITS:
            close = difflib.get_close_matches(text, list(SERIES_UNITS), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else "; see the template for the series names"
            if close:
                raise _error(f"unknown series {raw!r}{hint}", "series_unknown_close", raw=text, close=close[0])
            raise _error(f"unknown series {raw!r}{hint}", "series_unknown", raw=text)
        return text

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, raw: str, info: ValidationInfo) -> str:
        text = raw.strip()
        series = info.data.get("series")
        if (series in TRADE_UNITS or series in YTD_UNITS) and text != TRADE_COUNTRY:
            raise _error(f"country {raw!r} for {series}; bilateral trade rows use {TRADE_COUNTRY} "
                         "(Uzbekistan's side of the trade)", "country_for_trade", raw=text, series=series,
                         country=TRADE_COUNTRY)
        if text not in COUNTRIES:
            raise _error(f"country {raw!r} is not UZ or KZ", "country_unknown", raw=text)
        return text

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, raw: str) -> int:
        text = raw.strip()
        if not text:
            raise _error("the year is empty", "year_empty")
        try:
            number = float(text)
        except ValueError:
            raise _error(f"{raw!r} is not a year (a whole number such as {BASE_YEAR})", "year_not_a_year", raw=text,
                         example=BASE_YEAR) from None
        if not math.isfinite(number) or not number.is_integer():
            raise _error(f"{raw!r} is not a whole number", "not_whole", raw=text)
        if not YEAR_MIN <= number <= YEAR_MAX:
            raise _error(f"year {int(number)} is outside {YEAR_MIN}–{YEAR_MAX}", "year_out_of_range", year=int(number),
                         low=YEAR_MIN, high=YEAR_MAX)
        return int(number)

    @field_validator("months", mode="before")
    @classmethod
    def _months(cls, raw: str, info: ValidationInfo) -> int | None:
        # part of the key only: UploadRow checks the cell and says what is wrong with it
        try:
            number = float(raw)
        except ValueError:
            return None
        return int(number) if info.data.get("series") == YTD_SERIES and number.is_integer() else None


class UploadRow(RowKey):
    """One data row of an upload, checked field by field with :class:`RowKey`'s checks first.

    Attributes
    ----------
    value : float
        The figure in ``unit``.
    unit : str
        The series' unit (``usd_bn``, ``pct_of_gdp``, ``pct_of_gva``, ``million``...).
    source : str
        Where the figure comes from, as the user wrote it.
    status : str
        ``official``, ``official statement``, ``derived``, ``assumption``, ``estimate`` or ``user``.
    same_period_prior_year : float or None
        For year-to-date rows, the same months a year earlier, USD bn.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: float
    unit: str
    source: str
    status: str
    same_period_prior_year: float | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, raw: str, info: ValidationInfo) -> float:
        if not raw.strip():
            raise _error("the value is empty", "value_empty")
        number = _parse_number(raw)
        if math.isnan(number):
            raise _error(f"{raw!r} is not a number", "value_not_a_number", raw=raw.strip())
        if math.isinf(number):
            raise _error(f"{raw!r} is not a finite number", "not_finite", raw=raw.strip())
        series = info.data.get("series")
        if series is not None and series not in MAY_BE_NEGATIVE and number <= 0:
            raise _error(f"{series} must be positive, not {raw.strip()}", "not_positive", series=series,
                         raw=raw.strip())
        if series in SECTOR_UNITS and number > 100:
            raise _error(f"a sector share is at most 100 (% of gross value added), not {raw.strip()}", "share_over_100",
                         raw=raw.strip())
        return number

    @field_validator("unit", mode="before")
    @classmethod
    def _unit(cls, raw: str, info: ValidationInfo) -> str:
        text = raw.strip()
        series = info.data.get("series")
        if series is not None and text != SERIES_UNITS[series]:
            shown = f"unit {raw!r} does not match" if text else "the unit is empty; it must match"
            raise _error(f"{shown} the series {series}; use '{SERIES_UNITS[series]}'",
                         "unit_not_of_series" if text else "unit_empty", raw=text, series=series,
                         unit=SERIES_UNITS[series])
        return text

    @field_validator("months", mode="before")
    @classmethod
    def _months(cls, raw: str, info: ValidationInfo) -> int | None:
        text = raw.strip()
        if "series" not in info.data:
            return None  # the series failed its check and is reported; nothing to say about months
        if info.data["series"] != YTD_SERIES:
            if text:
                raise _error(f"months is only for {YTD_SERIES} rows; leave it empty (if you did, is there a "
                             "comma in a text that is not in double quotes?)", "ytd_only", column="months")
            return None
        if not text:
            raise _error("a year-to-date row needs the months it covers (1 to 12) in the column months",
                         "ytd_months_missing")
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not (math.isfinite(number) and number.is_integer() and 1 <= number <= 12):
            raise _error(f"months is {raw.strip()!r}; it must be a whole number from 1 (January) to 12 (January to "
                         "December)", "ytd_months_range", raw=raw.strip())
        return int(number)

    @field_validator("same_period_prior_year", mode="before")
    @classmethod
    def _prior(cls, raw: str, info: ValidationInfo) -> float | None:
        text = raw.strip()
        if "series" not in info.data:
            return None
        if info.data["series"] != YTD_SERIES:
            if text:
                raise _error(f"same_period_prior_year is only for {YTD_SERIES} rows; leave it empty (if you did, "
                             "is there a comma in a text that is not in double quotes?)", "ytd_only",
                             column="same_period_prior_year")
            return None
        if not text:
            raise _error("a year-to-date row needs the same months of the year before in the column "
                         "same_period_prior_year (USD bn)", "ytd_prior_missing")
        number = _parse_number(raw)
        if not math.isfinite(number) or number <= 0:
            raise _error(f"same_period_prior_year must be above zero, not {text}", "ytd_prior_not_positive", raw=text)
        return number

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, raw: str) -> str:
        text = raw.strip()
        if not text:
            raise _error("the source is empty; say where the figure comes from", "source_empty")
        return text

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, raw: str) -> str:
        text = raw.strip()
        if not _STATUS_PATTERN.match(text):
            shown = f"status {raw!r} is not" if text else "the status is empty; it must be"
            raise _error(f"{shown} one of: {', '.join(UPLOAD_STATUSES)} (a note in brackets may follow)",
                         "status_unknown" if text else "status_empty", raw=text, statuses=", ".join(UPLOAD_STATUSES))
        return text


@dataclass(frozen=True)
class _Parsed:
    """The rows that passed the row checks (with their spreadsheet rows), and every problem found."""

    rows: list[tuple[int, UploadRow]] = field(default_factory=list)
    keys: list[tuple[int, RowKey]] = field(default_factory=list)  # every row whose key is valid
    problems: list[Problem] = field(default_factory=list)


def _text_cells(frame: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    columns = [str(c).strip().lower() for c in frame.columns]
    cells = [[_cell_text(v) for v in record] for record in frame.itertuples(index=False, name=None)]
    return columns, cells


def _period_text(year: int, months: int) -> str:
    return f"{year}-01/{year}-{months:02d}"


def _ytd_problems(row: int, item: UploadRow, today: date) -> list[Problem]:
    """A year-to-date period must have ended: its last month before the current one."""
    if item.series != YTD_SERIES or item.months is None:
        return []
    if (item.year, item.months) < (today.year, today.month):
        return []
    period = _period_text(item.year, item.months)
    return [Problem(row, "months", f"the period {period} has not ended yet (today is {today.isoformat()}); a "
                                   "year-to-date figure covers finished months only", "ytd_future",
                    {"year": item.year, "months": item.months, "today": today.isoformat()})]


def usable_rows(frame: pd.DataFrame, today: date | None = None) -> list[tuple[int, UploadRow]]:
    """The rows of ``frame`` that pass the row checks.

    Parameters
    ----------
    frame : pandas.DataFrame
        An uploaded table (:func:`read_upload`).
    today : datetime.date, optional
        For the year-to-date checks.

    Returns
    -------
    list of tuple
        ``(spreadsheet row, UploadRow)``, the header being row 1.
    """
    return _parse(frame, today).rows


def _parse(frame: pd.DataFrame, today: date | None = None) -> _Parsed:
    columns, cells = _text_cells(frame)
    parsed = _Parsed()
    today = today or date.today()
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    for column in missing:
        parsed.problems.append(Problem(None, column, f"the column '{column}' is missing "
                                                     f"(the template's columns are {', '.join(TEMPLATE_COLUMNS)})",
                                       "column_missing",
                                       {"column": column, "columns": ", ".join(TEMPLATE_COLUMNS)}))
    for column in columns:
        if column not in TEMPLATE_COLUMNS:
            parsed.problems.append(Problem(1, column, f"unknown column '{column}'; the template's columns are "
                                                      f"{', '.join(TEMPLATE_COLUMNS)}", "column_unknown",
                                           {"column": column, "columns": ", ".join(TEMPLATE_COLUMNS)}))
    known = [(i, c) for i, c in enumerate(columns) if c in TEMPLATE_COLUMNS]
    if not any(not _is_blank(record) for record in cells):
        parsed.problems.append(Problem(None, None, "the file has no data rows", "no_data_rows"))
    for position, record in enumerate(cells):
        if _is_blank(record):
            continue
        row = position + 2
        cells_by_column = {**dict.fromkeys(YTD_COLUMNS, ""), **{c: record[i] for i, c in known}}
        try:
            item = UploadRow.model_validate(cells_by_column)
        except ValidationError as error:
            failed = set()
            for detail in error.errors():
                name = str(detail["loc"][0]) if detail["loc"] else None
                failed.add(name)
                if detail["type"] == "missing" and name in missing:
                    continue
                context = detail.get("ctx") or {}
                parsed.problems.append(Problem(row, name, detail["msg"], context.get("code"),
                                               dict(context.get("values") or {})))
            if not failed & set(RowKey.model_fields):
                parsed.keys.append((row, RowKey.model_validate(cells_by_column)))
        else:
            late = _ytd_problems(row, item, today)
            parsed.problems.extend(late)
            if not late:
                parsed.rows.append((row, item))
            parsed.keys.append((row, item))
    return parsed


def _key(item: RowKey) -> tuple[str, str, int]:
    return item.series, item.country, item.year


def _row_key(item: RowKey) -> tuple[str, str, int, int]:
    """What a row replaces: series, country, year, and the months of a year-to-date row (0 for the others)."""
    return item.series, item.country, item.year, item.months or 0


def _table_problems(parsed: _Parsed) -> list[Problem]:
    """Checks across rows: duplicates (of any row with a valid key), complete sector-share sets summing to 100."""
    problems: list[Problem] = []
    first: dict[tuple[str, str, int, int], int] = {}
    duplicated: set[tuple[str, int]] = set()
    for row, item in parsed.keys:
        if _row_key(item) in first:
            months = f" (months {item.months})" if item.months else ""
            problems.append(Problem(row, None, f"duplicate of row {first[_row_key(item)]}: {item.series}, "
                                               f"{item.country}, {item.year}{months} appears twice",
                                    "duplicate_row_months" if item.months else "duplicate_row",
                                    {"first": first[_row_key(item)], "series": item.series, "country": item.country,
                                     "year": item.year, **({"months": item.months} if item.months else {})}))
            duplicated.add((item.country, item.year))
        else:
            first[_row_key(item)] = row
    valid = dict(parsed.rows)
    groups: dict[tuple[str, int], list[int]] = {}
    for row, key in parsed.keys:
        if key.series in SECTOR_UNITS:
            groups.setdefault((key.country, key.year), []).append(row)
    for (country, year), rows in groups.items():
        if (country, year) in duplicated or any(r not in valid for r in rows):
            continue  # reported already; a sum over a broken set would only confuse
        members = [(r, valid[r]) for r in rows]
        given = {item.series.removeprefix(SECTOR_PREFIX) for _row, item in members}
        absent = [s for s in SECTORS if s not in given]
        row = rows[0]
        if absent:
            problems.append(Problem(row, "series", f"{country} {year}: only {len(given)} of the {len(SECTORS)} sector "
                                                   f"shares are given (missing: {', '.join(absent)}); give all four",
                                    "sector_shares_incomplete", {"country": country, "year": year, "given": len(given),
                                                                 "total": len(SECTORS), "missing": ", ".join(absent)}))
            continue
        total = sum(item.value for _row, item in members)
        if abs(total - 100) > SHARE_TOLERANCE:
            problems.append(Problem(row, "value", f"the sector shares of {country} {year} sum to {total:g}, "
                                                  f"not 100 (± {SHARE_TOLERANCE:g})", "sector_shares_sum",
                                    {"country": country, "year": year, "sum": f"{total:g}",
                                     "tolerance": f"{SHARE_TOLERANCE:g}"}))
    return problems


def validate_upload(frame: pd.DataFrame, today: date | None = None) -> list[Problem]:
    """Every problem with an uploaded table (as :func:`read_upload` returns it, or any frame of its columns).

    Parameters
    ----------
    frame : pandas.DataFrame
        Columns :data:`TEMPLATE_COLUMNS` (the two year-to-date columns may be left out); position ``i`` is
        spreadsheet row ``i + 2``. All-blank rows are skipped.
    today : datetime.date, optional
        The date a year-to-date period must have ended by (default: today).

    Returns
    -------
    list of Problem
        Empty when the table can be applied: header problems first, then row problems in row order, then
        duplicates and sector-share sums. All are collected, not just the first.
    """
    parsed = _parse(frame, today)
    return parsed.problems + _table_problems(parsed)


# --- the template -------------------------------------------------------------------------------------------


def _number_text(value: float) -> str:
    return _cell_text(float(value))


def _resolved_sources(sources: Iterable[str]) -> list[str]:
    """``same`` / ``same (2023 column)`` in sector_shares.csv spelled out from the last full source above it."""
    out: list[str] = []
    last = ""
    for source in sources:
        text = str(source)
        if text == "same" or text.startswith("same "):
            text = last + text[len("same"):]
        else:
            last = text
        out.append(text)
    return out


def template_frame(tables: BaselineTables) -> pd.DataFrame:
    """Every figure of ``tables`` as the upload template (all cells text, as the CSV file holds them).

    Parameters
    ----------
    tables : BaselineTables
        The figures to write: macro series (World Bank WDI), bilateral trade, sector shares and year-to-date
        turnover, each row with its own source and status.

    Returns
    -------
    pandas.DataFrame
        Columns ``TEMPLATE_COLUMNS``, every cell text; ``months`` and ``same_period_prior_year`` filled only on
        year-to-date rows.
    """
    rows: list[list[str]] = []
    for item in tables.macro.itertuples(index=False):
        rows.append([str(item.series), str(item.country), str(int(item.year)), _number_text(item.value),
                     str(item.unit), str(item.source), str(item.status)])
    for record in tables.bilateral.to_dict("records"):
        for series, unit in TRADE_UNITS.items():
            if pd.notna(record[series]):
                rows.append([series, TRADE_COUNTRY, str(int(record["year"])), _number_text(record[series]), unit,
                             str(record["source"]), str(record["status"])])
    sectors = tables.sectors
    for item, source in zip(sectors.itertuples(index=False), _resolved_sources(sectors["source"]), strict=True):
        series = f"{SECTOR_PREFIX}{item.sector}"
        rows.append([series, str(item.country), str(int(item.year)), _number_text(item.share_pct),
                     SECTOR_UNITS[series], source, str(item.status)])
    rows = [row + ["", ""] for row in rows]  # the year-to-date columns stay empty on every other row
    for record in tables.ytd.to_dict("records"):
        rows.append([YTD_SERIES, TRADE_COUNTRY, str(int(record["year"])), _number_text(record["value_usd_bn"]),
                     YTD_UNITS[YTD_SERIES], str(record["source"]), str(record["status"]), str(int(record["months"])),
                     _number_text(record["same_period_prior_year_usd_bn"])])
    return pd.DataFrame(rows, columns=list(TEMPLATE_COLUMNS), dtype=object)


def template_csv(tables: BaselineTables) -> bytes:
    """The template as the bytes of ``data/baseline_template.csv`` (UTF-8, no BOM, Unix line ends).

    Parameters
    ----------
    tables : BaselineTables
        As for :func:`template_frame`.

    Returns
    -------
    bytes
        The CSV file's content.
    """
    return template_frame(tables).to_csv(index=False, lineterminator="\n").encode("utf-8")


def write_template(path: Path = TEMPLATE_PATH, tables: BaselineTables | None = None) -> Path:
    """Write the template of ``tables`` (default: the shipped ones) to ``path``.

    Parameters
    ----------
    path : pathlib.Path, default ``data/baseline_template.csv``
        Where to write.
    tables : BaselineTables, optional
        The figures; the shipped ``data/`` when omitted.

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    path.write_bytes(template_csv(tables if tables is not None else load_tables()))
    return path


# --- applying -----------------------------------------------------------------------------------------------


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return bool(a == b)


def _merge_macro(shipped: pd.DataFrame, rows: list[UploadRow]) -> pd.DataFrame:
    records = shipped.to_dict("records")
    where = {(r["series"], r["country"], int(r["year"])): i for i, r in enumerate(records)}
    for item in rows:
        new = {"series": item.series, "country": item.country, "year": item.year, "value": item.value,
               "unit": item.unit, "source": item.source, "status": item.status}
        index = where.get(_key(item))
        if index is None:
            where[_key(item)] = len(records)
            records.append(new)
        elif any(not _same(records[index][k], v) for k, v in new.items()):
            records[index] = {**records[index], **new}
    return pd.DataFrame(records, columns=list(shipped.columns))


def _merge_bilateral(shipped: pd.DataFrame, rows: list[tuple[int, UploadRow]]) -> pd.DataFrame:
    records = shipped.to_dict("records")
    where = {int(r["year"]): i for i, r in enumerate(records)}
    by_year: dict[int, dict[str, tuple[int, UploadRow]]] = {}
    for row, item in rows:
        by_year.setdefault(item.year, {})[item.series] = (row, item)
    problems: list[Problem] = []
    for year, given in sorted(by_year.items()):
        index = where.get(year)
        if index is None and "turnover_usd_bn" not in given:
            row, item = min(given.values(), key=lambda pair: pair[0])
            problems.append(Problem(row, "series", f"{year} is not in the shipped trade table and the file gives "
                                                   f"{item.series} for it but not turnover_usd_bn; add the turnover",
                                    "trade_year_without_turnover", {"year": year, "series": item.series}))
            continue
        old: dict[str, Any] = dict(records[index]) if index is not None else {}
        new = {**old, "year": year} if old else {"year": year, "reporter": _reporter(
            given.get("turnover_usd_bn", next(iter(given.values())))[1].status)}
        sources: list[str] = []
        for series in TRADE_UNITS:
            if series in given:
                new[series] = given[series][1].value
                sources.append(given[series][1].source)
            elif old and pd.notna(old[series]):
                sources.append(str(old["source"]))
            else:
                new[series] = math.nan
        turnover = given.get("turnover_usd_bn")
        new["status"] = turnover[1].status if turnover is not None else old["status"]
        new["source"] = " ; ".join(dict.fromkeys(sources))
        if index is None:
            where[year] = len(records)
            records.append(new)
        elif any(not _same(old[k], v) for k, v in new.items()):
            if new["source"] != old["source"] or new["status"] != old["status"]:
                new["reporter"] = _reporter(str(new["status"]))
            records[index] = new
    if problems:
        raise UploadError(problems)
    return pd.DataFrame(records, columns=list(shipped.columns))


def _reporter(status: str) -> str:
    """Whose figures a trade row holds: Uzbekistan's, unless its status says Kazakhstan reported them (mirror)."""
    return "KZ" if MIRROR_NOTE in status else TRADE_COUNTRY


def _merge_ytd(shipped: pd.DataFrame, rows: list[UploadRow]) -> pd.DataFrame:
    """Year-to-date rows over the shipped ones: the same year and months replaced, a new period added."""
    records = shipped.to_dict("records")
    where = {(int(r["year"]), int(r["months"])): i for i, r in enumerate(records)}
    for item in rows:
        new = {"year": item.year, "months": item.months, "value_usd_bn": item.value,
               "same_period_prior_year_usd_bn": item.same_period_prior_year, "reporter": TRADE_COUNTRY,
               "status": item.status, "source": item.source}
        index = where.get((item.year, int(item.months or 0)))
        if index is None:
            where[(item.year, int(item.months or 0))] = len(records)
            records.append(new)
        elif any(not _same(records[index][k], v) for k, v in new.items() if k != "reporter"):
            records[index] = new
    return pd.DataFrame(records, columns=list(shipped.columns))


def _merge_sectors(shipped: pd.DataFrame, rows: list[UploadRow]) -> pd.DataFrame:
    records = shipped.to_dict("records")
    resolved = _resolved_sources(r["source"] for r in records)
    where = {(r["country"], int(r["year"]), r["sector"]): i for i, r in enumerate(records)}
    for item in rows:
        sector = item.series.removeprefix(SECTOR_PREFIX)
        new = {"country": item.country, "year": item.year, "sector": sector, "share_pct": item.value,
               "status": item.status, "source": item.source}
        index = where.get((item.country, item.year, sector))
        if index is None:
            where[(item.country, item.year, sector)] = len(records)
            records.append(new)
        else:
            old = {**records[index], "source": resolved[index]}
            if any(not _same(old[k], v) for k, v in new.items()):
                records[index] = {**records[index], **new}
    return pd.DataFrame(records, columns=list(shipped.columns))


_BASE_NEEDS = (
    ("turnover_usd_bn", TRADE_COUNTRY, "turnover"),
    ("uz_exports_to_kz_usd_bn", TRADE_COUNTRY, "UZ exports to KZ"),
    ("gdp_current_usd", "UZ", "UZ GDP"),
    ("gdp_current_usd", "KZ", "KZ GDP"),
    ("population", "UZ", "UZ population"),
    ("population", "KZ", "KZ population"),
)


def _base_year_problems(tables: BaselineTables) -> list[Problem]:
    """The base-year figures the projection starts from, each named when it is missing."""
    trade = tables.bilateral.set_index("year")
    problems = []
    for series, country, label in _BASE_NEEDS:
        if series in TRADE_UNITS:
            present = BASE_YEAR in trade.index and pd.notna(trade.loc[BASE_YEAR, series])
        else:
            macro = tables.macro
            present = bool(((macro["series"] == series) & (macro["country"] == country)
                            & (macro["year"] == BASE_YEAR) & macro["value"].notna()).any())
        if not present:
            problems.append(Problem(None, None, f"the base year {BASE_YEAR} {label} is missing "
                                                f"({series}, {country}, {BASE_YEAR}); the projection starts there",
                                    "base_year_missing", {"year": BASE_YEAR, "series": series, "country": country}))
    return problems


def _model_problems(tables: BaselineTables) -> list[Problem]:
    """Build the model on ``tables`` and run it once; what fails, in words."""
    from model.api import model_from_tables  # here, not at the top: model.api imports much of the model

    try:
        model = model_from_tables(tables)
    except Exception as error:  # any failure here means the data cannot drive the model
        return [Problem(None, None, f"the model cannot start from the merged data ({type(error).__name__}: {error})",
                        "model_cannot_start")]
    problems = []
    for param in model.registry.parameters:
        if param.bau is not None and param.bau != param.default:
            candidates = [("default", param.default), ("business-as-usual value", param.bau)]
        else:
            candidates = [("default", param.default)]
        for name, value in candidates:
            if not (math.isfinite(value) and param.min <= value <= param.max):
                problems.append(Problem(None, None, f"with these data the derived {name} of {param.key} "
                                                    f"({param.label}) is {value:g}, outside its range "
                                                    f"{param.describe_range()}; check the figures it is derived from",
                                        f"derived_{'default' if name == 'default' else 'bau'}_out_of_range",
                                        {"parameter": param.key, "value": f"{value:g}",
                                         "range": param.describe_range()}))
    if problems:
        return problems
    try:
        result = model.run()
    except Exception as error:  # as above
        return [Problem(None, None, f"the model fails on the merged data ({type(error).__name__}: {error})",
                        "model_fails")]
    turnover = result.scenario.turnover.total
    if not all(math.isfinite(float(v)) for v in turnover):
        return [Problem(None, None, "the projected turnover is not a finite number with the merged data",
                        "turnover_not_finite")]
    return []


def _digest(frame: pd.DataFrame, data: bytes | None) -> str:
    if data is not None:
        return hashlib.sha256(data).hexdigest()
    if isinstance(frame.attrs.get("sha256"), str):
        return str(frame.attrs["sha256"])
    return hashlib.sha256(frame.to_csv(index=False).encode("utf-8")).hexdigest()


def apply_upload(frame: pd.DataFrame, shipped: BaselineTables, *, data: bytes | None = None,
                 today: date | None = None) -> BaselineTables:
    """The shipped tables with the uploaded rows merged in, checked and known to run the model.

    Parameters
    ----------
    frame : pandas.DataFrame
        An uploaded table (:func:`read_upload`).
    shipped : BaselineTables
        The tables the rows are merged over (usually :func:`model.data.load_tables`).
    data : bytes, optional
        The uploaded file's bytes, for the origin digest; default ``frame.attrs["sha256"]`` (set by
        :func:`read_upload`), else the digest of the frame as CSV.
    today : datetime.date, optional
        The date a year-to-date period must have ended by (default: today).

    Returns
    -------
    BaselineTables
        Same series, country and year (and months, for year-to-date rows) replaced, new years added; rows
        equal to the shipped ones left exactly as shipped. ``origin`` is ``"user:"`` + the first 12 hex digits
        of the SHA-256 of the upload.

    Raises
    ------
    UploadError
        With every problem of :func:`validate_upload`, or else those of the merge (a trade year without
        turnover, a base-year figure missing, the existing validators, a derived default out of range, the
        model failing to run).
    """
    parsed = _parse(frame, today)
    problems = parsed.problems + _table_problems(parsed)
    if problems:
        raise UploadError(problems)
    macro_rows = [item for _row, item in parsed.rows if item.series in MACRO_UNITS]
    trade_rows = [(row, item) for row, item in parsed.rows if item.series in TRADE_UNITS]
    sector_rows = [item for _row, item in parsed.rows if item.series in SECTOR_UNITS]
    ytd_rows = [item for _row, item in parsed.rows if item.series in YTD_UNITS]
    merged = BaselineTables(
        macro=_merge_macro(shipped.macro, macro_rows),
        bilateral=_merge_bilateral(shipped.bilateral, trade_rows),
        sectors=_merge_sectors(shipped.sectors, sector_rows),
        origin=f"user:{_digest(frame, data)[:12]}",
        ytd=_merge_ytd(shipped.ytd, ytd_rows),
    )
    problems = _base_year_problems(merged)
    if problems:
        raise UploadError(problems)
    try:
        checked = BaselineTables(
            macro=validate_macro(merged.macro),
            bilateral=validate_bilateral(merged.bilateral),
            sectors=validate_sectors(merged.sectors),
            origin=merged.origin,
            ytd=validate_ytd(merged.ytd),
        )
    except DataError as error:
        raise _problem(f"the merged data (shipped tables with your rows) fail a check: {error}",
                       "merged_check_failed") from None
    problems = _model_problems(checked)
    if problems:
        raise UploadError(problems)
    return checked


# --- summary and the one-call check -------------------------------------------------------------------------


def shipped_lookup(shipped: BaselineTables) -> Callable[[RowKey], float | None]:
    """For a row, the shipped figure it would replace.

    Parameters
    ----------
    shipped : BaselineTables
        The shipped tables.

    Returns
    -------
    callable
        Row key → the shipped value, ``None`` when the row adds one.
    """
    values = _shipped_values(shipped)
    return lambda item: values.get(_row_key(item))


def _shipped_values(shipped: BaselineTables) -> dict[tuple[str, str, int, int], float]:
    values: dict[tuple[str, str, int, int], float] = {}
    for item in shipped.macro.itertuples(index=False):
        values[(str(item.series), str(item.country), int(item.year), 0)] = float(item.value)
    for record in shipped.bilateral.to_dict("records"):
        for series in TRADE_UNITS:
            if pd.notna(record[series]):
                values[(series, TRADE_COUNTRY, int(record["year"]), 0)] = float(record[series])
    for item in shipped.sectors.itertuples(index=False):
        values[(f"{SECTOR_PREFIX}{item.sector}", str(item.country), int(item.year), 0)] = float(item.share_pct)
    for record in shipped.ytd.to_dict("records"):
        values[(YTD_SERIES, TRADE_COUNTRY, int(record["year"]), int(record["months"]))] = float(record["value_usd_bn"])
    return values


@dataclass(frozen=True)
class SummaryItem:
    """One figure of an upload that differs from the shipped data: a changed figure or an added one.

    Attributes
    ----------
    series, country : str
        The template's series name and ``UZ``/``KZ``, as the file gives them.
    year : int
        The year (year-to-date rows: the year of the period).
    months : int
        Year-to-date rows: the months from January the figure covers (1–12); 0 for a whole year.
    value : float
        The upload's figure, in the series' unit.
    shipped : float or None
        The shipped figure it replaces; ``None`` when it adds one.
    """

    series: str
    country: str
    year: int
    months: int
    value: float
    shipped: float | None


@dataclass(frozen=True)
class UploadSummary:
    """What an upload changes against the shipped data, as counts and items a user interface words.

    Attributes
    ----------
    rows : int
        The file's non-blank data rows.
    changed : tuple of SummaryItem
        The figures that replace a different shipped figure, in the file's order.
    added : tuple of SummaryItem
        The figures the shipped data do not have, in the file's order.
    same : int
        The rows equal to the shipped figure.
    bad : int
        The rows that fail the checks.
    """

    rows: int
    changed: tuple[SummaryItem, ...]
    added: tuple[SummaryItem, ...]
    same: int
    bad: int

    def as_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data (the ``validate-data --json`` output).

        Returns
        -------
        dict
            ``rows``, ``same``, ``bad`` (counts) and ``changed``, ``added`` (lists of item dicts).
        """
        return {"rows": self.rows, "changed": [asdict(item) for item in self.changed],
                "added": [asdict(item) for item in self.added], "same": self.same, "bad": self.bad}


def summarise(frame: pd.DataFrame, shipped: BaselineTables | None = None, today: date | None = None) -> UploadSummary:
    """What the upload changes against ``shipped`` (default: the shipped tables), as data.

    Counts the file's rows, lists each changed figure (with the shipped figure it replaces) and each added one,
    counts the rows equal to the shipped data and those that fail the checks. The user interface words it in
    the user's language (:func:`presentation.upload_text.summary_text`): ``"219 rows: 1 changed
    (turnover_usd_bn UZ 2025: 4.97 → 5.5), 1 added (gdp_current_usd UZ 2026), 217 same as the shipped data"``.

    Parameters
    ----------
    frame : pandas.DataFrame
        The upload as read (:func:`read_upload`).
    shipped : BaselineTables, optional
        What it is compared with; the shipped ``data/`` when omitted.
    today : datetime.date, optional
        The date year-to-date rows are checked against (finished months only); today when omitted.

    Returns
    -------
    UploadSummary
        The counts and items; values in each series' unit.
    """
    known = _shipped_values(shipped if shipped is not None else load_tables())
    parsed = _parse(frame, today)
    _columns, cells = _text_cells(frame)
    total = sum(1 for record in cells if not _is_blank(record))
    changed: list[SummaryItem] = []
    added: list[SummaryItem] = []
    same = 0
    for _row, item in parsed.rows:
        old = known.get(_row_key(item))
        figure = SummaryItem(item.series, item.country, item.year, item.months or 0, item.value, old)
        if old is None:
            added.append(figure)
        elif old != item.value:
            changed.append(figure)
        else:
            same += 1
    return UploadSummary(total, tuple(changed), tuple(added), same, total - len(parsed.rows))


@dataclass(frozen=True)
class UploadResult:
    """What :func:`check_upload` found: the merged tables when usable, else the problems.

    Attributes
    ----------
    tables : BaselineTables or None
        The shipped tables with the upload merged in (origin ``user:<sha256[:12]>``), when usable.
    problems : list of Problem
        Every problem found (empty when usable).
    summary : UploadSummary or None
        What the upload changes (:func:`summarise`), when usable.
    reading : Reading or None
        How the file was read (encoding, delimiter, decimal mark), once it could be.
    """

    tables: BaselineTables | None
    problems: list[Problem]
    summary: UploadSummary | None
    reading: Reading | None = None  # how the file was read (encoding, delimiter, decimal mark), once it could be

    @property
    def ok(self) -> bool:
        """The upload can be used (``tables`` is set)."""
        return self.tables is not None and not self.problems


def check_upload(name: str, data: bytes, shipped: BaselineTables, today: date | None = None) -> UploadResult:
    """Read, validate, apply and summarise an upload in one call; never raises for a bad file.

    Parameters
    ----------
    name : str
        The file's name (its extension helps tell text from a workbook).
    data : bytes
        The file's content.
    shipped : BaselineTables
        The tables the upload's rows are merged over.
    today : datetime.date, optional
        The date year-to-date rows are checked against; today when omitted.

    Returns
    -------
    UploadResult
        ``tables`` (origin ``user:<sha256[:12]>``) and ``summary`` when the upload is usable; otherwise
        ``tables`` and ``summary`` are ``None`` and ``problems`` lists every problem found.
    """
    try:
        frame = read_upload(name, data)
    except UploadError as error:
        return UploadResult(None, error.problems, None)
    reading = frame.attrs.get("reading")
    try:
        tables = apply_upload(frame, shipped, data=data, today=today)
    except UploadError as error:
        return UploadResult(None, error.problems, None, reading)
    return UploadResult(tables, [], summarise(frame, shipped, today), reading)


def check_path(path: Path, shipped: BaselineTables) -> UploadResult:
    """:func:`check_upload` on a file on disk (a missing, unreadable or oversized file is a problem too).

    Parameters
    ----------
    path : pathlib.Path
        The file (at most ``MAX_BYTES``).
    shipped : BaselineTables
        The tables the upload's rows are merged over.

    Returns
    -------
    UploadResult
        As :func:`check_upload`.
    """
    try:
        data = read_path(path)
    except UploadError as error:
        return UploadResult(None, error.problems, None)
    return check_upload(path.name, data, shipped)


def read_path(path: Path) -> bytes:
    """The bytes of an upload on disk, refused (with a worded problem) when too large or unreadable.

    Parameters
    ----------
    path : pathlib.Path
        The file (at most ``MAX_BYTES``).

    Returns
    -------
    bytes
        Its content.

    Raises
    ------
    UploadError
        ``too_large`` (its size and the limit, in MB) or ``cannot_read`` (missing, a folder, no permission).
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _problem(_too_large(size), "too_large", size=f"{size / 2**20:.1f}", limit=f"{MAX_BYTES / 2**20:.0f}")
        return path.read_bytes()
    except OSError as error:
        raise _problem(f"cannot read {path}: {error.strerror or error}", "cannot_read") from None
