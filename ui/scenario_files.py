"""Name, note, share link, downloads (JSON, CSV, XLSX) and JSON upload of the current scenario."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from model.exports import csv_bytes, projection_tables, xlsx_bytes
from model.links import encode
from model.scenario import MAX_JSON_BYTES, ScenarioFileError, scenario_from_json, scenario_to_json
from ui.i18n import Translator
from ui.state import SCENARIO_KEY, current_model, get_scenario, set_scenario

UPLOAD_KEY = "scenario_upload"


def _rename() -> None:
    scenario = get_scenario()
    name = str(st.session_state.get("scenario_name", ""))[:80]
    note = str(st.session_state.get("scenario_note", ""))[:2000]
    st.session_state[SCENARIO_KEY] = scenario.model_copy(update={"name": name, "note": note})


def name_and_note(t: Translator) -> None:
    """Text inputs bound to the scenario's name and note."""
    scenario = get_scenario()
    st.session_state["scenario_name"] = scenario.name
    st.session_state["scenario_note"] = scenario.note
    st.text_input(t("scenarios.name"), key="scenario_name", max_chars=80, on_change=_rename)
    st.text_area(t("scenarios.note"), key="scenario_note", max_chars=2000, on_change=_rename, height=80)


def share_url() -> str:
    """The address that reopens this scenario (the app's root plus the scenario's query)."""
    scenario = get_scenario()
    query = encode(scenario.levers, current_model().registry, scenario.preset, scenario.name)
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    return urlunsplit((parts.scheme, parts.netloc, "/", urlencode(query), ""))


def share_link(t: Translator) -> None:
    """The share link, ready to copy (the address bar always carries the same link)."""
    st.header(t("scenarios.share_heading"))
    st.caption(t("scenarios.share_note"))
    st.code(share_url(), language=None, wrap_lines=True)


def downloads(t: Translator) -> None:
    """Scenario JSON, one projection table as CSV, and the whole workbook."""
    model = current_model()
    scenario = get_scenario()
    st.header(t("scenarios.export_heading"))
    stem = (scenario.name or "hamkorlik-scenario").strip().replace(" ", "-")[:40]
    st.download_button(t("scenarios.download_json"), scenario_to_json(scenario), f"{stem}.json",
                       mime="application/json", width="stretch")
    tables = projection_tables(model.run_values(scenario.levers), model.tables, model.registry)
    choice = st.selectbox(t("scenarios.table"), list(tables), format_func=lambda k: t(f"scenarios.tables.{k}"))
    st.download_button(t("scenarios.download_csv"), csv_bytes(tables[choice]), f"{stem}-{choice}.csv",
                       mime="text/csv", width="stretch")
    st.download_button(t("scenarios.download_xlsx"), xlsx_bytes(tables), f"{stem}.xlsx", width="stretch",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _read_upload(t: Translator) -> None:
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is None:
        return
    data = upload.getvalue()
    try:
        scenario, notes = scenario_from_json(data[: MAX_JSON_BYTES + 1], current_model().registry)
    except ScenarioFileError as error:
        st.session_state["upload_message"] = ("error", t("scenarios.upload_error", name=upload.name, reason=str(error)))
        return
    set_scenario(scenario)
    message = t("scenarios.upload_ok", name=scenario.name or upload.name)
    if notes:
        message += "\n\n" + "\n".join(f"- {note}" for note in notes)
    st.session_state["upload_message"] = ("success", message)


def upload(t: Translator) -> None:
    """Upload a scenario JSON; a bad file is explained and the current scenario is kept."""
    st.header(t("scenarios.import_heading"))
    st.file_uploader(t("scenarios.upload"), type=["json"], key=UPLOAD_KEY, on_change=_read_upload, args=(t,),
                     help=t("scenarios.upload_help"))
    if message := st.session_state.pop("upload_message", None):
        kind, text = message
        (st.error if kind == "error" else st.success)(text)
