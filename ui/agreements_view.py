"""The Agreements page's blocks: the summit documents with their mapping, the chooser, the scenario they build."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model.agreements import ADDITIVE_LEVERS, Agreement, explain, load_agreements, scenario_from_agreements
from model.api import Model
from model.outputs import value_in_year
from model.projection import TURNOVER_YEARS
from model.registry import SECTOR_MIX_KEYS, Registry
from model.scenario import MAX_NAME_CHARS, MAX_NOTE_CHARS, Scenario
from presentation.data_texts import data_text
from presentation.figures import crossing_text, target_text, years_delta_metric
from presentation.i18n import Translator
from ui.state import current_model, set_scenario

CHECKBOX_PREFIX = "agreement."
BUILD_BUTTON = "agreements_build"
BUILT_KEY = "agreements_built"
FLASH_KEY = "agreements_flash"
UNITLESS = ("share", "weight", "ratio")  # "Realisation share = 0.70", not "0.70 share"
COLUMNS = [0.3, 3, 2, 3]


@st.cache_resource(show_spinner=False)
def agreements() -> tuple[Agreement, ...]:
    """The documents, read once per process."""
    return load_agreements()


def _digits(step: float) -> int:
    text = f"{step:g}"
    return len(text.split(".")[1]) if "." in text else 0


def contribution_text(lever: str, value: float, registry: Registry, t: Translator) -> str:
    """``Trade-cost cut +2.5 %`` (added) or ``Investment inflow = 1.34 USD bn/yr`` (set)."""
    param = registry.by_key[lever]
    key = "agreements.lever_add" if lever in ADDITIVE_LEVERS else "agreements.lever_set"
    unit = "" if param.unit in UNITLESS else t.unit(param.unit, value)
    return t(key, label=t(f"params.{lever}.label"), value=t.number(value, _digits(param.step)), unit=unit).strip()


def mapping_text(agreement: Agreement, registry: Registry, t: Translator) -> str:
    """What the document moves in this model, or why nothing."""
    if not agreement.levers:
        return t(f"agreements.none.{agreement.none_reason}")
    return "; ".join(contribution_text(lever, value, registry, t) for lever, value in agreement.levers.items())


def selected_ids() -> list[str]:
    """Ids of the ticked documents, in file order."""
    return [a.id for a in agreements() if st.session_state.get(CHECKBOX_PREFIX + a.id)]


def agreement_list(registry: Registry, t: Translator) -> None:
    """Every document with a checkbox, its channel, its lever mapping and the reasoning with sources."""
    header = st.columns(COLUMNS)
    for column, key in zip(header[1:], ("col_document", "col_channel", "col_lever"), strict=True):
        column.markdown(f"**{t(f'agreements.{key}')}**")
    for agreement in agreements():
        with st.container(border=True):
            box_column, name_column, channel_column, lever_column = st.columns(COLUMNS)
            name = t(f"agreements_data.{agreement.id}.name")
            box_column.checkbox(name, key=CHECKBOX_PREFIX + agreement.id, label_visibility="collapsed")
            with name_column:
                st.markdown(f"**{name}**")  # beside the box, not as its label: long names would be cut off
                if agreement.in_summit_list:
                    gender = t.gender("agreements", agreement.id)  # "Программа подписана", "Соглашение подписано"
                    st.caption(t.select("agreements.signed", gender, number=agreement.number,
                                        date=t.date(agreement.date)))
                else:
                    st.caption(t("agreements.not_in_list"))
            channel_column.markdown(t(f"agreements_data.{agreement.id}.channel"))
            lever_column.markdown(mapping_text(agreement, registry, t))
            # :small[] rather than st.caption: a caption fades its links below AA contrast (axe, 3.1:1)
            st.markdown(":small[" + t(f"agreements_data.{agreement.id}.reasoning") + "]")
            st.markdown(":small[" + t("agreements.sources",
                                      sources="; ".join(data_text(s, t) for s in agreement.sources)) + "]")


def _build(t: Translator) -> None:
    ids = selected_ids()
    levers = scenario_from_agreements(ids, current_model().registry, agreements())
    names = "; ".join(t(f"agreements_data.{i}.name") for i in ids) or "—"
    name = t("agreements.scenario_name", n=len(ids))[:MAX_NAME_CHARS]
    note = t("agreements.scenario_note", names=names)[:MAX_NOTE_CHARS]
    set_scenario(Scenario(name=name, note=note, levers=levers))
    st.session_state[BUILT_KEY] = ids
    st.session_state[FLASH_KEY] = t("agreements.built", name=name)


def build_button(t: Translator) -> None:
    """The button that turns the ticked documents into the session's scenario."""
    st.button(t("agreements.build"), key=BUILD_BUTTON, type="primary", on_click=_build, args=(t,),
              help=t("agreements.build_help"))
    if message := st.session_state.pop(FLASH_KEY, None):
        st.success(message)


def _explanation(ids: list[str], registry: Registry, t: Translator) -> None:
    seen: set[str] = set()
    for agreement, _lever, _value in explain(ids, agreements()):
        if agreement.id in seen:
            continue
        seen.add(agreement.id)
        st.markdown(f"- **{t(f'agreements_data.{agreement.id}.name')}** — {mapping_text(agreement, registry, t)}. "
                    + t(f"agreements_data.{agreement.id}.reasoning"))


def levers_frame(levers: dict[str, float], registry: Registry, t: Translator) -> pd.DataFrame:
    """The levers that differ from business as usual: BAU value and the agreements' value."""
    bau = registry.bau()
    rows = []
    for key, value in levers.items():
        if abs(value - bau[key]) <= 1e-12:
            continue
        digits = _digits(registry.by_key[key].step)
        rows.append({t("agreements.col_param"): t(f"params.{key}.label"),
                     t("agreements.col_unit"): t(f"units.{registry.by_key[key].unit}"),
                     t("agreements.col_bau"): t.number(bau[key], digits),
                     t("agreements.col_value"): t.number(value, digits)})
    return pd.DataFrame(rows)


def _headline(model: Model, levers: dict[str, float], t: Translator) -> None:
    result = model.run_values(levers)
    scenario, bau = crossing_text(result.scenario, t), crossing_text(result.bau, t)
    target = target_text(result, t)
    bau_turnover = float(value_in_year(result.bau.turnover.total, TURNOVER_YEARS, result.goal_year))
    first, second, third = st.columns(3)
    first.metric(t("headline.target_year", target=target), scenario.value, **years_delta_metric(result, t))
    second.metric(t("agreements.bau_year", target=target), bau.value)
    difference = result.turnover_at_goal - bau_turnover
    third.metric(t("headline.turnover_in_goal", year=t.year(result.goal_year)), t.usd_bn(result.turnover_at_goal),
                 delta=t("agreements.turnover_vs_bau", delta=t.signed(difference, 2).replace("−", "-")),
                 delta_color="normal" if abs(difference) > 5e-3 else "off")
    st.caption(t("headline.mirror_note"))


def built_result(model: Model, t: Translator) -> None:
    """After a build: the reasoning of the chosen documents, the resulting levers and the headline."""
    if BUILT_KEY not in st.session_state:
        return
    ids: list[str] = list(st.session_state[BUILT_KEY])
    if ids != selected_ids():
        st.info(t("agreements.stale"))
    registry = model.registry
    levers = scenario_from_agreements(ids, registry, agreements())
    st.header(t("agreements.result_heading"))
    if not ids:
        st.info(t("agreements.nothing_chosen"))
    else:
        _explanation(ids, registry, t)
        if levers == registry.bau():
            st.info(t("agreements.no_lever_chosen"))
    if any(levers[k] != registry.bau()[k] for k in SECTOR_MIX_KEYS) and \
            levers["investment_inflow"] == 0 and levers["launched_projects"] == 0:
        st.warning(t("agreements.mix_without_programme"))
    frame = levers_frame(levers, registry, t)
    if not frame.empty:
        st.markdown(f"**{t('agreements.levers_heading')}**")
        st.dataframe(frame, hide_index=True, width="stretch")
        st.caption(t("agreements.levers_note"))
    st.markdown(f"**{t('agreements.headline_heading')}**")
    _headline(model, levers, t)
    st.caption(t("agreements.preset_note"))
