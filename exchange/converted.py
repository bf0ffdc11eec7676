"""What a recognised layout or a mapping turns a file into: template rows, where each came from, what was left out.

Shared by :mod:`exchange.comtrade`, :mod:`exchange.national_tables`, :mod:`exchange.mapping` and the uploads
module, so that each reports the same things to the preview: the file row and column every template row was read
from (problems are then shown at the user's row, not ours), the cell as read, and every row of the file not used
with the reason (a code and values a user interface words in its language; ``message`` is the English wording).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TEMPLATE_HEADER = ["series", "country", "year", "value", "unit", "source", "status"]


@dataclass(frozen=True)
class Origin:
    """Where one template row was read from.

    Attributes
    ----------
    row : int
        The file's row (1 = first line).
    column : str
        The file's column name.
    raw : str
        The cell as the file has it (for a Comtrade turnover, ``"<exports> + <imports>"``).
    """

    row: int
    column: str
    raw: str


@dataclass(frozen=True)
class LeftOut:
    """A row (or cell) of the file that is not used, and why.

    Attributes
    ----------
    row : int or None
        The file's row (1 = first line), ``None`` for the file as a whole.
    column : str or None
        The column the reason is about.
    code : str
        For the user interface's wording, e.g. ``"comtrade_re_export"``.
    message : str
        English wording.
    values : dict
        What the wording fills in (flow, partner, reporter...).
    """

    row: int | None
    column: str | None
    code: str
    message: str
    values: dict[str, Any] = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict[str, Any]:
        """For JSON.

        Returns
        -------
        dict
            ``{"row", "column", "code", "message", "values"}``.
        """
        return {"row": self.row, "column": self.column, "code": self.code, "message": self.message,
                "values": dict(self.values)}


@dataclass(frozen=True)
class Converted:
    """A file turned into template records.

    Attributes
    ----------
    records : list of list of str
        :data:`TEMPLATE_HEADER` first, then one row per figure (values with a decimal point, in the template unit).
    layout : str
        ``"comtrade"``, ``"national_wide"``, ``"mapped"``...
    origins : list of Origin
        One per data record, in order.
    left_out : list of LeftOut
        Every row of the file not used, with its reason.
    reporter : str or None
        Whose report the trade figures are (``"UZ"``/``"KZ"``), for Comtrade.
    unit : str
        The unit as the file states it (e.g. ``"млн долл. США"``), ``""`` when chosen by the user or not needed.
    decimal, grouping : str
        The number convention read from the value cells (see :mod:`exchange.file_reading`).
    problems : list of LeftOut
        Cells that stop the file being used (a value that is not a number, or a thousand times ambiguous).
    """

    records: list[list[str]]
    layout: str
    origins: list[Origin]
    left_out: list[LeftOut] = field(default_factory=list)
    reporter: str | None = None
    unit: str = ""
    decimal: str = "."
    grouping: str = ""
    problems: list[LeftOut] = field(default_factory=list)


def read_numbers(cells: list[str], delimiter: str | None) -> tuple[list[str | None], str, str, list[int]]:
    """The value cells of a converted table as numbers with a decimal point, by the file's one convention.

    Parameters
    ----------
    cells : list of str
        Every value cell of the table (the convention is read from all of them).
    delimiter : str or None
        The file's delimiter (``None`` for workbooks): a comma-delimited file's ``"1,234"`` is no evidence.

    Returns
    -------
    tuple
        ``(numbers, decimal, grouping, unclear)``: each cell normalised (``None`` when empty or ``..``), the
        decimal mark and thousands marks read, and the positions of cells that are a thousand times ambiguous
        (``"1,234"`` with no other cell showing the decimal mark) or that use the other decimal mark; those are
        never guessed.
    """
    from exchange.file_reading import cell_says, normalise_number, number_convention

    decimal, evidenced = number_convention(cells, delimiter)
    numbers: list[str | None] = []
    unclear: list[int] = []
    grouping = ""
    for position, raw in enumerate(cells):
        text = raw.strip()
        if text in ("", "..", "-", "–", "—", "x", "…"):
            numbers.append(None)
            continue
        if (decimal == "," and cell_says(text, delimiter) == ".") or (not evidenced and "," in text):
            unclear.append(position)
        number, marks = normalise_number(text, decimal)
        grouping += "".join(m for m in marks if m not in grouping)
        numbers.append(number)
    return numbers, decimal, grouping, unclear
