"""The mapping step: the user says which column (or row) of a table is what, and the table becomes template rows.

A mapping is small and saved as a file (JSON, or YAML with the same keys) so the same kind of table can be
brought in again, in the app or with ``validate-data --mapping FILE``::

    {"format": "hamkorlik-mapping", "version": 1,
     "shape": "long",                  # "long": one figure per row; "wide": periods as columns
     "header_row": 1,                  # the file's line holding the column names (1 = first line)
     "year": "Year", "value": "Value", # long tables: the columns of the year and of the figure
     "row": null,                      # wide tables: the label (or code) of the row to take, e.g. "Казахстан"
     "series": {"fixed": "turnover_usd_bn"},   # or {"column": "Indicator"} (our names or WDI codes in it)
     "country": {"fixed": "UZ"},                # or {"column": "Country"} (UZ/KZ, UZB/KAZ, 860/398 or names)
     "unit": {"kind": "usd", "scale": "million"},  # null: as the file states it (refused if it states none)
     "source": "Statistics Agency, release of ...", "status": "official"}

``unit.kind`` is ``usd``, ``lcu`` (soum, tenge), ``persons``, ``percent`` or ``rate``; ``unit.scale`` is
``one``, ``thousand``, ``million`` or ``billion``. Figures are rescaled exactly to the series' template unit;
a kind that does not fit the series (soum for a USD series) is refused, never converted on a guess.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from exchange.converted import TEMPLATE_HEADER, Converted, LeftOut, Origin, read_numbers
from exchange.national_tables import PERIOD, WideTable, find_wide, place, plain, wide_values
from exchange.units import KINDS, SCALES, StatedUnit, factor, scaled, stated_unit
from model.data import MACRO_UNITS

TRADE_UNITS = {"turnover_usd_bn": "usd_bn", "uz_exports_to_kz_usd_bn": "usd_bn", "uz_imports_from_kz_usd_bn": "usd_bn"}
MAPPABLE_UNITS: dict[str, str] = {**MACRO_UNITS, **TRADE_UNITS}  # sector shares and year-to-date: the template only
WDI_CODES = {"NY.GDP.MKTP.CD": "gdp_current_usd", "NY.GDP.MKTP.KD.ZG": "real_gdp_growth", "SP.POP.TOTL": "population",
             "PA.NUS.FCRF": "exchange_rate_lcu_per_usd", "BX.KLT.DINV.CD.WD": "fdi_net_inflows",
             "NE.GDI.TOTL.ZS": "gross_capital_formation", "NE.IMP.GNFS.ZS": "imports_goods_services",
             "NE.EXP.GNFS.ZS": "exports_goods_services", "NY.GNP.PCAP.CD": "gni_per_capita_atlas"}
COUNTRY_CODES = {"uz": "UZ", "uzb": "UZ", "860": "UZ", "kz": "KZ", "kaz": "KZ", "398": "KZ"}
_GUESSES = {
    "year": r"^(year|год|yil|йил|period|период|davr|time|refyear)$",
    "value": r"^(value|значение|qiymat|қиймат|obs_value|primaryvalue|amount|сумма)",
    "country": r"^(country|страна|mamlakat|давлат|davlat|country code|reporter|geo|ref_area)$",
    "series": r"^(series|indicator|показатель|ko.?rsatkich|indicator code|series code)$",
}


class Pick(BaseModel):
    """A column to read, or one value for every row.

    Attributes
    ----------
    column : str or None
        The column's name in the header row.
    fixed : str or None
        The value for every row (a series name, ``UZ``/``KZ``) when there is no column.
    """

    model_config = ConfigDict(extra="forbid")
    column: str | None = None
    fixed: str | None = None


class UnitChoice(BaseModel):
    """The unit the figures are in, when the file does not state it (or states it wrongly).

    Attributes
    ----------
    kind : str
        ``usd``, ``lcu``, ``persons``, ``percent`` or ``rate``.
    scale : str
        ``one``, ``thousand``, ``million`` or ``billion``.
    """

    model_config = ConfigDict(extra="forbid")
    kind: Literal["usd", "lcu", "persons", "percent", "rate"]
    scale: Literal["one", "thousand", "million", "billion"] = "one"


class Mapping(BaseModel):
    """Which parts of a table are the year, figure, series and country (the mapping file; module docstring).

    Attributes
    ----------
    format : str
        Always ``"hamkorlik-mapping"`` (says what the file is).
    version : int
        Always 1.
    shape : str
        ``"long"`` (one figure per row) or ``"wide"`` (periods as columns).
    header_row : int
        The file's line with the column names (1 = first line).
    year, value : str or None
        Long tables: the columns of the year and of the figure.
    row : str or None
        Wide tables: the label or code of the row to take.
    series, country : Pick
        A column, or one value for every row.
    unit : UnitChoice or None
        ``None``: as the file states it.
    source, status : str
        Written on every row (source: the file's name when empty).
    """

    model_config = ConfigDict(extra="forbid")
    format: Literal["hamkorlik-mapping"] = "hamkorlik-mapping"
    version: Literal[1] = 1
    shape: Literal["long", "wide"] = "long"
    header_row: int = Field(1, ge=1, le=50)
    year: str | None = None
    value: str | None = None
    row: str | None = None
    series: Pick = Field(default_factory=Pick)
    country: Pick = Field(default_factory=Pick)
    unit: UnitChoice | None = None
    source: str = ""
    status: str = "official"


class MappingFileError(ValueError):
    """A mapping file that cannot be read; the message says why in English, the code for an interface to word.

    Parameters
    ----------
    message : str
        Why, in English (logs and the command line in English).
    code : str
        What an interface words in the user's language (``byod.map.file_errors.<code>``): ``not_yaml``,
        ``not_yaml_at`` (with ``line`` and ``column``), ``not_a_mapping`` or ``wrong_entries`` (with
        ``entries``: each wrong key and the value given, as the file writes them).
    **values
        What that wording fills in.
    """

    def __init__(self, message: str, code: str, **values: Any) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


def dump(mapping: Mapping) -> str:
    """The mapping file's text.

    Parameters
    ----------
    mapping : Mapping
        The mapping to save.

    Returns
    -------
    str
        Indented JSON, read back by :func:`load`.
    """
    return mapping.model_dump_json(indent=2) + "\n"


def load(text: str | bytes) -> Mapping:
    """A mapping from a JSON or YAML file's text.

    Parameters
    ----------
    text : str or bytes
        The file's content.

    Returns
    -------
    Mapping
        Checked entry by entry.

    Raises
    ------
    MappingFileError
        Not JSON/YAML, or keys or values not of a mapping file (each named).
    """
    try:
        raw = yaml.safe_load(text)  # JSON is YAML too
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)  # where the parser stopped, when it knows
        where = {"line": mark.line + 1, "column": mark.column + 1} if mark is not None else {}
        raise MappingFileError(f"the mapping file is not JSON or YAML ({error})",
                               "not_yaml_at" if where else "not_yaml", **where) from None
    if not isinstance(raw, dict) or raw.get("format") != "hamkorlik-mapping":
        raise MappingFileError("this is not a mapping file (it needs \"format\": \"hamkorlik-mapping\")",
                               "not_a_mapping")
    try:
        return Mapping.model_validate(raw)
    except ValidationError as error:
        shown = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
        entries = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {_as_written(e['input'])}" for e in error.errors())
        raise MappingFileError(f"the mapping file has wrong entries: {shown}", "wrong_entries",
                               entries=entries) from None


def _as_written(value: object) -> str:
    """A value of the mapping file as JSON writes it (``"milion"``, ``0``, ``null``), for the user to find it."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):  # YAML can hold what JSON cannot (a date); its text is enough to find it
        return str(value)


def signature(records: list[list[str]]) -> str:
    """What identifies a kind of table for the session's memory.

    Parameters
    ----------
    records : list of list of str
        The file's rows as read.

    Returns
    -------
    str
        The first six non-empty lines' filled cells, as JSON.
    """
    lines = [[c.strip() for c in r if c.strip()] for r in records[:15] if any(c.strip() for c in r)]
    return json.dumps(lines[:6], ensure_ascii=False)


def suggest(records: list[list[str]]) -> Mapping:
    """A first guess for the mapping step.

    Parameters
    ----------
    records : list of list of str
        The file's rows as read.

    Returns
    -------
    Mapping
        A wide table's shape and header row, or the long table's columns guessed by their names (year, value,
        country, series in English, Russian or Uzbek); no unit (the file's, or asked).
    """
    wide = find_wide(records)
    if wide is not None:
        return Mapping(shape="wide", header_row=wide.header + 1, row=None)
    # the header: the first line with two or more names (a title line above the table has one)
    at = next((i for i, r in enumerate(records[:15]) if sum(1 for c in r if c.strip()) >= 2), 0)
    header = [c.strip() for c in records[at]] if records else []
    found: dict[str, str | None] = {}
    for role, pattern in _GUESSES.items():
        found[role] = next((c for c in header if re.search(pattern, c.lower())), None)
    return Mapping(shape="long", header_row=at + 1, year=found["year"], value=found["value"],
                   series=Pick(column=found["series"]), country=Pick(column=found["country"]))


def header_of(records: list[list[str]], mapping: Mapping) -> list[str]:
    """The column names at the mapping's header row.

    Parameters
    ----------
    records : list of list of str
        The file's rows as read.
    mapping : Mapping
        Gives the header row.

    Returns
    -------
    list of str
        Stripped names; ``[]`` beyond the file.
    """
    index = mapping.header_row - 1
    return [c.strip() for c in records[index]] if index < len(records) else []


def row_choices(records: list[list[str]]) -> list[str]:
    """The labels of a wide table's rows, for the user to pick one.

    Parameters
    ----------
    records : list of list of str
        The file's rows as read.

    Returns
    -------
    list of str
        ``"0398 · Казахстан · Qozogʻiston"``: code first, kept as text; ``[]`` when the table is not wide.
    """
    wide = find_wide(records)
    return [] if wide is None else [wide.row_label(record) for _row, record in wide.data_rows(records)]


def _series_of(text: str) -> str | None:
    text = text.strip()
    return text if text in MAPPABLE_UNITS else WDI_CODES.get(text)


def _country_of(text: str) -> str | None:
    return COUNTRY_CODES.get(plain(text)) or place(text)


def _problem(row: int | None, column: str | None, code: str, message: str, **values: str) -> LeftOut:
    return LeftOut(row, column, code, message, values)


def _unit(mapping: Mapping, stated: StatedUnit | None) -> StatedUnit | None:
    if mapping.unit is not None:
        return StatedUnit(mapping.unit.kind, mapping.unit.scale)
    return stated


def stated_in(records: list[list[str]], mapping: Mapping) -> StatedUnit | None:
    """The unit the file states: in the lines above the header, else in the value column's name.

    Parameters
    ----------
    records : list of list of str
        The file's rows as read.
    mapping : Mapping
        Gives the shape, header row and value column.

    Returns
    -------
    StatedUnit or None
        ``None`` when the file states none.
    """
    if mapping.shape == "wide":
        wide = find_wide(records)
        return None if wide is None else wide.unit
    above = " ".join(" ".join(c for c in r if c.strip()) for r in records[:mapping.header_row - 1])
    header = header_of(records, mapping)
    return stated_unit(above) or (stated_unit(mapping.value) if mapping.value in header and mapping.value else None)


def apply_mapping(records: list[list[str]], mapping: Mapping, delimiter: str | None, source: str) -> Converted:
    """``records`` read by ``mapping`` as template records (layout ``"mapped"``).

    Parameters
    ----------
    records : list of list of str
        The file's rows as read.
    mapping : Mapping
        The user's choice.
    delimiter : str or None
        The file's delimiter, for the decimal convention.
    source : str
        The source written on each row when the mapping names none (the file's name).

    Returns
    -------
    Converted
        ``problems`` lists what stops the mapping (a column not in the header, no unit, a unit that does not fit
        the series, a cell that is not a year or a number) by the file's row and column; ``left_out`` the rows
        skipped (empty figure, a series or country not ours).
    """
    stated = stated_in(records, mapping)
    unit = _unit(mapping, stated)
    header = header_of(records, mapping)
    problems: list[LeftOut] = []
    for role, name in (("year", mapping.year), ("value", mapping.value)):
        if mapping.shape == "long" and (not name or name not in header):
            problems.append(_problem(mapping.header_row, name, "mapping_column", f"choose the column of the {role}",
                                     role=role))
    for role, pick in (("series", mapping.series), ("country", mapping.country)):
        if pick.column is None and not pick.fixed:
            problems.append(_problem(None, None, "mapping_column", f"choose the {role}", role=role))
        elif pick.column is not None and pick.column not in header:
            problems.append(_problem(mapping.header_row, pick.column, "mapping_column",
                                     f"choose the column of the {role}", role=role))
    if unit is None:
        problems.append(_problem(None, None, "unit_unknown", "the file does not state the unit: choose it "
                                 "(USD, soum or tenge, persons, percent; and thousands, millions or billions)"))
    if problems or unit is None:
        return Converted([list(TEMPLATE_HEADER)], "mapped", [], [], None, "", ".", "", problems)
    if mapping.shape == "wide":
        return _apply_wide(records, mapping, unit, delimiter, source)
    return _apply_long(records, mapping, header, unit, delimiter, source)


def _target(series: str, unit: StatedUnit, row: int | None, column: str | None,
            problems: list[LeftOut]) -> Any:
    target = MAPPABLE_UNITS[series]
    by = factor(unit, target)
    if by is None:
        problems.append(_problem(row, column, "unit_mismatch", f"figures in {unit.kind} ({unit.scale}) cannot be "
                                 f"{series} ({target}); choose the right row or unit", kind=unit.kind,
                                 scale=unit.scale, series=series, target=target))
    return by


def _apply_long(records: list[list[str]], mapping: Mapping, header: list[str], unit: StatedUnit,
                delimiter: str | None, source: str) -> Converted:
    at = {name: header.index(name) for name in header if name}
    data = [(index + 1, record) for index, record in enumerate(records) if index >= mapping.header_row
            and any(c.strip() for c in record)]

    def cell(record: list[str], name: str | None) -> str:
        position = at.get(name or "", len(record))
        return record[position].strip() if position < len(record) else ""

    numbers, decimal, grouping, unclear = read_numbers([cell(r, mapping.value) for _row, r in data], delimiter)
    out, origins, left, problems = [list(TEMPLATE_HEADER)], [], [], []
    factors: dict[str, Any] = {}
    for position, (row, record) in enumerate(data):
        raw_series = cell(record, mapping.series.column) if mapping.series.column else str(mapping.series.fixed)
        raw_country = cell(record, mapping.country.column) if mapping.country.column else str(mapping.country.fixed)
        series, country = _series_of(raw_series), _country_of(raw_country)
        if series is None:
            left.append(_problem(row, mapping.series.column, "mapping_series", f"{raw_series!r} is not a series "
                                 "the model uses", raw=raw_series))
            continue
        if country is None:
            left.append(_problem(row, mapping.country.column, "mapping_country", f"{raw_country!r} is not "
                                 "Uzbekistan or Kazakhstan", raw=raw_country))
            continue
        raw_year = cell(record, mapping.year)
        match = PERIOD.match(raw_year) or re.match(r"^(\d{4})(?:\.0)?$", raw_year)
        if match is None:
            problems.append(_problem(row, mapping.year, "mapping_year", f"{raw_year!r} is not a year",
                                     raw=raw_year))
            continue
        number = numbers[position]
        raw = cell(record, mapping.value)
        if number is None:
            left.append(_problem(row, mapping.value, "mapping_empty", "no figure", raw=raw))
            continue
        if series not in factors:
            factors[series] = _target(series, unit, row, mapping.value, problems)
        value = scaled(number, factors[series]) if factors[series] is not None else None
        if factors[series] is None:
            continue
        if value is None or position in unclear:
            problems.append(_problem(row, mapping.value, "not_a_number", f"{raw!r} is not a number in this "
                                     "file's convention", raw=raw))
            continue
        out.append([series, country, match.group(1), value, MAPPABLE_UNITS[series], mapping.source or source,
                    mapping.status])
        origins.append(Origin(row, str(mapping.value), raw))
    return Converted(out, "mapped", origins, left, None, unit.text, decimal, grouping, problems)


def _apply_wide(records: list[list[str]], mapping: Mapping, unit: StatedUnit, delimiter: str | None,
                source: str) -> Converted:
    table: WideTable | None = find_wide(records)
    series = _series_of(str(mapping.series.fixed or ""))
    country = _country_of(str(mapping.country.fixed or ""))
    problems: list[LeftOut] = []
    if table is None:
        problems.append(_problem(None, None, "mapping_not_wide", "no row of periods (2022, 2023 …) found"))
    if series is None:
        problems.append(_problem(None, None, "mapping_column", "choose the series", role="series"))
    if country is None:
        problems.append(_problem(None, None, "mapping_column", "choose the country", role="country"))
    rows = [] if table is None else [row for row, record in table.data_rows(records)
                                     if mapping.row is not None and (table.row_label(record) == mapping.row
                                     or mapping.row in (c.strip() for c in record))]
    if table is not None and not rows:
        problems.append(_problem(None, None, "mapping_row", f"no row is labelled {mapping.row!r}",
                                 raw=str(mapping.row)))
    if problems or table is None or series is None or country is None:
        return Converted([list(TEMPLATE_HEADER)], "mapped", [], [], None, "", ".", "", problems)
    if _target(series, unit, None, None, problems) is None:
        return Converted([list(TEMPLATE_HEADER)], "mapped", [], [], None, "", ".", "", problems)
    target = MAPPABLE_UNITS[series]
    figures, decimal, grouping, problems = wide_values(table, records, rows[:1], target, unit, delimiter)
    out, origins = [list(TEMPLATE_HEADER)], []
    for row, column, year, raw, value in figures:
        if value is None:
            continue
        out.append([series, country, year, value, target, mapping.source or source, mapping.status])
        origins.append(Origin(row, column, raw))
    left = [_problem(row, None, "national_other_row", "another item of the table", label=table.row_label(record))
            for row, record in table.data_rows(records) if row not in rows[:1]]
    return Converted(out, "mapped", origins, left, None, unit.text, decimal, grouping, problems)


__all__ = ["KINDS", "SCALES", "Mapping", "MappingFileError", "Pick", "UnitChoice", "apply_mapping", "dump", "load",
           "row_choices", "signature", "stated_in", "suggest"]
