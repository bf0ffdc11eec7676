"""Bring your own baseline data: the template, reading, every problem a user can make, merging and the CLI."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli import main as cli
from exchange.uploads import (
    MAX_BYTES,
    MAX_ROWS,
    REQUIRED_COLUMNS,
    TEMPLATE_COLUMNS,
    TEMPLATE_PATH,
    Problem,
    SummaryItem,
    UploadError,
    UploadSummary,
    apply_upload,
    check_upload,
    read_upload,
    summarise,
    template_csv,
    template_frame,
    validate_upload,
)
from model.api import load_model, model_from_tables
from model.data import BaselineTables, load_tables
from presentation.i18n import Translator
from presentation.upload_text import summary_text

ROOT = Path(__file__).resolve().parent.parent
UPLOADS = ROOT / "tests" / "fixtures" / "uploads"
ONLY_GROWTH = {"trade_growth": 7.5, "investment_inflow": 0.0, "launched_projects": 0.0, "trade_cost_cut": 0.0}


@pytest.fixture(scope="module")
def shipped() -> BaselineTables:
    return load_tables()


@pytest.fixture(scope="module")
def template(shipped: BaselineTables) -> pd.DataFrame:
    return template_frame(shipped)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def position(frame: pd.DataFrame, series: str, country: str, year: int) -> int:
    """Position of the template row for (series, country, year); its spreadsheet row is position + 2."""
    hits = np.flatnonzero(((frame["series"] == series) & (frame["country"] == country)
                           & (frame["year"] == str(year))).to_numpy())
    assert len(hits) == 1, (series, country, year)
    return int(hits[0])


def tables_equal(a: BaselineTables, b: BaselineTables) -> bool:
    return (a.macro.equals(b.macro) and a.bilateral.equals(b.bilateral) and a.sectors.equals(b.sectors)
            and a.ytd.equals(b.ytd))


# --- the template -------------------------------------------------------------------------------------------


def test_template_file_is_generated_from_the_shipped_tables(shipped: BaselineTables, template: pd.DataFrame) -> None:
    assert TEMPLATE_PATH.read_bytes() == template_csv(shipped), "regenerate: python -c 'from exchange.uploads " \
                                                                "import write_template; write_template()'"
    on_disk = pd.read_csv(TEMPLATE_PATH, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(on_disk, template.astype(str))
    assert list(on_disk.columns) == list(TEMPLATE_COLUMNS)


def test_template_holds_every_shipped_figure(shipped: BaselineTables, template: pd.DataFrame) -> None:
    trade_cells = int(shipped.bilateral[["turnover_usd_bn", "uz_exports_to_kz_usd_bn",
                                         "uz_imports_from_kz_usd_bn"]].notna().sum().sum())
    assert len(template) == len(shipped.macro) + trade_cells + len(shipped.sectors) + len(shipped.ytd)
    row = template.iloc[position(template, "turnover_usd_bn", "UZ", 2025)]
    assert (row["value"], row["unit"], row["status"]) == ("4.97", "usd_bn", "official")
    assert set(template.loc[template["series"].str.startswith("sector_share_"), "unit"]) == {"pct_of_gva"}
    assert not template["source"].isin(["same", ""]).any()


def test_template_validates_and_applying_it_changes_nothing(shipped: BaselineTables, template: pd.DataFrame) -> None:
    assert validate_upload(template) == []
    data = TEMPLATE_PATH.read_bytes()
    result = check_upload("baseline_template.csv", data, shipped)
    assert result.ok, result.problems
    assert result.tables is not None
    assert tables_equal(result.tables, shipped)
    assert result.tables.origin == "user:" + hashlib.sha256(data).hexdigest()[:12]
    assert result.summary == UploadSummary(len(template), (), (), len(template), 0)
    before = load_model().run()
    after = model_from_tables(result.tables).run()
    np.testing.assert_array_equal(after.scenario.turnover.total, before.scenario.turnover.total)
    np.testing.assert_array_equal(after.bau.turnover.total, before.bau.turnover.total)


def test_utf8_bom_and_semicolons_are_read(shipped: BaselineTables, template: pd.DataFrame) -> None:
    bom = b"\xef\xbb\xbf" + csv_bytes(template)
    assert check_upload("t.csv", bom, shipped).ok
    semicolons = template.to_csv(index=False, sep=";", lineterminator="\r\n").encode("utf-8")
    result = check_upload("t.csv", semicolons, shipped)
    assert result.ok, result.problems[:3]


# --- malformed uploads --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A malformed upload built from the template, with what must be reported."""

    name: str
    build: Callable[[pd.DataFrame], bytes | pd.DataFrame]
    message: str
    row: int | None | str = "any"  # "any": not checked
    column: str | None = None
    filename: str = "upload.csv"


def edit(series: str, country: str, year: int, column: str, value: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def build(frame: pd.DataFrame) -> pd.DataFrame:
        out = frame.copy()
        out.iloc[position(frame, series, country, year), out.columns.get_loc(column)] = value
        return out
    return build


def gdp_row(t: pd.DataFrame) -> int:
    return position(t, "gdp_current_usd", "UZ", 2025) + 2


def _latin1(frame: pd.DataFrame) -> bytes:
    out = frame.copy()
    out.loc[0, "source"] = "Banque mondiale, données de juillet"
    return out.to_csv(index=False).encode("latin-1", errors="replace")  # the shipped sources hold en dashes


def _too_many_rows(frame: pd.DataFrame) -> bytes:
    rows = pd.concat([frame] * (MAX_ROWS // len(frame) + 1), ignore_index=True).iloc[: MAX_ROWS + 1]
    return csv_bytes(rows)


def _zip_not_workbook(_frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return buffer.getvalue()


def _unquoted_comma(frame: pd.DataFrame) -> bytes:
    lines = csv_bytes(frame.iloc[:3]).decode().splitlines()
    lines.append("gdp_current_usd,UZ,2026,150,usd_bn,World Bank, July release,official")
    return ("\n".join(lines) + "\n").encode()


def _sector(country: str, year: int, sector: str) -> tuple[str, str, int]:
    return f"sector_share_{sector}", country, year


def _drop(series: str, country: str, year: int) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def build(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.drop(index=frame.index[position(frame, series, country, year)]).reset_index(drop=True)
    return build


def _append(series: str, country: str, year: int, value: str, unit: str = "usd_bn") -> Callable[..., pd.DataFrame]:
    def build(frame: pd.DataFrame) -> pd.DataFrame:
        cells = [series, country, str(year), value, unit, "test", "estimate"]
        row = pd.DataFrame([cells + [""] * (len(frame.columns) - len(cells))], columns=frame.columns)
        return pd.concat([frame, row], ignore_index=True)
    return build


CASES = [
    Case("missing column", lambda t: t.drop(columns=["unit"]), "the column 'unit' is missing", None, "unit"),
    Case("unknown column", lambda t: t.assign(comment="x"), "unknown column 'comment'", 1, "comment"),
    Case("unknown series", edit("gdp_current_usd", "UZ", 2025, "series", "gdp_nominal"),
         "unknown series 'gdp_nominal'", "gdp", "series"),
    Case("wrong unit", edit("gdp_current_usd", "UZ", 2025, "unit", "usd"),
         "unit 'usd' does not match the series gdp_current_usd; use 'usd_bn'", "gdp", "unit"),
    Case("bad country", edit("gdp_current_usd", "UZ", 2025, "country", "TJ"), "country 'TJ' is not UZ or KZ",
         "gdp", "country"),
    Case("trade reported by KZ", edit("turnover_usd_bn", "UZ", 2025, "country", "KZ"),
         "bilateral trade rows use UZ", "any", "country"),
    Case("fractional year", edit("gdp_current_usd", "UZ", 2025, "year", "2025.5"), "'2025.5' is not a whole number",
         "gdp", "year"),
    Case("year 3000", edit("gdp_current_usd", "UZ", 2025, "year", "3000"), "year 3000 is outside 1990–2100",
         "gdp", "year"),
    Case("year not a number", edit("gdp_current_usd", "UZ", 2025, "year", "last year"),
         "'last year' is not a year", "gdp", "year"),
    Case("empty value", edit("gdp_current_usd", "UZ", 2025, "value", ""), "the value is empty", "gdp", "value"),
    Case("value abc", edit("gdp_current_usd", "UZ", 2025, "value", "abc"), "'abc' is not a number", "gdp", "value"),
    Case("value nan", edit("gdp_current_usd", "UZ", 2025, "value", "nan"), "'nan' is not a number", "gdp", "value"),
    Case("value inf", edit("gdp_current_usd", "UZ", 2025, "value", "inf"), "'inf' is not a finite number",
         "gdp", "value"),
    Case("decimal comma", edit("gdp_current_usd", "UZ", 2025, "value", "147,04"),
         "use a point as the decimal separator: 147.04", "gdp", "value"),
    Case("negative GDP", edit("gdp_current_usd", "UZ", 2025, "value", "-5"), "gdp_current_usd must be positive, not -5",
         "gdp", "value"),
    Case("zero population", edit("population", "KZ", 2025, "value", "0"), "population must be positive, not 0",
         "any", "value"),
    Case("negative turnover", edit("turnover_usd_bn", "UZ", 2025, "value", "-4.97"),
         "turnover_usd_bn must be positive", "any", "value"),
    Case("duplicate row", lambda t: pd.concat([t, t.iloc[[position(t, "gdp_current_usd", "UZ", 2025)]]],
                                              ignore_index=True),
         "appears twice", "last", None),
    Case("bad status", edit("gdp_current_usd", "UZ", 2025, "status", "guess"),
         "status 'guess' is not one of: official, official statement, derived, assumption, estimate", "gdp", "status"),
    Case("empty source", edit("gdp_current_usd", "UZ", 2025, "source", "  "), "the source is empty", "gdp", "source"),
    Case("shares not summing to 100", edit(*_sector("UZ", 2024, "agriculture"), "value", "25"),
         "the sector shares of UZ 2024 sum to 105.8, not 100 (± 0.5)", "share", "value"),
    Case("three of four shares", _drop(*_sector("UZ", 2024, "agriculture")),
         "only 3 of the 4 sector shares are given (missing: agriculture)", "any", "series"),
    Case("share above 100", edit(*_sector("KZ", 2023, "services"), "value", "160"), "a sector share is at most 100",
         "any", "value"),
    Case("bytes in no known encoding", lambda t: bytes(range(256)) * 4,
         "the file is not text in a known encoding (UTF-8, UTF-16, Windows-1251)", None, None),
    Case("file over 2 MB", lambda t: b"x" * (MAX_BYTES + 1), "the limit is 2 MB", None, None),
    Case("too many rows", _too_many_rows, f"the file has {MAX_ROWS + 1:,} data rows; the limit is {MAX_ROWS:,}",
         None, None),
    Case("empty file", lambda t: b"", "the file is empty", None, None),
    Case("blank file", lambda t: b"\n\n  \n", "the file is empty", None, None),
    Case("header only", lambda t: b"series,country,year,value,unit,source,status\n",
         "the file has a header row but no data rows", 1, None),
    Case("xlsx that is not a zip", lambda t: csv_bytes(t), "it is not a zip file", None, None, "upload.xlsx"),
    Case("zip that is not a workbook", _zip_not_workbook, "the .xlsx workbook cannot be opened", None, None,
         "upload.xlsx"),
    Case("broken old .xls", lambda t: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
         "the .xls workbook cannot be opened", None, None,
         "upload.xlsx"),
    Case("unsupported extension", lambda t: csv_bytes(t), "'.json' files are not supported", None, None,
         "upload.json"),
    Case("unquoted comma in a source", _unquoted_comma, "comma in a text that is not in double quotes", 5, None),
    Case("trade year without turnover", _append("uz_exports_to_kz_usd_bn", "UZ", 2026, "1.7"),
         "2026 is not in the shipped trade table and the file gives uz_exports_to_kz_usd_bn for it but not "
         "turnover_usd_bn", "last", "series"),
    Case("derived default out of range", edit("turnover_usd_bn", "UZ", 2019, "value", "0.3"),
         "the derived default of trade_growth (", None, None),
]


def _expected_row(case: Case, frame: pd.DataFrame | None, template: pd.DataFrame) -> int | None | str:
    if case.row == "gdp":
        return gdp_row(template)
    if case.row == "share":
        return position(template, *_sector("UZ", 2024, "agriculture")) + 2
    if case.row == "last":
        assert frame is not None
        return len(frame) + 1
    return case.row


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_malformed_upload_is_reported(case: Case, shipped: BaselineTables, template: pd.DataFrame) -> None:
    built = case.build(template)
    frame = built if isinstance(built, pd.DataFrame) else None
    data = csv_bytes(built) if isinstance(built, pd.DataFrame) else built
    result = check_upload(case.filename, data, shipped)
    assert not result.ok and result.tables is None and result.summary is None
    matching = [p for p in result.problems if case.message in p.message]
    assert matching, f"{case.message!r} not in {[str(p) for p in result.problems][:5]}"
    problem = matching[0]
    expected_row = _expected_row(case, frame, template)
    if expected_row != "any":
        assert problem.row == expected_row, str(problem)
    if case.column is not None or expected_row is None:
        assert problem.column == case.column, str(problem)
    assert "\n" not in str(problem)


def test_there_are_at_least_twenty_malformed_cases() -> None:
    assert len(CASES) >= 20


def test_missing_base_year_turnover(shipped: BaselineTables, template: pd.DataFrame) -> None:
    """The merge can only add or replace, so the base year goes missing only from tables that lack it."""
    without = replace(shipped, bilateral=shipped.bilateral[shipped.bilateral["year"] != 2025].reset_index(drop=True))
    upload = template[~((template["year"] == "2025") & template["series"].str.contains("_usd_bn") &
                        (template["country"] == "UZ") & ~template["series"].str.startswith("gdp"))]
    result = check_upload("upload.csv", csv_bytes(upload), without)
    messages = [p.message for p in result.problems]
    assert any(m.startswith("the base year 2025 turnover is missing") for m in messages), messages
    assert any("the base year 2025 UZ exports to KZ is missing" in m or "UZ exports to KZ" in m for m in messages)


def test_several_problems_are_all_reported(shipped: BaselineTables) -> None:
    result = check_upload("several_problems.csv", (UPLOADS / "several_problems.csv").read_bytes(), shipped)
    found = {(p.row, p.column) for p in result.problems}
    assert {(2, "value"), (3, "country"), (4, "year"), (4, "source"), (5, "status")} <= found
    duplicates = [p for p in result.problems if "appears twice" in p.message]
    assert [(p.row, p.column) for p in duplicates] == [(6, None)]
    assert "duplicate of row 5" in duplicates[0].message
    assert str(result.problems[0]) == "row 2, column value: 'abc' is not a number"
    assert len(result.problems) == 6


def test_template_edits_are_collected_not_stopped_at_the_first(template: pd.DataFrame) -> None:
    frame = template.copy()
    for index, column, value in [(0, "value", "abc"), (5, "unit", "usd"), (9, "status", "maybe"),
                                 (40, "country", "Kazakhstan"), (200, "year", "20x5")]:
        frame.iloc[index, frame.columns.get_loc(column)] = value
    problems = validate_upload(frame)
    assert [(p.row, p.column) for p in problems] == [(2, "value"), (7, "unit"), (11, "status"), (42, "country"),
                                                     (202, "year")]


def test_blank_rows_keep_spreadsheet_row_numbers(shipped: BaselineTables, template: pd.DataFrame) -> None:
    lines = csv_bytes(template.iloc[:4]).decode().splitlines()
    lines[3] = lines[3].replace("official", "guess")  # row 4 of the sheet
    text = "\n".join(lines[:2] + [",,,,,,", ""] + lines[2:]) + "\n\n\n"  # blank rows 3 and 4; guess is now row 6
    problems = check_upload("upload.csv", text.encode(), shipped).problems
    assert [(p.row, p.column) for p in problems] == [(6, "status")]


def test_negative_growth_and_fdi_are_allowed(shipped: BaselineTables, template: pd.DataFrame) -> None:
    frame = edit("real_gdp_growth", "KZ", 2020, "value", "-3.1")(template)
    frame = edit("fdi_net_inflows", "KZ", 2024, "value", "-0.5")(frame)
    assert validate_upload(frame) == []
    assert check_upload("upload.csv", csv_bytes(frame), shipped).ok


def test_apply_upload_raises_with_every_problem(shipped: BaselineTables, template: pd.DataFrame) -> None:
    frame = edit("gdp_current_usd", "UZ", 2025, "value", "abc")(template)
    frame = edit("population", "UZ", 2025, "value", "-1")(frame)
    with pytest.raises(UploadError) as raised:
        apply_upload(frame, shipped)
    assert len(raised.value.problems) == 2
    assert all(isinstance(p, Problem) for p in raised.value.problems)


def test_read_upload_raises_upload_error_with_problems() -> None:
    with pytest.raises(UploadError) as raised:
        read_upload("x.csv", bytes(range(256)) * 4)
    assert raised.value.problems == [Problem(None, None, "the file is not text in a known encoding (UTF-8, UTF-16, "
                                                         "Windows-1251); save it as CSV UTF-8 or Excel .xlsx",
                                                         "not_text")]


def test_windows_1252_file_is_read(template: pd.DataFrame) -> None:
    frame = read_upload("x.csv", _latin1(template))
    assert frame.loc[0, "source"] == "Banque mondiale, données de juillet"
    assert frame.attrs["reading"].encoding == "Windows-1252"


# --- valid changes move the outputs as the model predicts ---------------------------------------------------


def test_new_base_turnover_scales_the_path(shipped: BaselineTables) -> None:
    data = (UPLOADS / "turnover_2025_5.5.csv").read_bytes()
    result = check_upload("turnover_2025_5.5.csv", data, shipped)
    assert result.ok, result.problems
    assert result.summary == UploadSummary(1, (SummaryItem("turnover_usd_bn", "UZ", 2025, 0, 5.5, 4.97),), (), 0, 0)
    assert result.tables is not None
    assert result.tables.origin == "user:" + hashlib.sha256(data).hexdigest()[:12]
    base = result.tables.bilateral.set_index("year").loc[2025]
    assert (base["turnover_usd_bn"], base["uz_exports_to_kz_usd_bn"], base["status"]) == (5.5, 1.55, "estimate")
    assert base["reporter"] == "UZ"
    assert result.tables.macro.equals(shipped.macro) and result.tables.sectors.equals(shipped.sectors)

    old, new = load_model(), model_from_tables(result.tables)
    before, after = old.run(ONLY_GROWTH), new.run(ONLY_GROWTH)
    np.testing.assert_allclose(after.scenario.turnover.total, before.scenario.turnover.total * 5.5 / 4.97, rtol=1e-12)
    assert after.scenario.turnover.total[0] == pytest.approx(5.5)
    need_before = old.goal_seek("trade_growth", old.values(ONLY_GROWTH)).value
    need_after = new.goal_seek("trade_growth", new.values(ONLY_GROWTH)).value
    assert need_before == pytest.approx(((10 / 4.97) ** (1 / 5) - 1) * 100, abs=1e-3)
    assert need_after == pytest.approx(((10 / 5.5) ** (1 / 5) - 1) * 100, abs=1e-3)
    assert need_after < need_before
    # the derived default growth (CAGR 2019→2025, from 3.32) follows the new base year
    assert new.registry.by_key["trade_growth"].default == pytest.approx(round(((5.5 / 3.32) ** (1 / 6) - 1) * 100, 1))


def test_added_year_and_replaced_shares(shipped: BaselineTables) -> None:
    rows = [
        ["gdp_current_usd", "UZ", "2026", "160", "usd_bn", "test forecast", "estimate"],
        ["turnover_usd_bn", "UZ", "2026", "5.3", "usd_bn", "test", "estimate"],
        *[[f"sector_share_{s}", "KZ", "2023", v, "pct_of_gva", "test", "official"]
          for s, v in [("agriculture", "5"), ("industry", "30"), ("construction", "6"), ("services", "59")]],
    ]
    frame = pd.DataFrame(rows, columns=list(REQUIRED_COLUMNS))  # a file without the year-to-date columns
    tables = apply_upload(frame, shipped)
    trade = tables.bilateral.set_index("year")
    assert trade.loc[2026, "turnover_usd_bn"] == 5.3 and np.isnan(trade.loc[2026, "uz_exports_to_kz_usd_bn"])
    kz = tables.sectors[(tables.sectors["country"] == "KZ") & (tables.sectors["year"] == 2023)]
    assert kz.set_index("sector")["share_pct"].to_dict() == {"agriculture": 5, "industry": 30, "construction": 6,
                                                              "services": 59}
    assert len(tables.sectors) == len(shipped.sectors)
    assert tables.origin.startswith("user:") and len(tables.origin) == len("user:") + 12
    summary = summarise(frame, shipped)
    assert summary == UploadSummary(6, (SummaryItem("sector_share_agriculture", "KZ", 2023, 0, 5.0, 4.1),
                                        SummaryItem("sector_share_industry", "KZ", 2023, 0, 30.0, 29.0),
                                        SummaryItem("sector_share_services", "KZ", 2023, 0, 59.0, 60.9)),
                                    (SummaryItem("gdp_current_usd", "UZ", 2026, 0, 160.0, None),
                                     SummaryItem("turnover_usd_bn", "UZ", 2026, 0, 5.3, None)), 1, 0)
    assert summary_text(summary, Translator("en")) == (
        "6 rows: 3 changed (sector_share_agriculture KZ 2023: 4.1 → 5; sector_share_industry KZ 2023: 29 → 30; "
        "sector_share_services KZ 2023: 60.9 → 59), 2 added (gdp_current_usd UZ 2026; turnover_usd_bn UZ 2026), "
        "1 same as the shipped data")
    assert summary_text(summary, Translator("ru")) == (
        "6 строк: изменено: 3 (sector_share_agriculture KZ 2023: 4,1 → 5; sector_share_industry KZ 2023: 29 → 30; "
        "sector_share_services KZ 2023: 60,9 → 59), добавлено: 2 (gdp_current_usd UZ 2026; turnover_usd_bn UZ 2026), "
        "совпадает с поставляемыми данными: 1")
    assert model_from_tables(tables).baseline.sector_shares[1].tolist() == pytest.approx([0.05, 0.30, 0.06, 0.59])


def test_xlsx_round_trip(shipped: BaselineTables, template: pd.DataFrame) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(TEMPLATE_COLUMNS))
    for record in template.itertuples(index=False):
        sheet.append([record.series, record.country, int(record.year), float(record.value), record.unit,
                      record.source, record.status, int(record.months) if record.months else None,
                      float(record.same_period_prior_year) if record.same_period_prior_year else None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    frame = read_upload("baseline.xlsx", data)
    pd.testing.assert_frame_equal(frame.reset_index(drop=True), template, check_dtype=False)
    result = check_upload("baseline.xlsx", data, shipped)
    assert result.ok, result.problems[:3]
    assert result.tables is not None and tables_equal(result.tables, shipped)

    sheet.cell(row=position(template, "turnover_usd_bn", "UZ", 2025) + 2, column=4, value=5.5)
    buffer = io.BytesIO()
    workbook.save(buffer)
    changed = check_upload("baseline.xlsx", buffer.getvalue(), shipped)
    assert changed.ok and changed.tables is not None
    assert changed.tables.bilateral.set_index("year").loc[2025, "turnover_usd_bn"] == 5.5
    assert changed.summary is not None and changed.summary.changed == (
        SummaryItem("turnover_usd_bn", "UZ", 2025, 0, 5.5, 4.97),)
    assert "1 changed (turnover_usd_bn UZ 2025: 4.97 → 5.5)" in summary_text(changed.summary, Translator("en"))


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode)),
       name=st.sampled_from(["a.csv", "a.xlsx", "a.txt"]))
def test_arbitrary_bytes_never_raise(data: bytes, name: str, shipped: BaselineTables) -> None:
    result = check_upload(name, data, shipped)
    assert result.ok or result.problems


# --- CLI ----------------------------------------------------------------------------------------------------


def cli_run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "model", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)


def test_cli_accepts_the_template_and_prints_its_preview() -> None:
    done = cli_run("validate-data", str(TEMPLATE_PATH))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.strip().split("\n")
    assert lines[0] == "Read as text, encoding UTF-8, columns separated by comma, decimal point."
    assert lines[-1].endswith("same as the shipped data")
    assert lines[2] == "Preview: what would change"
    assert lines[3].split() == ["Row", "Column", "Series", "Country", "Year", "Value", "Unit", "As", "read", "Shipped",
                                "figure"]
    figures = len(template_frame(load_tables()))
    assert len(lines) == 4 + figures + 1  # reading, blank, heading, header, one line per figure, summary


def test_cli_reports_every_problem_and_exits_2() -> None:
    done = cli_run("validate-data", str(UPLOADS / "several_problems.csv"))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines[0].startswith("Read as text, encoding UTF-8")
    problems = [line for line in lines if line.startswith("row ")]
    assert problems[0] == "row 2, column value: 'abc' is not a number"
    assert len(problems) == 6
    assert lines[-len(problems):] == problems  # the preview of the usable rows first, then every problem


def test_cli_json(tmp_path: Path) -> None:
    done = cli_run("validate-data", str(UPLOADS / "turnover_2025_5.5.csv"), "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out == {"ok": True, "problems": [],
                   "summary": {"rows": 1, "same": 0, "bad": 0, "added": [],
                               "changed": [{"series": "turnover_usd_bn", "country": "UZ", "year": 2025, "months": 0,
                                            "value": 5.5, "shipped": 4.97}]},
                   "needs_mapping": False, "left_out": [],
                   "preview": [{"row": 2, "column": "value", "series": "turnover_usd_bn", "country": "UZ", "year": 2025,
                                "value": 5.5, "unit": "usd_bn", "as_read": "5.5", "shipped": 4.97}],
                   "reading": {"kind": "text", "encoding": "UTF-8", "delimiter": ",", "decimal": ".", "grouping": "",
                               "layout": "template", "reporter": None, "unit": ""}}
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    done = cli_run("validate-data", str(bad), "--json")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    out = json.loads(done.stdout)
    assert out["ok"] is False and out["summary"] is None
    assert out["problems"][0]["row"] is None and "not a zip file" in out["problems"][0]["message"]


def test_cli_missing_file_in_process(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status = cli.main(["validate-data", str(tmp_path / "absent.csv")])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.err.startswith("cannot read ") and "No such file" in captured.err
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (MAX_BYTES + 10))
    assert cli.main(["validate-data", str(big)]) == 2
    assert "the limit is 2 MB" in capsys.readouterr().err
