"""National statistics tables laid out wide: one row per item, one column per period.

A statistics office's table (the Statistics Agency of Uzbekistan, the Bureau of National Statistics of
Kazakhstan) typically has title lines above the header naming the subject and the unit ("Внешнеторговый
оборот со странами СНГ, млн долл. США"), a code column (kept as text: ``0398`` keeps its zero), label
columns in one or several languages (``Klassifikator``, ``Klassifikator_ru``, ``Klassifikator_en``) and the
periods as columns (``2019``, ``2020``, ``2023 г.``, ``2023 й.``, ``2023 yil``).

:func:`find_wide` finds such a table; :func:`national_rows` recognises the one case that needs no question:
a trade table (turnover, exports or imports) by partner country with a row for the other country and a unit in
US dollars stated in the file. Anything else is mapped by the user's choice of row, series, country and unit
(:mod:`exchange.mapping`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from exchange.converted import TEMPLATE_HEADER, Converted, LeftOut, Origin, read_numbers
from exchange.units import StatedUnit, factor, scaled, stated_unit

PERIOD = re.compile(r"^(\d{4})(?:\s*(?:г\.?|гг\.?|год|й\.?|йил|yil|y\.?))?$", re.IGNORECASE)
CODE_HEADERS = ("code", "код", "kod", "коd", "kodi", "коди")
UNIT_HEADERS = ("unit", "единица измерения", "ед. изм.", "o'lchov birligi", "oʻlchov birligi", "ўлчов бирлиги")
_APOSTROPHES = "'ʻ‘’`ʼ"
PLACES = {
    "KZ": ("казахстан", "qozogiston", "қазақстан", "kazakhstan", "қозоғистон", "kazakstan"),
    "UZ": ("узбекистан", "ozbekiston", "ўзбекистон", "өзбекстан", "uzbekistan"),
}
SUBJECTS = (  # checked in this order: "товарооборот" before "экспорт"
    ("turnover", r"товарооборот|внешнеторговый оборот|оборот|tovar aylanmasi|savdo aylanmasi|aylanma|turnover"
                 r"|тауар айналымы"),
    ("exports", r"экспорт|eksport|export"),
    ("imports", r"импорт|import"),
)
# subject and whose statistics → our series (Uzbekistan's side: a Kazakh table's exports are its imports)
TRADE_SERIES = {("turnover", "KZ"): "turnover_usd_bn", ("exports", "KZ"): "uz_exports_to_kz_usd_bn",
                ("imports", "KZ"): "uz_imports_from_kz_usd_bn", ("turnover", "UZ"): "turnover_usd_bn",
                ("exports", "UZ"): "uz_imports_from_kz_usd_bn", ("imports", "UZ"): "uz_exports_to_kz_usd_bn"}


def plain(text: str) -> str:
    """Lower case without apostrophes, for matching names in any spelling.

    Parameters
    ----------
    text : str
        A label or name.

    Returns
    -------
    str
        E.g. ``Qozogʻiston`` → ``qozogiston``.
    """
    return "".join(c for c in text.strip().lower() if c not in _APOSTROPHES)


@dataclass(frozen=True)
class WideTable:
    """Where a wide table's parts are.

    Attributes
    ----------
    header : int
        Index of the header record.
    periods : list of tuple
        ``(column index, year)`` of each period column.
    labels : list of int
        Indexes of the label columns (text before the periods; the code column among them).
    code : int or None
        Index of the code column, if the header names one.
    title : str
        The lines above the header, joined (subject and unit are read from them).
    unit : StatedUnit or None
        The unit stated in the title or a unit column.
    """

    header: int
    periods: list[tuple[int, str]]
    labels: list[int]
    code: int | None
    title: str
    unit: StatedUnit | None

    def row_label(self, record: list[str]) -> str:
        """A row's labels as shown to the user.

        Parameters
        ----------
        record : list of str
            One row of the file.

        Returns
        -------
        str
            Code first, kept as text (``0398 · Казахстан``); ``""`` for a row without labels.
        """
        cells = [record[i].strip() for i in self.labels if i < len(record) and record[i].strip()]
        return " · ".join(dict.fromkeys(cells))

    def data_rows(self, records: list[list[str]]) -> list[tuple[int, list[str]]]:
        """The rows below the header that have a label.

        Parameters
        ----------
        records : list of list of str
            The file's rows as read.

        Returns
        -------
        list of tuple
            ``(file row, record)``, the file row counted from 1.
        """
        return [(index + 1, record) for index, record in enumerate(records) if index > self.header
                and self.row_label(record)]


def find_wide(records: list[list[str]]) -> WideTable | None:
    """The wide table in ``records``: periods as columns after one or more label columns.

    Parameters
    ----------
    records : list of list of str
        The file's rows as read; the header is looked for in the first 15.

    Returns
    -------
    WideTable or None
        ``None`` when no row has period headers after a label.
    """
    for index, record in enumerate(records[:15]):
        cells = [cell.strip() for cell in record]
        periods = [(i, m.group(1)) for i, cell in enumerate(cells) if (m := PERIOD.match(cell))]
        if len(periods) < 2 and not (len(periods) == 1 and index + 1 < len(records)):
            continue
        if not periods:
            continue
        first = periods[0][0]
        labels = [i for i, cell in enumerate(cells[:first]) if cell]
        if not labels:
            continue
        lowered = [plain(cell) for cell in cells]
        code = next((i for i in labels if lowered[i] in {plain(h) for h in CODE_HEADERS}), None)
        unit_at = next((i for i in labels if lowered[i] in {plain(h) for h in UNIT_HEADERS}), None)
        lines = [" ".join(c.strip() for c in r if c.strip()) for r in records[:index]]
        title = " ".join(lines)
        unit = next((u for u in map(stated_unit, lines) if u is not None), None)
        if unit is None and unit_at is not None:
            units = {r[unit_at].strip() for r in records[index + 1:] if unit_at < len(r) and r[unit_at].strip()}
            unit = stated_unit(units.pop()) if len(units) == 1 else None
        labels = [i for i in labels if i != unit_at]
        return WideTable(index, periods, labels, code, title, unit)
    return None


def subject(title: str) -> str | None:
    """What a trade table's title says it counts.

    Parameters
    ----------
    title : str
        The lines above the header.

    Returns
    -------
    str or None
        ``"turnover"``, ``"exports"``, ``"imports"`` or ``None``.
    """
    text = title.lower()
    return next((name for name, words in SUBJECTS if re.search(words, text)), None)


def place(label: str) -> str | None:
    """The country a row label names (Russian, Uzbek, Kazakh or English).

    Parameters
    ----------
    label : str
        A row's labels.

    Returns
    -------
    str or None
        ``"KZ"``, ``"UZ"`` or ``None``.
    """
    words = plain(label)
    return next((ours for ours, names in PLACES.items() if any(name in words for name in names)), None)


def wide_values(table: WideTable, records: list[list[str]], rows: list[int], target: str, unit: StatedUnit,
                delimiter: str | None) -> tuple[list[tuple[int, str, str, str, str | None]], str, str, list[LeftOut]]:
    """The figures of the chosen rows, period by period, in the template unit ``target``.

    The decimal convention is read from every number of the table (more evidence than one row).

    Parameters
    ----------
    table : WideTable
        Where the table's parts are.
    records : list of list of str
        The file's rows as read.
    rows : list of int
        The file rows to take.
    target : str
        The template unit to rescale to.
    unit : StatedUnit
        The figures' unit.
    delimiter : str or None
        The file's delimiter.

    Returns
    -------
    tuple
        ``(figures, decimal, grouping, problems)`` with figures ``(file row, column name, year, raw, value)``,
        ``value`` ``None`` when the cell is empty or ``..``; problems are cells that cannot be read.
    """
    header = records[table.header]
    every = [(r, record[i] if i < len(record) else "") for r, record in table.data_rows(records)
             for i, _year in table.periods]
    numbers, decimal, grouping, unclear = read_numbers([raw for _r, raw in every], delimiter)
    by = factor(unit, target)
    figures = []
    problems: list[LeftOut] = []
    for position, (row, raw) in enumerate(every):
        if row not in rows:
            continue
        column, year = table.periods[position % len(table.periods)]
        number = numbers[position]
        value = None if number is None or by is None else scaled(number, by)
        if number is not None and (position in unclear or value is None):
            problems.append(LeftOut(row, header[column].strip(), "not_a_number", f"{raw!r} is not a number in this "
                                    "file's convention", {"raw": raw}))
            continue
        figures.append((row, header[column].strip(), year, raw.strip(), value))
    return figures, decimal, grouping, problems


def national_rows(records: list[list[str]], delimiter: str | None, source: str) -> Converted | None:
    """A national trade table by partner country, recognised without questions; ``None`` otherwise.

    Recognised when the title names turnover, exports or imports, a row names the other country of the pair
    and the unit is stated in US dollars (any scale). A table from Uzbekistan's statistics has a Kazakhstan row
    (its exports are ``uz_exports_to_kz_usd_bn``); one from Kazakhstan's has an Uzbekistan row (its exports are
    Uzbekistan's imports, mirror figures, said in the status).

    Parameters
    ----------
    records : list of list of str
        The file's rows as read.
    delimiter : str or None
        The file's delimiter.
    source : str
        Written on each row, followed by the unit as stated (the file's name).

    Returns
    -------
    Converted or None
        Layout ``"national_wide"``; other rows of the table in ``left_out``.
    """
    table = find_wide(records)
    if table is None or table.unit is None or table.unit.kind != "usd":
        return None
    what = subject(table.title)
    if what is None:
        return None
    partners = [(row, place(table.row_label(record))) for row, record in table.data_rows(records)]
    found = [(row, country) for row, country in partners if country is not None]
    if len({country for _row, country in found}) != 1:
        return None
    rows = [row for row, _country in found]
    partner = found[0][1]
    assert partner is not None
    series = TRADE_SERIES[(what, partner)]
    figures, decimal, grouping, problems = wide_values(table, records, rows, "usd_bn", table.unit, delimiter)
    status = "official" if partner == "KZ" else "official (reported by Kazakhstan: mirror statistics)"
    out = [list(TEMPLATE_HEADER)]
    origins = []
    for row, column, year, raw, value in figures:
        if value is None:
            continue
        out.append([series, "UZ", year, value, "usd_bn", f"{source} ({table.unit.text})", status])
        origins.append(Origin(row, column, raw))
    left = [LeftOut(row, None, "national_other_row", "another item of the table; only the row of the other "
                    "country is used", {"label": table.row_label(record)})
            for row, record in table.data_rows(records) if row not in rows]
    return Converted(out, "national_wide", origins, left, "UZ" if partner == "KZ" else "KZ", table.unit.text,
                     decimal, grouping, problems)
