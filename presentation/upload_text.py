"""The words of an upload's outcome in the user's language: how the file was read, and each problem.

Shared by the Data & sources panel and the ``validate-data`` command; no streamlit here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date

from exchange.file_reading import Reading
from exchange.uploads import Problem
from presentation.i18n import Translator
from presentation.tracker_text import period_text


def problem_text(problem: Problem, t: Translator) -> str:
    """A problem in the user's language where the catalogue words its code, else the model's English message."""
    key = f"byod.problems.{problem.code}"
    if problem.code is None or not t.has(key):
        return problem.message
    values: dict[str, Any] = dict(problem.values)
    if "year" in values and "months" in values:
        values["period"] = period_text(int(values["year"]), int(values["months"]), t)
    if "today" in values:
        values["today"] = format_date(date.fromisoformat(str(values["today"])), format="long", locale=t.locale)
    return t(key, **values)


_MARK_KEYS = {",": "comma", ";": "semicolon", "\t": "tab", " ": "space", "\u00a0": "nbsp", "\u202f": "nnbsp",
              "'": "apostrophe", ".": "point"}


def reading_text(reading: Reading, t: Translator) -> str:
    """How the file was read, in the user's language: kind, encoding, delimiter, decimal mark, thousands."""
    parts = [t(f"byod.reading_kind.{reading.kind}")]
    if reading.layout != "template":
        parts.append(t(f"byod.reading_layout.{reading.layout}"))
    if reading.encoding:
        name = reading.encoding.removesuffix(" with BOM")
        name += f" {t('byod.reading_bom')}" if name != reading.encoding else ""
        parts.append(t("byod.reading_encoding", name=name))
    if reading.delimiter:
        parts.append(t("byod.reading_delimiter", name=t(f"byod.reading_marks.{_MARK_KEYS[reading.delimiter]}")))
    parts.append(t("byod.reading_decimal_comma" if reading.decimal == "," else "byod.reading_decimal_point"))
    if reading.grouping:
        names = ", ".join(t(f"byod.reading_marks.{_MARK_KEYS[mark]}") for mark in reading.grouping)
        parts.append(t("byod.reading_thousands", names=names))
    text = t("byod.reading", what=", ".join(parts))
    return text[:1].upper() + text[1:]  # Uzbek puts the description first


