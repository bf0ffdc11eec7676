"""Downloads: formula injection is neutralised in CSV and XLSX, and the projection tables are complete and sourced."""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from exchange.exports import (
    SOURCES_SHEET,
    csv_bytes,
    neutralise_cell,
    neutralise_frame,
    projection_tables,
    sheet_name,
    xlsx_bytes,
)
from model.data import BASE_YEAR, COUNTRIES

BOM = b"\xef\xbb\xbf"
# Written out independently of the module: what a spreadsheet may evaluate.
DANGEROUS = set("=+-@") | set("\uff1d\uff0b\uff0d\uff20")


def starts_dangerously(text: str) -> bool:
    """Excel/LibreOffice could read ``text`` as a formula (or a tab/CR-led injection)."""
    if not text:
        return False
    if text[0] in "\t\r":
        return True
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in DANGEROUS


# --- neutralise_cell -----------------------------------------------------------------------------------------

INJECTIONS = [
    pytest.param("=1+1", id="equals"),
    pytest.param("+SUM(A1)", id="plus-sum"),
    pytest.param("-2+3", id="minus-as-text"),
    pytest.param("@cmd", id="at-sign"),
    pytest.param("\t=1", id="leading-tab"),
    pytest.param("\r=1", id="leading-carriage-return"),
    pytest.param(" =1", id="leading-space-then-equals"),
    pytest.param("  \n+1", id="whitespace-newline-then-plus"),
    pytest.param('=HYPERLINK("http://x")', id="hyperlink"),
    pytest.param("=cmd|' /C calc'!A0", id="dde-calc"),
    pytest.param("@SUM(1+1)*cmd|' /C calc'!A0", id="dde-at-prefixed"),
    pytest.param("\tplain after tab", id="tab-then-text"),
    # Decision: full-width ＝ ＋ － ＠ are neutralised like their ASCII forms (East-Asian IMEs and NFKC
    # folding can turn them into formula starts); the cost is an apostrophe on rare text.
    pytest.param("\uff1d1", id="fullwidth-equals"),
    pytest.param("\uff0bSUM(A1)", id="fullwidth-plus"),
    pytest.param("\uff20cmd", id="fullwidth-at"),
]

UNCHANGED = [
    pytest.param("Tashkent", id="plain-text"),
    pytest.param("Ташкент – Астана", id="cyrillic"),
    pytest.param("Oʻzbekiston Respublikasi", id="uzbek-latin"),
    pytest.param("a=b+c", id="operators-inside"),
    pytest.param("stats@gov.uz", id="email-address"),
    pytest.param("'=1", id="already-neutralised"),
    pytest.param("", id="empty-string"),
    pytest.param("   ", id="only-spaces"),
    pytest.param("#N/A", id="error-code-text"),
    pytest.param(-2.5, id="negative-float"),
    pytest.param(-3, id="negative-int"),
    pytest.param(np.float64(-1.25), id="numpy-negative-float"),
    pytest.param(np.int64(-4), id="numpy-negative-int"),
    pytest.param(0.0, id="zero"),
    pytest.param(True, id="boolean"),
    pytest.param(None, id="none"),
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_formula_like_text_gets_a_leading_apostrophe(text):
    out = neutralise_cell(text)
    assert out == "'" + text
    assert not starts_dangerously(out)


@pytest.mark.parametrize("value", UNCHANGED)
def test_safe_values_and_numbers_are_left_alone(value):
    out = neutralise_cell(value)
    assert out is value or out == value
    assert type(out) is type(value)


def test_nan_stays_a_missing_number():
    out = neutralise_cell(float("nan"))
    assert isinstance(out, float) and math.isnan(out)


def test_neutralising_twice_changes_nothing_more():
    for param in INJECTIONS:
        once = neutralise_cell(param.values[0])
        assert neutralise_cell(once) == once


# --- neutralise_frame ----------------------------------------------------------------------------------------


def injection_frame() -> pd.DataFrame:
    texts = [p.values[0] for p in INJECTIONS]
    n = len(texts)
    return pd.DataFrame({
        "text": texts,
        "label": ["Ташкент", "Oʻzbekiston", "#N/A"] * (n // 3) + ["plain"] * (n % 3),
        "value_usd_bn": [-1.5 * (i + 1) for i in range(n)],
        "year": list(range(2025, 2025 + n)),
        "=SUM(A1)": ["=1"] * n,
    })


def test_frame_neutralises_text_columns_and_names_but_not_numbers():
    frame = injection_frame()
    out = neutralise_frame(frame)
    assert list(out.columns) == ["text", "label", "value_usd_bn", "year", "'=SUM(A1)"]
    assert list(out["text"]) == ["'" + t for t in frame["text"]]
    assert list(out["label"]) == list(frame["label"])
    assert out["value_usd_bn"].dtype == float and (out["value_usd_bn"] < 0).all()
    assert out["year"].dtype == frame["year"].dtype
    assert list(frame.columns)[-1] == "=SUM(A1)", "the input frame must not be modified"
    assert frame["text"].iloc[0] == "=1+1"


def test_frame_handles_mixed_object_and_categorical_columns():
    frame = pd.DataFrame({
        "mixed": pd.Series(["=1", -2.0, None, "ok"], dtype=object),
        "category": pd.Categorical(["=a", "b", "=a", "'=a"]),
    })
    out = neutralise_frame(frame)
    assert out["mixed"].iloc[0] == "'=1"
    assert out["mixed"].iloc[1] == -2.0 and isinstance(out["mixed"].iloc[1], float)
    assert out["mixed"].iloc[2] is None or pd.isna(out["mixed"].iloc[2])
    assert list(out["category"]) == ["'=a", "b", "'=a", "'=a"]


# --- CSV -----------------------------------------------------------------------------------------------------


def test_csv_round_trip_keeps_numbers_and_quotes_every_dangerous_cell():
    frame = injection_frame()
    data = csv_bytes(frame)
    assert data.startswith(BOM)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False, dtype={"text": str})
    assert list(back.columns) == ["text", "label", "value_usd_bn", "year", "'=SUM(A1)"]
    for original, cell in zip(frame["text"], back["text"], strict=True):
        assert cell.startswith("'"), repr(cell)
        assert cell == "'" + original
        assert not starts_dangerously(cell)
    assert list(back["label"]) == list(frame["label"])
    assert back["value_usd_bn"].tolist() == pytest.approx(frame["value_usd_bn"].tolist())
    assert back["year"].tolist() == frame["year"].tolist()
    assert (back["'=SUM(A1)"] == "'=1").all()


def test_csv_is_utf8_with_bom_and_has_no_index(model):
    tables = projection_tables(model.run(), model.tables, model.registry)
    data = csv_bytes(tables["turnover"])
    assert data[:3] == BOM
    header = data[3:].split(b"\r\n", 1)[0].decode("utf-8")
    assert header.split(",") == list(tables["turnover"].columns)
    assert len(pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")) == len(tables["turnover"])


# --- XLSX ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tables(model):
    return projection_tables(model.run(), model.tables, model.registry)


@pytest.fixture(scope="module")
def workbook(tables):
    data = xlsx_bytes({**tables, "injection": injection_frame()})
    return load_workbook(io.BytesIO(data))


def test_xlsx_has_one_sheet_per_table_and_sources_last(workbook):
    assert workbook.sheetnames == ["turnover", "gdp", "sector_shares", "levers", "injection", SOURCES_SHEET]


def test_xlsx_contains_no_formula_anywhere(workbook):
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    assert not starts_dangerously(cell.value), f"{sheet.title}!{cell.coordinate}: {cell.value!r}"


def test_xlsx_injection_cells_are_text_with_apostrophe_and_numbers_stay_numbers(workbook):
    sheet = workbook["injection"]
    header = [c.value for c in sheet[1]]
    assert header == ["text", "label", "value_usd_bn", "year", "'=SUM(A1)"]
    texts = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert texts == ["'" + p.values[0] for p in INJECTIONS]
    error_like = [c for c in sheet["B"][1:] if c.value == "#N/A"]
    assert error_like and all(c.data_type == "s" for c in error_like), "text '#N/A' must stay text"
    values = [c for c in sheet["C"][1:]]
    assert all(c.data_type == "n" and c.value < 0 for c in values)


def test_xlsx_headers_bold_frozen_and_columns_sized(workbook, tables):
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
        for letter, dimension in sheet.column_dimensions.items():
            assert 8 <= dimension.width <= 60, (sheet.title, letter, dimension.width)
    sources = workbook[SOURCES_SHEET]
    assert [c.value for c in sources[1]] == list(tables["sources"].columns)
    assert sources.max_row == len(tables["sources"]) + 1


def test_xlsx_missing_values_are_empty_cells(workbook, tables):
    sheet = workbook["turnover"]
    header = [c.value for c in sheet[1]]
    trend = header.index("trend_usd_bn")
    first_data_row = next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))
    assert first_data_row[header.index("case")] == "observed"
    assert first_data_row[trend] is None


def test_xlsx_without_a_sources_table_is_refused():
    with pytest.raises(ValueError, match="sources"):
        xlsx_bytes({"turnover": pd.DataFrame({"a": [1]})})


@pytest.mark.parametrize(("name", "taken", "expected"), [
    pytest.param("turnover", set(), "turnover", id="plain"),
    pytest.param("a/b\\c[d]e:f*g?h", set(), "a_b_c_d_e_f_g_h", id="forbidden-characters"),
    pytest.param("x" * 40, set(), "x" * 31, id="truncated-to-31"),
    pytest.param("gdp", {"GDP"}, "gdp_2", id="duplicate-case-insensitive"),
    pytest.param("y" * 40, {"y" * 31}, "y" * 29 + "_2", id="duplicate-of-truncated"),
    pytest.param("History", set(), "History_", id="reserved-history"),
    pytest.param("'quoted'", set(), "quoted", id="outer-apostrophes"),
    pytest.param("", set(), "Sheet", id="empty"),
])
def test_sheet_names_are_valid(name, taken, expected):
    out = sheet_name(name, taken)
    assert out == expected
    assert 1 <= len(out) <= 31


# --- projection_tables ---------------------------------------------------------------------------------------


def test_projection_tables_are_the_expected_ones(tables):
    assert list(tables) == ["turnover", "gdp", "sector_shares", "levers", "sources"]
    assert {"year", "case", "turnover_usd_bn", "trend_usd_bn", "facilitation_usd_bn", "investment_usd_bn",
            "status", "source"} <= set(tables["turnover"].columns)
    assert {"scenario_value", "default_value", "bau_value", "source"} <= set(tables["levers"].columns)


def test_turnover_has_history_and_both_paths_without_gaps(tables, model):
    turnover = tables["turnover"]
    observed = turnover[turnover["case"] == "observed"]
    assert observed["year"].tolist() == model.tables.bilateral["year"].tolist()
    assert observed["turnover_usd_bn"].tolist() == model.tables.bilateral["turnover_usd_bn"].tolist()
    for case in ("scenario", "bau"):
        rows = turnover[turnover["case"] == case]
        assert rows["year"].tolist() == list(range(BASE_YEAR, 2036))
        assert not rows.isna().any().any(), case
    scenario = turnover[turnover["case"] == "scenario"]
    parts = scenario[["trend_usd_bn", "facilitation_usd_bn", "investment_usd_bn"]].sum(axis=1)
    assert parts.to_numpy() == pytest.approx(scenario["turnover_usd_bn"].to_numpy())


@pytest.mark.parametrize("name", ["gdp", "sector_shares", "levers"])
def test_projection_tables_have_no_missing_values(tables, name):
    assert len(tables[name]) > 0
    assert not tables[name].isna().any().any()


def test_gdp_covers_both_countries_cases_and_years(tables):
    gdp = tables["gdp"]
    assert set(gdp["country"]) == set(COUNTRIES)
    assert set(gdp["case"]) == {"scenario", "bau"}
    assert sorted(set(gdp["year"])) == list(range(BASE_YEAR, 2036))


def test_levers_show_scenario_default_and_bau(model):
    result = model.run({"trade_growth": 12})
    levers = projection_tables(result, model.tables, model.registry)["levers"].set_index("key")
    assert list(levers.index) == list(model.registry.keys)
    assert levers.loc["trade_growth", "scenario_value"] == 12
    assert levers.loc["trade_growth", "default_value"] == model.registry.by_key["trade_growth"].default
    assert levers.loc["investment_inflow", "bau_value"] == model.registry.bau()["investment_inflow"]


def test_sources_name_a_source_and_status_for_every_series(tables, model):
    sources = tables["sources"]
    assert len(sources) > 0
    for column in ("source", "status", "series", "table"):
        assert sources[column].map(lambda v: isinstance(v, str) and v.strip() != "").all(), column
    assert not sources["source"].str.lower().str.startswith("same").any(), "'same' must be resolved"
    by_table = sources.groupby("table")
    assert set(by_table.get_group("bilateral_trade.csv")["years"]) == {
        str(y) for y in model.tables.bilateral["year"]}
    macro = by_table.get_group("macro.csv")
    assert set(zip(macro["series"], macro["country"], strict=True)) == set(
        zip(model.tables.macro["series"], model.tables.macro["country"], strict=True))
    assert set(by_table.get_group("sector_shares.csv")["country"]) == set(COUNTRIES)
    assert list(by_table.get_group("assumptions.yaml")["series"]) == list(model.registry.keys)


def test_all_tables_survive_the_csv_download(tables):
    for name, frame in tables.items():
        back = pd.read_csv(io.BytesIO(csv_bytes(frame)), encoding="utf-8-sig")
        assert back.shape == frame.shape, name


# --- properties ----------------------------------------------------------------------------------------------

cell_text = st.one_of(
    st.text(),
    st.builds(lambda ws, head, tail: ws + head + tail,
              st.text(alphabet=" \t\r\n\u00a0\u3000", max_size=3),
              st.sampled_from(sorted(DANGEROUS | {"'", "a", "1"})), st.text(max_size=10)),
)


@given(cell_text)
def test_no_text_cell_begins_dangerously_after_neutralisation(text):
    out = neutralise_cell(text)
    assert not starts_dangerously(out)
    assert out in (text, "'" + text)
    assert neutralise_cell(out) == out


# Excel's largest number is 9.99999999999999E+307, and openpyxl writes 16 significant digits, so the
# floats stay well inside that; NaN and ±inf are drawn explicitly.
spreadsheet_floats = st.one_of(st.floats(min_value=-1e300, max_value=1e300),
                               st.sampled_from([math.nan, math.inf, -math.inf]))


@settings(max_examples=25, deadline=None)
@given(st.lists(cell_text, min_size=1, max_size=6), st.lists(spreadsheet_floats, min_size=1, max_size=6))
def test_no_generated_cell_becomes_a_formula_in_xlsx(texts, numbers):
    frame = pd.DataFrame({"text": pd.Series(texts, dtype=object)})
    numbers_frame = pd.DataFrame({"number": numbers})
    book = load_workbook(io.BytesIO(xlsx_bytes({"t": frame, "n": numbers_frame, "sources": frame})))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert not starts_dangerously(cell.value)
    column = [row[0] for row in book["n"].iter_rows(min_row=2, max_row=len(numbers) + 1, max_col=1)]
    for cell, value in zip(column, numbers, strict=True):
        if math.isfinite(value):  # openpyxl writes 16 significant digits; Excel keeps 15
            assert cell.data_type == "n" and cell.value == pytest.approx(value, rel=1e-15, abs=0)
        else:
            assert cell.value is None, "NaN and ±inf are not valid in XLSX; they become empty cells"
