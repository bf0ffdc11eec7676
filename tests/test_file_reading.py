"""Reading the files people have: encodings, delimiters, number conventions, old Excel, and our own downloads.

Every fixture is written here, by hand, in the layout the program that makes it documents: Excel in a Russian
locale saves "CSV UTF-8" with a BOM, ``;`` and a decimal comma; its older "CSV" save is Windows-1251; "Unicode
text" is UTF-16 with a BOM, tab-separated; thousands may be grouped with a no-break space.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pandas as pd
import pytest
import xlwt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange.exports import csv_bytes, xlsx_bytes
from exchange.file_reading import Reading, normalise_number, number_convention
from exchange.uploads import (
    REQUIRED_COLUMNS,
    TEMPLATE_COLUMNS,
    UploadError,
    check_upload,
    read_upload,
    template_csv,
    template_frame,
)
from model.api import Model
from model.data import BaselineTables, load_tables
from presentation.i18n import Translator
from presentation.upload_text import problem_text, reading_text

NBSP, NNBSP = "\u00a0", "\u202f"
SOURCE_RU = "Государственный комитет по статистике, 2025"
SOURCE_UZ = "O'zbekiston Respublikasi Statistika agentligi (ma'lumot)"  # as typed where Windows-1251 is used
SOURCE_UZ_UNICODE = "Oʻzbekiston Respublikasi Statistika agentligi (maʼlumot)"
# one long table, three ways: as a person types it (value cells), and what reading must give (canonical text)
ROWS = [
    ("turnover_usd_bn", "UZ", "2025", "4,97", SOURCE_RU, "4.97"),
    ("gdp_current_usd", "KZ", "2025", f"4{NBSP}970,5", SOURCE_RU, "4970.5"),
    ("real_gdp_growth", "UZ", "2024", "-0,5", SOURCE_UZ, "-0.5"),
    ("population", "KZ", "2025", "20,3", "Бюро национальной статистики", "20.3"),
]
UNITS = {"turnover_usd_bn": "usd_bn", "gdp_current_usd": "usd_bn", "real_gdp_growth": "pct_per_year",
         "population": "million"}


def expected_table() -> pd.DataFrame:
    """The long table every fixture below must read as (text cells, numbers with a decimal point)."""
    rows = [[s, c, y, canonical, UNITS[s], source, "official"] for s, c, y, _typed, source, canonical in ROWS]
    return pd.DataFrame(rows, columns=list(REQUIRED_COLUMNS), dtype=object)


def typed_records(values: list[str] | None = None) -> list[list[str]]:
    typed = values if values is not None else [typed for *_, typed, _source, _canonical in ROWS]
    rows = [[s, c, y, v, UNITS[s], source, "official"]
            for (s, c, y, _t, source, _c), v in zip(ROWS, typed, strict=True)]
    return [list(REQUIRED_COLUMNS)] + rows


def text_file(records: list[list[str]], delimiter: str, encoding: str, line_end: str = "\r\n",
              errors: str = "strict") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=line_end).writerows(records)
    return buffer.getvalue().encode(encoding, errors)


def russian_excel_records(template: pd.DataFrame) -> list[list[str]]:
    """The template's cells as a Russian-locale Excel writes them: decimal commas in the number columns."""
    return [list(TEMPLATE_COLUMNS)] + [
        [cell.replace(".", ",") if column in ("value", "same_period_prior_year") else cell
         for column, cell in zip(TEMPLATE_COLUMNS, row, strict=True)] for row in template.astype(str).values.tolist()]


def read(name: str, data: bytes) -> tuple[pd.DataFrame, Reading]:
    frame = read_upload(name, data)
    return frame.reset_index(drop=True), frame.attrs["reading"]


# --- the layouts Excel and statistics portals write ---------------------------------------------------------


def test_russian_excel_csv_utf8_semicolon_decimal_comma() -> None:
    frame, reading = read("данные.csv", text_file(typed_records(), ";", "utf-8-sig"))
    pd.testing.assert_frame_equal(frame, expected_table())
    assert reading == Reading("text", "UTF-8 with BOM", ";", ",", NBSP)


def test_windows_1251_csv() -> None:
    frame, reading = read("данные.csv", text_file(typed_records(), ";", "cp1251"))
    pd.testing.assert_frame_equal(frame, expected_table())
    assert reading == Reading("text", "Windows-1251", ";", ",", NBSP)


def test_utf16_unicode_text_tab_separated() -> None:
    frame, reading = read("данные.txt", text_file(typed_records(), "\t", "utf-16"))
    pd.testing.assert_frame_equal(frame, expected_table())
    assert reading == Reading("text", "UTF-16 with BOM", "\t", ",", NBSP)


@pytest.mark.parametrize("mark", [" ", NBSP, NNBSP])
def test_thousands_grouped_with_spaces(mark: str) -> None:
    values = ["4,97", f"4{mark}970,5", "-0,5", "20,3"]
    frame, reading = read("x.csv", text_file(typed_records(values), ";", "utf-8"))
    assert frame["value"].tolist() == ["4.97", "4970.5", "-0.5", "20.3"]
    assert reading.grouping == mark


def test_point_decimal_with_apostrophe_thousands_comma_file() -> None:
    values = ["4.97", "4'970.5", "-0.5", "20.3"]
    frame, reading = read("x.csv", text_file(typed_records(values), ",", "utf-8"))
    assert frame["value"].tolist() == ["4.97", "4970.5", "-0.5", "20.3"]
    assert (reading.delimiter, reading.decimal, reading.grouping) == (",", ".", "'")


def _xls_bytes(records: list[list[str]]) -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Лист1")
    for r, record in enumerate(records):
        for c, cell in enumerate(record):
            number = cell.replace(NBSP, "").replace(",", ".") if r and c == 3 else None
            sheet.write(r, c, float(number) if number is not None else (int(cell) if r and c == 2 else cell))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_real_old_xls() -> None:
    data = _xls_bytes(typed_records())
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    frame, reading = read("данные.xls", data)
    pd.testing.assert_frame_equal(frame, expected_table())
    assert reading == Reading("xls", None, None, ".", "")


def test_xls_that_is_really_tab_separated_text() -> None:
    frame, reading = read("report.xls", text_file(typed_records(), "\t", "cp1251"))
    pd.testing.assert_frame_equal(frame, expected_table())
    assert (reading.kind, reading.encoding, reading.delimiter, reading.decimal) == ("text", "Windows-1251", "\t", ",")


def test_xlsx_under_an_xls_name_is_read_as_xlsx(template: pd.DataFrame) -> None:
    data = xlsx_bytes({"baseline": template, "sources": pd.DataFrame({"source": ["x"]})})
    frame, reading = read("old-name.xls", data)
    pd.testing.assert_frame_equal(frame, template, check_dtype=False)
    assert reading.kind == "xlsx"


# --- what stays refused -------------------------------------------------------------------------------------


def test_decimal_point_in_a_decimal_comma_file_is_listed_by_row_and_column() -> None:
    values = ["4,97", "4.970", "-0,5", "20,3"]  # "4.970": 4.97 or 4970? never guessed
    with pytest.raises(UploadError) as raised:
        read_upload("x.csv", text_file(typed_records(values), ";", "utf-8-sig"))
    [problem] = raised.value.problems
    assert (problem.row, problem.column, problem.code) == (3, "value", "decimal_point_in_comma_file")
    ru = problem_text(problem, Translator("ru"))
    assert "4.970" in ru and "запят" in ru
    assert "vergul" in problem_text(problem, Translator("uz"))


def test_comma_thousands_in_a_point_file_are_read(shipped: BaselineTables, template: pd.DataFrame) -> None:
    frame = template.copy()
    frame.loc[0, "value"] = "1,234.5"
    frame.loc[1, "value"] = "1,234"  # the other numbers use decimal points: this comma groups thousands
    back = read_upload("x.csv", frame.to_csv(index=False).encode())
    assert back["value"].tolist()[:2] == ["1234.5", "1234"]
    assert back.attrs["reading"].grouping == ","


def test_comma_no_other_number_explains_is_refused() -> None:
    values = ["5", "1,234", "-1", "20"]  # comma file, no decimal mark anywhere else
    with pytest.raises(UploadError) as raised:
        read_upload("x.csv", text_file(typed_records(values), ",", "utf-8"))
    assert [(p.row, p.column, p.code) for p in raised.value.problems] == [(3, "value", "ambiguous_comma")]
    assert "1,234" in problem_text(raised.value.problems[0], Translator("ru"))


# --- our own downloads read back exactly (round trip) -------------------------------------------------------


@pytest.fixture(scope="module")
def shipped(model: Model) -> BaselineTables:
    return model.tables


@pytest.fixture(scope="module")
def template() -> pd.DataFrame:
    return template_frame(load_tables())


def _with_texts(template: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The template with source notes in ``lang`` (and a negative and a formula-like text) as a user edits it."""
    frame = template.copy()
    notes = {"en": "Statistics Agency, 2025 release", "ru": SOURCE_RU, "uz": SOURCE_UZ_UNICODE}
    frame["source"] = [f"{notes[lang]} — {source}" for source in frame["source"]]
    growth = frame.index[frame["series"] == "real_gdp_growth"][0]
    frame.loc[growth, "value"] = "-0.5"
    frame.loc[growth + 1, "source"] = "=official (sum of quarters)"
    return frame


@pytest.mark.parametrize("lang", ["en", "uz", "ru"])
@pytest.mark.parametrize("kind", ["template", "csv", "xlsx"])
def test_our_downloads_read_back_exactly(lang: str, kind: str, template: pd.DataFrame, shipped: BaselineTables) -> None:
    frame = _with_texts(template, lang)
    name, data = {
        "template": ("template.csv", lambda: frame.to_csv(index=False, lineterminator="\n").encode("utf-8")),
        "csv": ("download.csv", lambda: csv_bytes(frame)),  # UTF-8 with BOM, CRLF, text neutralised with '
        "xlsx": ("download.xlsx", lambda: xlsx_bytes({"baseline": frame, "sources": pd.DataFrame({"s": ["x"]})})),
    }[kind]
    back = read_upload(name, data())
    pd.testing.assert_frame_equal(back.reset_index(drop=True), frame, check_dtype=False)
    assert back.attrs["reading"].decimal == "."


def test_shipped_template_bytes_read_back_unchanged(shipped: BaselineTables, template: pd.DataFrame) -> None:
    data = template_csv(shipped)
    pd.testing.assert_frame_equal(read_upload("t.csv", data).reset_index(drop=True), template, check_dtype=False)
    result = check_upload("t.csv", data, shipped)
    assert result.ok and result.summary is not None and not result.summary.changed


def test_whole_template_saved_by_russian_excel_is_accepted_unchanged(shipped: BaselineTables,
                                                                     template: pd.DataFrame) -> None:
    records = russian_excel_records(template)
    result = check_upload("шаблон.csv", text_file(records, ";", "utf-8-sig"), shipped)
    assert result.ok, result.problems[:3]
    assert result.summary is not None and not result.summary.changed and not result.summary.added
    assert result.reading == Reading("text", "UTF-8 with BOM", ";", ",", "")


# --- the same numbers, any delimiter × encoding × number format ---------------------------------------------

FORMATS = {  # decimal mark, thousands mark; comma grouping with a point is left out: in a ';' file it reads as 1.234
    "point": (".", ""), "comma": (",", ""), "point, space": (".", " "), "comma, no-break space": (",", NBSP),
    "comma, narrow no-break space": (",", NNBSP), "point, apostrophe": (".", "'"), "comma, space": (",", " "),
}


def _write(number: Decimal, decimal: str, group: str) -> str:
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    if group:
        whole = f"{int(whole):,}".replace(",", group)
    return sign + whole + (decimal + fraction if fraction else "")


numbers = st.decimals(min_value=-9_999_999, max_value=9_999_999, places=3, allow_nan=False, allow_infinity=False)


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(numbers, min_size=4, max_size=4),
       delimiter=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251"]),
       fmt=st.sampled_from(sorted(FORMATS)))
def test_same_numbers_any_layout_same_values(values: list[Decimal], delimiter: str, encoding: str, fmt: str) -> None:
    decimal, group = FORMATS[fmt]
    if decimal == "," and delimiter == ",":
        decimal = "."  # Excel never writes a decimal comma in a comma-separated file
    if encoding == "cp1251" and group == NNBSP:
        group = NBSP  # Windows-1251 has no narrow no-break space
    typed = [_write(v, decimal, group) for v in values]
    frame, reading = read("x.csv", text_file(typed_records(typed), delimiter, encoding))
    assert [Decimal(v) for v in frame["value"]] == values
    assert frame["source"].tolist() == expected_table()["source"].tolist()
    assert reading.delimiter == delimiter
    assert reading.encoding == {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16 with BOM",
                                "cp1251": "Windows-1251"}[encoding]


# --- units of the reading module, and the words shown ------------------------------------------------------


@pytest.mark.parametrize(("raw", "decimal", "expected"), [
    (f"4{NBSP}970,5", ",", ("4970.5", NBSP)), ("1.234,5", ",", ("1234.5", ".")), ("1,234.5", ".", ("1234.5", ",")),
    ("12 34,5", ",", ("12 34,5", "")), ("'-0.5", ".", ("-0.5", "")), ("abc", ".", ("abc", "")),
    ("1e3", ".", ("1e3", "")),
])
def test_normalise_number(raw: str, decimal: str, expected: tuple[str, str]) -> None:
    assert normalise_number(raw, decimal) == expected


def test_number_convention_by_majority_and_delimiter() -> None:
    assert number_convention(["1,234"], ",") == (".", False)  # no evidence in a comma file
    assert number_convention(["1,234"], ";") == (",", True)
    assert number_convention(["4,97", "20,3", "5.5"], ";") == (",", True)


@pytest.mark.parametrize(("lang", "words"), [("en", ["semicolon", "decimal comma", "no-break space"]),
                                             ("ru", ["точка с запятой", "десятичная запятая"]),
                                             ("uz", ["nuqtali vergul", "oʻnli vergul"])])
def test_reading_is_said_in_each_language(lang: str, words: list[str]) -> None:
    text = reading_text(Reading("text", "Windows-1251", ";", ",", NBSP), Translator(lang))
    assert "Windows-1251" in text and all(word in text for word in words), text


def test_cli_reads_a_russian_excel_file_and_says_how_in_russian(tmp_path, template: pd.DataFrame) -> None:
    import subprocess
    import sys

    records = russian_excel_records(template)
    records[1][3] = "4,970"  # in a ';' file with decimal commas this is 4.97, not 4970
    records[1][5] = SOURCE_RU
    path = tmp_path / "шаблон.csv"
    # Excel's Windows-1251 save writes '?' for what the code page lacks (e.g. × in a source note)
    path.write_bytes(text_file(records, ";", "cp1251", errors="replace"))
    done = subprocess.run([sys.executable, "-m", "model", "validate-data", str(path), "--lang", "ru"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().split("\n")
    reading, summary = lines[0], lines[-1]
    assert reading == ("Прочитан как текст, кодировка Windows-1251, разделитель столбцов — точка с запятой, "
                       "десятичная запятая.")
    t = Translator("ru")  # the summary too is in Russian: "219 строк: изменено: 1 (…)"
    rows = t.plural("byod.summary_rows", len(template), n=t.number(len(template), 0))
    assert summary.startswith(f"{rows}: изменено: 1 ("), summary
    assert "Предпросмотр: что изменится" in lines
    [changed] = [line.split() for line in lines if "4,970" in line]  # the preview: the value and the cell as read
    assert changed[2:6] == [records[1][0], records[1][1], records[1][2], "4.97"] and changed[7] == "4,970"
