"""Recognise the World Bank's downloads and turn them into rows of the baseline template.

Two layouts of World Development Indicators (WDI) are recognised:

* the bulk/API CSV (``API_<code>_DS2_en_csv_v2.csv``): metadata lines above the header ``Country Name,
  Country Code, Indicator Name, Indicator Code, 1960, …`` with one column per year and a trailing empty column;
* a DataBank export: header ``Country Name, Country Code, Series Name, Series Code, 2022 [YR2022], …``, ``..``
  for a missing value and footer lines (``Data from database: …``, ``Last Updated: …``).

Rows are kept for Uzbekistan (``UZB``) and Kazakhstan (``KAZ``) and the indicator codes of :data:`WDI_SERIES`;
values are rescaled exactly (decimal arithmetic) to the template's unit, e.g. current US$ to ``usd_bn``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from exchange.converted import TEMPLATE_HEADER, Converted, LeftOut, Origin
from model.data import MACRO_UNITS

# WDI indicator code → (our series, the factor from the WDI unit to ours)
WDI_SERIES: dict[str, tuple[str, Decimal]] = {
    "NY.GDP.MKTP.CD": ("gdp_current_usd", Decimal("1e-9")),  # GDP, current US$ → USD bn
    "NY.GDP.MKTP.KD.ZG": ("real_gdp_growth", Decimal(1)),  # GDP growth, annual %
    "SP.POP.TOTL": ("population", Decimal("1e-6")),  # population, total → million
    "PA.NUS.FCRF": ("exchange_rate_lcu_per_usd", Decimal(1)),  # official exchange rate, LCU per US$
    "BX.KLT.DINV.CD.WD": ("fdi_net_inflows", Decimal("1e-9")),  # FDI, net inflows (BoP, current US$) → USD bn
    "NE.GDI.TOTL.ZS": ("gross_capital_formation", Decimal(1)),  # % of GDP
    "NE.IMP.GNFS.ZS": ("imports_goods_services", Decimal(1)),  # % of GDP
    "NE.EXP.GNFS.ZS": ("exports_goods_services", Decimal(1)),  # % of GDP
    "NY.GNP.PCAP.CD": ("gni_per_capita_atlas", Decimal(1)),  # GNI per capita, Atlas method, current US$
}
WDI_COUNTRIES = {"UZB": "UZ", "KAZ": "KZ"}
WDI_SOURCE = "World Bank, World Development Indicators ({code})"
_YEAR = re.compile(r"^(\d{4})(?: \[YR\1\])?$")


def _header(records: list[list[str]]) -> tuple[int, str] | None:
    """Index of the WDI header row and the layout's name, or ``None`` when the file is not a WDI download."""
    for index, record in enumerate(records[:10]):
        cells = [cell.strip().lower() for cell in record]
        if "country code" in cells and "indicator code" in cells:
            return index, "wdi_bulk"
        if "country code" in cells and "series code" in cells:
            return index, "wdi_databank"
    return None


def _scaled(text: str, factor: Decimal) -> str | None:
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    value = (number * factor).normalize()
    return f"{value:f}"


def wdi_rows(records: list[list[str]]) -> tuple[list[list[str]], str] | None:
    """:func:`wdi_converted` without where each figure came from.

    Parameters
    ----------
    records : list of list of str
        As for :func:`wdi_converted`.

    Returns
    -------
    tuple or None
        ``(template records, layout)``, ``layout`` being ``"wdi_bulk"`` or ``"wdi_databank"``.
    """
    converted = wdi_converted(records)
    return None if converted is None else (converted.records, converted.layout)


def wdi_converted(records: list[list[str]]) -> Converted | None:
    """A WDI download as template records with the file row and year column each figure was read from.

    Parameters
    ----------
    records : list of list of str
        The file's rows as read (text cells).

    Returns
    -------
    Converted or None
        Layout ``"wdi_bulk"`` or ``"wdi_databank"``; one record per country, indicator and year with a value
        (empty and ``..`` cells are missing values, left out). Rows of countries other than UZB and KAZ or of
        indicators the model does not use are in ``left_out``. A value that is not a number is passed on as it
        is, for the row checks to report. ``None`` when the file is not a WDI download.
    """
    found = _header(records)
    if found is None:
        return None
    index, layout = found
    header = [cell.strip().lower() for cell in records[index]]
    country_at = header.index("country code")
    code_at = header.index("indicator code" if layout == "wdi_bulk" else "series code")
    years = [(position, match.group(1)) for position, cell in enumerate(records[index])
             if (match := _YEAR.match(cell.strip()))]
    rows = [TEMPLATE_HEADER]
    origins: list[Origin] = []
    left: list[LeftOut] = []
    for row, record in enumerate(records[index + 1:], start=index + 2):
        cells = record + [""] * (len(header) - len(record))
        country = WDI_COUNTRIES.get(cells[country_at].strip())
        code = cells[code_at].strip()
        if not any(cell.strip() for cell in record) or not code:
            continue  # blank lines and the DataBank footer
        if country is None or code not in WDI_SERIES:
            left.append(LeftOut(row, None, "wdi_not_used", f"{cells[country_at].strip()} {code}: not a country or "
                                "indicator the model uses", {"country": cells[country_at].strip(), "code": code}))
            continue
        series, factor = WDI_SERIES[code]
        for position, year in years:
            raw = cells[position].strip()
            if raw in ("", ".."):
                continue
            value = _scaled(raw, factor)
            rows.append([series, country, year, value if value is not None else raw, MACRO_UNITS[series],
                         WDI_SOURCE.format(code=code), "official"])
            origins.append(Origin(row, records[index][position].strip(), raw))
    return Converted(rows, layout, origins, left)
