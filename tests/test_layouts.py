"""World Bank downloads recognised and turned into template rows, written here in the documented layouts."""

from __future__ import annotations

import pandas as pd
import pytest

from exchange.uploads import REQUIRED_COLUMNS, UploadError, check_upload, read_upload
from model.api import Model
from presentation.i18n import Translator
from presentation.upload_text import reading_text

YEARS = [str(year) for year in range(1960, 2025)]


def bulk_csv(rows: list[tuple[str, str, str, str, dict[str, str]]]) -> bytes:
    """The WDI bulk/API CSV: metadata lines, a blank line, the header, one column per year, a trailing comma."""
    def line(cells: list[str]) -> str:
        return ",".join(f'"{cell}"' for cell in cells) + ","
    lines = [line(["Data Source", "World Development Indicators"]), "", line(["Last Updated Date", "2025-07-01"]),
             "", line(["Country Name", "Country Code", "Indicator Name", "Indicator Code", *YEARS])]
    for name, code, indicator, indicator_code, values in rows:
        lines.append(line([name, code, indicator, indicator_code, *(values.get(y, "") for y in YEARS)]))
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def databank_csv(rows: list[tuple[str, str, str, str, list[str]]], years: list[int]) -> bytes:
    """A DataBank export: ``2023 [YR2023]`` headers, ``..`` for missing, footer lines."""
    header = ["Country Name", "Country Code", "Series Name", "Series Code", *(f"{y} [YR{y}]" for y in years)]
    lines = [",".join(header)] + [",".join([*meta, *values]) for *meta, values in rows]
    lines += ["", "", "Data from database: World Development Indicators", "Last Updated: 07/01/2025"]
    return "\n".join(lines).encode("utf-8")


BULK = [
    ("Uzbekistan", "UZB", "GDP (current US$)", "NY.GDP.MKTP.CD", {"2023": "101592000000", "2024": "114965480000.5"}),
    ("Kazakhstan", "KAZ", "Population, total", "SP.POP.TOTL", {"2024": "20286084"}),
    ("Kyrgyz Republic", "KGZ", "GDP (current US$)", "NY.GDP.MKTP.CD", {"2024": "17480000000"}),  # not ours
    ("Uzbekistan", "UZB", "Inflation, consumer prices (annual %)", "FP.CPI.TOTL.ZG", {"2024": "9.6"}),  # not used
]


def expected(rows: list[tuple[str, str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame([[s, c, y, v, u, f"World Bank, World Development Indicators ({code})", "official"]
                         for s, c, y, v, u, code in rows], columns=list(REQUIRED_COLUMNS), dtype=object)


def test_wdi_bulk_csv_is_read_as_template_rows() -> None:
    frame = read_upload("API_NY.GDP.MKTP.CD_DS2_en_csv_v2.csv", bulk_csv(BULK))
    pd.testing.assert_frame_equal(frame.reset_index(drop=True), expected([
        ("gdp_current_usd", "UZ", "2023", "101.592", "usd_bn", "NY.GDP.MKTP.CD"),
        ("gdp_current_usd", "UZ", "2024", "114.9654800005", "usd_bn", "NY.GDP.MKTP.CD"),
        ("population", "KZ", "2024", "20.286084", "million", "SP.POP.TOTL"),
    ]))
    assert frame.attrs["reading"].layout == "wdi_bulk"


def test_wdi_databank_export_is_read_as_template_rows() -> None:
    data = databank_csv([("Uzbekistan", "UZB", "GDP growth (annual %)", "NY.GDP.MKTP.KD.ZG", ["6", ".."]),
                         ("Kazakhstan", "KAZ", "GDP (current US$)", "NY.GDP.MKTP.CD", ["..", "262640000000"])],
                        [2023, 2024])
    frame = read_upload("Data_Extract_From_World_Development_Indicators.csv", data)
    pd.testing.assert_frame_equal(frame.reset_index(drop=True), expected([
        ("real_gdp_growth", "UZ", "2023", "6", "pct_per_year", "NY.GDP.MKTP.KD.ZG"),
        ("gdp_current_usd", "KZ", "2024", "262.64", "usd_bn", "NY.GDP.MKTP.CD"),
    ]))
    assert frame.attrs["reading"].layout == "wdi_databank"
    said = reading_text(frame.attrs["reading"], Translator("ru"))
    assert "DataBank" in said


def test_a_wdi_upload_is_applied_like_the_template(model: Model) -> None:
    result = check_upload("wdi.csv", bulk_csv(BULK[:2]), model.tables)
    assert result.ok, result.problems
    macro = result.tables.macro if result.tables is not None else None
    assert macro is not None
    uz_2024 = macro[(macro.series == "gdp_current_usd") & (macro.country == "UZ") & (macro.year == 2024)]
    assert uz_2024["value"].tolist() == [pytest.approx(114.9654800005)]


def test_a_wdi_file_without_our_countries_is_refused_with_the_reason() -> None:
    with pytest.raises(UploadError) as raised:
        read_upload("wdi.csv", bulk_csv(BULK[2:3]))
    assert "no figure for Uzbekistan (UZB) or Kazakhstan (KAZ)" in raised.value.problems[0].message


def test_the_code_map_agrees_with_the_shipped_data(model: Model) -> None:
    """Each shipped WDI-sourced series names its indicator code in its source: the map must say the same."""
    import re

    from exchange.layouts import WDI_SERIES

    named = {(row.series, match.group(1)) for row in model.tables.macro.itertuples()
             if (match := re.search(r"\(([A-Z]{2}\.[A-Z.]+)\)", str(row.source)))}
    assert named == {(series, code) for code, (series, _factor) in WDI_SERIES.items()}
