"""The mapping step: for a table the app does not recognise, the user says which column or row is what.

The layout and the header row are chosen outside the form (they change which columns there are to pick); the
rest in a form, read when submitted. The mapping can be downloaded as a small JSON file and a saved one
uploaded instead (:mod:`exchange.mapping` documents the file).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from exchange.mapping import (
    KINDS,
    MAPPABLE_UNITS,
    SCALES,
    Mapping,
    MappingFileError,
    Pick,
    UnitChoice,
    dump,
    header_of,
    load,
    row_choices,
    stated_in,
    suggest,
)
from presentation.i18n import Translator
from presentation.upload_text import mapping_file_error_text
from ui.upload_state import PENDING_KEY, Pending, read_again

FIXED = "\x00fixed"  # the "same for every row" choice among column names
STATED = "\x00stated"  # "as the file states it" among unit kinds
MAPPING_FILE_KEY = "baseline_mapping_file"
_PREFIX = "map."
PREVIEW_ROWS = 8


def _pending() -> Pending | None:
    found: Pending | None = st.session_state.get(PENDING_KEY)
    return found


def _get(name: str, default: Any = None) -> Any:
    return st.session_state.get(_PREFIX + name, default)


def _mapping_from_widgets(records: list[list[str]], name: str) -> Mapping:
    shape = _get("shape", "long")
    header_row = int(_get("header_row", 1))
    suffix = f".{shape}.{header_row}"
    kind, scale = _get("unit_kind" + suffix, STATED), _get("unit_scale" + suffix)
    # a kind without a scale is no unit: the reading then asks for it (unit_unknown), never assumes units
    unit = None if kind == STATED or scale is None else UnitChoice(kind=kind, scale=scale)

    def pick(role: str) -> Pick:
        source = _get(f"{role}_from{suffix}", FIXED)
        if shape == "long" and source != FIXED:
            return Pick(column=source)
        return Pick(fixed=_get(f"{role}{suffix}"))

    return Mapping(shape=shape, header_row=header_row, year=_get("year" + suffix), value=_get("value" + suffix),
                   row=_get("row" + suffix), series=pick("series"), country=pick("country"), unit=unit,
                   source=_get("source" + suffix) or name)


def _show(mapping: Mapping) -> None:
    """Put a mapping read from a file (or remembered) into the form's widgets, so the form shows what was used."""
    shape, suffix = mapping.shape, f".{mapping.shape}.{mapping.header_row}"
    values: dict[str, Any] = {"shape": shape, "header_row": mapping.header_row, "year" + suffix: mapping.year,
                              "value" + suffix: mapping.value, "row" + suffix: mapping.row,
                              "unit_kind" + suffix: mapping.unit.kind if mapping.unit is not None else STATED,
                              "unit_scale" + suffix: mapping.unit.scale if mapping.unit is not None else None,
                              "source" + suffix: mapping.source}
    for role in ("series", "country"):
        pick: Pick = getattr(mapping, role)
        values[f"{role}_from{suffix}"] = pick.column if shape == "long" and pick.column else FIXED
        values[f"{role}{suffix}"] = pick.fixed
    for name, value in values.items():
        if value is not None:
            st.session_state[_PREFIX + name] = value
        else:
            st.session_state.pop(_PREFIX + name, None)


def _submit() -> None:
    pending = _pending()
    if pending is None or pending.prepared.records is None:
        return
    mapping = _mapping_from_widgets(pending.prepared.records, pending.name)
    st.session_state[PENDING_KEY] = read_again(pending, mapping)


def _mapping_file() -> None:
    pending, upload = _pending(), st.session_state.get(MAPPING_FILE_KEY)
    if pending is None or upload is None:
        return
    try:
        mapping = load(upload.getvalue())
    except MappingFileError as error:
        st.session_state[_PREFIX + "file_error"] = error.with_traceback(None)  # worded in the language shown
        return
    st.session_state.pop(_PREFIX + "file_error", None)
    st.session_state[PENDING_KEY] = read_again(pending, mapping)
    _show(mapping)


def _index(options: list[Any], value: Any, default: int = 0) -> int:
    return options.index(value) if value in options else default


def _column_or_fixed(role: str, header: list[str], fixed: list[str], mapping: Mapping, suffix: str, shape: str,
                     t: Translator, label: Any) -> None:
    pick: Pick = getattr(mapping, role)
    if shape == "long":
        sources = [FIXED, *[c for c in header if c]]
        st.selectbox(t(f"byod.map.{role}_from"), sources, index=_index(sources, pick.column),
                     format_func=lambda c: t("byod.map.fixed") if c == FIXED else t("byod.map.from_column", column=c),
                     key=f"{_PREFIX}{role}_from{suffix}")
    st.selectbox(t("byod.map.fixed") if shape == "long" else t(f"byod.map.{role}_from"), fixed,
                 index=_index(fixed, pick.fixed), format_func=label, key=f"{_PREFIX}{role}{suffix}")


def show_mapping(mapping: Mapping) -> None:
    """Show ``mapping`` (remembered from earlier in the session) in the form's widgets."""
    _show(mapping)


def mapping_step(pending: Pending, t: Translator) -> None:
    """The mapping form for ``pending`` (whose layout was not recognised, or was read with a mapping)."""
    records = pending.prepared.records or []
    mapping = pending.prepared.mapping or suggest(records)
    st.subheader(t("byod.map.heading"))
    st.markdown(t("byod.map.intro", name=pending.name))
    with st.expander(t("byod.map.first_rows"), expanded=pending.prepared.mapping is None):
        width = max((len(r) for r in records[:PREVIEW_ROWS]), default=0)
        shown = [r + [""] * (width - len(r)) for r in records[:PREVIEW_ROWS]]
        st.dataframe(pd.DataFrame(shown, index=range(1, len(shown) + 1), columns=[str(i + 1) for i in range(width)]),
                     width="stretch")
    shapes = ["long", "wide"]
    shape = st.radio(t("byod.map.shape"), shapes, index=_index(shapes, mapping.shape),
                     format_func=lambda s: t(f"byod.map.shape_{s}"), key=_PREFIX + "shape", horizontal=True)
    header_row = int(st.number_input(t("byod.map.header_row"), 1, 50, value=mapping.header_row, step=1,
                                     key=_PREFIX + "header_row"))
    current = mapping.model_copy(update={"shape": shape, "header_row": header_row})
    header = header_of(records, current)
    suffix = f".{shape}.{header_row}"
    stated = stated_in(records, current)
    with st.form("byod_mapping", border=True):
        columns = [c for c in header if c]
        if shape == "long":
            st.selectbox(t("byod.map.year"), columns, index=_index(columns, mapping.year), key=f"{_PREFIX}year{suffix}")
            st.selectbox(t("byod.map.value"), columns, index=_index(columns, mapping.value),
                         key=f"{_PREFIX}value{suffix}")
        else:
            rows = row_choices(records)
            st.selectbox(t("byod.map.row"), rows, index=_index(rows, mapping.row), key=f"{_PREFIX}row{suffix}")
        series = list(MAPPABLE_UNITS)
        _column_or_fixed("series", header, series, mapping, suffix, shape, t,
                         lambda s: f"{s} ({MAPPABLE_UNITS[s]})")
        _column_or_fixed("country", header, ["UZ", "KZ"], mapping, suffix, shape, t,
                         lambda c: t(f"byod.reporters.{c}"))
        # never a default unit: "as the file states it" (refused at reading if it states none) or the user's choice
        kinds = [STATED, *KINDS]
        chosen = mapping.unit.kind if mapping.unit is not None else STATED
        stated_label = t("byod.map.as_stated", unit=stated.text) if stated else t("byod.map.as_stated_any")
        st.selectbox(t("byod.map.unit_kind"), kinds, index=_index(kinds, chosen),
                     format_func=lambda k: stated_label if k == STATED else t(f"byod.map.kinds.{k}"),
                     key=f"{_PREFIX}unit_kind{suffix}")
        scales = list(SCALES)
        st.selectbox(t("byod.map.unit_scale"), scales,
                     index=scales.index(mapping.unit.scale) if mapping.unit is not None else None,
                     format_func=lambda s: t(f"byod.map.scales.{s}"), placeholder=t("byod.map.choose"),
                     key=f"{_PREFIX}unit_scale{suffix}")
        st.text_input(t("byod.map.source"), value=mapping.source or pending.name, key=f"{_PREFIX}source{suffix}")
        st.form_submit_button(t("byod.map.submit"), type="primary", on_click=_submit)
    if pending.prepared.mapping is not None:
        st.download_button(t("byod.map.download"), dump(pending.prepared.mapping).encode("utf-8"),
                           "hamkorlik-mapping.json", mime="application/json", key="byod_mapping_download")
    st.file_uploader(t("byod.map.upload"), type=["json", "yaml", "yml"], key=MAPPING_FILE_KEY,
                     on_change=_mapping_file)
    error = st.session_state.get(_PREFIX + "file_error")
    if error is not None:
        st.error(mapping_file_error_text(error, t))
