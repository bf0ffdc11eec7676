"""Every layout the upload reads, from hand-made fixtures, against its expected long table.

tests/fixtures/layouts/ holds one small file per layout, written in the project in the documented layouts (no
copied downloads; tests/fixtures/layouts/README.md says what each shows), and in expected/ the long table each
must give: the file row and column each figure was read from, series, country, year, value in the template
unit (computed by hand from the cells: 121 360,0 млн долл. США = 121.36 USD bn) and the cell as read.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from cli_runner import cli_json, cli_run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange.mapping import (
    Mapping,
    MappingFileError,
    Pick,
    UnitChoice,
    apply_mapping,
    dump,
    load,
    row_choices,
    suggest,
)
from exchange.preview import Prepared, prepare
from exchange.units import StatedUnit, factor, stated_unit
from model.api import Model
from model.data import BaselineTables

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "layouts"
NBSP, NNBSP = "\u00a0", "\u202f"

# fixture → (expected table, how it must be read: encoding, delimiter, decimal, grouping, layout, reporter)
CASES = {
    "wdi_bulk.csv": ("wdi_bulk.csv", ("UTF-8", ",", ".", "", "wdi_bulk", None)),
    "wdi_databank.csv": ("wdi_databank.csv", ("UTF-8", ",", ".", "", "wdi_databank", None)),
    "comtrade_plus.csv": ("comtrade_plus.csv", ("UTF-8", ",", ".", "", "comtrade", "UZ")),
    "comtrade_kazakh_report.csv": ("comtrade_kazakh_report.csv", ("UTF-8", ",", ".", "", "comtrade", "KZ")),
    "national_trade_wide.csv": ("national_trade_wide.csv", ("UTF-8 with BOM", ";", ",", " ", "national_wide", "UZ")),
    "template_semicolon_cp1251.csv": ("template_semicolon_cp1251.csv", ("Windows-1251", ";", ",", NBSP, "template",
                                                                        None)),
    "template_unicode_text.txt": ("template_unicode_text.csv", ("UTF-16 with BOM", "\t", ",", NBSP, "template", None)),
    "template_tab_text.xls": ("template_tab_text.csv", ("Windows-1251", "\t", ",", NBSP, "template", None)),
    "template.xlsx": ("template_xlsx.csv", (None, None, ".", "", "template", None)),
    "mapped_long.csv": ("mapped_long.csv", ("UTF-8 with BOM", ";", ",", NBSP, "mapped", None)),
    "national_population_wide.csv": ("national_population_wide.csv", ("UTF-8 with BOM", ";", ",", " ", "mapped",
                                                                      None)),
}
MAPPINGS = {"mapped_long.csv": "mapped_long.mapping.json",
            "national_population_wide.csv": "national_population_wide.mapping.yaml"}
LEFT_OUT = {  # fixture → {file row: reason code} of every row not used
    "comtrade_plus.csv": {4: "comtrade_re_flow", 5: "comtrade_re_flow", 6: "comtrade_world", 7: "comtrade_commodity",
                          10: "comtrade_other_reporter", 11: "comtrade_other_reporter"},
    "comtrade_kazakh_report.csv": {4: "comtrade_monthly", 5: "comtrade_services", 6: "comtrade_partner"},
    "wdi_bulk.csv": {8: "wdi_not_used", 9: "wdi_not_used"},
    "national_trade_wide.csv": {4: "national_other_row", 6: "national_other_row"},
    "mapped_long.csv": {6: "mapping_country"},
    "national_population_wide.csv": {4: "national_other_row", 5: "national_other_row"},
}


def prepared(name: str, shipped: BaselineTables) -> Prepared:
    mapping = load((FIXTURES / MAPPINGS[name]).read_bytes()) if name in MAPPINGS else None
    return prepare(name, (FIXTURES / name).read_bytes(), shipped, mapping=mapping)


@pytest.fixture(scope="module")
def shipped(model: Model) -> BaselineTables:
    return model.tables


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_layout_gives_its_expected_long_table(name: str, shipped: BaselineTables) -> None:
    table, (encoding, delimiter, decimal, grouping, layout, reporter) = CASES[name]
    result = prepared(name, shipped)
    assert result.ok, result.problems
    expected = list(csv.DictReader(io.StringIO((FIXTURES / "expected" / table).read_text(encoding="utf-8"))))
    got = [{"row": str(r.row), "column": r.column, "series": r.series, "country": r.country, "year": str(r.year),
            "value": r.value, "unit": r.unit, "as_read": r.as_read} for r in result.preview]
    assert got == [{**row, "value": float(Decimal(row["value"]))} for row in expected]
    reading = result.reading
    assert reading is not None
    assert (reading.encoding, reading.delimiter, reading.decimal, reading.grouping, reading.layout,
            reading.reporter) == (encoding, delimiter, decimal, grouping, layout, reporter)
    assert {item.row: item.code for item in result.left_out} == LEFT_OUT.get(name, {})


def test_comtrade_takes_one_reporter_never_both(shipped: BaselineTables) -> None:
    result = prepared("comtrade_plus.csv", shipped)
    turnover = {r.year: r.value for r in result.preview if r.series == "turnover_usd_bn"}
    # Uzbekistan's X + M only: Kazakhstan's 3.1 + 1.3 of the same file is left out, not added
    assert turnover[2023] == float(Decimal("1234567890.5") + Decimal("2800000000")) / 1e9
    assert result.tables is not None
    trade = result.tables.bilateral.set_index("year")
    assert trade.loc[2023, "reporter"] == "UZ" and trade.loc[2023, "turnover_usd_bn"] == turnover[2023]


def test_kazakh_report_alone_is_read_as_mirror_figures_and_said_so(shipped: BaselineTables) -> None:
    result = prepared("comtrade_kazakh_report.csv", shipped)
    assert result.tables is not None
    row = result.tables.bilateral.set_index("year").loc[2023]
    assert row["reporter"] == "KZ" and "mirror statistics" in row["status"]
    # Kazakhstan's imports from Uzbekistan are Uzbekistan's exports to Kazakhstan
    assert (row["uz_exports_to_kz_usd_bn"], row["uz_imports_from_kz_usd_bn"]) == (1.3, 3.1)


def test_the_shipped_data_never_change(shipped: BaselineTables, model: Model) -> None:
    before = shipped.bilateral.copy()
    for name in CASES:
        prepared(name, shipped)
    assert shipped.bilateral.equals(before) and model.tables.bilateral.equals(before)


def test_an_unknown_layout_asks_for_a_mapping_instead_of_refusing(shipped: BaselineTables) -> None:
    result = prepare("mapped_long.csv", (FIXTURES / "mapped_long.csv").read_bytes(), shipped)
    assert result.needs_mapping and not result.problems and result.records is not None
    assert result.reading is not None and result.reading.decimal == ""  # not said before the figures are known
    guess = suggest(result.records)  # the title line skipped, the columns guessed by their Russian names
    assert (guess.shape, guess.header_row, guess.year, guess.value, guess.series.column, guess.country.column) == (
        "long", 2, "Год", "Значение, млн долл. США", "Показатель", "Страна")
    assert guess.unit is None  # the unit is the file's (here in the column name) or the user's, never guessed


# --- units: read where stated, otherwise asked; never off by 1,000 ------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("млн долл. США", StatedUnit("usd", "million", "млн долл. США")),
    ("mln. AQSH dollari", StatedUnit("usd", "million", "mln. AQSH dollari")),
    ("thousand US$", StatedUnit("usd", "thousand", "thousand US$")),
    ("млрд сумов", StatedUnit("lcu", "billion", "млрд сумов")),
    ("mlrd. soʻm", StatedUnit("lcu", "billion", "mlrd. soʻm")),
    ("тыс. человек", StatedUnit("persons", "thousand", "тыс. человек")),
    ("ming kishi", StatedUnit("persons", "thousand", "ming kishi")),
    ("в % к ВВП", StatedUnit("percent", "one", "в % к ВВП")),
    ("Сумма", None), ("thousand", None), ("Значение", None),
])
def test_stated_units(text: str, expected: StatedUnit | None) -> None:
    assert stated_unit(text) == expected


def test_factors_are_exact_and_refuse_another_currency() -> None:
    assert factor(StatedUnit("usd", "million"), "usd_bn") == Decimal("0.001")
    assert factor(StatedUnit("usd", "one"), "usd_bn") == Decimal("1e-9")
    assert factor(StatedUnit("persons", "thousand"), "million") == Decimal("0.001")
    assert factor(StatedUnit("lcu", "billion"), "usd_bn") is None  # soum are never converted to dollars here
    assert factor(StatedUnit("persons", "one"), "pct_of_gdp") is None


def wide_mapping(**changes: object) -> Mapping:
    base = load((FIXTURES / "national_population_wide.mapping.yaml").read_bytes())
    return base.model_copy(update=changes)


def test_a_unit_that_does_not_fit_the_series_is_refused(shipped: BaselineTables) -> None:
    data = (FIXTURES / "national_population_wide.csv").read_bytes()
    result = prepare("p.csv", data, shipped, mapping=wide_mapping(series=Pick(fixed="gdp_current_usd")))
    assert not result.ok and [p.code for p in result.problems] == ["unit_mismatch"]
    assert result.problems[0].values["kind"] == "persons"


def test_no_unit_stated_and_none_chosen_is_asked_never_assumed(shipped: BaselineTables) -> None:
    data = b"Year;Country;Series;Value\n2025;UZ;gdp_current_usd;147040\n"
    mapping = Mapping(year="Year", value="Value", series=Pick(column="Series"), country=Pick(column="Country"))
    result = prepare("x.csv", data, shipped, mapping=mapping)
    assert [p.code for p in result.problems] == ["unit_unknown"] and not result.preview
    chosen = mapping.model_copy(update={"unit": UnitChoice(kind="usd", scale="million")})
    result = prepare("x.csv", data, shipped, mapping=chosen)
    assert result.ok and [r.value for r in result.preview] == [147.04]


def test_mapping_files_round_trip_and_bad_ones_are_named() -> None:
    mapping = load((FIXTURES / "mapped_long.mapping.json").read_bytes())
    assert load(dump(mapping)) == mapping
    with pytest.raises(MappingFileError, match="not a mapping file"):
        load('{"shape": "long"}')
    with pytest.raises(MappingFileError, match="unit.kind"):
        load('{"format": "hamkorlik-mapping", "unit": {"kind": "euro"}}')
    with pytest.raises(MappingFileError, match="not JSON or YAML"):
        load("{unclosed: [")


def test_a_code_column_stays_text() -> None:
    records = [["Код", "Наименование", "2024", "2025"], ["0398", "Казахстан", "1,5", "2,5"]]
    mapping = Mapping(shape="wide", header_row=1, row="0398", series=Pick(fixed="uz_exports_to_kz_usd_bn"),
                      country=Pick(fixed="UZ"), unit=UnitChoice(kind="usd", scale="billion"))
    converted = apply_mapping(records, mapping, ";", "x.csv")
    assert [r[2:4] for r in converted.records[1:]] == [["2024", "1.5"], ["2025", "2.5"]]
    assert row_choices(records) == ["0398 · Казахстан"]


# --- the same numbers, any delimiter × encoding × number format, in a national wide table -------------------

FORMATS = {  # decimal mark, thousands mark (every number has a fraction, so comma grouping is unambiguous)
    "comma, space": (",", " "), "comma, no-break space": (",", NBSP), "comma, narrow no-break space": (",", NNBSP),
    "comma": (",", ""), "point": (".", ""), "point, comma": (".", ","), "point, apostrophe": (".", "'"),
}


def _write(number: Decimal, decimal: str, group: str) -> str:
    whole, _, fraction = f"{number:f}".partition(".")
    if group:
        whole = f"{int(whole):,}".replace(",", group)
    return whole + decimal + fraction


@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.decimals(min_value=100, max_value=999_999, places=1), min_size=3, max_size=3),
       delimiter=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251"]),
       fmt=st.sampled_from(sorted(FORMATS)))
def test_same_numbers_any_delimiter_encoding_and_format(values: list[Decimal], delimiter: str, encoding: str,
                                                        fmt: str, shipped: BaselineTables) -> None:
    decimal, group = FORMATS[fmt]
    if encoding == "cp1251" and group == NNBSP:
        group = NBSP  # Windows-1251 has no narrow no-break space
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["Экспорт Республики Узбекистан по странам, млн долл. США"])
    writer.writerow(["Код", "Страна", "2021 г.", "2022 г.", "2023 г."])
    writer.writerow(["0398", "Казахстан", *(_write(v, decimal, group) for v in values)])
    writer.writerow(["0417", "Кыргызстан", "1" + decimal + "5", "2" + decimal + "5", ".."])
    result = prepare("t.csv", buffer.getvalue().encode(encoding), shipped)
    assert result.reading is not None and result.reading.layout == "national_wide"
    assert result.reading.delimiter == delimiter and result.reading.decimal == decimal
    assert [Decimal(r.as_read.replace(group, "").replace(",", ".") if group != "," else r.as_read.replace(",", ""))
            for r in result.preview] == values
    assert [r.series for r in result.preview] == ["uz_exports_to_kz_usd_bn"] * 3
    assert [Decimal(str(r.value)) for r in result.preview] == [v / 1000 for v in values]


# --- the command line reads the same formats and prints the same preview ------------------------------------


def test_validate_data_reads_a_mapped_table_and_asks_for_a_mapping_without_one() -> None:
    table, mapping = FIXTURES / "mapped_long.csv", FIXTURES / "mapped_long.mapping.json"
    done = cli_run("validate-data", str(table), "--lang", "ru")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().endswith("--mapping MAPPING (файл сопоставления JSON или YAML, как его сохраняет шаг "
                                        "сопоставления в приложении).")
    out = cli_json("validate-data", str(table), "--mapping", str(mapping))
    assert out["ok"] and out["reading"]["layout"] == "mapped" and out["reading"]["unit"] == "Значение, млн долл. США"
    assert [(r["row"], r["series"], r["country"], r["year"], r["value"]) for r in out["preview"]] == [
        (3, "gdp_current_usd", "UZ", 2024, 121.36), (4, "gdp_current_usd", "UZ", 2025, 147.04),
        (5, "gdp_current_usd", "KZ", 2025, 306.24)]
    assert [(r["row"], r["code"]) for r in out["left_out"]] == [(6, "mapping_country")]


def test_validate_data_prints_the_comtrade_preview_and_the_rows_left_out_in_russian() -> None:
    done = cli_run("validate-data", str(FIXTURES / "comtrade_plus.csv"), "--lang", "ru")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "данные отчётности: Узбекистан" in lines[0]
    assert "Предпросмотр: что изменится" in lines and "Неиспользованные строки (6)" in lines
    assert any("1234567890.5 + 2800000000" in line and "4.0345678905" in line for line in lines)
    assert any(line.split()[:2] == ["4", "flowCode"] and "реэкспорт" in line for line in lines)
