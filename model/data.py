"""Load and validate the baseline tables in ``data/``.

Every table is checked on read (columns, units, unique years, finite values, signs) and a problem
raises :class:`DataError` naming the file and the row, so a bad edit never reaches the model.
Missing years stay missing: nothing here interpolates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
COUNTRIES = ("UZ", "KZ")
SECTORS = ("agriculture", "industry", "construction", "services")
BASE_YEAR = 2025  # the last actual year: projections start the year after
# The summit programme's goal year (the registry's ``target_year`` default): tables, comparisons and the summary
# report GDP, shares and per-head income in this year, and the sector-shift table also at the end of the GDP horizon.
REPORT_YEAR = 2030
GDP_END_YEAR = 2035

# Series that are rates may be negative; levels must be positive.
MACRO_UNITS = {
    "gdp_current_usd": "usd_bn",
    "real_gdp_growth": "pct_per_year",
    "population": "million",
    "exchange_rate_lcu_per_usd": "lcu_per_usd",
    "fdi_net_inflows": "usd_bn",
    "gross_capital_formation": "pct_of_gdp",
    "imports_goods_services": "pct_of_gdp",
    "exports_goods_services": "pct_of_gdp",
    "gni_per_capita_atlas": "usd",
}
MAY_BE_NEGATIVE = {"real_gdp_growth", "fdi_net_inflows"}

MACRO_COLUMNS = ["series", "country", "year", "value", "unit", "source", "status"]
TRADE_COLUMNS = [
    "year",
    "turnover_usd_bn",
    "uz_exports_to_kz_usd_bn",
    "uz_imports_from_kz_usd_bn",
    "reporter",
    "status",
    "source",
]
SECTOR_COLUMNS = ["country", "year", "sector", "share_pct", "status", "source"]
YTD_COLUMNS = ["year", "months", "value_usd_bn", "same_period_prior_year_usd_bn", "reporter", "status", "source"]
STATUSES = ("official", "official statement", "derived", "assumption", "estimate", "user")


class DataError(ValueError):
    """A baseline table failed validation; the message names the file and row."""


def empty_ytd() -> pd.DataFrame:
    """A year-to-date table with no rows (the columns of ``turnover_ytd.csv``).

    Returns
    -------
    pandas.DataFrame
        Zero rows; columns ``YTD_COLUMNS`` with ``year``/``months`` int and the two values float (USD bn).
    """
    frame = pd.DataFrame({column: pd.Series(dtype=object) for column in YTD_COLUMNS})
    return frame.astype({"year": int, "months": int, "value_usd_bn": float, "same_period_prior_year_usd_bn": float})


@dataclass(frozen=True)
class BaselineTables:
    """The three tables the model reads, already validated, and the year-to-date figures the tracker reads.

    Attributes
    ----------
    macro : pandas.DataFrame
        ``macro.csv`` validated (:func:`validate_macro`; World Bank WDI).
    bilateral : pandas.DataFrame
        ``bilateral_trade.csv`` validated (:func:`validate_bilateral`), USD bn.
    sectors : pandas.DataFrame
        ``sector_shares.csv`` validated (:func:`validate_sectors`), % of gross value added.
    origin : str
        ``shipped``, or ``user:<sha256[:12]>`` for an upload.
    ytd : pandas.DataFrame
        ``turnover_ytd.csv`` validated (:func:`validate_ytd`), USD bn; no rows when absent.
    """

    macro: pd.DataFrame
    bilateral: pd.DataFrame
    sectors: pd.DataFrame
    origin: str = "shipped"
    ytd: pd.DataFrame = field(default_factory=empty_ytd)


def _fail(name: str, row: int | None, message: str) -> DataError:
    where = f"{name}" if row is None else f"{name}, row {row}"
    return DataError(f"{where}: {message}")


def _require_columns(frame: pd.DataFrame, columns: list[str], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise _fail(name, None, f"missing column(s) {', '.join(missing)}")


def _row_number(index: int) -> int:
    """Spreadsheet row of a frame index: header is row 1."""
    return int(index) + 2


def _check_numbers(frame: pd.DataFrame, column: str, name: str, allow_negative: pd.Series) -> None:
    values = pd.to_numeric(frame[column], errors="coerce")
    for index, (raw, value) in enumerate(zip(frame[column], values, strict=True)):
        if pd.isna(raw) or (isinstance(raw, str) and not raw.strip()):
            continue
        if pd.isna(value) or not math.isfinite(float(value)):
            raise _fail(name, _row_number(index), f"{column} is {raw!r}, not a finite number")
        if value <= 0 and not allow_negative.iloc[index]:
            raise _fail(name, _row_number(index), f"{column} is {raw!r}; it must be positive")


def _check_status(frame: pd.DataFrame, name: str) -> None:
    for index, status in enumerate(frame["status"]):
        if not any(str(status).startswith(s) for s in STATUSES):
            raise _fail(name, _row_number(index), f"status {status!r} is not one of {', '.join(STATUSES)}")


def _check_unique(frame: pd.DataFrame, keys: list[str], name: str) -> None:
    duplicated = frame.duplicated(subset=keys, keep="first")
    if duplicated.any():
        index = int(np.flatnonzero(duplicated.to_numpy())[0])
        label = ", ".join(f"{k}={frame[k].iloc[index]}" for k in keys)
        raise _fail(name, _row_number(index), f"duplicate entry ({label})")


def validate_macro(frame: pd.DataFrame, name: str = "macro.csv") -> pd.DataFrame:
    """Check the long macro table and return it with numeric ``year`` and ``value``.

    Parameters
    ----------
    frame : pandas.DataFrame
        ``macro.csv`` as read (text cells): columns ``MACRO_COLUMNS``, one row per series, country and year.
        Figures are World Bank WDI (July 2026 release), each row naming its indicator code in ``source``.
    name : str, default "macro.csv"
        File name used in messages.

    Returns
    -------
    pandas.DataFrame
        The rows with a value: ``year`` int, ``value`` float in the series' unit (``MACRO_UNITS``: USD bn,
        % per year, million, % of GDP...), index reset.

    Raises
    ------
    DataError
        Unknown series, wrong unit or country, a value that is not a finite number (or not positive for a level),
        an unknown status or a duplicated (series, country, year); the message names file and row.
    """
    _require_columns(frame, MACRO_COLUMNS, name)
    for index, (series, unit, country) in enumerate(zip(frame["series"], frame["unit"], frame["country"], strict=True)):
        if series not in MACRO_UNITS:
            raise _fail(name, _row_number(index), f"unknown series {series!r}")
        if unit != MACRO_UNITS[series]:
            raise _fail(name, _row_number(index), f"unit {unit!r} for {series}; expected {MACRO_UNITS[series]!r}")
        if country not in COUNTRIES:
            raise _fail(name, _row_number(index), f"country {country!r}; expected UZ or KZ")
    _check_numbers(frame, "year", name, pd.Series(False, index=range(len(frame))))
    _check_numbers(frame, "value", name, frame["series"].isin(MAY_BE_NEGATIVE).reset_index(drop=True))
    _check_status(frame, name)
    out = frame.copy()
    out["year"] = pd.to_numeric(out["year"]).astype(int)
    out["value"] = pd.to_numeric(out["value"]).astype(float)
    _check_unique(out, ["series", "country", "year"], name)
    return out.dropna(subset=["value"]).reset_index(drop=True)


def validate_bilateral(frame: pd.DataFrame, name: str = "bilateral_trade.csv") -> pd.DataFrame:
    """Check the bilateral turnover table; missing years and empty directions stay missing.

    Parameters
    ----------
    frame : pandas.DataFrame
        ``bilateral_trade.csv`` as read (text cells): columns ``TRADE_COLUMNS``, one row per year, USD bn;
        Uzbek statistics or ministry figures where they exist, Kazakh statements otherwise (``reporter``).
    name : str, default "bilateral_trade.csv"
        File name used in messages.

    Returns
    -------
    pandas.DataFrame
        ``year`` int and the three USD bn columns float (directions may be NaN), sorted by year.

    Raises
    ------
    DataError
        A non-positive or non-numeric figure, an unknown status, a duplicated year, an empty turnover or no row for
        ``BASE_YEAR``; the message names file and row.
    """
    _require_columns(frame, TRADE_COLUMNS, name)
    never_negative = pd.Series(False, index=range(len(frame)))
    for column in ["year", "turnover_usd_bn", "uz_exports_to_kz_usd_bn", "uz_imports_from_kz_usd_bn"]:
        _check_numbers(frame, column, name, never_negative)
    _check_status(frame, name)
    out = frame.copy()
    out["year"] = pd.to_numeric(out["year"]).astype(int)
    for column in ["turnover_usd_bn", "uz_exports_to_kz_usd_bn", "uz_imports_from_kz_usd_bn"]:
        out[column] = pd.to_numeric(out[column]).astype(float)
    _check_unique(out, ["year"], name)
    if out["turnover_usd_bn"].isna().any():
        index = int(np.flatnonzero(out["turnover_usd_bn"].isna().to_numpy())[0])
        raise _fail(name, _row_number(index), "turnover_usd_bn is empty; leave the whole year out instead")
    if BASE_YEAR not in set(out["year"]):
        raise _fail(name, None, f"no row for {BASE_YEAR}, the base year of the projection")
    return out.sort_values("year").reset_index(drop=True)


def validate_sectors(frame: pd.DataFrame, name: str = "sector_shares.csv") -> pd.DataFrame:
    """Check sector shares: known sectors, positive, each country-year summing to 100 ± 0.5.

    Parameters
    ----------
    frame : pandas.DataFrame
        ``sector_shares.csv`` as read (text cells): columns ``SECTOR_COLUMNS``, shares of gross value added in %
        (national statistics of each country, as the ``source`` column says).
    name : str, default "sector_shares.csv"
        File name used in messages.

    Returns
    -------
    pandas.DataFrame
        ``year`` int and ``share_pct`` float (%), rows in file order.

    Raises
    ------
    DataError
        Unknown country or sector, a non-positive share, an unknown status, a duplicate, a country-year whose four
        shares do not sum to 100 ± 0.5, or a country with no shares at all.
    """
    _require_columns(frame, SECTOR_COLUMNS, name)
    for index, (country, sector) in enumerate(zip(frame["country"], frame["sector"], strict=True)):
        if country not in COUNTRIES:
            raise _fail(name, _row_number(index), f"country {country!r}; expected UZ or KZ")
        if sector not in SECTORS:
            raise _fail(name, _row_number(index), f"sector {sector!r}; expected one of {', '.join(SECTORS)}")
    never_negative = pd.Series(False, index=range(len(frame)))
    _check_numbers(frame, "year", name, never_negative)
    _check_numbers(frame, "share_pct", name, never_negative)
    _check_status(frame, name)
    out = frame.copy()
    out["year"] = pd.to_numeric(out["year"]).astype(int)
    out["share_pct"] = pd.to_numeric(out["share_pct"]).astype(float)
    _check_unique(out, ["country", "year", "sector"], name)
    totals = out.groupby(["country", "year"])["share_pct"].agg(["sum", "count"])
    for (country, year), row in totals.iterrows():
        if row["count"] != len(SECTORS) or abs(row["sum"] - 100) > 0.5:
            raise _fail(name, None, f"{country} {year}: the four sector shares sum to {row['sum']:.1f}, not 100")
    for country in COUNTRIES:
        if country not in set(out["country"]):
            raise _fail(name, None, f"no sector shares for {country}")
    return out


def validate_ytd(frame: pd.DataFrame, name: str = "turnover_ytd.csv") -> pd.DataFrame:
    """Check the year-to-date turnover table: whole years, January-to-month ``months`` 1–12, positive values.

    Each row is the cumulative turnover from January to the end of month ``months`` of ``year`` (USD bn, Uzbek
    side) with the same months of the year before; one row per (year, months). Sorted oldest period first.

    Parameters
    ----------
    frame : pandas.DataFrame
        ``turnover_ytd.csv`` as read (text cells): columns ``YTD_COLUMNS``.
    name : str, default "turnover_ytd.csv"
        File name used in messages.

    Returns
    -------
    pandas.DataFrame
        ``year`` and ``months`` int, ``value_usd_bn`` and ``same_period_prior_year_usd_bn`` float (USD bn),
        sorted by (year, months).

    Raises
    ------
    DataError
        ``months`` not a whole number 1–12, an empty or non-positive value, an unknown status or a duplicated
        (year, months).
    """
    _require_columns(frame, YTD_COLUMNS, name)
    never_negative = pd.Series(False, index=range(len(frame)))
    for column in ["year", "months", "value_usd_bn", "same_period_prior_year_usd_bn"]:
        _check_numbers(frame, column, name, never_negative)
    _check_status(frame, name)
    out = frame.copy()
    for index, raw in enumerate(out["months"]):
        months = pd.to_numeric(raw, errors="coerce")
        if pd.isna(months) or not float(months).is_integer() or not 1 <= months <= 12:
            raise _fail(name, _row_number(index), f"months is {raw!r}; it must be a whole number from 1 to 12")
    for column in ["value_usd_bn", "same_period_prior_year_usd_bn"]:
        blank = pd.to_numeric(out[column], errors="coerce").isna()  # non-numbers were refused above
        if blank.any():
            index = int(np.flatnonzero(blank.to_numpy())[0])
            raise _fail(name, _row_number(index), f"{column} is empty")
    out["year"] = pd.to_numeric(out["year"]).astype(int)
    out["months"] = pd.to_numeric(out["months"]).astype(int)
    for column in ["value_usd_bn", "same_period_prior_year_usd_bn"]:
        out[column] = pd.to_numeric(out[column]).astype(float)
    _check_unique(out, ["year", "months"], name)
    return out.sort_values(["year", "months"]).reset_index(drop=True)


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise DataError(f"{path.name}: cannot be read ({error})") from error


def load_tables(data_dir: Path = DATA_DIR) -> BaselineTables:
    """Read and validate ``macro.csv``, ``bilateral_trade.csv``, ``sector_shares.csv`` and ``turnover_ytd.csv``.

    Parameters
    ----------
    data_dir : pathlib.Path, default ``DATA_DIR``
        Folder holding the CSV files (the shipped ``data/``, sources listed in ``data/SOURCES.md``).
        ``turnover_ytd.csv`` may be absent (no year-to-date rows then).

    Returns
    -------
    BaselineTables
        The validated tables, ``origin`` "shipped".

    Raises
    ------
    DataError
        A file that cannot be read or fails validation (the message names file and row).
    """
    return BaselineTables(
        macro=validate_macro(_read_csv(data_dir / "macro.csv")),
        bilateral=validate_bilateral(_read_csv(data_dir / "bilateral_trade.csv")),
        sectors=validate_sectors(_read_csv(data_dir / "sector_shares.csv")),
        ytd=_load_ytd(data_dir),
    )


def _load_ytd(data_dir: Path) -> pd.DataFrame:
    """``turnover_ytd.csv`` validated; a data folder without it (older copies, tests) has no year-to-date rows."""
    path = data_dir / "turnover_ytd.csv"
    return validate_ytd(_read_csv(path)) if path.exists() else empty_ytd()


def macro_series(tables: BaselineTables, series: str, country: str) -> pd.Series:
    """One macro series for one country, indexed by year (missing years absent).

    Parameters
    ----------
    tables : BaselineTables
        Validated tables.
    series : str
        A key of ``MACRO_UNITS`` (e.g. ``gdp_current_usd``, USD bn).
    country : str
        ``UZ`` or ``KZ``.

    Returns
    -------
    pandas.Series
        Values in the series' unit, int year index, sorted; empty when the table has no such rows.
    """
    rows = tables.macro[(tables.macro["series"] == series) & (tables.macro["country"] == country)]
    return rows.set_index("year")["value"].sort_index()


REFERENCE_FILES = ("cooperation.csv", "literature.csv", "mirror_trade.csv", "other_projections.csv", "revisions.csv")


def load_reference(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """One of the reference tables the data page shows (targets, literature values, mirror statistics, revisions).

    Parameters
    ----------
    name : str
        One of ``REFERENCE_FILES``; each row names its own publication in a ``source`` column.
    data_dir : pathlib.Path, default ``DATA_DIR``
        Folder holding the file.

    Returns
    -------
    pandas.DataFrame
        The file as text cells (empty cells NaN), unvalidated beyond being readable.

    Raises
    ------
    DataError
        ``name`` is not a reference table, or the file cannot be read.
    """
    if name not in REFERENCE_FILES:
        raise DataError(f"{name}: not a reference table ({', '.join(REFERENCE_FILES)})")
    return _read_csv(data_dir / name)
