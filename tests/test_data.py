"""The baseline tables: the shipped data loads, and every kind of bad edit is refused naming file and row."""

from __future__ import annotations

import csv
import math
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from model.data import (
    COUNTRIES,
    DATA_DIR,
    MACRO_UNITS,
    SECTORS,
    DataError,
    load_tables,
    validate_bilateral,
    validate_macro,
    validate_sectors,
)

# --- the shipped data --------------------------------------------------------------------------------------


def test_the_shipped_data_loads():
    tables = load_tables()
    assert len(tables.macro) > 0
    assert len(tables.bilateral) > 0
    assert len(tables.sectors) > 0
    assert set(tables.macro["series"]) <= set(MACRO_UNITS)
    assert set(tables.macro["country"]) == set(COUNTRIES)
    assert np.isfinite(tables.macro["value"]).all()
    assert np.isfinite(tables.bilateral["turnover_usd_bn"]).all()


def test_missing_years_stay_missing_in_the_bilateral_table():
    years = load_tables().bilateral["year"].tolist()
    assert years == list(range(2016, 2026))
    assert 2015 not in years


def test_empty_trade_directions_stay_empty_rather_than_filled():
    trade = load_tables().bilateral.set_index("year")
    assert math.isnan(trade.loc[2018, "uz_exports_to_kz_usd_bn"])
    assert trade.loc[2025, "uz_exports_to_kz_usd_bn"] == 1.55


def test_the_2025_turnover_is_4_97bn():
    trade = load_tables().bilateral.set_index("year")
    assert trade.loc[2025, "turnover_usd_bn"] == 4.97


def test_each_countrys_sector_shares_sum_to_100_in_every_year():
    sectors = load_tables().sectors
    totals = sectors.groupby(["country", "year"])["share_pct"].sum()
    np.testing.assert_allclose(totals, 100, atol=0.5)
    assert set(sectors["sector"]) == set(SECTORS)


@pytest.mark.parametrize(
    ("validator", "file"),
    [
        pytest.param(validate_macro, "macro.csv", id="the macro validator accepts the shipped macro table"),
        pytest.param(validate_bilateral, "bilateral_trade.csv",
                     id="the bilateral validator accepts the shipped trade table"),
        pytest.param(validate_sectors, "sector_shares.csv", id="the sector validator accepts the shipped shares"),
    ],
)
def test_each_validator_accepts_the_shipped_table(validator, file):
    frame = pd.read_csv(DATA_DIR / file, dtype=str, keep_default_na=False, na_values=[""])
    assert len(validator(frame)) > 0


# --- corrupted copies ----------------------------------------------------------------------------------------


def read_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def set_cell(file: str, row: int, column: str, value: str, expect: tuple[str, str] | None = None):
    """A corruption: set ``column`` of spreadsheet row ``row`` (header = row 1) of ``file`` to ``value``.

    ``expect`` = (column, value) checks that the row is the one meant (e.g. a GDP row).
    """

    def corrupt(directory: Path) -> None:
        rows = read_rows(directory / file)
        header = rows[0]
        target = rows[row - 1]
        if expect is not None:
            assert target[header.index(expect[0])] == expect[1], f"row {row} of {file} is not {expect}"
        target[header.index(column)] = value
        write_rows(directory / file, rows)

    return corrupt


def drop_column(file: str, column: str):
    def corrupt(directory: Path) -> None:
        rows = read_rows(directory / file)
        index = rows[0].index(column)
        write_rows(directory / file, [row[:index] + row[index + 1:] for row in rows])

    return corrupt


def drop_rows_where(file: str, column: str, value: str):
    def corrupt(directory: Path) -> None:
        rows = read_rows(directory / file)
        index = rows[0].index(column)
        write_rows(directory / file, [rows[0]] + [row for row in rows[1:] if row[index] != value])

    return corrupt


def append_copy_of_row(file: str, row: int):
    def corrupt(directory: Path) -> None:
        rows = read_rows(directory / file)
        write_rows(directory / file, rows + [list(rows[row - 1])])

    return corrupt


def replace_file(file: str, content: bytes | None):
    def corrupt(directory: Path) -> None:
        if content is None:
            (directory / file).unlink()
        else:
            (directory / file).write_bytes(content)

    return corrupt


MACRO_ROWS = len(read_rows(DATA_DIR / "macro.csv"))
TRADE_ROWS = len(read_rows(DATA_DIR / "bilateral_trade.csv"))

# (corruption, file named in the message, row named in the message or None, words in the message)
CORRUPTIONS = [
    pytest.param(drop_column("macro.csv", "unit"), "macro.csv", None, "missing column",
                 id="a missing unit column in macro.csv is refused"),
    pytest.param(drop_column("bilateral_trade.csv", "turnover_usd_bn"), "bilateral_trade.csv", None, "missing column",
                 id="a missing turnover column is refused"),
    pytest.param(set_cell("macro.csv", 5, "series", "gdp_nominal"), "macro.csv", 5, "unknown series",
                 id="an unknown series in macro.csv row 5 is refused"),
    pytest.param(set_cell("macro.csv", 3, "unit", "usd_mn"), "macro.csv", 3, "unit",
                 id="a wrong unit in macro.csv row 3 is refused"),
    pytest.param(set_cell("bilateral_trade.csv", 9, "year", "2022"), "bilateral_trade.csv", 9, "duplicate",
                 id="a second 2022 in the trade table row 9 is refused"),
    pytest.param(append_copy_of_row("macro.csv", 10), "macro.csv", MACRO_ROWS + 1, "duplicate",
                 id="a repeated macro row appended at the end is refused at its own row"),
    pytest.param(set_cell("macro.csv", 10, "value", "12,3abc"), "macro.csv", 10, "not a finite number",
                 id="a non-numeric macro value in row 10 is refused"),
    pytest.param(set_cell("bilateral_trade.csv", 5, "turnover_usd_bn", "inf"), "bilateral_trade.csv", 5,
                 "not a finite number", id="an infinite turnover in row 5 is refused"),
    pytest.param(set_cell("macro.csv", 2, "value", "-184.39", expect=("series", "gdp_current_usd")), "macro.csv", 2,
                 "must be positive", id="a negative GDP in macro.csv row 2 is refused"),
    pytest.param(set_cell("bilateral_trade.csv", 4, "turnover_usd_bn", ""), "bilateral_trade.csv", 4, "empty",
                 id="an empty turnover in row 4 is refused rather than filled"),
    pytest.param(set_cell("bilateral_trade.csv", 3, "uz_exports_to_kz_usd_bn", "-1"), "bilateral_trade.csv", 3,
                 "must be positive", id="negative exports in the trade table row 3 are refused"),
    pytest.param(set_cell("sector_shares.csv", 2, "share_pct", "29.2"), "sector_shares.csv", None, "sum to",
                 id="shares that no longer sum to 100 are refused"),
    pytest.param(set_cell("sector_shares.csv", 7, "status", "guess"), "sector_shares.csv", 7, "status",
                 id="a bad status in sector_shares.csv row 7 is refused"),
    pytest.param(set_cell("bilateral_trade.csv", 2, "status", "rumour"), "bilateral_trade.csv", 2, "status",
                 id="a bad status in the trade table row 2 is refused"),
    pytest.param(set_cell("macro.csv", 4, "country", "TJ"), "macro.csv", 4, "country",
                 id="an unknown country in macro.csv row 4 is refused"),
    pytest.param(set_cell("sector_shares.csv", 11, "country", "KG"), "sector_shares.csv", 11, "country",
                 id="an unknown country in sector_shares.csv row 11 is refused"),
    pytest.param(set_cell("sector_shares.csv", 3, "sector", "mining"), "sector_shares.csv", 3, "sector",
                 id="an unknown sector in row 3 is refused"),
    pytest.param(set_cell("sector_shares.csv", 4, "year", "20x4"), "sector_shares.csv", 4, "not a finite number",
                 id="a year that is not a number is refused"),
    pytest.param(drop_rows_where("bilateral_trade.csv", "year", "2025"), "bilateral_trade.csv", None, "2025",
                 id="a trade table without the 2025 base year is refused"),
    pytest.param(drop_rows_where("sector_shares.csv", "country", "KZ"), "sector_shares.csv", None, "KZ",
                 id="sector shares without Kazakhstan are refused"),
    pytest.param(replace_file("macro.csv", b"\xff\xfe\x00\x81garbage"), "macro.csv", None, "cannot be read",
                 id="a file that is not text is refused"),
    pytest.param(replace_file("sector_shares.csv", None), "sector_shares.csv", None, "cannot be read",
                 id="a missing file is refused"),
]


@pytest.mark.parametrize(("corrupt", "file", "row", "words"), CORRUPTIONS)
def test_a_corrupted_copy_raises_data_error_naming_file_and_row(tmp_path, corrupt, file, row, words):
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    load_tables(tmp_path)  # the untouched copy loads
    corrupt(tmp_path)
    with pytest.raises(DataError) as caught:
        load_tables(tmp_path)
    message = str(caught.value)
    assert message.startswith(file), message
    assert words in message, message
    rows_named = re.findall(r"\brow (\d+)\b", message)
    if row is None:
        assert rows_named == [], message
    else:
        assert rows_named == [str(row)], message


def test_the_corruptions_cover_every_table():
    files = {case.values[1] for case in CORRUPTIONS}
    assert files == {"macro.csv", "bilateral_trade.csv", "sector_shares.csv"}
    assert TRADE_ROWS == 11  # header + 10 years (2016-2025): the row numbers above refer to this file as shipped
