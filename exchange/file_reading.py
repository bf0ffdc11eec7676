"""Read the tables people already have: text files in any common encoding and dialect, .xlsx and old .xls.

Libraries chosen, and why (rather than parsing by hand):

* **charset-normalizer** (encoding): the detector ``requests`` ships with, actively maintained, pure Python
  with optional speed-ups, MIT. It honours byte-order marks (UTF-8 with BOM, UTF-16 "Unicode text" from Excel)
  and, where there is none, scores the decodings it tries by how plausible the text is. We ask it to choose
  among the encodings files in this region come in (UTF-8, UTF-16, Windows-1251, Windows-1252) so a short
  Cyrillic file is never taken for KOI8 or a Mac code page.
* **csv.Sniffer** (dialect: delimiter and quote character), from the standard library: no extra dependency and
  enough for the three delimiters spreadsheets write (comma, semicolon, tab). Its choice is checked: the
  delimiter must split the header into more than one column, else the next candidate is tried.
  (clevercsv detects messier dialects but brings chardet and regex; not needed for these files.)
* **openpyxl** (.xlsx, already used for the downloads) and **xlrd** 2.x (old binary .xls only, the one
  maintained reader for that format). A ``.xls`` that is really text (many statistics portals save
  tab-separated text under that name) is recognised by its first bytes and read as text.

Numbers: :func:`number_convention` decides, for the whole file, whether a comma in a number is a decimal
mark or a thousands separator, and :func:`normalise_number` writes each number with a decimal point and no
grouping. A convention is only assumed when the file shows it unambiguously.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (an OLE2 compound file)
ENCODINGS = ("utf_8", "utf_16", "cp1251", "cp1252")  # what charset-normalizer may choose from
DELIMITERS = (",", ";", "\t")
GROUP_MARKS = " \u00a0\u202f'"  # space, no-break space, narrow no-break space, apostrophe (Swiss style)
_ENCODING_NAMES = {"utf_8": "UTF-8", "utf_16": "UTF-16", "utf_16_le": "UTF-16", "utf_16_be": "UTF-16",
                   "cp1251": "Windows-1251", "cp1252": "Windows-1252", "ascii": "UTF-8"}
_NUMBER_SHAPE = re.compile(r"^[+-]?\d[\d.,]*$")
_DANGEROUS_AFTER_QUOTE = re.compile(r"^'\s*[=+\-@\uff1d\uff0b\uff0d\uff20\t\r]")


class ReadingError(ValueError):
    """The bytes cannot be read as a table; the message says why in plain words.

    Parameters
    ----------
    message : str
        Why, in English (logs and the command line's JSON).
    code : str, optional
        What an interface words in the user's language (``byod.problems.<code>``).
    **values
        The figures that wording fills in (a row limit…).
    """

    def __init__(self, message: str, code: str | None = None, **values: Any) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


@dataclass(frozen=True)
class Reading:
    r"""How a file was read, to show the user.

    Attributes
    ----------
    kind : str
        ``"text"``, ``"xlsx"`` or ``"xls"``.
    encoding : str or None
        E.g. ``"UTF-8"``, ``"UTF-8 with BOM"``, ``"UTF-16 with BOM"``, ``"Windows-1251"``; ``None`` for workbooks.
    delimiter : str or None
        ``","``, ``";"`` or ``"\\t"``; ``None`` for workbooks.
    decimal : str
        ``"."`` or ``","``: the decimal mark numbers were read with.
    grouping : str
        The thousands separators met (``""`` when none), e.g. ``"\\u00a0"``.
    layout : str
        ``"template"`` or a recognised download (:mod:`exchange.layouts`).
    reporter : str or None
        ``"UZ"`` or ``"KZ"``: whose report of the bilateral trade was used (Comtrade, national trade tables).
    unit : str
        The unit as the file states it, e.g. ``"млн долл. США"`` (converted layouts), else ``""``.
    """

    kind: str
    encoding: str | None
    delimiter: str | None
    decimal: str = "."
    grouping: str = ""
    layout: str = "template"  # or "wdi_bulk", "wdi_databank" (exchange.layouts)
    reporter: str | None = None  # whose trade report was used ("UZ"/"KZ"), for Comtrade and national trade tables
    unit: str = ""  # the unit as the file states it ("млн долл. США"), for converted layouts

    def as_dict(self) -> dict[str, Any]:
        """For JSON.

        Returns
        -------
        dict
            ``kind``, ``encoding``, ``delimiter``, ``decimal``, ``grouping`` and ``layout``.
        """
        return {"kind": self.kind, "encoding": self.encoding, "delimiter": self.delimiter,
                "decimal": self.decimal, "grouping": self.grouping, "layout": self.layout,
                "reporter": self.reporter, "unit": self.unit}

    def describe(self) -> str:
        """English one-liner, e.g. ``text, Windows-1251, delimiter ';', decimal comma, thousands: no-break space``.

        Returns
        -------
        str
            The kind, encoding, delimiter, decimal mark and thousands separators, comma-separated.
        """
        parts = [self.kind if self.kind == "text" else f"Excel .{self.kind}"]
        if self.encoding:
            parts.append(self.encoding)
        if self.delimiter:
            parts.append(f"delimiter {DELIMITER_NAMES[self.delimiter]}")
        parts.append("decimal comma" if self.decimal == "," else "decimal point")
        if self.grouping:
            parts.append("thousands: " + ", ".join(GROUP_NAMES[g] for g in self.grouping))
        return ", ".join(parts)


DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
GROUP_NAMES = {" ": "space", "\u00a0": "no-break space", "\u202f": "narrow no-break space", "'": "apostrophe",
               ",": "comma", ".": "point"}


# --- text ---------------------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """``data`` as text and the encoding's name (``"UTF-8 with BOM"``, ``"UTF-16 with BOM"``, ``"Windows-1251"``…).

    Valid UTF-8 is taken as UTF-8 (it almost never occurs by chance); otherwise charset-normalizer chooses
    among :data:`ENCODINGS`, byte-order marks first.

    Parameters
    ----------
    data : bytes
        The uploaded file.

    Returns
    -------
    text : str
        The decoded text, without a byte-order mark.
    encoding : str
        The encoding's name for the user.

    Raises
    ------
    ReadingError
        No candidate encoding decodes the file as plausible text.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict") if _is_utf8(data[3:]) else _fail_text(), "UTF-8 with BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16 with BOM"
        except UnicodeDecodeError:
            _fail_text()
    if _is_utf8(data):
        return data.decode("utf-8"), "UTF-8"
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(ENCODINGS)).best()
    if best is None:
        _fail_text()
        raise AssertionError  # unreachable: _fail_text raises
    return str(best), _ENCODING_NAMES.get(best.encoding, best.encoding)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _fail_text() -> str:
    raise ReadingError("the file is not text in a known encoding (UTF-8, UTF-16, Windows-1251); "
                       "save it as CSV UTF-8 or Excel .xlsx", "not_text")


def sniff_delimiter(text: str) -> tuple[str, str]:
    """The delimiter and quote character of a text table (csv.Sniffer on the first lines, checked on the header).

    Parameters
    ----------
    text : str
        The decoded file.

    Returns
    -------
    delimiter : str
        One of ``DELIMITERS``; a comma when nothing splits the header.
    quote : str
        The quote character (``"`` unless the sniffer found another).
    """
    lines = [line for line in text.splitlines() if line.strip()][:50]
    sample = "\n".join(lines)
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS))
        delimiter, quote = dialect.delimiter, dialect.quotechar or '"'
    except csv.Error:
        delimiter, quote = "", '"'
    header = lines[0] if lines else ""
    if delimiter not in header:  # the sniffer's pick does not split the header: take the first that does
        delimiter = next((d for d in DELIMITERS if d in header), "")
    if not delimiter:  # a title line above the table: the delimiter that splits most lines alike, widest
        delimiter = max(DELIMITERS, key=lambda d: _regularity(lines, d))
    return delimiter, quote


def _regularity(lines: list[str], delimiter: str) -> tuple[int, int]:
    """How many lines split into the same number of fields (more than one) by ``delimiter``, and that number."""
    counts = [len(next(csv.reader([line], delimiter=delimiter))) for line in lines if delimiter in line]
    if not counts:
        return 0, 0
    mode = max(set(counts), key=lambda n: (counts.count(n), n))
    return counts.count(mode), mode


def read_text(text: str) -> tuple[list[list[str]], str]:
    """Records of a text table and the delimiter used.

    Parameters
    ----------
    text : str
        The decoded file.

    Returns
    -------
    records : list of list of str
        Every record, cells as written.
    delimiter : str
        The delimiter used (:func:`sniff_delimiter`).

    Raises
    ------
    ReadingError
        The csv module cannot split it (e.g. an unclosed quote at the end with ``strict`` quoting).
    """
    delimiter, quote = sniff_delimiter(text)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar=quote)
        return [list(record) for record in reader], delimiter
    except csv.Error as error:
        raise ReadingError(f"the file cannot be read as CSV ({error})", "not_csv") from None


def looks_like_text(data: bytes) -> bool:
    """Not a zip (.xlsx) nor an OLE2 compound file (.xls): a candidate for :func:`decode`.

    Parameters
    ----------
    data : bytes
        The uploaded file.

    Returns
    -------
    bool
        True unless the first bytes are a zip or OLE2 signature.
    """
    return not data.startswith((ZIP_MAGIC, OLE_MAGIC))


# --- old Excel ----------------------------------------------------------------------------------------------


def read_xls(data: bytes, max_rows: int) -> list[list[Any]]:
    """The first sheet of an old binary .xls (xlrd) as rows of Python values (numbers stay numbers).

    Parameters
    ----------
    data : bytes
        The workbook.
    max_rows : int
        The most data rows accepted (the header row comes on top).

    Returns
    -------
    list of list
        Rows of cells: float, str, datetime for date cells, None for empty, blank and error cells.

    Raises
    ------
    ReadingError
        xlrd cannot open it, it has no sheets, or the sheet has more than ``max_rows`` + 1 rows.
    """
    import xlrd  # only needed for old workbooks

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception as error:  # xlrd raises XLRDError, CompDocError, struct.error...
        raise ReadingError(f"the .xls workbook cannot be opened ({type(error).__name__}: {error}); "
                           "save it again as Excel .xlsx or CSV UTF-8", "xls_unreadable") from None
    try:
        if book.nsheets == 0:
            raise ReadingError("the workbook has no sheets", "no_sheets")
        sheet = book.sheet_by_index(0)
        if sheet.nrows > max_rows + 1:
            raise ReadingError(f"the file has more than {max_rows:,} data rows; the limit is {max_rows:,}",
                               "more_rows_than", limit=max_rows)
        rows: list[list[Any]] = []
        for index in range(sheet.nrows):
            row: list[Any] = []
            for cell in sheet.row(index):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                    row.append(None)
                else:
                    row.append(cell.value)
            rows.append(row)
        return rows
    finally:
        book.release_resources()


# --- numbers ------------------------------------------------------------------------------------------------


def _strip_groups(text: str) -> tuple[str, str]:
    marks = "".join(dict.fromkeys(c for c in text if c in GROUP_MARKS))
    return "".join(c for c in text if c not in GROUP_MARKS), marks


def unneutralise(text: str) -> str:
    """Undo our own downloads' formula guard: ``'-0.5`` (an apostrophe before ``= + - @``) back to ``-0.5``.

    Parameters
    ----------
    text : str
        One cell.

    Returns
    -------
    str
        The cell without that apostrophe; anything else unchanged.
    """
    return text[1:] if _DANGEROUS_AFTER_QUOTE.match(text) else text


def number_convention(cells: Iterable[str], delimiter: str | None) -> tuple[str, bool]:
    """The decimal mark a file's numbers use, ``"."`` or ``","``, by the evidence of the cells.

    Evidence, cell by cell (after dropping spaces and apostrophes used as thousands separators):
    both marks in one number → the later is the decimal mark; one point → decimal point; several points → points
    group thousands (decimal comma); several commas → commas group thousands (decimal point); one comma →
    decimal comma when it is not followed by exactly three digits, or when the file is not comma-delimited
    (a Russian or Uzbek Excel writes ``;`` or tab and a decimal comma). A single comma before three digits in a
    comma-delimited file or a workbook (``"1,234"``) is no evidence either way. The mark more cells show wins
    (a point on a tie or with no evidence); the caller reports the cells that disagree (:func:`cell_says`).

    Parameters
    ----------
    cells : iterable of str
        The cells that should hold numbers.
    delimiter : str or None
        The text file's delimiter; None for a workbook.

    Returns
    -------
    mark : str
        ``"."`` or ``","``.
    evidence : bool
        Whether any cell showed one (with no evidence, ``"1,234"`` must not be guessed).
    """
    votes = {".": 0, ",": 0}
    for raw in cells:
        says = cell_says(raw, delimiter)
        if says is not None:
            votes[says] += 1
    return ("," if votes[","] > votes["."] else "."), any(votes.values())


def cell_says(raw: str, delimiter: str | None) -> str | None:
    """The decimal mark one cell shows (``"."``, ``","``) or ``None`` (no number, or no evidence).

    Parameters
    ----------
    raw : str
        One cell.
    delimiter : str or None
        The text file's delimiter; None for a workbook.

    Returns
    -------
    str or None
        The mark this cell shows.
    """
    text, _marks = _strip_groups(unneutralise(raw.strip()))
    if not _NUMBER_SHAPE.match(text):
        return None
    return _cell_says(text, delimiter)


def _cell_says(text: str, delimiter: str | None) -> str | None:
    commas, points = text.count(","), text.count(".")
    if commas and points:
        return "," if text.rfind(",") > text.rfind(".") else "."
    if points:
        return "." if points == 1 else ","
    if commas > 1:
        return "."
    if commas == 1:
        after = text.rsplit(",", 1)[1]
        if len(after) != 3 or delimiter not in (",", None):
            return ","
    return None


def normalise_number(raw: str, decimal: str) -> tuple[str, str]:
    r"""``raw`` written with a decimal point and no grouping, and the grouping marks removed.

    A cell that is not a number in the convention is returned as it was (the row checks then say what is
    wrong with it), e.g. ``normalise_number("4\\u00a0970,5", ",") == ("4970.5", "\\u00a0")``.

    Parameters
    ----------
    raw : str
        One cell.
    decimal : str
        The file's decimal mark, ``"."`` or ``","`` (:func:`number_convention`).

    Returns
    -------
    number : str
        The number with a decimal point and no grouping, or ``raw`` unchanged.
    marks : str
        The grouping marks met (``""`` when none).
    """
    stripped = unneutralise(raw.strip())
    match = _number_pattern(decimal).match(stripped)
    if match is None:
        return raw, ""
    sign, whole, fraction = match.group(1), match.group(2), match.group(3)
    marks = "".join(dict.fromkeys(c for c in whole if not c.isdigit()))
    digits = "".join(c for c in whole if c.isdigit())
    return f"{sign}{digits}" + (f".{fraction}" if fraction is not None else ""), marks


def _number_pattern(decimal: str) -> re.Pattern[str]:
    group = re.escape(GROUP_MARKS + ("." if decimal == "," else ","))
    return re.compile(rf"^([+-]?)(\d{{1,3}}(?:[{group}]\d{{3}})+|\d+){re.escape(decimal)}?(\d+)?$")
