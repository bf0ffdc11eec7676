"""Name, note, share link, downloads (JSON, CSV, XLSX) and JSON upload of the current scenario."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import pandas as pd
import streamlit as st

from exchange.exports import csv_bytes, projection_tables, xlsx_bytes
from exchange.links import MAX_LINK_NOTE_CHARS, link_note_cut, share_link
from model.scenario import (
    MAX_JSON_BYTES,
    MAX_NAME_CHARS,
    MAX_NOTE_CHARS,
    Scenario,
    ScenarioFileError,
    scenario_from_json,
    scenario_to_json,
)
from presentation.data_texts import with_public_sources
from presentation.i18n import DEFAULT_LANGUAGE, Translator
from presentation.identity import ScenarioIdentity, file_stem, for_markdown
from presentation.scenario_file_text import file_error_text, file_note_text
from ui.export_buttons import brief_download
from ui.state import LANG_KEY, SCENARIO_KEY, current_model, get_scenario, identity, presentation_on, set_scenario

UPLOAD_KEY = "scenario_upload"
NAME_WIDGET, NOTE_WIDGET = "scenario_name", "scenario_note"


def _rename() -> None:
    scenario = get_scenario()
    name = str(st.session_state.get(NAME_WIDGET, ""))[:MAX_NAME_CHARS]
    note = str(st.session_state.get(NOTE_WIDGET, ""))[:MAX_NOTE_CHARS]
    st.session_state[SCENARIO_KEY] = scenario.model_copy(update={"name": name, "note": note})


def name_and_note(t: Translator) -> None:
    """What the scenario is shown as, and the text inputs bound to its name and note (the page's only name)."""
    scenario = get_scenario()
    st.caption(t("scenario.status", status=for_markdown(identity(scenario, t).full)))
    st.session_state[NAME_WIDGET] = scenario.name
    st.session_state[NOTE_WIDGET] = scenario.note
    st.text_input(t("scenarios.name"), key=NAME_WIDGET, max_chars=MAX_NAME_CHARS, on_change=_rename,
                  placeholder=t("scenarios.name_placeholder"))
    st.text_area(t("scenarios.note"), key=NOTE_WIDGET, max_chars=MAX_NOTE_CHARS, on_change=_rename, height=80)


def app_root() -> str:
    """The app's own address (scheme, host and any base path), whatever page this session is on."""
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    base_path = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return urlunsplit((parts.scheme, parts.netloc, f"/{base_path}/" if base_path else "/", "", ""))


def share_url() -> str:
    """The address that reopens what this session shows: scenario, name, note, language, presentation mode."""
    return share_link(app_root(), get_scenario(), current_model().registry,
                      st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE), presentation_on())


def share_panel(t: Translator) -> None:
    """The share link, ready to copy (the address bar always carries the same link)."""
    st.header(t("scenarios.share_heading"))
    st.caption(t("scenarios.share_note"))
    st.code(share_url(), language=None, wrap_lines=True)
    if link_note_cut(get_scenario().note):
        st.caption(t("scenarios.note_cut", n=MAX_LINK_NOTE_CHARS))


def scenario_table(scenario: Scenario, shown: ScenarioIdentity, link: str) -> pd.DataFrame:
    """What the downloaded tables are of: name, what it is shown as (preset and changes), note and share link."""
    rows = [("name", shown.name), ("shown_as", shown.full), ("preset", shown.preset_id or ""),
            ("note", scenario.note), ("share_link", link), ("model_version", scenario.model_version)]
    return pd.DataFrame(rows, columns=["field", "value"])


def downloads(t: Translator) -> None:
    """Scenario JSON, one projection table as CSV, and the workbook, its first sheet saying which scenario it is."""
    model = current_model()
    scenario = get_scenario()
    shown = identity(scenario, t)
    st.header(t("scenarios.export_heading"))
    stem = file_stem(shown, "hamkorlik-scenario")
    st.download_button(t("scenarios.download_json"), scenario_to_json(scenario), f"{stem}.json",
                       mime="application/json", width="stretch")
    tables = with_public_sources(projection_tables(model.run_values(scenario.levers), model.tables, model.registry))
    choice = st.selectbox(t("scenarios.table"), list(tables), format_func=lambda k: t(f"scenarios.tables.{k}"))
    st.download_button(t("scenarios.download_csv"), csv_bytes(tables[choice]), f"{stem}-{choice}.csv",
                       mime="text/csv", width="stretch")
    workbook = {"scenario": scenario_table(scenario, shown, share_url()), **tables}
    st.download_button(t("scenarios.download_xlsx"), xlsx_bytes(workbook), f"{stem}.xlsx", width="stretch",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    brief_download(scenario, share_url(), t, key="scenarios_brief_download")


def _read_upload(t: Translator) -> None:
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is None:
        return
    data = upload.getvalue()
    try:
        scenario, notes = scenario_from_json(data[: MAX_JSON_BYTES + 1], current_model().registry)
    except ScenarioFileError as error:
        reason = file_error_text(error, t).rstrip(". ")  # the template ends the sentence: no ".."
        st.session_state["upload_message"] = ("error", t("scenarios.upload_error", name=for_markdown(upload.name),
                                                         reason=reason))
        return
    set_scenario(scenario)
    message = t("scenarios.upload_ok", name=for_markdown(scenario.name or upload.name))
    if notes:
        message += "\n\n" + "\n".join(f"- {file_note_text(note, t)}" for note in notes)
    st.session_state["upload_message"] = ("success", message)


def upload(t: Translator) -> None:
    """Upload a scenario JSON; a bad file is explained and the current scenario is kept."""
    st.header(t("scenarios.import_heading"))
    st.file_uploader(t("scenarios.upload"), type=["json"], key=UPLOAD_KEY, on_change=_read_upload, args=(t,),
                     help=t("scenarios.upload_help"))
    if message := st.session_state.pop("upload_message", None):
        kind, text = message
        (st.error if kind == "error" else st.success)(text)
