"""Read any supported file, recognise its layout, and show what would change, before anything is applied.

:func:`prepare` is the one call the app's upload panel and the ``validate-data`` command make. It reads the
file (:func:`~exchange.uploads.read_records`), recognises the layout (our template, a World Bank download, a UN
Comtrade download, a national statistics table by partner country) or applies the user's mapping
(:mod:`exchange.mapping`), checks every row, merges the rows over the shipped tables and runs the model once.
The result is a :class:`Prepared`: the preview table (series, country, year, value, unit, the cell as read and
the shipped figure it replaces), how the file was read, every row left out and every problem by the file's own
row and column. Nothing is applied here: the caller keeps :attr:`Prepared.tables` until the user confirms.
When the layout is not recognised, :attr:`Prepared.records` holds the rows for the mapping step.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pandas as pd

from exchange.comtrade import comtrade_rows
from exchange.converted import Converted, LeftOut
from exchange.file_reading import Reading
from exchange.layouts import wdi_converted
from exchange.mapping import Mapping, apply_mapping
from exchange.national_tables import national_rows
from exchange.uploads import (
    REQUIRED_COLUMNS,
    Problem,
    UploadError,
    UploadSummary,
    apply_upload,
    frame_from_records,
    read_path,
    read_records,
    shipped_lookup,
    summarise,
    usable_rows,
)
from model.data import BaselineTables

TEMPLATE_LIKE = 3  # a header with this many of the template's columns is taken as the template (gaps reported)


@dataclass(frozen=True)
class PreviewRow:
    """One figure as it would be applied.

    Attributes
    ----------
    row : int
        The file's row it was read from (1 = first line).
    column : str
        The file's column it was read from.
    series, country : str
        Our series and ``UZ``/``KZ``.
    year : int
        The year (year-to-date rows: the year of the period).
    value : float
        In ``unit``, the template's unit of the series.
    unit : str
        E.g. ``usd_bn``.
    as_read : str
        The cell as the file has it (``4 970,5``; for a Comtrade turnover, ``exports + imports``).
    shipped : float or None
        The shipped figure it replaces, ``None`` when it adds one.
    """

    row: int
    column: str
    series: str
    country: str
    year: int
    value: float
    unit: str
    as_read: str
    shipped: float | None


@dataclass(frozen=True)
class Prepared:
    """What :func:`prepare` found; see the module docstring.

    Attributes
    ----------
    name : str
        The file's name.
    reading : Reading or None
        How it was read (``None`` when it could not be).
    preview : list of PreviewRow
        Every usable figure.
    left_out : list of LeftOut
        Every row of the file not used, and why.
    problems : list of Problem
        What stops the file being used, by the file's row and column.
    tables : BaselineTables or None
        The merged tables, only when every row can be used and they run the model.
    summary : UploadSummary or None
        What would change (counts and items; :func:`presentation.upload_text.summary_text` words it).
    records : list of list of str or None
        The file's rows, when the layout needs (or was read with) the user's mapping.
    mapping : Mapping or None
        The mapping it was read with.
    """

    name: str
    reading: Reading | None
    preview: list[PreviewRow] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    tables: BaselineTables | None = None
    summary: UploadSummary | None = None
    records: list[list[str]] | None = None
    mapping: Mapping | None = None

    @property
    def ok(self) -> bool:
        """Ready to apply once the user confirms."""
        return self.tables is not None and not self.problems

    @property
    def needs_mapping(self) -> bool:
        """The layout is not recognised: the user says which column or row is what."""
        return self.records is not None and self.tables is None


def is_template(records: list[list[str]]) -> bool:
    """Whether the first line names most of the template's columns (the row checks then name any missing).

    Parameters
    ----------
    records : list of list of str
        The file's rows as read.

    Returns
    -------
    bool
        At least :data:`TEMPLATE_LIKE` of the required columns.
    """
    first = next((r for r in records if any(c.strip() for c in r)), [])
    return len({c.strip().lower() for c in first} & set(REQUIRED_COLUMNS)) >= TEMPLATE_LIKE


def _from_left(item: LeftOut) -> Problem:
    return Problem(item.row, item.column, item.message, item.code, dict(item.values))


def _convert(records: list[list[str]], reading: Reading, name: str,
             mapping: Mapping | None) -> tuple[list[list[str]], Reading, Converted | None]:
    """The records as template records: recognised, mapped, or (``None`` converted) the template as it is."""
    if mapping is None:
        if is_template(records):
            return records, reading, None
        converted = (wdi_converted(records) or comtrade_rows(records, reading.delimiter)
                     or national_rows(records, reading.delimiter, name))
        if converted is None:
            raise _NeedsMapping
    else:
        converted = apply_mapping(records, mapping, reading.delimiter, name)
    reading = replace(reading, layout=converted.layout, reporter=converted.reporter, unit=converted.unit,
                      decimal=converted.decimal, grouping=converted.grouping)
    if converted.problems:
        raise _Refused(reading, converted)
    if len(converted.records) == 1:
        raise _Refused(reading, converted, [Problem(None, None, "no figure in the file can be used (every row is "
                                                    "left out; see why below)", "nothing_usable")])
    if converted.layout.startswith("wdi"):  # the World Bank's numbers are read as the template's
        reading = replace(reading, decimal=".", grouping="")
    return converted.records, reading, converted


class _NeedsMapping(Exception):
    """The layout is not recognised."""


class _Refused(Exception):
    def __init__(self, reading: Reading, converted: Converted, problems: list[Problem] | None = None) -> None:
        super().__init__()
        self.reading = reading
        self.converted = converted
        self.problems = problems if problems is not None else [_from_left(p) for p in converted.problems]


def _at_origin(problem: Problem, converted: Converted | None) -> Problem:
    """A row problem of the converted table moved to the file's own row and column."""
    if converted is None or problem.row is None or not 2 <= problem.row < len(converted.origins) + 2:
        return problem
    origin = converted.origins[problem.row - 2]
    column = origin.column if problem.column in ("value", "year", None) else None
    return replace(problem, row=origin.row, column=column)


def _preview(frame: pd.DataFrame, converted: Converted | None, shipped: BaselineTables,
             today: date | None) -> list[PreviewRow]:
    shipped_value = shipped_lookup(shipped)
    raw_values: list[str] = frame.attrs.get("raw_values", [])
    rows = []
    for row, item in usable_rows(frame, today):
        if converted is not None:
            origin = converted.origins[row - 2]
            at, column, raw = origin.row, origin.column, origin.raw
        else:
            at, column, raw = row, "value", raw_values[row - 2] if row - 2 < len(raw_values) else ""
        rows.append(PreviewRow(at, column, item.series, item.country, item.year, item.value, item.unit, raw,
                               shipped_value(item)))
    return rows


def prepare(name: str, data: bytes, shipped: BaselineTables, *, mapping: Mapping | None = None,
            today: date | None = None) -> Prepared:
    """Read, recognise (or map), check and merge an upload, without applying it; never raises for a bad file.

    Parameters
    ----------
    name : str
        The file's name (its extension says how to read it; it is the source of mapped rows without one).
    data : bytes
        The file's content.
    shipped : BaselineTables
        The tables the rows would be merged over.
    mapping : Mapping, optional
        The user's mapping; without it the layout must be recognised.
    today : datetime.date, optional
        For the year-to-date checks.

    Returns
    -------
    Prepared
        See the class; ``problems`` name the file's own rows and columns.
    """
    try:
        records, reading = read_records(name, data)
    except UploadError as error:
        return Prepared(name, None, problems=error.problems)
    try:
        template, reading, converted = _convert(records, reading, name, mapping)
    except _NeedsMapping:  # the decimal mark is read once the user says which column holds the figures
        return Prepared(name, replace(reading, decimal=""), records=records, mapping=mapping)
    except _Refused as refused:
        return Prepared(name, refused.reading, left_out=refused.converted.left_out, problems=refused.problems,
                        records=records if mapping is not None else None, mapping=mapping)
    except UploadError as error:
        return Prepared(name, reading, problems=error.problems)
    left_out = converted.left_out if converted is not None else []
    try:
        frame = frame_from_records(template, reading, name, data)
    except UploadError as error:
        return Prepared(name, reading, left_out=left_out, problems=[_at_origin(p, converted) for p in error.problems])
    reading = frame.attrs.get("reading", reading)
    if converted is not None:  # the numbers were read in the file's convention before conversion
        reading = replace(reading, decimal=converted.decimal, grouping=converted.grouping)
    preview = _preview(frame, converted, shipped, today)
    kept = records if mapping is not None else None
    try:
        tables = apply_upload(frame, shipped, data=data, today=today)
    except UploadError as error:
        return Prepared(name, reading, preview, left_out, [_at_origin(p, converted) for p in error.problems],
                        records=kept, mapping=mapping)
    return Prepared(name, reading, preview, left_out, [], tables, summarise(frame, shipped, today), kept, mapping)


def prepare_path(path: Path, shipped: BaselineTables, *, mapping: Mapping | None = None) -> Prepared:
    """:func:`prepare` on a file on disk.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    shipped : BaselineTables
        The tables the rows would be merged over.
    mapping : Mapping, optional
        The user's mapping.

    Returns
    -------
    Prepared
        A missing, unreadable or oversized file is a problem too.
    """
    try:
        data = read_path(path)
    except UploadError as error:
        return Prepared(path.name, None, problems=error.problems)
    return prepare(path.name, data, shipped, mapping=mapping)
