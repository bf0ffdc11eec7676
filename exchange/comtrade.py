"""Recognise a UN Comtrade (Comtrade Plus) download and turn it into the template's bilateral trade rows.

Comtrade Plus names its columns ``reporterCode, reporterISO, reporterDesc, partnerCode, partnerISO, partnerDesc,
flowCode, flowDesc, cmdCode, primaryValue, refYear, period, freqCode`` (and, in full downloads, ``typeCode,
partner2Code, customsCode, motCode`` breaking a flow down further). A row is one reporter's figure for one
partner, flow, commodity and period; ``primaryValue`` is in US dollars.

The turnover is **one reporter's** exports plus imports (``X`` + ``M``): the two countries' reports of the same
trade differ (mirror statistics) and are never added together. Uzbekistan's report is used when the file has
it, as the project's trade series uses Uzbek-reported figures; otherwise Kazakhstan's, its exports to
Uzbekistan read as Uzbekistan's imports from Kazakhstan and the other way round, and the rows say so in their
status. Re-exports (``RX``) and re-imports (``RM``) are already inside ``X`` and ``M`` and other flows
(domestic exports, processing...) are not the goods turnover: they are left out, as are partner rows other
than the other country (``World``, code 0, and third countries), commodities other than ``TOTAL`` (adding
chapters could count a figure twice), breakdowns by second partner, customs procedure or transport mode
other than their totals, services, and monthly figures (the template's trade rows are whole years). Every row
left out is listed with its reason.
"""

from __future__ import annotations

from decimal import Decimal

from exchange.converted import TEMPLATE_HEADER, Converted, LeftOut, Origin, read_numbers
from exchange.units import scaled

COUNTRIES = {"UZ": ("860", "UZB", "uzbekistan"), "KZ": ("398", "KAZ", "kazakhstan")}
NAMES = {"UZ": "Uzbekistan", "KZ": "Kazakhstan"}
FLOWS = {"x": "X", "export": "X", "m": "M", "import": "M", "rx": "RX", "re-export": "RX", "rm": "RM",
         "re-import": "RM"}
TOTALS = {"partner2code": ("0", "", "w00"), "customscode": ("c00", ""), "motcode": ("0", "")}
USD_BN = Decimal("1e-9")
SOURCE = "UN Comtrade, reported by {name} (TOTAL, exports {x} + imports {m} US$)"
MIRROR = "official (reported by Kazakhstan: mirror statistics)"


def _find_header(records: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    for index, record in enumerate(records[:10]):
        cells = {cell.strip().lower(): position for position, cell in enumerate(record)}
        if "primaryvalue" in cells and ({"flowcode", "flowdesc"} & set(cells)) and (
                {"reportercode", "reporteriso", "reporterdesc"} & set(cells)):
            return index, cells
    return None


def _country(cells: dict[str, str], side: str) -> str | None:
    """``"UZ"``, ``"KZ"``, ``"world"`` or ``None`` (another country) for the reporter or partner of a row."""
    code, iso, desc = (cells.get(f"{side}code", ""), cells.get(f"{side}iso", ""), cells.get(f"{side}desc", ""))
    if code in ("0",) or iso.upper() in ("W00", "WLD") or desc.lower() == "world":
        return "world"
    for ours, (number, alpha, name) in COUNTRIES.items():
        if code.lstrip("0") == number or iso.upper() == alpha or desc.lower() == name:
            return ours
    return None


def _left(row: int, column: str | None, code: str, message: str, **values: str) -> LeftOut:
    return LeftOut(row, column, code, message, values)


def _why_not(cells: dict[str, str], row: int) -> LeftOut | None:
    """The reason a row is left out, before its reporter and partner are looked at; ``None`` if usable."""
    flow = FLOWS.get(cells.get("flowcode", "").lower()) or FLOWS.get(cells.get("flowdesc", "").lower())
    shown = cells.get("flowcode") or cells.get("flowdesc", "")
    if flow in ("RX", "RM"):
        return _left(row, "flowCode", "comtrade_re_flow", f"flow {shown} (re-export or re-import) is already "
                     "inside exports and imports; not added", flow=shown)
    if flow is None:
        return _left(row, "flowCode", "comtrade_other_flow", f"flow {shown!r} is not exports (X) or imports (M)",
                     flow=shown)
    commodity = cells.get("cmdcode", "TOTAL")
    if commodity.upper() != "TOTAL":
        return _left(row, "cmdCode", "comtrade_commodity", f"commodity {commodity} is part of the total; only "
                     "TOTAL rows are used (adding parts could count a figure twice)", commodity=commodity)
    for column, totals in TOTALS.items():
        if column in cells and cells[column].lower() not in totals:
            return _left(row, column, "comtrade_breakdown", f"{column} {cells[column]} is a breakdown of the "
                         "total; only the total is used", part=column, value=cells[column])
    if cells.get("typecode", "C").upper() not in ("C", ""):
        return _left(row, "typeCode", "comtrade_services", "services trade: the turnover is goods only")
    period = cells.get("period", "")
    if cells.get("freqcode", "A").upper() not in ("A", "") or len(period) == 6:
        return _left(row, "freqCode", "comtrade_monthly", f"monthly figure ({period}); the trade rows are "
                     "whole years", period=period)
    return None


def comtrade_rows(records: list[list[str]], delimiter: str | None = None) -> Converted | None:
    """A Comtrade Plus download as template records, or ``None`` when the file is not one.

    Parameters
    ----------
    records : list of list of str
        The file's rows as read.
    delimiter : str or None
        The file's delimiter (for the decimal convention of ``primaryValue``).

    Returns
    -------
    Converted or None
        Per year, ``uz_exports_to_kz_usd_bn``, ``uz_imports_from_kz_usd_bn`` and, when both are given,
        ``turnover_usd_bn`` (their exact sum), country ``UZ``, in USD bn; ``reporter`` says whose report was
        used; ``left_out`` every row not used and why. A second row for the same reporter, year and flow is
        left out as a duplicate.
    """
    found = _find_header(records)
    if found is None:
        return None
    index, columns = found
    header = [cell.strip() for cell in records[index]]
    value_at = columns["primaryvalue"]
    data = [(row, record) for row, record in enumerate(records[index + 1:], start=index + 2)
            if any(cell.strip() for cell in record)]
    numbers, decimal, grouping, unclear = read_numbers(
        [record[value_at] if value_at < len(record) else "" for _row, record in data], delimiter)
    left: list[LeftOut] = []
    problems: list[LeftOut] = []
    usable: dict[str, list[tuple[int, str, str, str, str]]] = {"UZ": [], "KZ": []}
    for position, (row, record) in enumerate(data):
        cells = {name: (record[at].strip() if at < len(record) else "") for name, at in columns.items()}
        reason = _why_not(cells, row)
        reporter, partner = _country(cells, "reporter"), _country(cells, "partner")
        if reason is None and reporter not in ("UZ", "KZ"):
            reason = _left(row, "reporterCode", "comtrade_reporter", "the reporter is neither Uzbekistan nor "
                           "Kazakhstan", reporter=cells.get("reporterdesc") or cells.get("reportercode", ""))
        if reason is None and (partner == "world" or partner is None or partner == reporter):
            name = cells.get("partnerdesc") or cells.get("partnercode", "")
            code = "comtrade_world" if partner == "world" else "comtrade_partner"
            reason = _left(row, "partnerCode", code, f"partner {name} is not the other country of the pair "
                           "(World and other partners are left out)", partner=name)
        if reason is None and (position in unclear or not _is_number(numbers[position])):
            raw = record[value_at] if value_at < len(record) else ""
            problems.append(_left(row, header[value_at], "not_a_number", f"{raw!r} is not a number in this file's "
                                  "convention (a thousand times more or less cannot be guessed)", raw=raw))
            continue
        if reason is not None:
            left.append(reason)
            continue
        year = cells.get("refyear") or cells.get("period", "")[:4]
        flow = FLOWS.get(cells.get("flowcode", "").lower()) or FLOWS[cells.get("flowdesc", "").lower()]
        assert reporter in ("UZ", "KZ")  # for mypy: checked above
        usable[reporter].append((row, year, flow, str(numbers[position]), record[value_at].strip()))
    reporter = "UZ" if usable["UZ"] else "KZ"
    for row, *_rest in usable["KZ" if reporter == "UZ" else "UZ"]:
        left.append(_left(row, "reporterCode", "comtrade_other_reporter", f"reported by "
                          f"{NAMES['KZ' if reporter == 'UZ' else 'UZ']}; the turnover uses {NAMES[reporter]}'s "
                          "report only (mirror figures are never added together)",
                          used=reporter, other="KZ" if reporter == "UZ" else "UZ"))
    by_year: dict[str, dict[str, tuple[int, str, str]]] = {}
    for row, year, flow, number, raw in usable[reporter]:
        flows = by_year.setdefault(year, {})
        if flow in flows:
            left.append(_left(row, "flowCode", "comtrade_duplicate", f"a second {flow} row for {year} (the first is "
                              f"row {flows[flow][0]}); not added", flow=flow, year=year, first=str(flows[flow][0])))
            continue
        flows[flow] = (row, number, raw)
    # Uzbekistan's exports are X in its own report and M in Kazakhstan's (the mirror)
    exports, imports = ("X", "M") if reporter == "UZ" else ("M", "X")
    status = "official" if reporter == "UZ" else MIRROR
    out = [list(TEMPLATE_HEADER)]
    origins: list[Origin] = []
    value_name = header[value_at]
    for year, flows in sorted(by_year.items()):
        raws = {flow: flows[flow][2] if flow in flows else "—" for flow in ("X", "M")}
        source = SOURCE.format(name=NAMES[reporter], x=raws["X"], m=raws["M"])
        for series, flow in (("uz_exports_to_kz_usd_bn", exports), ("uz_imports_from_kz_usd_bn", imports)):
            if flow in flows:
                row, number, raw = flows[flow]
                out.append([series, "UZ", year, scaled(number, USD_BN) or raw, "usd_bn", source, status])
                origins.append(Origin(row, value_name, raw))
        if "X" in flows and "M" in flows:
            total = Decimal(flows["X"][1]) + Decimal(flows["M"][1])
            out.append(["turnover_usd_bn", "UZ", year, scaled(str(total), USD_BN) or "", "usd_bn", source, status])
            origins.append(Origin(flows["X"][0], value_name, f"{flows['X'][2]} + {flows['M'][2]}"))
        else:
            only = next(iter(flows))
            left.append(_left(flows[only][0], "flowCode", "comtrade_one_flow", f"{year} has only {only}: no "
                              "turnover without both exports and imports", year=year, flow=only))
    left.sort(key=lambda item: (item.row or 0))
    return Converted(out, "comtrade", origins, left, reporter, "US$", decimal, grouping, problems)


def _is_number(text: str | None) -> bool:
    if text is None:
        return False
    try:
        return Decimal(text).is_finite()
    except ArithmeticError:
        return False
